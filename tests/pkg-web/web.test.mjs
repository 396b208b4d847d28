// Plain browser ES modules, no bundler: an import map points "wazper/web" at the installed package.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startEmulator } from "../support/emulator.mjs";
import {
  copyScenario, launchChromium, makeProject, packPackage, reportScenario, runPage, scratchDir, serveDirectory,
} from "../support/pkg-project.mjs";

const scratch = scratchDir("pkg-web");
const { tarball } = packPackage(scratch);
const app = makeProject(path.join(scratch, "app"), tarball, {
  files: {
    "index.html": `<!doctype html>
<html><head><meta charset="utf-8"><title>wazper/web</title>
<script type="importmap">{ "imports": { "wazper/web": "/node_modules/wazper/web.js" } }</script>
</head><body>
<script type="module">
  import init, * as wazper from "wazper/web";
  import { runScenario } from "/scenario.mjs";
  try {
    await init();
    await init(); // a second call is a no-op
    const baseUrl = new URLSearchParams(location.search).get("api");
    window.__wazperResult = await runScenario({ wazper, baseUrl, runtime: "web", browser: true });
  } catch (err) {
    window.__wazperResult = { fatal: String((err && err.stack) || err) };
  }
</script>
</body></html>
`,
  },
});
copyScenario(app);

let emulator, site, browser;
before(async () => {
  emulator = await startEmulator();
  site = await serveDirectory(app);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.stop();
  await emulator?.stop();
});

test("a <script type=module> page: init, helpers and endpoints through the emulator's CORS", async (t) => {
  const { result, problems } = await runPage(browser, `${site.url}/?api=${encodeURIComponent(emulator.url)}`);
  await reportScenario(t, result);
  assert.deepEqual(problems.filter((p) => !/status of 4\d\d/.test(p)), [], "console errors or failed requests");
});
