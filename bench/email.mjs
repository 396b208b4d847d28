// Benchmark of the personal-email detector (interface: bench/README.md).
// Figures: isPersonalEmail throughput from JS against the best a pure-JS library can do (extract the
// domain, lower-case it, Set.has over the same domain list), and classifyEmail throughput.
// Standalone: `node bench/email.mjs` (after scripts/build-pkg.sh) prints the rows, including the
// cost of wasm-bindgen's `&str` parameter passing when the package exports the __bench variants.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function sampleEmails() {
  const require = createRequire(join(root, "package.json"));
  const free = JSON.parse(readFileSync(require.resolve("free-email-domains/domains.json"), "utf8"));
  const company = readFileSync(join(root, "data/email/company-domains.txt"), "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
  // Deterministic mix: half listed domains (common ones weighted in), half company domains.
  const common = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "gmx.de", "mailinator.com"];
  const emails = [];
  for (let i = 0; i < 1024; i++) {
    const d =
      i % 4 === 0 ? common[i % common.length] : i % 4 === 1 ? free[(i * 7919) % free.length] : company[(i * 31) % company.length];
    emails.push(`user.${i}@${i % 5 === 0 ? d.toUpperCase() : d}`);
  }
  return { emails, free };
}

function rate(fn, emails, minMs = 250) {
  let n = 0;
  let sink = 0;
  const t0 = performance.now();
  let t = t0;
  do {
    for (let i = 0; i < emails.length; i++) if (fn(emails[i])) sink++;
    n += emails.length;
    t = performance.now();
  } while (t - t0 < minMs);
  if (sink < 0) console.log(sink);
  return (n / (t - t0)) * 1000;
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

function measure(fns, emails, rounds = 7) {
  const out = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (const f of Object.values(fns)) rate(f, emails, 100); // warm-up
  for (let r = 0; r < rounds; r++) for (const [k, f] of Object.entries(fns)) out[k].push(rate(f, emails));
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, median(v)]));
}

export default async function bench({ wazper }) {
  const { emails, free } = sampleEmails();
  const set = new Set(free);
  const jsIsPersonal = (e) => {
    if (typeof e !== "string") return false;
    const at = e.lastIndexOf("@");
    return at > 0 && set.has(e.slice(at + 1).toLowerCase());
  };
  // Sanity: both answer the same on this sample (the lists differ only by reviewed exceptions).
  let disagree = 0;
  for (const e of emails) if (wazper.isPersonalEmail(e) !== jsIsPersonal(e)) disagree++;
  const fns = {
    wasm: (e) => wazper.isPersonalEmail(e),
    js: jsIsPersonal,
    classify: (e) => wazper.classifyEmail(e).valid,
  };
  if (wazper.__benchIsPersonalStr) fns.wasmStr = (e) => wazper.__benchIsPersonalStr(e);
  if (wazper.__benchIsPersonalAsString) fns.wasmAsString = (e) => wazper.__benchIsPersonalAsString(e);
  const m = measure(fns, emails);
  const rows = [
    {
      figure: "isPersonalEmail throughput",
      unit: "calls/s",
      value: m.wasm,
      anchor: "JS lastIndexOf+slice+toLowerCase+Set.has",
      anchorValue: m.js,
      ratio: m.wasm / m.js,
      target: ">= 3e6 calls/s and >= 0.5x (higher is better)",
      note: `${disagree} of ${emails.length} sample answers differ from the plain list (reviewed exceptions)`,
    },
    {
      figure: "classifyEmail throughput",
      unit: "calls/s",
      value: m.classify,
      anchor: "isPersonalEmail",
      anchorValue: m.wasm,
      ratio: m.classify / m.wasm,
      target: "informational (higher is better)",
    },
  ];
  for (const [k, label] of [
    ["wasmStr", "isPersonalEmail with a &str parameter (unguarded)"],
    ["wasmAsString", "isPersonalEmail with JsValue.as_string() (no length guard)"],
  ])
    if (m[k])
      rows.push({
        figure: label,
        unit: "calls/s",
        value: m[k],
        anchor: "isPersonalEmail (&JsValue, typeof+length guard)",
        anchorValue: m.wasm,
        ratio: m[k] / m.wasm,
        target: "informational",
      });
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const pkgDir = join(root, "pkg");
  // The Node entry, as `make bench` (bench/run.mjs) and users get it: its isPersonalEmail is fast.js's.
  const wazper = await import(pathToFileURL(join(pkgDir, "node.js")).href);
  for (const r of await bench({ wazper, pkgDir })) console.log(JSON.stringify(r));
}
