// Per bundler: what a browser downloads for an app that imports two helpers from "wazper" (the
// emitted .js + .wasm, gzip -9 file by file), and the time from navigation to the first helper
// result in headless Chromium (median of fresh pages, served from loopback with no cache). Vite's
// build (the asset form) is the anchor of the other rows: webpack's (the asset form too) and the
// embedded form's (esbuild, Rollup, bun build), its cost in bytes and start-up. Next.js is left out (a build takes a
// minute); its test row (tests/pkg-next) prints its client bundle size.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bundleSize, bundleWithRollup, bunBin, devModules, indexHtml, launchChromium, makeProject, packPackage, scratchDir, serveDirectory,
} from "../tests/support/pkg-project.mjs";

const RUNS = Number(process.env.WAZPER_BENCH_BUNDLER_RUNS ?? 9);

const MAIN = `import { isPersonalEmail, normalizeCountry } from "wazper";
const personal = isPersonalEmail("someone@gmail.com");
const country = normalizeCountry("Deutschland");
window.__wazperResult = { ms: performance.now(), ok: personal === true && country === "Germany" };
`;

const quiet = { stdio: ["ignore", "ignore", "inherit"] };
const BUNDLERS = {
  async webpack(app) {
    const webpack = createRequire(path.join(devModules, "webpack/package.json"))("webpack");
    const cwd = process.cwd();
    process.chdir(app);
    try {
      await new Promise((resolve, reject) =>
        webpack({ entry: "./main.js" }, (err, stats) => (err || stats.hasErrors() ? reject(err ?? new Error(stats.toString("errors-only"))) : resolve())),
      );
    } finally {
      process.chdir(cwd);
    }
    return { dist: "dist", html: indexHtml("./main.js", { module: false }), form: "asset" };
  },
  vite(app) {
    execFileSync(process.execPath, [path.join(devModules, "vite/bin/vite.js"), "build", "--logLevel", "error"], { cwd: app, ...quiet });
    return { dist: "dist", form: "asset" };
  },
  esbuild(app) {
    execFileSync(path.join(devModules, ".bin/esbuild"), ["main.js", "--bundle", "--platform=browser", "--minify", "--outfile=dist/bundle.js", "--log-level=error"], { cwd: app, ...quiet });
    return { dist: "dist", html: indexHtml("./bundle.js", { module: false }), form: "embedded" };
  },
  async rollup(app) {
    await bundleWithRollup(app);
    return { dist: "dist", html: indexHtml("./main.js"), form: "embedded" };
  },
  "bun build": (app) => {
    execFileSync(bunBin, ["build", "main.js", "--target=browser", "--minify", "--outdir=dist"], { cwd: app, ...quiet });
    return { dist: "dist", html: indexHtml("./main.js"), form: "embedded" };
  },
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export default async function bench() {
  const scratch = scratchDir("bench-bundlers");
  const { tarball } = packPackage(scratch);
  const built = {};
  for (const [name, build] of Object.entries(BUNDLERS)) {
    const app = makeProject(path.join(scratch, name.replace(/\W+/g, "-")), tarball, {
      files: { "main.js": MAIN, "index.html": indexHtml("./main.js") },
    });
    const { dist, html, form } = await build(app);
    const dir = path.join(app, dist);
    if (html) (await import("node:fs")).writeFileSync(path.join(dir, "index.html"), html);
    built[name] = { dir, form, size: bundleSize(dir) };
  }

  const browser = await launchChromium();
  try {
    const sites = {};
    for (const [name, b] of Object.entries(built)) sites[name] = await serveDirectory(b.dir);
    const times = Object.fromEntries(Object.keys(built).map((n) => [n, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const name of Object.keys(built)) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${sites[name].url}/`);
        await page.waitForFunction(() => window.__wazperResult !== undefined, null, { timeout: 30000 });
        const r = await page.evaluate(() => window.__wazperResult);
        if (!r.ok) throw new Error(`${name}: wrong helper results`);
        times[name].push(r.ms);
        await context.close();
      }
    }
    for (const site of Object.values(sites)) await site.stop();

    const anchorName = "vite";
    const anchor = { gzip: built[anchorName].size.gzip, ms: median(times[anchorName]) };
    const rows = [];
    for (const [name, b] of Object.entries(built)) {
      const ref = name === anchorName ? undefined : anchor;
      rows.push({
        figure: `${name}: bundle (${b.form} form), gzip`,
        unit: "B",
        value: b.size.gzip,
        ...(ref && { anchor: `vite (asset form)`, anchorValue: ref.gzip, ratio: b.size.gzip / ref.gzip }),
        target: "",
      });
      rows.push({
        figure: `${name}: navigation to first helper result in Chromium, median of ${RUNS}`,
        unit: "ms",
        value: median(times[name]),
        ...(ref && { anchor: `vite (asset form)`, anchorValue: ref.ms, ratio: median(times[name]) / ref.ms }),
        target: "",
      });
    }
    return rows;
  } finally {
    await browser.close();
  }
}
