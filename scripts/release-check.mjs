// The checks `make release` runs on a built package before `npm publish` (scripts/release.sh):
//   1. version: Cargo.toml's [package] version is the package.json version of the built package;
//   2. changelog: CHANGELOG.md has a "## [VERSION] - DATE" entry with some content; a real release
//      (--real) also needs DATE to be a date (YYYY-MM-DD), not "Unreleased";
//   3. tarball contents, from `npm pack --dry-run --json` (what npm would really pack): package.json,
//      README.md and LICENSE are there; every file package.json names ("exports", "types", "main",
//      "module", "browser") is there; every "./x" a shipped .js file refers to is there; every shipped
//      file is reached from those roots (nothing stray); only expected kinds of file (no source maps,
//      sources, tests, dotfiles);
//   4. size: packed and unpacked sizes, and each .wasm, within the budgets below.
// Prints one line per check; exits 1 with every failure listed.
//   node scripts/release-check.mjs [--real] PKG_DIR CARGO_TOML CHANGELOG
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const real = args[0] === "--real";
const [pkgDir, cargoToml, changelog] = real ? args.slice(1) : args;
if (!pkgDir || !cargoToml || !changelog) {
  console.error("usage: release-check.mjs [--real] PKG_DIR CARGO_TOML CHANGELOG");
  process.exit(2);
}

// Budgets that catch accidents (a debug build of the wasm is several MB; a stray data set or
// node_modules far more), not growth: measured in Nov 2026, one package had a 297 kB .wasm and packed
// to 172 kB, and the branches then in flight add a proxy .wasm (313 kB), an embedded base64 copy of
// the main one (396 kB) and the optional disposable list (515 kB). Byte growth is tracked by
// `make bench`, not here. Env overrides are for the tests.
const MAX_PACKED = Number(process.env.WAZPER_RELEASE_MAX_PACKED || 1_500_000);
const MAX_UNPACKED = Number(process.env.WAZPER_RELEASE_MAX_UNPACKED || 3_000_000);
const MAX_WASM = Number(process.env.WAZPER_RELEASE_MAX_WASM || 600_000);

const failures = [];
const ok = (msg) => console.log(`release: ok   ${msg}`);
const fail = (msg) => {
  console.log(`release: FAIL ${msg}`);
  failures.push(msg);
};

// 1. version
const cargo = readFileSync(cargoToml, "utf8");
const section = cargo.split(/^\[/m).find((s) => s.startsWith("package]"));
const cargoVersion = section?.match(/^version\s*=\s*"([^"]+)"/m)?.[1];
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
if (!cargoVersion) fail(`no [package] version in ${cargoToml}`);
else if (pkg.version !== cargoVersion) fail(`version: Cargo.toml says ${cargoVersion}, ${pkgDir}/package.json says ${pkg.version}`);
else ok(`version ${pkg.version} (Cargo.toml = package.json)`);
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(pkg.version ?? "")) fail(`version "${pkg.version}" is not semver`);

// 2. changelog
const log = readFileSync(changelog, "utf8");
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const heading = new RegExp(`^## \\[${esc(pkg.version)}\\](?: - (\\S+))?\\s*$`, "m");
const m = heading.exec(log);
if (!m) {
  fail(`changelog: no "## [${pkg.version}] - DATE" entry in ${changelog}`);
} else {
  const rest = log.slice(m.index + m[0].length);
  const body = rest.slice(0, rest.search(/^## /m) === -1 ? rest.length : rest.search(/^## /m)).trim();
  const date = m[1];
  if (!body) fail(`changelog: the ${pkg.version} entry is empty`);
  else if (!date) fail(`changelog: the ${pkg.version} heading has no date (or "Unreleased")`);
  else if (real && !/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`changelog: a real release needs a date in "## [${pkg.version}] - YYYY-MM-DD", not "${date}"`);
  else if (date !== "Unreleased" && !/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`changelog: "${date}" is neither YYYY-MM-DD nor Unreleased`);
  else ok(`changelog entry [${pkg.version}] - ${date}`);
}

// 3. tarball contents, as npm packs them
const packed = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkgDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }))[0];
const files = new Set(packed.files.map((f) => f.path));
for (const must of ["package.json", "README.md", "LICENSE"]) if (!files.has(must)) fail(`tarball: ${must} missing`);

const named = new Set();
const walk = (v, where) => {
  if (typeof v === "string") {
    if (v.includes("*")) fail(`package.json ${where}: pattern "${v}" (list files explicitly)`);
    else if (!v.startsWith("./")) fail(`package.json ${where}: "${v}" does not start with "./"`);
    else named.add(v.slice(2));
  } else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
  }
};
walk(pkg.exports, "exports");
for (const k of ["types", "main", "module", "browser"]) if (pkg[k] !== undefined) walk(typeof pkg[k] === "string" && !pkg[k].startsWith("./") ? `./${pkg[k]}` : pkg[k], k);
if (!pkg.exports) fail("package.json has no exports");
for (const n of named) if (!files.has(n)) fail(`tarball: ${n} (named in package.json) missing`);

// Files reached from package.json's names through the imports and `new URL(.., import.meta.url)`
// assets of shipped .js and .d.ts files.
const reached = new Set(["package.json", "README.md", "LICENSE"]);
const queue = [...named];
while (queue.length) {
  const f = queue.pop();
  if (reached.has(f)) continue;
  reached.add(f);
  if (!/\.(m?js|d\.ts)$/.test(f) || !files.has(f)) continue;
  const text = readFileSync(join(pkgDir, f), "utf8");
  const refs = [
    ...text.matchAll(/\b(?:from|import)\s*\(?\s*["']\.\/([^"']+)["']/g), // import/export ... from "./x", import("./x")
    ...text.matchAll(/new URL\(\s*["'](?:\.\/)?([^"']+)["']\s*,\s*import\.meta\.url/g), // assets beside the module
  ];
  for (let [, target] of refs) {
    // In a declaration file, "./index.js" means the types beside it (TypeScript resolves it so).
    if (f.endsWith(".d.ts") && !files.has(target)) target = target.replace(/(\.m?js)?$/, ".d.ts");
    if (!files.has(target)) fail(`tarball: ${f} refers to ./${target}, which is not packed`);
    else queue.push(target);
  }
}
const allowed = /^(package\.json|README\.md|LICENSE|[A-Za-z0-9_-]+(\.d\.ts|\.m?js|\.wasm|\.bin|\.json))$/;
for (const f of files) {
  if (!allowed.test(f)) fail(`tarball: unexpected file ${f} (only top-level .js/.d.ts/.wasm/.bin/.json, README.md, LICENSE)`);
  else if (!reached.has(f)) fail(`tarball: ${f} is packed but nothing refers to it`);
}
if (failures.length === 0 || !failures.some((f) => f.startsWith("tarball"))) ok(`tarball: ${files.size} files, all named or referred to: ${[...files].sort().join(" ")}`);

// 4. size
const size = `packed ${packed.size} B (budget ${MAX_PACKED}), unpacked ${packed.unpackedSize} B (budget ${MAX_UNPACKED})`;
if (packed.size > MAX_PACKED || packed.unpackedSize > MAX_UNPACKED) fail(`size: ${size}`);
else ok(`size: ${size}`);
for (const f of packed.files) {
  if (f.path.endsWith(".wasm") && f.size > MAX_WASM) fail(`size: ${f.path} is ${f.size} B (budget ${MAX_WASM} per .wasm): a debug build?`);
}

if (failures.length) {
  console.log(`release: ${failures.length} check(s) failed; nothing published`);
  process.exit(1);
}
