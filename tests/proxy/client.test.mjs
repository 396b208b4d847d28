// The browser side of the pattern: the ordinary WazperClient with no key, pointed at the proxy.
// (Run in Node here: the client treats a keyless client the same everywhere.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../support/emulator.mjs";
import { startWorkers } from "./harness.mjs";
import { loadBuiltPackage } from "../support/package.mjs";

let emu, workers, wazper, errorClass;


before(async () => {
  wazper = await loadBuiltPackage();
  errorClass = wazper.WazperError;
  emu = await startEmulator();
  // Plain HTTP to miniflare reaches the first worker.
  workers = await startWorkers({
    open: {
      source: (entry) => `import { createWazperProxy } from ${JSON.stringify(entry)};
        export default createWazperProxy({ baseUrl: ${JSON.stringify(emu.url)}, prefix: "/edge/wazper", allowAnonymous: true });`,
      bindings: { WAZPER_API_KEY: "demo_key" },
    },
  });
});

after(async () => {
  await workers?.dispose();
  await emu?.stop();
});

test("WazperClient without a key works through the proxy, errors included", async () => {
  const client = new wazper.WazperClient({ baseUrl: `${workers.url}/edge/wazper/`, maxRetries: 0 });
  const stamp = Date.now();
  const synced = await client.userSync({ email: `ana${stamp}@acme-client.example`, country: "de" });
  assert.equal(synced.status, "processing");
  const skipped = await client.userSync({ email: "x@gmail.com", country: "DE" });
  assert.equal(skipped.status, "skipped");

  const input = { name: "Sam", email: `sam${stamp}@acme-client.example`, companyName: "Acme", toBeInvitedById: `ana${stamp}@acme-client.example` };
  const created = await client.createColleague(input);
  assert.match(created.id, /^tbi_/);
  const err = await client.createColleague(input).then(() => null, (e) => e);
  assert.ok(err, "second create must fail");
  assert.equal(err.name, "WazperError");
  assert.equal(err.code, "duplicate_email");
  assert.equal(err.status, 409);
  if (errorClass) assert.ok(err instanceof errorClass);

  const list = await client.listColleagues(input.toBeInvitedById);
  assert.deepEqual(list.map((c) => c.id), [created.id]);
  const updated = await client.updateColleague({ id: created.id, status: "invited" });
  assert.equal(updated.status, "invited");

  const log = await (await fetch(`${emu.url}/__emulator/requests`)).json();
  assert.ok(log.length >= 5);
  assert.ok(log.every((r) => r.headers["x-api-key"] === "demo_key"));
});

test("a proxy refusal reaches the client as the same error code", async () => {
  // Sent raw (the client would refuse it before sending): the proxy answers like the API.
  const res = await fetch(`${workers.url}/edge/wazper/v1/colleagues-update`, {
    method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id: "tbi_x" }),
  });
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.code, "missing_fields");
  assert.match(body.error, /^Required fields missing/);
});
