// examples/worker runs as documented: `wrangler dev` on loopback, forwarding to the emulator.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startEmulator, repoRoot } from "../support/emulator.mjs";
import { startWranglerDev } from "../support/wrangler.mjs";

let emu, wrangler, url;
const exampleDir = path.join(repoRoot, "examples/worker");

before(async () => {
  emu = await startEmulator();
  wrangler = await startWranglerDev(exampleDir, ["--define", `WAZPER_BASE_URL:${JSON.stringify(emu.url)}`]);
  url = wrangler.url;
});

after(async () => {
  await wrangler?.stop();
  await emu?.stop();
});

test("the example Worker answers preflights, refuses strangers and forwards with the key", async () => {
  const pre = await fetch(`${url}/wazper/v1/user-sync`, {
    method: "OPTIONS",
    headers: { Origin: "http://localhost:5173", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type, authorization" },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get("access-control-allow-origin"), "http://localhost:5173");

  const body = JSON.stringify({ user: { email: `ana${Date.now()}@acme.example`, country: "de" } });
  const stranger = await fetch(`${url}/wazper/v1/user-sync`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
  assert.equal(stranger.status, 401);

  const res = await fetch(`${url}/wazper/v1/user-sync`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer dev-session", Origin: "http://localhost:5173" },
    body,
  });
  const text = await res.text();
  assert.equal(res.status, 202, text);
  assert.ok(!text.includes("demo_key"));
  const log = await (await fetch(`${emu.url}/__emulator/requests`)).json();
  assert.equal(log.length, 1);
  assert.equal(log[0].headers["x-api-key"], "demo_key");
  assert.equal(JSON.parse(log[0].body).user.country, "Germany");
});
