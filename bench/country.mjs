// Country normalizer benchmark (interface: bench/README.md).
// 1. normalizeCountry from JS on a realistic mix (codes, English names, other languages, UN/World Bank
//    styles, typos, junk): calls/s, compared with the JS baseline of a Map lookup of the lower-cased input.
// 2. On the inputs i18n-iso-countries' getAlpha2Code(name, "en") can handle: wazper's
//    normalizeCountry(input, "alpha2") vs getAlpha2Code, calls/s and ratio (target >= 30x).
// Medians of interleaved runs. Run alone: node bench/country.mjs (loads pkg/node.js).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

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

export default async function bench({ wazper }) {
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
  return [
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

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  // The Node entry, as `make bench` (bench/run.mjs) and users get it: its normalizeCountry is fast.js's.
  const mod = await import(pathToFileURL(path.join(root, "pkg/node.js")).href);
  for (const r of await bench({ wazper: mod })) {
    console.log(`${r.figure}: ${Math.round(r.value).toLocaleString()} ${r.unit}; ${r.anchor}: ${Math.round(r.anchorValue).toLocaleString()}; ratio ${r.ratio.toFixed(2)} (${r.target})`);
  }
}
