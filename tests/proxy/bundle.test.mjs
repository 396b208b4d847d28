// The proxy is not part of what a browser loads for "wazper": it lives in its own wasm behind
// "wazper/proxy" (issue 13). Checked on the built package in pkg/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../support/emulator.mjs";

const pkg = path.join(repoRoot, "pkg");
const read = (file) => readFileSync(path.join(pkg, file));

// Text only the proxy's code holds (its messages and option errors), as it sits in a data segment.
// (The client's browser_key_exposure message names createWazperProxy, so the probe is its option prefix.)
const PROXY_ONLY = ["createWazperProxy: ", "Upstream unreachable", "Upstream redirected", "Origin not allowed", "Request body timed out", "allowAnonymous"];

test("the browser wasm and its glue hold no proxy code; the proxy wasm does", async () => {
  const main = read("wazper_bg.wasm");
  const proxy = read("wazper_proxy_bg.wasm");
  const exportsOf = (bytes) => WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  assert.ok(!exportsOf(main).some((n) => /proxy/i.test(n)), "a proxy export in the main wasm");
  assert.ok(exportsOf(proxy).some((n) => /createwazperproxy/i.test(n)), "no createWazperProxy in the proxy wasm");
  for (const text of PROXY_ONLY) {
    assert.equal(main.includes(text), false, `main wasm holds "${text}"`);
    assert.equal(read("wazper.js").includes(text), false, `main glue holds "${text}"`);
  }
  for (const text of ["Upstream unreachable", "Upstream redirected", "Request body timed out"]) {
    assert.ok(proxy.includes(text), `proxy wasm lacks "${text}" (is the probe list stale?)`);
  }
  // Leaving the proxy out is a real size drop, not a renamed export.
  assert.ok(proxy.length - main.length > 8 * 1024, `main ${main.length} B, proxy ${proxy.length} B`);
});

test('"wazper" exports no proxy; "wazper/proxy" exports createWazperProxy', async () => {
  const main = await import(pathToFileURL(path.join(pkg, "node.js")).href);
  assert.equal("createWazperProxy" in main, false);
  const proxy = await import(pathToFileURL(path.join(pkg, "proxy-node.js")).href);
  assert.equal(typeof proxy.createWazperProxy, "function");
  assert.throws(() => proxy.createWazperProxy({}), (e) => e instanceof proxy.WazperError && e.code === "invalid_argument");
  const worker = proxy.createWazperProxy({ allowAnonymous: true });
  const res = await worker.fetch(new Request("https://w.example/elsewhere"), {});
  assert.equal(res.status, 404);
});

test('package.json maps "./proxy" per runtime, types first, and every file it names is shipped', () => {
  const manifest = JSON.parse(read("package.json"));
  const entry = manifest.exports["./proxy"];
  assert.equal(Object.keys(entry)[0], "types");
  assert.deepEqual(Object.keys(entry), ["types", "workerd", "node", "default"]);
  for (const file of [...Object.values(entry), manifest.exports["./proxy/wasm"]]) {
    assert.ok(read(file).length > 0, file);
  }
  // Each runtime entry loads the proxy's own wasm, never the browser one.
  for (const file of ["proxy.js", "proxy-node.js", "proxy-workerd.js"]) {
    const text = read(file).toString();
    assert.match(text, /wazper_proxy_bg\.wasm/, file);
    assert.doesNotMatch(text, /["/]wazper_bg\.wasm|\.\/wazper\.js"/, file);
  }
  assert.match(read("proxy.d.ts").toString(), /timeoutMs\?: number/);
  assert.doesNotMatch(read("index.d.ts").toString(), /createWazperProxy\(/);
});
