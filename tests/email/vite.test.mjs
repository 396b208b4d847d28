// wazper/disposable through a bundler: a Vite app importing "wazper" and "wazper/disposable" from the
// npm tarball, `vite build`, served and run in headless Chromium. Vite must emit the list as an asset
// (`new URL(..., import.meta.url)`), and the default import must not pull it in.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { devModules, launchChromium, makeProject, packPackage, reportScenario, runPage, scratchDir, serveDirectory } from "../support/pkg-project.mjs";

const scratch = scratchDir("email-vite");
const { tarball } = packPackage(scratch);
const html = `<!doctype html><html><head><meta charset="utf-8"><title>wazper/disposable</title></head>
<body><script type="module" src="/main.js"></script></body></html>
`;
const app = makeProject(path.join(scratch, "app"), tarball, {
  files: {
    "index.html": html,
    "main.js": `import { classifyEmail } from "wazper";
import { loadDisposableDomains } from "wazper/disposable";

(async () => {
  const before = classifyEmail("x@gettempmail.com").kind;
  const added = await loadDisposableDomains();
  const after = ["x@gettempmail.com", "x@gmail.com", "x@acme.example"].map((e) => classifyEmail(e).kind);
  window.__wazperResult = { runtime: "vite", checks: [
    { name: "wazper/disposable loads its emitted asset", ok: before === "work" && added > 100000, error: before + " / " + added },
    { name: "the detector knows the full list", ok: after.join() === "disposable,personal,work", error: after.join() },
  ] };
})().catch((err) => { window.__wazperResult = { fatal: String((err && err.stack) || err) }; });
`,
  },
});
// The default import alone: the list must stay out of its build.
const plain = makeProject(path.join(scratch, "plain"), tarball, {
  files: { "index.html": html, "main.js": `import { isPersonalEmail } from "wazper";\nwindow.__wazperResult = isPersonalEmail("a@gmail.com");\n` },
});
const viteBuild = (cwd) =>
  execFileSync(process.execPath, [path.join(devModules, "vite/bin/vite.js"), "build", "--logLevel", "warn"], {
    cwd,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, CI: "true" },
  });

let site, browser;
before(async () => {
  viteBuild(app);
  viteBuild(plain);
  site = await serveDirectory(path.join(app, "dist"));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.stop();
});

test("vite emits the list as an asset only for the app that imports wazper/disposable", () => {
  const assets = readdirSync(path.join(app, "dist/assets"));
  assert.ok(assets.some((f) => /disposable-domains.*\.bin$/.test(f)), `no list among ${assets.join(", ")}`);
  const plainAssets = readdirSync(path.join(plain, "dist/assets"));
  assert.ok(!plainAssets.some((f) => f.endsWith(".bin")), `the default import emitted ${plainAssets.join(", ")}`);
  const js = plainAssets.filter((f) => f.endsWith(".js")).map((f) => readFileSync(path.join(plain, "dist/assets", f), "utf8")).join("");
  assert.doesNotMatch(js, /disposable-domains/);
});

test("the built app loads the list in Chromium", async (t) => {
  const { result, problems } = await runPage(browser, `${site.url}/`);
  await reportScenario(t, result);
  assert.deepEqual(problems, [], "console errors or failed requests");
});
