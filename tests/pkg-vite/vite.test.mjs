// A user's Vite app: `npm install wazper`, `import { ... } from "wazper"`, `vite build`, deploy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startEmulator } from "../support/emulator.mjs";
import {
  copyScenario, devModules, WASM_BASE64_MAGIC, launchChromium, makeProject, packPackage, reportScenario, runPage, scratchDir, serveDirectory,
} from "../support/pkg-project.mjs";

const scratch = scratchDir("pkg-vite");
const { tarball } = packPackage(scratch);
const app = makeProject(path.join(scratch, "app"), tarball, {
  files: {
    "index.html": `<!doctype html>
<html><head><meta charset="utf-8"><title>wazper in vite</title></head>
<body><script type="module" src="/main.js"></script></body></html>
`,
    "main.js": `import * as wazper from "wazper";
import { runScenario } from "./scenario.mjs";

const baseUrl = new URLSearchParams(location.search).get("api");
runScenario({ wazper, baseUrl, runtime: "vite", browser: true }).then(
  (result) => { window.__wazperResult = result; },
  (err) => { window.__wazperResult = { fatal: String((err && err.stack) || err) }; },
);
`,
  },
});
copyScenario(app);
const dist = path.join(app, "dist");

// Named imports only, the common case: the bundler may drop every module it deems side-effect free,
// so this proves package.json "sideEffects" keeps the entry that initialises the wasm.
const named = makeProject(path.join(scratch, "named"), tarball, {
  files: {
    "index.html": `<!doctype html>
<html><head><meta charset="utf-8"><title>wazper named import</title></head>
<body><script type="module" src="/main.js"></script></body></html>
`,
    "main.js": `import { lookupCountry } from "wazper";

try {
  const alpha2 = lookupCountry("France")?.alpha2;
  window.__wazperResult = {
    runtime: "vite-named",
    checks: [{ name: "named import only: the wasm is initialised", ok: alpha2 === "FR", error: "lookupCountry gave " + alpha2 }],
  };
} catch (err) {
  window.__wazperResult = { fatal: String((err && err.stack) || err) };
}
`,
  },
});
const viteBuild = (cwd) =>
  execFileSync(process.execPath, [path.join(devModules, "vite/bin/vite.js"), "build", "--logLevel", "warn"], {
    cwd,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, CI: "true" },
  });

let emulator, site, namedSite, browser;
before(async () => {
  viteBuild(app);
  viteBuild(named);
  emulator = await startEmulator();
  site = await serveDirectory(dist);
  namedSite = await serveDirectory(path.join(named, "dist"));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.stop();
  await namedSite?.stop();
  await emulator?.stop();
});

test("vite build emits the .wasm as an asset and bundles the browser entry", () => {
  const assets = readdirSync(path.join(dist, "assets"));
  const js = assets.filter((f) => f.endsWith(".js")).map((f) => readFileSync(path.join(dist, "assets", f), "utf8")).join("\n");
  // Vite inlines assets under 4 KiB as data URLs; the real module is far larger and becomes a file.
  const wasmSize = statSync(path.join(app, "node_modules/wazper/wazper_bg.wasm")).size;
  if (wasmSize > 4096) assert.ok(assets.some((f) => f.endsWith(".wasm")), `no .wasm among ${assets.join(", ")}`);
  else assert.match(js, /data:application\/wasm/);
  assert.doesNotMatch(js, /node:fs|readFileSync/, "the Node entry was bundled");
  assert.ok(!js.includes(WASM_BASE64_MAGIC), "the production build carries the asset form only, no embedded copy");
  // The edge proxy is "wazper/proxy": neither its wasm nor its glue reaches a browser bundle.
  const wasmAssets = assets.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasmAssets.length, 1, `one .wasm asset, got ${wasmAssets.join(", ")}`);
  assert.equal(statSync(path.join(dist, "assets", wasmAssets[0])).size, wasmSize, "the browser .wasm is the main one");
  // (The scenario itself names createWazperProxy, to check it is absent: look for the glue's call.)
  assert.doesNotMatch(js, /wazper_proxy|\.createWazperProxy\(/, "proxy code in the browser bundle");
});

test("the built app runs in Chromium: helpers and endpoints through the emulator's CORS", async (t) => {
  const { result, problems } = await runPage(browser, `${site.url}/?api=${encodeURIComponent(emulator.url)}`);
  await reportScenario(t, result);
  assert.deepEqual(problems.filter((p) => !/status of 4\d\d/.test(p)), [], "console errors or failed requests");
});

test("a build with named imports only still initialises the wasm (sideEffects)", async (t) => {
  const { result, problems } = await runPage(browser, `${namedSite.url}/`);
  await reportScenario(t, result);
  assert.deepEqual(problems, [], "console errors or failed requests");
});

// `vite` (the dev server) with no config file: Vite pre-bundles dependencies with esbuild into
// node_modules/.vite, where a .wasm beside the entry would be lost. Vite sets "development" there,
// so the package hands it the embedded form: no optimizeDeps.exclude needed.
test("the Vite dev server, with no optimizeDeps config, serves a working app", async (t) => {
  const { createServer } = await import(pathToFileURL(path.join(devModules, "vite/dist/node/index.js")).href);
  const server = await createServer({ root: app, logLevel: "error", clearScreen: false, server: { host: "127.0.0.1", port: 0 } });
  await server.listen();
  const api = await startEmulator(); // its own: the build's page already made this scenario's records
  try {
    const origin = server.resolvedUrls.local[0].replace(/\/$/, "");
    const { result, problems, failedResponses } = await runPage(browser, `${origin}/?api=${encodeURIComponent(api.url)}`);
    await reportScenario(t, result);
    assert.deepEqual(failedResponses.filter((r) => r.url.startsWith(origin)), [], "the app's own files all loaded");
    assert.deepEqual(problems.filter((p) => !/status of 4\d\d/.test(p)), [], "console errors or failed requests");
  } finally {
    await server.close();
    await api.stop();
  }
});
