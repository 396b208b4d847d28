// Shared machinery of the package suites (tests/pkg-*): pack pkg/ with `npm pack`, install the
// tarball into a scratch project the way a user would, serve a directory, drive Chromium, and judge
// the results of tests/support/scenario.mjs.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { repoRoot, startEmulator } from "./emulator.mjs";

export { repoRoot };
// WAZPER_PKG_DIR: test another built package directory (default: the repo's pkg/).
export const pkgDir = process.env.WAZPER_PKG_DIR ?? path.join(repoRoot, "pkg");
export const devModules = path.join(repoRoot, "node_modules");

/** A fresh directory under $WAZPER_SCRATCH (or .scratch/). */
export function scratchDir(name) {
  const base = process.env.WAZPER_SCRATCH ?? path.join(repoRoot, ".scratch");
  const dir = path.join(base, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** `npm pack` of the built pkg/ into dir; returns the tarball's absolute path. */
export function packPackage(dir) {
  if (!existsSync(path.join(pkgDir, "package.json"))) throw new Error("pkg/ is not built: run scripts/build-pkg.sh");
  const out = execFileSync("npm", ["pack", pkgDir, "--pack-destination", dir, "--json", "--ignore-scripts", "--loglevel=error"], {
    encoding: "utf8",
  });
  const [info] = JSON.parse(out);
  return { tarball: path.join(dir, info.filename), files: info.files.map((f) => f.path), info };
}

/**
 * A scratch project with the tarball installed as a dependency (no network: the tarball has no
 * dependencies). `files` maps relative paths to contents; `link` names dev tools from the repo's
 * node_modules to symlink in (vite, wrangler...) instead of reinstalling them.
 */
export function makeProject(dir, tarball, { files = {}, link = [], packageJson = {} } = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "wazper-scratch-app", private: true, type: "module", ...packageJson }, null, 2),
  );
  execFileSync(
    "npm",
    ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--offline", "--loglevel=error", "--no-save", tarball],
    { cwd: dir, stdio: ["ignore", "inherit", "inherit"] },
  );
  for (const name of link) {
    const target = path.join(dir, "node_modules", name);
    mkdirSync(path.dirname(target), { recursive: true });
    if (!existsSync(target)) symlinkSync(path.join(devModules, name), target, "dir");
  }
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/**
 * A user's project for one suite: a fresh scratch dir `name`, the package packed into it, and
 * makeProject(scratch/app, tarball, options). Returns { scratch, tarball, app }.
 */
export function packedProject(name, options) {
  const scratch = scratchDir(name);
  const { tarball } = packPackage(scratch);
  const app = makeProject(path.join(scratch, "app"), tarball, options);
  return { scratch, tarball, app };
}

/** Copies tests/support/scenario.mjs into a project so its bundler or page can load it. */
export function copyScenario(dir, rel = "scenario.mjs") {
  cpSync(path.join(repoRoot, "tests/support/scenario.mjs"), path.join(dir, rel));
}

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".map": "application/json",
};

/** A static file server on a free loopback port (a different origin from the emulator). */
export function serveDirectory(root) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file)) {
      // Chromium asks for a favicon on every page: not a failure of the page under test.
      res.writeHead(url.pathname === "/favicon.ico" ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { "content-type": MIME[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, stop: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** Debian's headless Chromium through playwright-core, with a profile in the scratch dir. */
export async function launchChromium() {
  const { chromium } = await import(path.join(devModules, "playwright-core/index.mjs"));
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Opens url, waits for the page to publish `window.__wazperResult` (the scenario's JSON or
 * { fatal }), and returns it with the page's console errors and uncaught exceptions.
 */
export async function runPage(browser, url, { timeoutMs = 60000 } = {}) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console.error: ${msg.text()}`);
  });
  page.on("requestfailed", (req) => problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
  // Answers of 400 and over, by URL: a bundle that lost its .wasm shows here as a 404 of the page's origin.
  const failedResponses = [];
  page.on("response", (res) => {
    if (res.status() >= 400) failedResponses.push({ url: res.url(), status: res.status() });
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__wazperResult !== undefined, null, { timeout: timeoutMs });
    const result = await page.evaluate(() => window.__wazperResult);
    return { result, problems, failedResponses };
  } catch (err) {
    throw new Error(`${err.message}\npage problems:\n${problems.join("\n")}`);
  } finally {
    await page.close();
  }
}

/** A response's body as JSON; if it is not JSON, an error naming `who`, the status and the body's start. */
export async function readJsonAnswer(res, who) {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${who} answered ${res.status}: ${text.slice(0, 2000)}`);
  }
}

/** Set WAZPER_ALLOW_MISSING_EXPORTS=1 while the wasm is still growing: absent exports are skipped. */
export const allowMissing = process.env.WAZPER_ALLOW_MISSING_EXPORTS === "1";

/**
 * Registers one node:test subtest per scenario check. A check that reports missing exports fails,
 * unless allowMissing, where it is skipped (and says which exports it waited for).
 */
export async function reportScenario(t, result) {
  if (result.fatal) throw new Error(`the scenario did not run: ${result.fatal}`);
  if (!Array.isArray(result.checks) || result.checks.length === 0) throw new Error(`no checks ran: ${JSON.stringify(result)}`);
  for (const c of result.checks) {
    const label = `[${result.runtime}] ${c.name}`;
    if (c.missing) {
      const why = `missing exports: ${c.missing.join(", ")}`;
      if (allowMissing) await t.test(label, { skip: why }, () => {});
      else await t.test(label, () => { throw new Error(why); });
    } else if (c.ok) {
      await t.test(label, () => {});
    } else if (allowMissing && c.error && c.error.startsWith("missing exports:")) {
      await t.test(label, { skip: c.error }, () => {});
    } else {
      await t.test(label, () => { throw new Error(c.error); });
    }
  }
}

/** The scenario as a bundle's browser entry: publishes `window.__wazperResult` for runPage. */
export function browserMain(runtime, { endpoints = "one" } = {}) {
  return `import * as wazper from "wazper";
import { runScenario } from "./scenario.mjs";

const baseUrl = new URLSearchParams(location.search).get("api");
runScenario({ wazper, baseUrl, runtime: ${JSON.stringify(runtime)}, browser: true, endpoints: ${JSON.stringify(endpoints)} }).then(
  (result) => { window.__wazperResult = result; },
  (err) => { window.__wazperResult = { fatal: String((err && err.stack) || err) }; },
);
`;
}

/** A page that loads one bundle, as an ES module or (module: false) a classic script. */
export function indexHtml(src, { module = true } = {}) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>wazper bundle</title></head>
<body><script ${module ? 'type="module" ' : ""}src="${src}"></script></body></html>
`;
}

/** Every file under dir (relative paths), depth first. */
export function listFiles(dir, rel = "") {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, path.join(rel, e.name)) : [path.join(rel, e.name)],
  );
}

/** What a browser downloads of a built app: its .js and .wasm files, raw and gzip -9 (each file alone). */
export function bundleSize(dir) {
  const files = listFiles(dir).filter((f) => /\.(m?js|wasm)$/.test(f));
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(path.join(dir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip, wasm: files.filter((f) => f.endsWith(".wasm")) };
}

/** The start of any .wasm (magic + version 1) in base64: how an embedded copy shows in a bundle. */
export const WASM_BASE64_MAGIC = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0]).toString("base64").slice(0, 8);

/**
 * One bundler row: the scenario (helpers + one API call) bundled by `build(app)`, which returns the
 * directory to serve, then run in Chromium against the emulator. `form` is the wasm form the row
 * must pick: "asset" (a .wasm file beside the bundle) or "embedded" (base64 inside the JS).
 * `files` adds or replaces project files (main.js is the scenario entry, index.html the page).
 */
export function bundlerRow({ row, form, build, files = {}, page = "index.html" }) {
  const { scratch, tarball, app } = packedProject(`pkg-${row}`, {
    files: { "main.js": browserMain(row), "index.html": indexHtml("./main.js"), ...files },
  });
  copyScenario(app);
  let dist, emulator, site, browser;
  before(async () => {
    dist = await build(app);
    emulator = await startEmulator();
    site = await serveDirectory(dist);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
    await emulator?.stop();
  });
  test(`${row}: the build carries the ${form} form of the wasm and no Node entry`, (t) => {
    const size = bundleSize(dist);
    const js = size.files.filter((f) => /\.m?js$/.test(f)).map((f) => readFileSync(path.join(dist, f), "utf8")).join("\n");
    t.diagnostic(`${row}: ${size.files.length} files, ${size.raw} B, gzip ${size.gzip} B`);
    assert.ok(!/node:fs|readFileSync/.test(js), "the Node entry was bundled");
    if (form === "asset") {
      assert.equal(size.wasm.length, 1, `one .wasm among ${size.files.join(", ")}`);
      assert.ok(!js.includes(WASM_BASE64_MAGIC), "no embedded copy as well");
    } else {
      assert.deepEqual(size.wasm, [], "no .wasm file");
      assert.ok(js.includes(WASM_BASE64_MAGIC), "the wasm is embedded in the JS");
    }
  });
  test(`${row}: the bundle runs in Chromium: helpers and one API call`, async (t) => {
    const { result, problems, failedResponses } = await runPage(browser, `${site.url}/${page}?api=${encodeURIComponent(emulator.url)}`);
    await reportScenario(t, result);
    assert.deepEqual(failedResponses.filter((r) => r.url.startsWith(site.url)), [], "the app's own files all loaded");
    assert.deepEqual(problems.filter((p) => !/status of 4\d\d/.test(p)), [], "console errors or failed requests");
  });
  return { app, scratch, tarball };
}

/**
 * Rollup with @rollup/plugin-node-resolve and nothing else (no wasm or URL plugin), as a user
 * would: app/main.js bundled as ES modules into app/dist. Returns that directory.
 */
export async function bundleWithRollup(app) {
  const { rollup } = await import(pathToFileURL(path.join(devModules, "rollup/dist/es/rollup.js")).href);
  const { nodeResolve } = await import(pathToFileURL(path.join(devModules, "@rollup/plugin-node-resolve/dist/es/index.js")).href);
  const bundle = await rollup({ input: path.join(app, "main.js"), plugins: [nodeResolve()], onwarn() {} });
  await bundle.write({ dir: path.join(app, "dist"), format: "es" });
  await bundle.close();
  return path.join(app, "dist");
}

/** Deno and Bun, from their npm packages (root devDependencies @deno/linux-x64-glibc, @oven/bun-linux-x64). */
export const denoBin = path.join(devModules, "@deno/linux-x64-glibc/deno");
export const bunBin = path.join(devModules, "@oven/bun-linux-x64/bin/bun");
