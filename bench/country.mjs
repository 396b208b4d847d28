// Country normalizer benchmark (interface: bench/README.md).
// 1. normalizeCountry from JS on a realistic mix (codes, English names, other languages, UN/World Bank
//    styles, typos, junk): calls/s, compared with the JS baseline of a Map lookup of the lower-cased input.
// 2. On the inputs i18n-iso-countries' getAlpha2Code(name, "en") can handle: wazper's
//    normalizeCountry(input, "alpha2") vs getAlpha2Code, calls/s and ratio (target >= 30x).
// 3. First-call cost of the runtime's CLDR names (src/wasm/country.rs): a fresh Node process per
//    script, timing the first input the shipped tables do not know (the index of that script is built).
// 4. The country data's share of the .wasm, gzip: what gzip saves when the tables are zeroed,
//    beside the JS anchor (i18n-iso-countries with the 28 locales, minified, gzip).
// Medians of interleaved runs. Run alone: node bench/country.mjs (loads pkg/node.js).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { LOCALES } from "./lib/anchors.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));

// Realistic mix, in rough proportion to what a country field holds.
const MIX = [
  // codes ~30%
  "US", "us", "GB", "UK", "DE", "de", "FR", "IN", "CA", "AU", "BR", "NL", "ES", "IT", "JP", "USA", "GBR", "DEU", "FRA", "840", "276",
  "cn", "mx", "se", "ch", "pl", "be", "sg", "ie", "nz",
  // English names ~30%
  "United States", "United Kingdom", "Germany", "France", "India", "Canada", "Australia", "Brazil", "Netherlands", "Spain",
  "Italy", "Japan", "China", "Mexico", "Sweden", "Switzerland", "Poland", "Belgium", "Singapore", "Ireland", "united states",
  "UNITED KINGDOM", "South Africa", "New Zealand", "Israel", "Turkey", "Portugal", "Argentina", "Philippines", "Nigeria",
  // other languages and endonyms ~20%
  "Deutschland", "España", "Brasil", "Italia", "Nederland", "Schweiz", "Österreich", "Polska", "Sverige", "México",
  "日本", "中国", "Россия", "대한민국", "Türkiye", "Ελλάδα", "ישראל", "مصر", "ประเทศไทย", "भारत",
  // UN / World Bank / messy ~12%
  "Korea, Rep.", "Iran (Islamic Republic of)", "Viet Nam", "Côte d'Ivoire", "Hong Kong SAR, China", "Russian Federation",
  "U.S.A.", "the Netherlands", "Czech Republic", "🇫🇷", "St. Lucia", "Gambia, The",
  // typos ~5%
  "Untied States", "Germnay", "Phillipines", "Switzerand", "Brazill",
  // junk / placeholders ~3%
  "n/a", "Europe", "California",
];

function rate(fn, inputs, ms) {
  const t0 = performance.now();
  let n = 0;
  let sink = 0;
  while (performance.now() - t0 < ms) {
    for (let i = 0; i < inputs.length; i++) {
      const r = fn(inputs[i]);
      if (r) sink++;
    }
    n += inputs.length;
  }
  globalThis.__sink = sink;
  return n / ((performance.now() - t0) / 1000);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Interleaves runs of several contenders; returns the median calls/s of each. */
function race(contenders, inputs, rounds = 7, ms = 250) {
  const out = contenders.map(() => []);
  for (const [fn] of contenders) rate(fn, inputs, 100); // warm up
  for (let r = 0; r < rounds; r++) contenders.forEach(([fn], i) => out[i].push(rate(fn, inputs, ms)));
  return out.map(median);
}

/** ms of the first normalizeCountry(input) call in a fresh process (median of 3 processes). */
function firstCall(pkgDir, input) {
  const code = `const m = await import(${JSON.stringify(pathToFileURL(path.join(pkgDir, "node.js")).href)});
    const t = performance.now(); m.normalizeCountry(${JSON.stringify(input)}); console.log(performance.now() - t);`;
  const runs = [0, 1, 2].map(() => Number(execFileSync(process.execPath, ["--input-type=module", "-e", code]).toString()));
  return median(runs);
}

/** The generated tables as the bytes they are in wasm memory: .bin files, integer arrays, strings. */
function countryBlobs() {
  const dir = path.join(root, "src/country");
  const blobs = ["latin.bin", "hashed.bin", "tz.bin", "fold.bin"].map((f) => readFileSync(path.join(dir, f)));
  const rs = readFileSync(path.join(dir, "data.rs"), "utf8");
  const widths = { u8: 1, u16: 2, u32: 4, i32: 4 };
  for (const [, type, body] of rs.matchAll(/pub static \w+: \[(u8|u16|u32|i32); \d+\] = \[([^\]]*)\];/g)) {
    const nums = body.split(",").map((x) => x.trim()).filter(Boolean).map(Number);
    const buf = Buffer.alloc(nums.length * widths[type]);
    nums.forEach((n, i) => (type === "u8" ? buf.writeUInt8(n, i) : type === "u16" ? buf.writeUInt16LE(n, 2 * i) : type === "i32" ? buf.writeInt32LE(n, 4 * i) : buf.writeUInt32LE(n, 4 * i)));
    blobs.push(buf);
  }
  for (const [, str] of rs.matchAll(/(?:const CODES: &str|pub static RUNTIME_LOCALES: &str) =\s*"([^"]*)"/g)) blobs.push(Buffer.from(str));
  for (const [, name] of rs.matchAll(/Country \{\s*name: "([^"]*)"/g)) blobs.push(Buffer.from(name));
  // Every other string of the tables (official words, Congo words, adjectives, prefixes, ...).
  const unescape = (x) => x.replace(/\\u\{([0-9a-f]+)\}/g, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/\\(.)/g, "$1");
  for (const [, str] of rs.matchAll(/"((?:[^"\\]|\\.)*)"/g)) if (str.length >= 8) blobs.push(Buffer.from(unescape(str)));
  return blobs;
}

/** gzip bytes the country tables account for in `wasm`: its gzip size minus that with them zeroed. */
function countryShare(wasm) {
  const zeroed = Buffer.from(wasm);
  let found = 0;
  for (const b of countryBlobs()) {
    const at = zeroed.indexOf(b);
    if (at < 0 || b.length < 4) continue;
    zeroed.fill(0, at, at + b.length);
    found += b.length;
  }
  const gz = (buf) => gzipSync(buf, { level: 9 }).length;
  return { gzip: gz(wasm) - gz(zeroed), raw: found };
}

async function i18nAnchorGzip() {
  const esbuild = await import(path.join(root, "node_modules/esbuild/lib/main.js"));
  const contents = [`import c from "i18n-iso-countries/index.js";`,
    ...LOCALES.map((l) => `import ${l}_ from "i18n-iso-countries/langs/${l}.json"; c.registerLocale(${l}_);`), `export { c };`].join("\n");
  const out = await esbuild.build({ stdin: { contents, resolveDir: root, loader: "js" }, bundle: true, minify: true,
    format: "esm", platform: "browser", write: false, logLevel: "silent" });
  return gzipSync(Buffer.from(out.outputFiles[0].contents), { level: 9 }).length;
}

export default async function bench({ wazper, pkgDir = path.join(root, "pkg") }) {
  const { normalizeCountry } = wazper;
  const countries = require("i18n-iso-countries");
  countries.registerLocale(require("i18n-iso-countries/langs/en.json"));

  // JS anchor for the mix: a Map from lower-cased canonical name / code to the name.
  const map = new Map();
  for (const [a2, name] of Object.entries(countries.getNames("en"))) {
    map.set(name.toLowerCase(), name);
    map.set(a2.toLowerCase(), name);
  }
  const jsMap = (s) => map.get(s.trim().toLowerCase()) ?? null;

  const [wz, js] = race([[(s) => normalizeCountry(s)], [jsMap]], MIX);

  const handled = MIX.filter((s) => countries.getAlpha2Code(s, "en") !== undefined);
  const [wz2, i18n] = race([[(s) => normalizeCountry(s, "alpha2")], [(s) => countries.getAlpha2Code(s, "en")]], handled);
  const share = countryShare(readFileSync(path.join(pkgDir, "wazper_bg.wasm")));
  const anchorGzip = await i18nAnchorGzip();
  const hit = firstCall(pkgDir, "Germany");
  const firsts = [
    ["Latin script (an unknown name)", "Qwertzuiopland"],
    ["Cyrillic", "Обединено Неверкралство"],
    ["Han/kana/Hangul", "中國"],
    ["Greek", "Ουτοπία"],
    // Exact names first, then the skeletons (src/country/skeleton.rs): both are built on this call.
    ["Arabic script (read by its skeleton)", "بلجئیم"],
  ].map(([what, input]) => ({
    figure: `first call needing the runtime's CLDR names, ${what}: normalizeCountry(${JSON.stringify(input)})`,
    unit: "ms",
    value: firstCall(pkgDir, input),
    anchor: "first call answered by the shipped tables (\"Germany\")",
    anchorValue: hit,
    ratio: firstCall(pkgDir, input) / hit,
    target: "",
  }));
  return [
    {
      figure: "country data in the .wasm (gzip bytes it accounts for)",
      unit: "B",
      value: share.gzip,
      anchor: `i18n-iso-countries + ${LOCALES.length} locales, minified, gzip`,
      anchorValue: anchorGzip,
      ratio: share.gzip / anchorGzip,
      target: "",
    },
    ...firsts,
    {
      figure: `normalizeCountry, realistic mix (${MIX.length} inputs)`,
      unit: "calls/s",
      value: wz,
      anchor: "JS Map.get(lower-cased input), exact names/codes only",
      anchorValue: js,
      ratio: wz / js,
      target: ">= 1e6 calls/s (absolute)",
    },
    {
      figure: `normalizeCountry(x, "alpha2") on the ${handled.length} inputs getAlpha2Code handles`,
      unit: "calls/s",
      value: wz2,
      anchor: "i18n-iso-countries getAlpha2Code(x, 'en')",
      anchorValue: i18n,
      ratio: wz2 / i18n,
      target: ">= 30x (higher is better)",
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // The Node entry, as `make bench` (bench/run.mjs) and users get it: its normalizeCountry is fast.js's.
  const mod = await import(pathToFileURL(path.join(root, "pkg/node.js")).href);
  for (const r of await bench({ wazper: mod })) {
    console.log(`${r.figure}: ${Math.round(r.value).toLocaleString()} ${r.unit}; ${r.anchor}: ${Math.round(r.anchorValue).toLocaleString()}; ratio ${r.ratio.toFixed(2)} (${r.target})`);
  }
}
