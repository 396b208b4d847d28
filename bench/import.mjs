// Cold import in Node, Deno and Bun: a fresh process per run, timed from just before the import of
// wazper to the first helper results (isPersonalEmail + normalizeCountry), against loading
// free-email-domains and i18n-iso-countries with its 28 locales registered to the same two answers,
// in the same runtime. Both scripts are files in a scratch app that resolve their packages by name,
// and both first load one trivial module, so the module loader is warm as in a real app. Median of
// interleaved runs. Extra rows: each form of the wasm where a runtime could take either (Node: the
// .wasm file vs the embedded base64; Deno: the embedded form it gets vs the Node entry's file read
// through node:fs, which needs --allow-read).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LOCALES } from "./lib/anchors.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.WAZPER_BENCH_IMPORT_RUNS ?? 15);
const DENO = path.join(repoRoot, "node_modules/@deno/linux-x64-glibc/deno");
const BUN = path.join(repoRoot, "node_modules/@oven/bun-linux-x64/bin/bun");

// SPECIFIER is "wazper" (the runtime's own export condition) or a file of the package.
const wazperScript = (specifier) => `
await import("./warm.mjs");
const t0 = performance.now();
const w = await import(${JSON.stringify(specifier)});
const personal = typeof w.isPersonalEmail === "function" ? w.isPersonalEmail("someone@gmail.com") : null;
const country = typeof w.normalizeCountry === "function" ? w.normalizeCountry("Deutschland") : null;
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, personal, country }));
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
console.log(JSON.stringify({ ms, personal, country }));
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
  writeFileSync(path.join(app, "wazper.mjs"), wazperScript("wazper"));
  writeFileSync(path.join(app, "embedded.mjs"), wazperScript("./node_modules/wazper/embedded.js"));
  writeFileSync(path.join(app, "nodefile.mjs"), wazperScript("./node_modules/wazper/node.js"));
  writeFileSync(path.join(app, "anchor.mjs"), ANCHOR);

  const denoEnv = { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", DENO_DIR: path.join(app, ".deno") };
  // Deno gets the least it needs: no flag for wazper's own entry; the others read files (and the
  // anchor's createRequire reads package.json files and the environment).
  const runtimes = {
    Node: (file) => [process.execPath, [file], process.env],
    Deno: (file) => [DENO, ["run", "--no-prompt", "--no-lock", ...(file === "wazper.mjs" ? [] : ["-A"]), file], denoEnv],
    Bun: (file) => [BUN, [file], process.env],
  };
  const run = (runtime, file) => {
    const [bin, args, env] = runtimes[runtime](file);
    const out = execFileSync(bin, args, { cwd: app, encoding: "utf8", env });
    return JSON.parse(out.trim().split("\n").pop());
  };
  // Per runtime: [label, script] pairs timed interleaved; the first is wazper as users import it.
  const plan = {
    Node: [["wazper", "wazper.mjs"], ["anchor", "anchor.mjs"], ["embedded.js (base64 form)", "embedded.mjs"]],
    Deno: [["wazper", "wazper.mjs"], ["anchor", "anchor.mjs"], ["node.js (file via node:fs, --allow-read)", "nodefile.mjs"]],
    Bun: [["wazper", "wazper.mjs"], ["anchor", "anchor.mjs"], ["embedded.js (base64 form)", "embedded.mjs"]],
  };

  const rows = [];
  for (const [runtime, scripts] of Object.entries(plan)) {
    for (const [, file] of scripts) run(runtime, file); // warm the OS file cache, untimed
    const times = scripts.map(() => []);
    let sample;
    for (let i = 0; i < RUNS; i++) {
      scripts.forEach(([, file], k) => {
        const r = run(runtime, file);
        if (k === 0) sample = r;
        times[k].push(r.ms);
      });
    }
    const helpers = sample.personal === true && sample.country === "Germany";
    const [ours, theirs, ...others] = times.map(median);
    rows.push({
      figure: helpers ? `${runtime}: cold import to first helper result, median of ${RUNS}` : `${runtime}: cold import (helpers not exported yet)`,
      unit: "ms",
      value: ours,
      anchor: `free-email-domains + i18n-iso-countries (${LOCALES.length} locales)`,
      anchorValue: theirs,
      ratio: ours / theirs,
      target: "<= 0.5x",
    });
    others.forEach((value, k) => {
      rows.push({
        figure: `${runtime}: the same through ${scripts[k + 2][0]}`,
        unit: "ms",
        value,
        anchor: `"wazper" in ${runtime}`,
        anchorValue: ours,
        ratio: value / ours,
        target: "",
      });
    });
  }
  return rows;
}
