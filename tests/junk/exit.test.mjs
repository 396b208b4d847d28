// Nothing the client leaves behind keeps Node's event loop alive: after calls that succeed, time
// out, get aborted mid-wait or fail fast, the process exits at once although every timeout the
// client armed was long (60 s per attempt, 30 s Retry-After waits).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const child = `
import { readFileSync } from "node:fs";
import * as w from ${JSON.stringify(path.join(root, "pkg/wazper.js"))};
w.initSync({ module: readFileSync(${JSON.stringify(path.join(root, "pkg/wazper_bg.wasm"))}) });
let n = 0;
globalThis.fetch = async (request) => {
  n++;
  if (n === 2) return new Response("{}", { status: 503, headers: { "retry-after": "30" } });
  if (n === 3) return new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(new DOMException("t", "AbortError"))));
  return new Response("[]", { status: 200 });
};
const c = new w.WazperClient({ apiKey: "k", baseUrl: "https://api.example.test", timeoutMs: 60000 });
await c.listColleagues("a@acme.example");
const ac = new AbortController();
setTimeout(() => ac.abort(), 50);
const aborted = await c.listColleagues("a@acme.example", { signal: ac.signal }).catch((e) => e.code);
const c0 = new w.WazperClient({ apiKey: "k", baseUrl: "https://api.example.test", maxRetries: 0 });
const timedOut = await c0.listColleagues("a@acme.example", { timeoutMs: 50 }).catch((e) => e.code);
console.log(JSON.stringify({ aborted, timedOut }));
`;

test("the process exits as soon as the calls are done", () => {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", child], { encoding: "utf8", timeout: 20_000 });
  const took = Date.now() - t0;
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim()), { aborted: "aborted", timedOut: "timeout" });
  assert.ok(took < 5_000, `exited after ${took} ms: a timer or listener kept Node alive`);
});
