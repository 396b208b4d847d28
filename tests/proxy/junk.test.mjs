// Junk into createWazperProxy and its fetch never traps the wasm instance: every call either
// returns/throws a WazperError (construction) or resolves to a Response (requests).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../support/emulator.mjs";

// "wazper/proxy" through its Node entry.
const { createWazperProxy } = await import(pathToFileURL(path.join(repoRoot, "pkg", "proxy-node.js")).href);

// A small deterministic PRNG, so a failure replays.
let seed = 0x9e3779b9;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const junkString = () => pick(["", " ", "\u0000", "\r\n", "é", "💥", "a".repeat(1 + Math.floor(rand() * 40)), "http://", "/wazper", "*", "null", "%zz", "x@y", String(rand())]);
const revoked = Proxy.revocable({}, {});
revoked.revoke();
const scalars = [undefined, null, true, false, 0, -1, 1.5, NaN, Infinity, 2 ** 64, 10n, Symbol("s"), () => true, [], [1, "a"], {}, revoked.proxy, new Date(0)];
function junk(depth = 0) {
  const r = rand();
  if (r < 0.35 || depth > 2) return pick(scalars);
  if (r < 0.6) return junkString();
  if (r < 0.75) return Array.from({ length: Math.floor(rand() * 3) }, () => junk(depth + 1));
  const o = {};
  for (const key of ["baseUrl", "prefix", "apiKeyBinding", "allowedOrigins", "authorize", "allowAnonymous", "maxBodyBytes", "skipPersonalEmails", "timeoutMs", "user", "email", "country"]) {
    if (rand() < 0.4) o[key] = junk(depth + 1);
  }
  return o;
}

function expectWazperError(e) {
  assert.equal(e?.name, "WazperError", `not a WazperError: ${e}`);
  assert.equal(typeof e.code, "string");
}

test("createWazperProxy with junk options returns a worker or throws a WazperError", () => {
  for (let i = 0; i < 2000; i++) {
    const options = junk();
    try {
      const worker = createWazperProxy(options);
      assert.equal(typeof worker.fetch, "function");
    } catch (e) {
      expectWazperError(e);
    }
  }
  const thrower = { get baseUrl() { throw new Error("getter"); }, allowAnonymous: true };
  assert.throws(() => createWazperProxy(thrower), (e) => e.name === "WazperError" && e.code === "invalid_argument" && /baseUrl/.test(e.message));
});

test("fetch with junk requests and arguments always resolves to a Response", async () => {
  const worker = createWazperProxy({ baseUrl: "http://127.0.0.1:9", allowAnonymous: true, maxBodyBytes: 512, allowedOrigins: ["https://a.example"] });
  const hooked = createWazperProxy({ baseUrl: "http://127.0.0.1:9", authorize: () => pick([() => true, () => false, () => "yes", () => Promise.resolve(true), () => Promise.reject(new Error("x")), () => { throw new Error("y"); }, () => undefined])() });
  const paths = ["/wazper/v1/user-sync", "/wazper/v1/colleagues-create", "/wazper/v1/colleagues-list?email=a%40b.co", "/wazper/v1/colleagues-update", "/x", "/wazper/v1/user-sync/"];
  for (let i = 0; i < 400; i++) {
    const method = pick(["GET", "POST", "PATCH", "OPTIONS", "DELETE", "PUT"]);
    const headers = {};
    if (rand() < 0.5) headers.Origin = pick(["https://a.example", "https://b.example", "null", "💥".length ? "https://a.example/" : ""]);
    if (rand() < 0.3) headers["Access-Control-Request-Method"] = pick(["POST", "GET", "PATCH", ""]);
    if (rand() < 0.3) headers["Content-Length"] = pick(["0", "5", "999999", "abc"]);
    let json;
    try { json = JSON.stringify(junk()) ?? "null"; } catch { json = "{}"; }
    const body = method === "GET" || method === "OPTIONS" ? undefined : pick([json, `{"user":${json}}`, "{", "\u0000\u00ff", "x".repeat(600)]);
    let request;
    try {
      request = new Request(`https://w.example${pick(paths)}`, { method, headers, body });
    } catch {
      continue; // Node refused the combination (e.g. a Content-Length it will not send)
    }
    const target = rand() < 0.5 ? worker : hooked;
    const response = await target.fetch(request, pick([{ WAZPER_API_KEY: "k" }, {}, junk(), { WAZPER_API_KEY: "bad key\n" }]), junk());
    assert.ok(response instanceof Response, "not a Response");
    assert.ok(response.status >= 200 && response.status <= 599);
    await response.arrayBuffer();
  }
  for (const args of [[], [undefined], [null, null], [42, {}], ["https://w.example/wazper/v1/user-sync"], [{ url: "x", method: "POST" }]]) {
    const response = await worker.fetch(...args);
    assert.equal(response.status, 500);
  }
  // The instance still works after all that.
  const ok = await worker.fetch(new Request("https://w.example/wazper/v1/user-sync", { method: "POST", body: JSON.stringify({ user: { email: "a@gmail.com", country: "DE" } }) }), { WAZPER_API_KEY: "k" });
  assert.deepEqual(await ok.json(), { success: true, status: "skipped", reason: "personal_email" });
});
