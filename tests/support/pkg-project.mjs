// Shared machinery of the package suites (tests/pkg-*): pack pkg/ with `npm pack`, install the
// tarball into a scratch project the way a user would, serve a directory, drive Chromium, and judge
// the results of tests/support/scenario.mjs.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./emulator.mjs";

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
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__wazperResult !== undefined, null, { timeout: timeoutMs });
    const result = await page.evaluate(() => window.__wazperResult);
    return { result, problems };
  } catch (err) {
    throw new Error(`${err.message}\npage problems:\n${problems.join("\n")}`);
  } finally {
    await page.close();
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
