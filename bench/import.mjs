// Cold import in Node: a fresh process per run, timed from just before `import("wazper")` to the
// first helper results (isPersonalEmail + normalizeCountry), against loading free-email-domains and
// i18n-iso-countries with its 28 locales registered to the same two answers. Both scripts are files
// in a scratch app that resolve their packages by name, and both first load one trivial module, so
// Node's module loader is warm as in a real app. Median of interleaved runs.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LOCALES } from "./lib/anchors.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.WAZPER_BENCH_IMPORT_RUNS ?? 15);

const WAZPER = `
await import("./warm.mjs");
const t0 = performance.now();
const w = await import("wazper");
const personal = typeof w.isPersonalEmail === "function" ? w.isPersonalEmail("someone@gmail.com") : null;
const country = typeof w.normalizeCountry === "function" ? w.normalizeCountry("Deutschland") : null;
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, personal, country }));
`;

const ANCHOR = `
import { createRequire } from "node:module";
const require = createRequire(${JSON.stringify(path.join(repoRoot, "package.json"))});
await import("./warm.mjs");
const t0 = performance.now();
const domains = require("free-email-domains");
const countries = require("i18n-iso-countries/index.js");
for (const l of ${JSON.stringify(LOCALES)}) countries.registerLocale(require("i18n-iso-countries/langs/" + l + ".json"));
const personal = new Set(domains).has("gmail.com");
const country = countries.getName(countries.getAlpha2Code("Deutschland", "de"), "en");
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, personal, country }));
`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export default async function bench({ pkgDir }) {
  const app = path.join(process.env.WAZPER_SCRATCH ?? os.tmpdir(), "bench-import");
  rmSync(app, { recursive: true, force: true });
  mkdirSync(path.join(app, "node_modules"), { recursive: true });
  symlinkSync(pkgDir, path.join(app, "node_modules/wazper"), "dir");
  writeFileSync(path.join(app, "package.json"), '{ "private": true, "type": "module" }\n');
  writeFileSync(path.join(app, "warm.mjs"), "export const warm = true;\n");
  writeFileSync(path.join(app, "wazper.mjs"), WAZPER);
  writeFileSync(path.join(app, "anchor.mjs"), ANCHOR);
  const run = (file) => JSON.parse(execFileSync(process.execPath, [file], { cwd: app, encoding: "utf8" }));

  run("wazper.mjs"); // warm the OS file cache for both, untimed
  run("anchor.mjs");
  const ours = [];
  const theirs = [];
  let sample;
  for (let i = 0; i < RUNS; i++) {
    sample = run("wazper.mjs");
    ours.push(sample.ms);
    theirs.push(run("anchor.mjs").ms);
  }
  const helpers = sample.personal === true && sample.country === "Germany";
  const value = median(ours);
  const anchorValue = median(theirs);
  return [
    {
      figure: helpers ? `cold import to first helper result, median of ${RUNS}` : "cold import (Node; helpers not exported yet)",
      unit: "ms",
      value,
      anchor: `free-email-domains + i18n-iso-countries (${LOCALES.length} locales)`,
      anchorValue,
      ratio: value / anchorValue,
      target: "<= 0.5x",
    },
  ];
}
