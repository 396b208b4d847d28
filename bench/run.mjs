// The benchmark runner (make bench -> scripts/bench.sh): starts a private emulator, imports the
// built package through its Node entry, runs every bench/<concept>.mjs (see README.md) in this one
// process, prints one table and writes bench/results/latest.json.
//   node bench/run.mjs [concept ...]   only the named concepts (file names without .mjs)
// Env: WAZPER_PKG_DIR another built package (default pkg/); WAZPER_BENCH_EXTRA colon-separated paths
// of concept modules kept elsewhere (e.g. a branch's worktree), run after the ones here.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startEmulator } from "../tests/support/emulator.mjs";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, "..");
const pkgDir = process.env.WAZPER_PKG_DIR ?? path.join(repoRoot, "pkg");

// size and import first: they are this runner's own figures and need a quiet process.
const FIRST = ["size", "import"];
const only = process.argv.slice(2);
const concepts = readdirSync(benchDir)
  .filter((f) => f.endsWith(".mjs") && f !== "run.mjs")
  .map((f) => f.slice(0, -4))
  .filter((c) => only.length === 0 || only.includes(c))
  .sort((a, b) => (FIRST.indexOf(a) + 1 || 99) - (FIRST.indexOf(b) + 1 || 99) || a.localeCompare(b))
  .map((c) => [c, path.join(benchDir, `${c}.mjs`)]);
for (const file of (process.env.WAZPER_BENCH_EXTRA ?? "").split(":").filter(Boolean)) {
  concepts.push([path.basename(file, ".mjs"), path.resolve(file)]);
}

const wazper = await import(pathToFileURL(path.join(pkgDir, "node.js")).href);
const emulator = await startEmulator();
const rows = [];
try {
  for (const [concept, file] of concepts) {
    const started = performance.now();
    process.stderr.write(`bench: ${concept} ...`);
    try {
      const mod = await import(pathToFileURL(file).href);
      const out = await mod.default({ wazper, emulatorUrl: emulator.url, pkgDir });
      for (const row of out ?? []) rows.push({ concept, ...row });
      process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (err) {
      process.stderr.write(` failed\n${err?.stack ?? err}\n`);
      rows.push({ concept, figure: `${concept}: failed`, error: String(err?.message ?? err) });
    }
  }
} finally {
  await emulator.stop();
}

// ---- targets: "<= 0.5x", ">= 30x", "<= 140 KB and < 1x", ">= 1 M calls/s" are checked; others shown as is ----
const SCALE = { "": 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9 };
function meets(row) {
  if (!row.target || row.error) return undefined;
  const verdicts = row.target.split(/\s+and\s+/).map((clause) => {
    const m = clause.trim().match(/^(<=|>=|<|>)\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*(x|KB|MB|[kKMG]?)(?![\w.])/);
    if (!m) return undefined;
    const [, op, num, suffix] = m;
    let actual, limit = Number(num);
    if (suffix === "x") actual = row.ratio;
    else if (suffix === "KB" || suffix === "MB") [actual, limit] = [row.value, limit * (suffix === "KB" ? 1024 : 1024 * 1024)];
    else [actual, limit] = [row.value, limit * SCALE[suffix]];
    if (typeof actual !== "number") return undefined;
    return { "<=": actual <= limit, ">=": actual >= limit, "<": actual < limit, ">": actual > limit }[op];
  });
  return verdicts.includes(undefined) ? undefined : verdicts.every(Boolean);
}
for (const row of rows) {
  const ok = meets(row);
  if (ok !== undefined) row.meetsTarget = ok;
}

// ---- the table ----
const fmt = (v, unit) => {
  if (v === undefined || v === null) return "";
  if (typeof v !== "number") return String(v);
  let s;
  if (unit === "B") s = v >= 1024 ? `${(v / 1024).toFixed(1)} KB` : `${v} B`;
  else if (Math.abs(v) >= 1e6) s = `${(v / 1e6).toFixed(2)} M`;
  else if (Math.abs(v) >= 1e4) s = `${(v / 1e3).toFixed(1)} k`;
  else if (Math.abs(v) >= 100) s = v.toFixed(0);
  else s = v.toPrecision(3);
  return unit && unit !== "B" ? `${s} ${unit}` : s;
};
const table = rows.map((r) => [
  r.figure ?? "",
  r.error ? `error: ${r.error}` : fmt(r.value, r.unit),
  r.anchor ?? "",
  fmt(r.anchorValue, r.unit),
  typeof r.ratio === "number" ? `${r.ratio.toFixed(2)}x` : "",
  r.target ?? "",
  r.meetsTarget === undefined ? "" : r.meetsTarget ? "yes" : "NO",
]);
const header = ["figure", "wazper", "anchor", "anchor value", "ratio", "target", "met"];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of table) console.log(line(r));

const pkg = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
const resultsDir = path.join(benchDir, "results");
mkdirSync(resultsDir, { recursive: true });
const report = {
  date: new Date().toISOString(),
  package: { name: pkg.name, version: pkg.version },
  machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg() },
  note: "Timings are medians of interleaved runs on a shared, noisy machine: compare ratios, not absolute times.",
  rows,
};
writeFileSync(path.join(resultsDir, "latest.json"), JSON.stringify(report, null, 2) + "\n");
console.log(`\nwritten: ${path.relative(process.cwd(), path.join(resultsDir, "latest.json"))}`);
process.exitCode = rows.some((r) => r.error) ? 1 : 0;
