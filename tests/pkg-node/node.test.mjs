// `npm install wazper` (from the packed tarball) into a scratch Node project, then use it as a user would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startEmulator } from "../support/emulator.mjs";
import { copyScenario, makeProject, packPackage, repoRoot, reportScenario, scratchDir } from "../support/pkg-project.mjs";

const scratch = scratchDir("pkg-node");
const { tarball, files } = packPackage(scratch);
const app = path.join(scratch, "app");

const MAIN = `
import * as wazper from "wazper";
import { runScenario } from "./scenario.mjs";
const result = await runScenario({ wazper, baseUrl: process.env.WAZPER_EMULATOR_URL, runtime: "node", browser: false });
process.stdout.write(JSON.stringify(result));
`;

// Every timer, randomness and network primitive is trapped before the import: the entry may read
// its .wasm file and nothing else (Workers forbid the rest at global scope, and users notice).
const GUARD = `
const used = [];
const trap = (obj, key, label) => {
  const original = obj[key];
  obj[key] = function (...args) { used.push(label); return original.apply(this, args); };
};
trap(globalThis, "setTimeout", "setTimeout");
trap(globalThis, "setInterval", "setInterval");
trap(globalThis, "setImmediate", "setImmediate");
trap(globalThis, "fetch", "fetch");
trap(Math, "random", "Math.random");
trap(globalThis.crypto, "getRandomValues", "crypto.getRandomValues");
trap(globalThis.crypto, "randomUUID", "crypto.randomUUID");
const wazper = await import("wazper");
const proxy = await import("wazper/proxy");
process.stdout.write(JSON.stringify({ used, exports: Object.keys(wazper).sort(), proxyExports: Object.keys(proxy).sort() }));
`;

const WEB = `
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as web from "wazper/web";
const wasmPath = fileURLToPath(import.meta.resolve("wazper/wasm"));
web.initSync({ module: readFileSync(wasmPath) });
const root = await import("wazper");
process.stdout.write(JSON.stringify({
  wasmPath,
  defaultIsFunction: typeof web.default === "function",
  webExports: Object.keys(web).sort(),
  rootExports: Object.keys(root).sort(),
  sample: typeof web.normalizeCountry === "function" ? web.normalizeCountry("Deutschland") : "absent",
}));
`;

const node = (file, env = {}) =>
  execFileSync(process.execPath, [file], { cwd: app, encoding: "utf8", env: { ...process.env, ...env } });

let emulator;
before(async () => {
  makeProject(app, tarball, { files: { "main.mjs": MAIN, "guard.mjs": GUARD, "web.mjs": WEB } });
  copyScenario(app);
  emulator = await startEmulator();
});
after(async () => {
  await emulator?.stop();
});

test("the tarball holds the package files and nothing else", () => {
  for (const f of ["package.json", "README.md", "LICENSE", "node.js", "workerd.js", "browser.js", "web.js", "error.js", "wazper.js", "wazper_bg.wasm", "index.d.ts", "web.d.ts", "exports.js", "embedded.js", "base64.js", "wazper_bg_base64.js",
    "proxy.js", "proxy-node.js", "proxy-workerd.js", "proxy.d.ts", "wazper_proxy.js", "wazper_proxy_bg.wasm"]) {
    assert.ok(files.includes(f), `${f} is packed`);
  }
  const allowed = /^(package\.json|README\.md|LICENSE|wazper(_proxy)?_bg\.wasm|disposable-domains\.bin|[a-z0-9_-]+\.js|[a-z_-]+\.d\.ts)$/;
  for (const f of files) assert.match(f, allowed, `unexpected file in the tarball: ${f}`);
  assert.ok(!files.includes("wazper.d.ts"), "wasm-bindgen's own types are not shipped");
});

test("package.json: name, Cargo version, exports conditions in order", () => {
  const pkg = JSON.parse(readFileSync(path.join(app, "node_modules/wazper/package.json"), "utf8"));
  const cargo = readFileSync(path.join(repoRoot, "Cargo.toml"), "utf8");
  const version = cargo.split(/^\[package\]$/m)[1].match(/^version\s*=\s*"([^"]+)"/m)[1];
  assert.equal(pkg.name, "wazper");
  assert.equal(pkg.version, version);
  assert.equal(pkg.type, "module");
  assert.ok(pkg.license && pkg.repository && pkg.engines?.node, "license, repository, engines");
  // types first; workerd and deno before node (both also match "node"); bundlers that target Node set
  // "module" or "development" and get the embedded form; "webpack" and production browser builds the asset form.
  assert.deepEqual(Object.keys(pkg.exports["."]), ["types", "workerd", "deno", "node", "webpack", "browser", "default"]);
  assert.deepEqual(pkg.exports["."].node, { module: "./embedded.js", development: "./embedded.js", default: "./node.js" });
  assert.deepEqual(pkg.exports["."].browser, { production: "./browser.js", default: "./embedded.js" });
  assert.equal(pkg.exports["."].default, "./embedded.js");
  assert.equal(Object.keys(pkg.exports["./web"])[0], "types");
  assert.equal(pkg.exports["./wasm"], "./wazper_bg.wasm");
  assert.deepEqual(Object.keys(pkg.exports["./proxy"]), ["types", "workerd", "node", "default"]);
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v.slice(2)) : Object.values(v).forEach(walk));
  walk(pkg.exports);
  for (const t of targets) assert.ok(files.includes(t), `exports target ${t} is packed`);
  for (const entry of ["./node.js", "./workerd.js", "./browser.js", "./embedded.js"]) assert.ok(pkg.sideEffects.includes(entry), `${entry} keeps its side effect`);
});

test("the shipped .wasm carries no names or producers section", () => {
  for (const file of ["wazper_bg.wasm", "wazper_proxy_bg.wasm"]) {
    const bytes = readFileSync(path.join(app, "node_modules/wazper", file));
    const custom = WebAssembly.Module.customSections;
    const module = new WebAssembly.Module(bytes);
    assert.equal(custom(module, "name").length, 0, `${file}: name section`);
    assert.equal(custom(module, "producers").length, 0, `${file}: producers section`);
  }
});

test("the shipped types declare no `any`", () => {
  for (const f of files.filter((f) => f.endsWith(".d.ts"))) {
    const src = readFileSync(path.join(app, "node_modules/wazper", f), "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
    assert.doesNotMatch(src, /\bany\b/, `${f} uses any`);
  }
});

test("importing wazper and wazper/proxy uses no timers, randomness or network at top level", () => {
  const { used } = JSON.parse(node("guard.mjs"));
  assert.deepEqual(used, []);
});

test("runtime exports match the declared types", () => {
  const dts = readFileSync(path.join(app, "node_modules/wazper/index.d.ts"), "utf8");
  const declared = [...dts.matchAll(/^export declare (?:function|class) (\w+)/gm)].map((m) => m[1]);
  const { exports } = JSON.parse(node("guard.mjs"));
  const missing = declared.filter((n) => !exports.includes(n));
  const undeclared = exports.filter((n) => !declared.includes(n) && n !== "initSync");
  assert.deepEqual(undeclared, [], "exported at runtime but not declared in index.d.ts");
  if (process.env.WAZPER_ALLOW_MISSING_EXPORTS !== "1") assert.deepEqual(missing, [], "declared but not exported");
});

test("wazper/proxy exports what proxy.d.ts declares, and wazper does not export the proxy", () => {
  const dts = readFileSync(path.join(app, "node_modules/wazper/proxy.d.ts"), "utf8");
  const declared = [...dts.matchAll(/^export declare (?:function|class) (\w+)/gm)].map((m) => m[1]);
  const { exports, proxyExports } = JSON.parse(node("guard.mjs"));
  assert.deepEqual(proxyExports, ["WazperError", ...declared].sort());
  assert.ok(!exports.includes("createWazperProxy"));
});

test("wazper/web and wazper/wasm resolve and initialise in Node", () => {
  const r = JSON.parse(node("web.mjs"));
  assert.match(r.wasmPath, /node_modules\/wazper\/wazper_bg\.wasm$/);
  assert.equal(r.defaultIsFunction, true);
  for (const n of r.rootExports) assert.ok(r.webExports.includes(n), `wazper/web also exports ${n}`);
  if (r.sample !== "absent") assert.equal(r.sample, "Germany");
});

test("the scenario: helpers and every endpoint against the emulator", async (t) => {
  const result = JSON.parse(node("main.mjs", { WAZPER_EMULATOR_URL: emulator.url }));
  await reportScenario(t, result);
});

test("the embedded form is the shipped .wasm, byte for byte, by each decoding path", async () => {
  const dir = path.join(app, "node_modules/wazper");
  const wasm = readFileSync(path.join(dir, "wazper_bg.wasm"));
  const { default: text } = await import(pathToFileURL(path.join(dir, "wazper_bg_base64.js")).href);
  const { fromBase64 } = await import(pathToFileURL(path.join(dir, "base64.js")).href);
  const same = (bytes, how) => assert.ok(wasm.equals(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)), how);
  const saved = { native: Uint8Array.fromBase64, buffer: globalThis.Buffer };
  try {
    // Uint8Array.fromBase64 where the runtime has it (Deno, Bun, recent Chromium); a stand-in here if not.
    Uint8Array.fromBase64 = saved.native ?? ((s) => new Uint8Array(saved.buffer.from(s, "base64")));
    same(fromBase64(text), "Uint8Array.fromBase64");
    delete Uint8Array.fromBase64;
    same(fromBase64(text), "Buffer (Node, Bun)");
    globalThis.Buffer = undefined;
    same(fromBase64(text), "atob (browsers without fromBase64)");
  } finally {
    globalThis.Buffer = saved.buffer;
    if (saved.native) Uint8Array.fromBase64 = saved.native;
    else delete Uint8Array.fromBase64;
  }
});
