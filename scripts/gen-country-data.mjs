#!/usr/bin/env node
// Generates src/country/data.rs + src/country/{names,tz}.bin from named sources (see data/country/SOURCES.md).
// Run from the repo root: `node scripts/gen-country-data.mjs`. Deterministic: same inputs, same bytes.
//
// Tables (all read by src/country/):
// - COUNTRIES: the 250 rows of country-names-en.tsv with alpha-3/numeric from i18n-iso-countries.
// - FOLD*: per-code-point folding (lowercase, strip diacritics, punctuation -> separator), computed here
//   with the JS Unicode tables so the Rust side needs none; both sides normalise with the same table.
// - latin.bin / hashed.bin / tz.bin: the key stores (formats described at textStore / hashStore below).
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { execSync } from "node:child_process";

const require = createRequire(import.meta.url);
const root = new URL("..", import.meta.url).pathname;
const I18N = root + "node_modules/i18n-iso-countries/";
const DATA = root + "data/country/";
// Every input is in the repository (data/country/SOURCES.md): the contract's canonical names and a
// pinned tzdata extract, so the committed tables reproduce on any machine.
const CANON = DATA + "country-names-en.tsv";
const ZONEINFO = DATA + "tzdata/";
// COUNTRY_OUT_DIR lets the test suite regenerate elsewhere and compare with the committed tables.
const OUT = process.env.COUNTRY_OUT_DIR || root + "src/country/";
const BUCKET = 16; // hash store entries per bucket
const TEXT_BUCKET = 4; // text store entries per bucket (each one passed over costs a scan)
const REJECT = 255;

// The 28 locales the brief names, loaded in full (every name and alternative).
const LOCALES = "en de fr es it pt nl pl ru tr ja zh ko ar sv da nb fi cs uk ro hu el he id vi th hi".split(" ");

const tsv = (file) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => l.split("\t"));

// ---------------------------------------------------------------- countries
const canon = tsv(CANON).slice(1); // header: alpha2 name
const codes = require(I18N + "codes.json"); // [alpha2, alpha3, numeric, ...]
const byA2 = new Map(codes.map((c) => [c[0], c]));
const countries = canon
  .map(([a2, name]) => {
    const c = byA2.get(a2);
    if (!c) throw new Error(`no i18n codes for ${a2}`);
    return { a2, name, a3: c[1], num: c[2] };
  })
  .sort((a, b) => (a.a2 < b.a2 ? -1 : 1));
if (countries.length !== 250) throw new Error(`expected 250 countries, got ${countries.length}`);
const idx = new Map(countries.map((c, i) => [c.a2, i]));

// ---------------------------------------------------------------- folding
// Code points outside ASCII that normalisation changes. value: "" drop, " " separator, else replacement.
const fold = new Map();
const RANGES = [
  [0x80, 0x24f], [0x250, 0x2ff], [0x300, 0x36f], [0x370, 0x3ff], [0x400, 0x52f], [0x530, 0x58f],
  [0x590, 0x5ff], [0x600, 0x6ff], [0x10a0, 0x10ff], [0x1c90, 0x1cbf], [0x1ab0, 0x1aff], [0x1dc0, 0x1dff],
  [0x1e00, 0x1eff], [0x2000, 0x206f], [0x20a0, 0x20cf], [0x20d0, 0x20ff], [0x3000, 0x303f], [0x30fb, 0x30fb], [0x81fa, 0x81fa], [0xfe00, 0xfe0f], [0xfe30, 0xfe4f],
  [0xfe50, 0xfe6f], [0xfeff, 0xfeff], [0xff00, 0xff65],
];
const SPECIAL = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i", ħ: "h", ŧ: "t", ŋ: "n", ĸ: "k", ſ: "s", ĳ: "ij", ẞ: "ss", ς: "σ" };
for (const [lo, hi] of RANGES) {
  for (let cp = lo; cp <= hi; cp++) {
    const ch = String.fromCodePoint(cp);
    let out;
    if (/\p{M}|\p{Cf}/u.test(ch) && !/[\u05be]/u.test(ch)) out = ""; // marks, zero-width, BOM: drop
    // Modifier-letter apostrophes and primes (ʹ ʻ ʼ ʽ ʾ ʿ) join like the ASCII apostrophe.
    else if ([0x2b9, 0x2bb, 0x2bc, 0x2bd, 0x2be, 0x2bf].includes(cp)) out = "";
    else if (/\p{P}|\p{S}|\p{Z}|\p{Cc}|\p{Cn}|\p{Co}/u.test(ch)) out = " ";
    else {
      out = ch.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
      out = [...out].map((c) => SPECIAL[c] ?? c).join("");
      if (SPECIAL[ch.toLowerCase()]) out = SPECIAL[ch.toLowerCase()];
      if (/[^\p{L}\p{N}]/u.test(out)) out = out.replace(/[^\p{L}\p{N}]/gu, " ").trim() || " ";
    }
    if (out !== ch) fold.set(cp, out);
  }
}
// 臺 is the full form of 台 (Unihan kSemanticVariant / kSimplifiedVariant); Taiwan itself writes both
// ("臺灣", "台灣"), and CLDR's Traditional Chinese names use 台.
fold.set(0x81fa, "台");
// Arabic-script letter variants that Arabic, Persian and Urdu spell one word with: Arabic yeh and
// alef maksura as Farsi yeh, Arabic kaf as keheh, teh marbuta, heh goal and heh doachashmee-less
// forms as heh (Unicode's Arabic block notes; the runtime's Urdu and Persian names mix them).
const ARABIC_VARIANTS = [["ي", "ی"], ["ى", "ی"], ["ك", "ک"], ["ة", "ه"], ["ۃ", "ه"], ["ہ", "ه"], ["ۀ", "ه"]];
for (const [from, to] of ARABIC_VARIANTS) fold.set(from.codePointAt(0), to);
// A letter whose decomposition ends in one of those variants folds to the same letter ("ۂ" = "ہ" +
// hamza, "ئ" = "ي" + hamza): the variant map is applied to every fold's output too.
const variantOf = new Map(ARABIC_VARIANTS);
for (const [cp, out] of fold) if (/[\u0600-\u06ff]/u.test(out)) fold.set(cp, [...out].map((c) => variantOf.get(c) ?? c).join(""));
// The tatweel (kashida) only stretches a word on the line: dropped like a mark.
fold.set(0x640, "");
// Compact form for the Rust side: one byte per code point of each block (see normalize.rs `fold`):
// 0 unchanged, 1 dropped, 2 separator, 3.. a multi-char output FOLD_MULTI[b - 3], '0'-'9' / 'a'-'z' that
// ASCII character, 128.. the code point plus FOLD_DELTAS[b - 128].
const blocks = [];
for (const [lo, hi] of RANGES) {
  const last = blocks[blocks.length - 1];
  if (last && last[1] + 1 === lo) last[1] = hi;
  else blocks.push([lo, hi]);
}
const multi = [];
const deltas = [];
const foldBytes = [];
const blockRows = blocks.map(([lo, hi]) => {
  const offset = foldBytes.length;
  for (let cp = lo; cp <= hi; cp++) {
    let b;
    if (!fold.has(cp)) b = 0;
    else {
      const out = fold.get(cp);
      if (out === "") b = 1;
      else if (out === " ") b = 2;
      else if (/^[0-9a-z]$/.test(out)) b = out.charCodeAt(0);
      else if ([...out].length === 1) {
        const d = out.codePointAt(0) - cp;
        let i = deltas.indexOf(d);
        if (i < 0) (i = deltas.length), deltas.push(d);
        b = 128 + i;
      } else {
        let i = multi.indexOf(out);
        if (i < 0) (i = multi.length), multi.push(out);
        b = 3 + i;
      }
    }
    foldBytes.push(b);
  }
  return [lo, hi - lo + 1, offset];
});
if (process.env.DEBUG_FOLD) console.log(deltas.join(" "));
if (deltas.length > 128 || multi.length > 45) throw new Error(`fold table overflow: ${deltas.length} deltas, ${multi.length} multi`);
// Self-check: decoding the compact form gives back the fold map.
for (const [lo, len, off] of blockRows) {
  for (let cp = lo; cp < lo + len; cp++) {
    const b = foldBytes[off + cp - lo];
    const dec = b === 0 ? undefined : b === 1 ? "" : b === 2 ? " " : b < 48 ? multi[b - 3] : b < 128 ? String.fromCharCode(b) : String.fromCodePoint(cp + deltas[b - 128]);
    if (dec !== fold.get(cp)) throw new Error(`fold encoding mismatch at ${cp.toString(16)}`);
  }
}
mkdirSync(OUT, { recursive: true });
writeFileSync(OUT + "fold.bin", Buffer.from(foldBytes));

// Abbreviated words, read as the word (normalize.rs ABBREVIATIONS: the same list).
const ABBREVIATIONS = { st: "saint", ste: "sainte", rep: "republic", repub: "republic", dem: "democratic", fed: "federal", is: "islands", isl: "islands", isls: "islands", sts: "states", "اور": "و" };
// Normalise a name into its key exactly as src/country/normalize.rs does (mirror any change there).
function words(s) {
  const ws = [];
  let cur = "";
  const flush = () => {
    if (cur) ws.push(cur);
    cur = "";
  };
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    let out;
    if (cp < 0x80) {
      if (/[A-Za-z0-9]/.test(ch)) out = ch.toLowerCase();
      else if (ch === "'") out = ""; // apostrophes join: "d'Ivoire" -> "divoire"
      else if (ch === "&") {
        flush();
        ws.push("and");
        continue;
      } else out = " ";
    } else if (cp >= 0xe0000 && cp <= 0xe007f) out = "";
    else if (fold.has(cp)) out = fold.get(cp);
    else out = ch;
    if (out === " ") flush();
    else cur += out;
  }
  flush();
  return ws.flatMap((w) => (w === "the" ? [] : [ABBREVIATIONS[w] ?? w]));
}
const key = (s) => words(s).join("");
const isAscii = (k) => /^[\x20-\x7e]*$/.test(k);
// Paren-free variant of a data name ("Cocos (Keeling) Islands" -> "Cocos Islands").
const withoutParens = (s) => s.replace(/\([^)]*\)/g, " ");

// ---------------------------------------------------------------- names
const keys = new Map(); // key -> { codes:Set, explicit:code|REJECT|undefined, src:Set }
const add = (name, a2, src) => {
  const k = key(name);
  if (!k) return;
  let e = keys.get(k);
  if (!e) keys.set(k, (e = { codes: new Set(), src: new Set(), name }));
  e.codes.add(a2);
  e.src.add(src);
};
const loadLocale = (loc) => require(I18N + `langs/${loc}.json`).countries;
for (const loc of LOCALES) {
  for (const [a2, v] of Object.entries(loadLocale(loc))) {
    if (!idx.has(a2)) continue;
    for (const n of [].concat(v)) {
      add(n, a2, loc);
      if (n.includes("(")) add(withoutParens(n), a2, loc + "-noparen");
    }
  }
}
for (const [a2, locs] of tsv(DATA + "endonym-langs.tsv")) {
  for (const loc of locs.split(" ")) {
    const v = loadLocale(loc)[a2];
    if (!v) throw new Error(`no ${loc} name for ${a2}`);
    for (const n of [].concat(v)) add(n, a2, "endonym-" + loc);
  }
}
// CLDR's alternate region names ("-alt-variant", "-alt-short", "-alt-chagos"...: "Аотеароа (Новая
// Зеландия)", "Den Tjekkiske Republik", "チャゴス諸島"), which the runtime's Intl.DisplayNames never
// gives, for the languages CLDR covers at its "modern" level (~95, every regional locale of them).
// Candidates: names no table above holds (their decision stands), that no locale gives as its
// default name (the runtime has those), of more than three letters (short forms such as "RU" for
// Reino Unido read as codes or abbreviations), and that CLDR gives one country only, counting every
// locale's default and alternate names. All candidates are written to cldr-alt.generated.tsv and
// must resolve (tests/country_data.rs); those the shipped rules already reach are not stored (see
// "Names the rules reach" below).
const CLDR_FULL = root + "node_modules/cldr-localenames-full/";
const cldrFullVersion = require(CLDR_FULL + "package.json").version;
const coverage = require(root + "node_modules/cldr-core/coverageLevels.json").effectiveCoverageLevels;
const cldrNames = new Map(); // key -> { codes:Set, name, alt: code when a shipped-language alternate, isDefault }
for (const loc of readdirSync(CLDR_FULL + "main").sort()) {
  const file = `${CLDR_FULL}main/${loc}/territories.json`;
  if (!existsSync(file)) continue;
  const shipAlt = coverage[loc.split("-")[0]] === "modern";
  const names = JSON.parse(readFileSync(file, "utf8")).main[loc].localeDisplayNames.territories;
  for (const [id, name] of Object.entries(names)) {
    const [a2, alt] = id.split("-alt-");
    if (!idx.has(a2)) continue;
    const k = key(name);
    if (!k) continue;
    let e = cldrNames.get(k);
    if (!e) cldrNames.set(k, (e = { codes: new Set(), name }));
    e.codes.add(a2);
    if (!alt) e.isDefault = true;
    else if (shipAlt) e.alt = a2;
  }
}
const altCandidates = [...cldrNames]
  .filter(([k, e]) => e.alt && !e.isDefault && e.codes.size === 1 && !keys.has(k) && [...k].length > 3)
  .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
// Names the rules reach: candidates (CLDR alternates above, and multi-word names of the i18n data
// below) that the shipped tables resolve to their country without storing them ("Korea, Republic
// of" from "Korea", "Конго (ДРК)" from the Congo words), listed in data/country/covered.tsv by
// scripts/refresh-covered.sh (it finds them with the native resolver) and checked by
// tests/country_data.rs: every listed name must resolve. UNSTORED=all leaves every candidate out.
const unstoredAll = process.env.UNSTORED === "all";
const covered = new Set(unstoredAll ? [] : tsv(DATA + "covered.tsv").map(([, name]) => key(name)));
const isCovered = (k) => unstoredAll || covered.has(k);
for (const [k, e] of altCandidates) {
  if (!isCovered(k)) keys.set(k, { codes: new Set([e.alt]), src: new Set(["cldr-alt"]), name: e.name });
}
writeFileSync(
  (process.env.COUNTRY_OUT_DIR ? OUT : DATA) + "cldr-alt.generated.tsv",
  `# CLDR ${cldrFullVersion} alternate names that must resolve (see gen-country-data.mjs): code<TAB>name\n` +
    altCandidates.map(([, e]) => `${e.alt}\t${e.name}\n`).join(""),
);
for (const c of countries) {
  add(c.name, c.a2, "canonical");
  if (c.name.includes("(")) add(withoutParens(c.name), c.a2, "canonical-noparen");
}
// Explicit decisions: aliases win over data conflicts; rejects win over everything.
const explicit = new Map();
for (const [a2, name] of tsv(DATA + "aliases.tsv")) {
  if (!idx.has(a2)) throw new Error(`alias for unknown ${a2}`);
  const k = key(name);
  if (explicit.has(k) && explicit.get(k) !== a2) throw new Error(`alias conflict ${name}`);
  explicit.set(k, a2);
}
for (const [name] of tsv(DATA + "reject.tsv")) explicit.set(key(name), REJECT);
// The canonical names are authoritative: each resolves to its own country whatever else claims it.
for (const c of countries) {
  const k = key(c.name);
  if (explicit.has(k) && explicit.get(k) !== c.a2) throw new Error(`canonical ${c.name} vs explicit`);
  explicit.set(k, c.a2);
}

const table = new Map(); // key -> country index | REJECT
const conflicts = [];
for (const [k, e] of keys) {
  if (e.codes.size === 1) table.set(k, idx.get([...e.codes][0]));
  else {
    table.set(k, REJECT);
    conflicts.push(`${k}\t${[...e.codes].sort().join(",")}\t${[...e.src].sort().join(",")}`);
  }
}
for (const [k, v] of explicit) table.set(k, v === REJECT ? REJECT : idx.get(v));
// Multi-word names that only the i18n data gives (one country, no explicit decision) are
// candidates too; canonical names, aliases, rejects and single words are always stored.
const i18nCandidates = [...keys]
  .filter(([k, e]) => e.codes.size === 1 && !explicit.has(k) && words(e.name).length > 1)
  .filter(([, e]) => [...e.src].every((src) => src !== "canonical" && src !== "canonical-noparen" && src !== "cldr-alt"))
  .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
for (const [k] of i18nCandidates) if (isCovered(k)) table.delete(k);
writeFileSync(
  (process.env.COUNTRY_OUT_DIR ? OUT : DATA) + "covered-candidates.generated.tsv",
  "# Names the tables may leave to the rules (see gen-country-data.mjs, \"Names the rules reach\"): code<TAB>name\n" +
    [...altCandidates.map(([, e]) => `${e.alt}\t${e.name}\n`), ...i18nCandidates.map(([, e]) => `${[...e.codes][0]}\t${e.name}\n`)].join(""),
);
// Every canonical name must resolve to itself.
for (const c of countries) {
  if (table.get(key(c.name)) !== idx.get(c.a2)) throw new Error(`canonical ${c.name} does not resolve`);
}
if (process.env.DEBUG_KEYS) { const np = [...keys].filter(([k, e]) => [...e.src].every((x) => x.endsWith("-noparen"))); console.log("noparen-only", np.length, np.filter(([k]) => /^[\x20-\x7e]*$/.test(k)).length, np.slice(0, 30).map((x) => x[0]).join(" ")); }
conflicts.sort();
writeFileSync(
  (process.env.COUNTRY_OUT_DIR ? OUT : DATA) + "conflicts.generated.tsv",
  "# Keys claimed by several countries in the i18n data; stored as REJECT unless aliases.tsv decides.\n" +
    "# key\tcodes\tsources\tdecision\n" +
    conflicts
      .map((l) => {
        const k = l.split("\t")[0];
        const v = table.get(k);
        return `${l}\t${v === REJECT ? "reject" : countries[v].a2}`;
      })
      .join("\n") +
    "\n",
);

// ---------------------------------------------------------------- time zones
const tzVersion = readFileSync(ZONEINFO + "links.zi", "utf8").match(/^# version (\S+)/m)[1];
const tz = new Map();
for (const [cc, , zone] of tsv(ZONEINFO + "zone.tab")) tz.set(zone, cc);
for (const [ccs, , zone] of tsv(ZONEINFO + "zone1970.tab")) if (!tz.has(zone)) tz.set(zone, ccs.split(",")[0]);
const links = readFileSync(ZONEINFO + "links.zi", "utf8")
  .split("\n")
  .filter((l) => l.startsWith("L "))
  .map((l) => l.split(" ").slice(1));
const overrides = new Map(tsv(DATA + "tz-overrides.tsv").map(([z, cc]) => [z, cc]));
for (let pass = 0; pass < 3; pass++) {
  for (const [target, alias] of links) {
    if (tz.has(alias)) continue;
    if (overrides.has(alias)) tz.set(alias, overrides.get(alias));
    else if (tz.has(target)) tz.set(alias, tz.get(target));
  }
}
for (const [z, cc] of overrides) if (!tz.has(z) || tz.get(z) !== cc) tz.set(z, cc);
for (const cc of tz.values()) if (!idx.has(cc)) throw new Error(`tz country ${cc} unknown`);
const tzTable = new Map([...tz].map(([z, cc]) => [z.toLowerCase(), idx.get(cc)]));

// ---------------------------------------------------------------- encoding
// Latin-script (ASCII after folding) name keys stay as text, because typo matching needs them: sorted, each key
// followed by its value, written as one byte 0x80 + v when v < 0x7f, else 0x01 then v (key bytes are
// 0x20..0x7e, so the terminator is unambiguous). Every BUCKET-th key starts a bucket; BUCKETS holds the
// offsets for the binary search. Other keys are stored as 32-bit FNV-1a hashes (plain text of 12 scripts
// costs ~60% more gzip), and so are time zones: sorted, delta-encoded (Rice code) in buckets (head = absolute hash), values apart.
function textStore(map) {
  const ents = [...map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const bytes = [];
  const starts = [];
  ents.forEach(([k, v], i) => {
    if (i % TEXT_BUCKET === 0) starts.push(bytes.length);
    for (const ch of k) {
      const c = ch.charCodeAt(0);
      if (c < 0x20 || c > 0x7e) throw new Error(`non-ASCII text key ${k}`);
      bytes.push(c);
    }
    if (v < 0x7f) bytes.push(0x80 + v);
    else bytes.push(0x01, v);
  });
  if (bytes.length > 0xffff) throw new Error("text store over 64 KiB: widen BUCKETS to u32");
  // by_first[b - 0x20]: the first bucket whose head starts with byte >= b, so a lookup only
  // binary-searches the buckets of its own first letter.
  // by_prefix[p]: the first bucket whose head's two-letter prefix (a-z -> 1..26, digits and the
  // rest -> 0; a missing second letter -> 0) is >= p, p = 27 * first + second.
  const code = (c) => (c >= 97 && c <= 122 ? c - 96 : 0);
  const prefix = (k) => 27 * code(k.charCodeAt(0)) + (k.length > 1 ? code(k.charCodeAt(1)) : 0);
  const heads = ents.filter((_, i) => i % TEXT_BUCKET === 0).map(([k]) => prefix(k));
  const byFirst = [];
  for (let p = 0; p < 27 * 27; p++) {
    const i = heads.findIndex((h) => h >= p);
    byFirst.push(i < 0 ? heads.length : i);
  }
  // The search relies on heads being sorted by prefix (true when digits sort before letters).
  for (let i = 1; i < heads.length; i++) if (heads[i] < heads[i - 1]) throw new Error("prefix order");
  return { bytes: Buffer.from(bytes), starts, byFirst, count: ents.length, maxLen: Math.max(...ents.map((e) => e[0].length)) };
}
const fnv1a = (buf) => {
  let h = 0x811c9dc5;
  for (const b of buf) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h >>> 0;
};
function hashStore(map) {
  const ents = [...map].map(([k, v]) => [fnv1a(Buffer.from(k, "utf8")), v]).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ents.length; i++) if (ents[i][0] === ents[i - 1][0]) throw new Error("hash collision");
  const deltas = ents.map(([h], i) => (i % BUCKET === 0 ? null : h - ents[i - 1][0]));
  // Rice code: q = d >> k as q one-bits and a zero, then the low k bits, most significant first.
  // Sorted hashes are near-uniform, so the deltas are near-geometric: about 22 bits each where
  // LEB128 took 26 (the bytes are random: gzip saves nothing on them). k minimises the total.
  const cost = (k) => deltas.reduce((n, d) => (d === null ? n : n + Math.floor(d / 2 ** k) + 1 + k), 0);
  let k = 0;
  for (let c = 1; c < 32; c++) if (cost(c) < cost(k)) k = c;
  const bits = [];
  const heads = [];
  const offsets = [];
  ents.forEach(([h], i) => {
    if (i % BUCKET === 0) {
      while (bits.length % 8) bits.push(0); // each bucket starts on a byte
      return heads.push(h), offsets.push(bits.length / 8);
    }
    const d = deltas[i];
    for (let q = Math.floor(d / 2 ** k); q > 0; q--) bits.push(1);
    bits.push(0);
    for (let b = k - 1; b >= 0; b--) bits.push(Math.floor(d / 2 ** b) % 2);
  });
  while (bits.length % 8) bits.push(0);
  const bytes = [];
  for (let i = 0; i < bits.length; i += 8) bytes.push(bits.slice(i, i + 8).reduce((a, b) => a * 2 + b, 0));
  if (bytes.length > 0xffff) throw new Error("hash store over 64 KiB: widen offsets to u32");
  return { bytes: Buffer.from(bytes), heads, offsets, values: ents.map((e) => e[1]), count: ents.length, k };
}
const latin = textStore(new Map([...table].filter(([k]) => isAscii(k))));
const hashed = hashStore(new Map([...table].filter(([k]) => !isAscii(k))));
const tzs = hashStore(tzTable);
mkdirSync(OUT, { recursive: true });
writeFileSync(OUT + "latin.bin", latin.bytes);
writeFileSync(OUT + "hashed.bin", hashed.bytes);
writeFileSync(OUT + "tz.bin", tzs.bytes);

// Candidate locales for the runtime's names (src/wasm/country.rs): CLDR's locales without a region
// subtag ("fr", "sr-Latn"); a regional variant mostly repeats its language's names, except those
// listed in data/country/runtime-locales.tsv.
const cldrCore = require(root + "node_modules/cldr-core/package.json").version;
const runtimeLocales = require(root + "node_modules/cldr-core/availableLocales.json")
  .availableLocales.full.filter((t) => !t.split("-").slice(1).some((s) => /^([A-Z]{2}|\d{3})$/.test(s)))
  .concat(tsv(DATA + "runtime-locales.tsv").map(([loc]) => loc))
  .sort();
// Grouped by each locale's likely script (its script subtag, else CLDR's likelySubtags), so the wasm
// shell can index one script at a time without asking the runtime: "Arab ar fa ...;Cyrl ...".
const likely = require(root + "node_modules/cldr-core/supplemental/likelySubtags.json").supplemental.likelySubtags;
const scriptOf = (tag) => {
  const sub = tag.split("-").find((s, i) => i > 0 && /^[A-Z][a-z]{3}$/.test(s));
  const script = sub ?? (likely[tag.split("-")[0]] ?? "").split("-")[1];
  if (!script) throw new Error(`no likely script for ${tag}`);
  return script;
};
const byScript = new Map();
for (const t of runtimeLocales) byScript.set(scriptOf(t), [...(byScript.get(scriptOf(t)) ?? []), t]);
const runtimeGroups = [...byScript].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([sc, ts]) => [sc, ...ts].join(" "));

// Official-form words (data/country/official-words.tsv) as keys with their class, sorted by key.
const CLASSES = { form: 0, link: 1, state: 2, people: 3, democratic: 4, place: 0, commonwealth: 5, department: 6 };
const officialWords = new Map();
// Latin-script place words of 4+ letters: also taken off the end of a compound ("Chagosöarna").
const placeSuffixes = new Set();
const placeWords = new Set();
for (const [, cls, ws] of tsv(DATA + "official-words.tsv")) {
  if (!(cls in CLASSES)) throw new Error(`official-words: unknown class ${cls}`);
  for (const w of ws.split(" ")) {
    const k = key(w);
    if (!k) continue;
    if (cls === "place" && /^[a-z]{4,}$/.test(k)) placeSuffixes.add(k);
    if (cls === "place") placeWords.add(k);
    const prev = officialWords.get(k);
    // A word with two classes in two languages takes the stronger: the deciding ones, state, form, link.
    const rank = (c) => [3, 4, 2, 0, 1, 0, 0][c];
    officialWords.set(k, prev === undefined || rank(CLASSES[cls]) < rank(prev) ? CLASSES[cls] : prev);
  }
}
const adjectives = new Map();
for (const [a2, ws] of tsv(DATA + "official-adjectives.tsv")) {
  if (!idx.has(a2)) throw new Error(`official adjective for unknown ${a2}`);
  for (const w of ws.split(" ")) {
    const k = key(w);
    if (adjectives.has(k) && adjectives.get(k) !== idx.get(a2)) throw new Error(`adjective ${w} of two countries`);
    adjectives.set(k, idx.get(a2));
  }
}
const adjectiveRows = [];
for (const [k, i] of [...adjectives].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))) {
  const last = adjectiveRows[adjectiveRows.length - 1];
  if (last && last[0] === i) last[1] += " " + k;
  else adjectiveRows.push([i, k]);
}
// The bare word for "Congo" in each language (the word the names of CD and CG share, or the start of
// their keys in scripts written without spaces): official forms decide between the two by it. The
// same for "Korea" (KR and KP): "République de Corée" is the South.
const sharedWords = (x, y, seed) => {
  const shared = new Set(seed);
  for (const loc of LOCALES) {
    const names = (a2) => [].concat(loadLocale(loc)[a2] ?? []);
    // Words and keys of every other country's names in this language: a shared word is in none.
    const others = Object.entries(loadLocale(loc)).filter(([a2]) => a2 !== x && a2 !== y).flatMap(([, v]) => [].concat(v));
    const otherWords = new Set(others.flatMap((n) => words(n)));
    const otherKeys = others.map(key);
    for (const a of names(x)) {
      for (const b of names(y)) {
        const wa = new Set(words(a));
        for (const w of words(b)) if (wa.has(w) && !officialWords.has(w) && !otherWords.has(w) && (isAscii(w) ? w.length >= 4 : w.length >= 2)) shared.add(w);
        const [ka, kb] = [key(a), key(b)];
        let n = 0;
        while (n < ka.length && ka[n] === kb[n]) n++;
        const common = [...ka.slice(0, n)].join("");
        if (!isAscii(common) && [...common].length >= 2 && !officialWords.has(common) && !otherKeys.some((k) => k.startsWith(common))) shared.add(common);
      }
    }
  }
  return [...shared].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
};
const congo = sharedWords("CD", "CG", ["congo", "kongo"]);
const korea = sharedWords("KR", "KP", ["korea"]);
const congoSorted = congo;
const officialSorted = [...officialWords].sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));

const prefixes = tsv(DATA + "official-prefixes.tsv").map(([p]) => key(p));
// Inflection of names inside official forms (data/country/official-endings.tsv): every (ending,
// replacement) pair of a line, folded like keys ("x" first, so a bare ending is never read as an abbreviation).
const foldPart = (s) => (s === "-" ? "" : key("x" + s).slice(1));
const endingPairs = new Set();
const articles = new Set();
for (const [, ends, adds] of tsv(DATA + "official-endings.tsv")) {
  for (const e of ends.split(" ")) {
    // "^x": an article fused to the front of a word (Arabic "al-"), taken off the rest before the endings.
    if (e.startsWith("^")) articles.add(foldPart(e.slice(1)));
    else for (const r of adds.split(" ")) endingPairs.add(`${foldPart(e)}\t${foldPart(r)}`);
  }
}
const endings = [...endingPairs].map((p) => p.split("\t")).filter(([e, r]) => e !== r).sort((a, b) => (a[0] + "\t" + a[1] < b[0] + "\t" + b[1] ? -1 : 1));
for (const p of prefixes) if (table.has(p)) throw new Error(`prefix ${p} is itself a key`);
const codeAliases = tsv(DATA + "code-aliases.tsv").map(([code, a2]) => [code, idx.get(a2)]);
const byA3 = countries.map((c, i) => i).sort((a, b) => (countries[a].a3 < countries[b].a3 ? -1 : 1));
const byNum = countries.map((c, i) => i).sort((a, b) => (countries[a].num < countries[b].num ? -1 : 1));
const i18nVersion = require(I18N + "package.json").version;
const tzdataDeb = readFileSync(ZONEINFO + "links.zi", "utf8").match(/Debian tzdata (\S+)'s/)[1];

const rsStr = (s) => JSON.stringify(s).replace(/\\u([0-9a-f]{4})/g, "\\u{$1}");
const list = (xs, per = 20) => {
  const out = [];
  for (let i = 0; i < xs.length; i += per) out.push("    " + xs.slice(i, i + per).join(", ") + ",");
  return out.join("\n");
};
const rs = `// @generated by scripts/gen-country-data.mjs — do not edit; edit data/country/* and re-run.
// Sources: country-names-en.tsv (canonical names); i18n-iso-countries ${i18nVersion} (MIT): alpha-3,
// numeric and names in ${LOCALES.length} locales + endonyms; tzdata ${tzVersion} (Debian ${tzdataDeb}, public
// domain): zone.tab, zone1970.tab, tzdata.zi links; data/country/*.tsv (hand-curated); cldr-core
// ${cldrCore} (Unicode-3.0): the list of CLDR locales; cldr-localenames-full ${cldrFullVersion}
// (Unicode-3.0): alternate region names.
// ${latin.count} Latin + ${hashed.count} hashed name keys (${conflicts.length} data conflicts stored as rejects), ${tzs.count} time zones.

use super::Country;

/// Value stored for a key that must resolve to no country.
pub const REJECT: u8 = ${REJECT};
/// Entries per bucket in the hash stores (HASH_*, TZ_*) and in the text store (LATIN).
pub const BUCKET: usize = ${BUCKET};
pub const TEXT_BUCKET: usize = ${TEXT_BUCKET};

/// The codes of every country as fixed 8-byte records (alpha-2, alpha-3, numeric), so that the
/// COUNTRIES pointers into it are regular and compress well.
const CODES: &str = "${countries.map((c) => c.a2 + c.a3 + c.num).join("")}";

const fn code(i: usize, at: usize, len: usize) -> &'static str {
    let (_, tail) = CODES.as_bytes().split_at(i * 8 + at);
    let (bytes, _) = tail.split_at(len);
    match core::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) => "",
    }
}

pub static COUNTRIES: [Country; ${countries.length}] = [
${countries.map((c, i) => `    Country { name: ${rsStr(c.name)}, alpha2: code(${i}, 0, 2), alpha3: code(${i}, 2, 3), numeric: code(${i}, 5, 3) },`).join("\n")}
];

/// Indices into COUNTRIES sorted by alpha-3 and by numeric code.
pub static BY_ALPHA3: [u8; ${byA3.length}] = [
${list(byA3)}
];
pub static BY_NUMERIC: [u8; ${byNum.length}] = [
${list(byNum)}
];

/// CLDR's locales without a region subtag (cldr-core availableLocales "full") and those of
/// data/country/runtime-locales.tsv, grouped by likely script: "Arab ar fa ...;Cyrl be bg ...".
pub static RUNTIME_LOCALES: &str = ${rsStr(runtimeGroups.join(";"))};

/// Official-form words (data/country/official-words.tsv) as keys, space-separated, one string per
/// class: 0 form, 1 link, 2 state, 3 people, 4 democratic, 5 commonwealth, 6 department (text, not
/// a table of pointers: smaller).
pub static OFFICIAL_WORDS: [&str; 7] = [
${[0, 1, 2, 3, 4, 5, 6].map((c) => "    " + rsStr(officialSorted.filter(([, k]) => k === c).map(([w]) => w).join(" ")) + ",").join("\n")}
];

/// The form words of scripts written without spaces (Thai, Han, kana, Hangul), per class as in
/// OFFICIAL_WORDS: taken off the start or end of a word ("アンゴラ共和国").
pub static OFFICIAL_AFFIXES: [&str; 7] = [
${[0, 1, 2, 3, 4, 5, 6].map((c) => "    " + rsStr(officialSorted.filter(([w, k]) => k === c && c !== 1 && /^[\u0E00-\u0E7F\u1100-\u11FF\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]/u.test(w)).map(([w]) => w).join(" ")) + ",").join("\n")}
];

/// Place words (official-words.tsv, class place) as keys sorted by bytes, space-separated: a name
/// may hold one ("マーシャル諸島", "Marshall Islands"), so official forms also try the rest with them.
pub static PLACE_WORDS: &str = ${rsStr([...placeWords].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))).join(" "))};

/// Latin-script place words (official-words.tsv, class place, 4+ letters), longest first: taken off
/// the end of a compound word ("chagosoarna", "falklandinseln").
pub static PLACE_SUFFIXES: [&str; ${placeSuffixes.size}] = [${[...placeSuffixes].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(rsStr).join(", ")}];

/// The bare word for "Congo" per language (generated from the names of CD and CG), space-separated:
/// with official form words, "democratic" decides CD, else CG.
pub static CONGO_WORDS: &str = ${rsStr(congoSorted.join(" "))};

/// The bare word for "Korea" per language (generated from the names of KR and KP), space-separated:
/// with official form words, "people's" or "democratic" decides KP, else KR.
pub static KOREA_WORDS: &str = ${rsStr(korea.join(" "))};

/// Adjectives official forms use for a country (data/country/official-adjectives.tsv): (country,
/// space-separated adjectives).
pub static OFFICIAL_ADJECTIVES: [(u8, &str); ${adjectiveRows.length}] = [
${adjectiveRows.map(([i, ws]) => `    (${i}, ${rsStr(ws)}),`).join("\n")}
];

/// Official-form prefixes (data/country/official-prefixes.tsv) as keys.
pub static OFFICIAL_PREFIXES: [&str; ${prefixes.length}] = [${prefixes.map(rsStr).join(", ")}];

/// Inflections read in official forms (data/country/official-endings.tsv): (ending, replacement) keys.
pub static OFFICIAL_ENDINGS: [(&str, &str); ${endings.length}] = [
${endings.map(([e, r]) => `    (${rsStr(e)}, ${rsStr(r)}),`).join("\n")}
];

/// Articles fused to the front of a name (data/country/official-endings.tsv, "^"), as keys.
pub static OFFICIAL_ARTICLES: [&str; ${articles.size}] = [${[...articles].sort().map(rsStr).join(", ")}];

/// Non-ISO or former codes (data/country/code-aliases.tsv), sorted.
pub static CODE_ALIASES: [(&str, u8); ${codeAliases.length}] = [
${codeAliases.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([c, i]) => `    ("${c}", ${i}),`).join("\n")}
];

/// Folding (scripts/gen-country-data.mjs, "Compact form"): blocks of (first code point, length,
/// offset into FOLD), one byte per code point.
pub static FOLD_BLOCKS: [(u32, u16, u16); ${blockRows.length}] = [
${blockRows.map(([lo, len, off]) => `    (0x${lo.toString(16)}, ${len}, ${off}),`).join("\n")}
];
pub static FOLD: &[u8] = include_bytes!("fold.bin");
pub static FOLD_DELTAS: [i32; ${deltas.length}] = [
${list(deltas, 16)}
];
pub static FOLD_MULTI: [&str; ${multi.length}] = [${multi.map(rsStr).join(", ")}];

/// Latin-script name keys as text (format in scripts/gen-country-data.mjs, textStore).
pub static LATIN: &[u8] = include_bytes!("latin.bin");
pub static LATIN_BUCKETS: [u16; ${latin.starts.length}] = [
${list(latin.starts)}
];
/// LATIN_BY_PREFIX[p]: first bucket whose head's two-letter prefix code is >= p (see store.rs).
pub static LATIN_BY_PREFIX: [u16; 729] = [
${list(latin.byFirst, 24)}
];
/// Other name keys as FNV-1a hashes (hashStore): bucket heads, Rice-coded deltas (parameter
/// HASH_RICE_K), values by rank.
pub const HASH_RICE_K: u32 = ${hashed.k};
pub static HASH_HEADS: [u32; ${hashed.heads.length}] = [
${list(hashed.heads, 8)}
];
pub static HASH_DELTAS: &[u8] = include_bytes!("hashed.bin");
pub static HASH_OFFSETS: [u16; ${hashed.offsets.length}] = [
${list(hashed.offsets)}
];
pub static HASH_VALUES: [u8; ${hashed.values.length}] = [
${list(hashed.values, 24)}
];
/// IANA time zones, lowercased, as hashes (hashStore): exact matches only, so no text is needed.
pub const TZ_RICE_K: u32 = ${tzs.k};
pub static TZ_HEADS: [u32; ${tzs.heads.length}] = [
${list(tzs.heads, 8)}
];
pub static TZ_DELTAS: &[u8] = include_bytes!("tz.bin");
pub static TZ_OFFSETS: [u16; ${tzs.offsets.length}] = [
${list(tzs.offsets)}
];
pub static TZ_VALUES: [u8; ${tzs.values.length}] = [
${list(tzs.values, 24)}
];
`;
writeFileSync(OUT + "data.rs", rs);
// Formatted as `cargo fmt` leaves it, so regenerating reproduces the committed file byte for byte.
execSync("rustfmt --edition 2021 " + JSON.stringify(OUT + "data.rs"));
console.log(
  `countries ${countries.length}, latin keys ${latin.count} (${latin.bytes.length} B), hashed ${hashed.count}, conflicts ${conflicts.length}, ` +
    `tz ${tzs.count} (${tzs.bytes.length} B deltas), fold ${foldBytes.length} B, ${deltas.length} deltas, ${multi.length} multi, tzdata ${tzVersion}`,
);
