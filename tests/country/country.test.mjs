// The country helpers through the built package in Node: contract behaviour, hostile JS values,
// accuracy on the independent test sets (printed per source), must-reject set, time zones, locales.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { normalizeCountry, lookupCountry, countryFromTimeZone, countryFromLocale, rows, root, wasm } from "./load.mjs";
import { roundTrip, explainedKeys } from "./roundtrip.mjs";

const canon = readFileSync(`${root}/data/country/country-names-en.tsv`, "utf8")
  .trim().split("\n").slice(1).map((l) => l.split("\t"));

test("every canonical country round-trips by name, alpha-2, alpha-3 and numeric", () => {
  assert.equal(canon.length, 250);
  for (const [a2, name] of canon) {
    const c = lookupCountry(a2);
    assert.equal(c.name, name);
    assert.deepEqual(Object.keys(c), ["name", "alpha2", "alpha3", "numeric"]);
    for (const input of [name, c.alpha3, c.numeric, a2.toLowerCase()]) assert.deepEqual(lookupCountry(input), c, input);
    assert.equal(normalizeCountry(name, "alpha2"), a2);
    assert.equal(normalizeCountry(a2, "alpha3"), c.alpha3);
    assert.equal(normalizeCountry(c.alpha3), name);
  }
});

test("contract examples", () => {
  assert.equal(normalizeCountry("us"), "United States");
  assert.equal(normalizeCountry("U.S.A."), "United States");
  assert.equal(normalizeCountry("Deutschland"), "Germany");
  assert.equal(normalizeCountry("Korea, Rep."), "South Korea");
  assert.equal(normalizeCountry("Cote d'Ivoire"), "Ivory Coast");
  assert.equal(normalizeCountry("🇯🇵"), "Japan");
  assert.equal(normalizeCountry("Untied States"), "United States");
  assert.equal(normalizeCountry("UK", "alpha2"), "GB");
  assert.equal(normalizeCountry("Germany", "alpha3"), "DEU");
  assert.equal(normalizeCountry("Germany", "name"), "Germany");
  assert.equal(normalizeCountry("Germany", "ALPHA2"), null);
  assert.equal(normalizeCountry("Germany", "numeric"), null);
  assert.equal(normalizeCountry("n/a"), null);
  assert.equal(normalizeCountry("Europe"), null);
  assert.equal(countryFromTimeZone("Europe/Paris"), "FR");
  assert.equal(countryFromTimeZone("Asia/Calcutta"), "IN");
  assert.equal(countryFromTimeZone("US/Eastern"), "US");
  assert.equal(countryFromTimeZone("Europe/Kiev"), "UA");
  assert.equal(countryFromTimeZone("UTC"), null);
  assert.equal(countryFromTimeZone("Etc/GMT+3"), null);
  assert.equal(countryFromLocale("fr-CA"), "CA");
  assert.equal(countryFromLocale("de_AT"), "AT");
  assert.equal(countryFromLocale("zh-Hant-TW"), "TW");
  assert.equal(countryFromLocale("en-GB-oxendict"), "GB");
  assert.equal(countryFromLocale("es-419"), null);
  assert.equal(countryFromLocale("en"), null);
});

test("never throws on any JS value; wrong types give null", () => {
  const hostile = [undefined, null, 0, 1, -1, NaN, Infinity, 840, 276n, true, false, Symbol("us"), {}, [], ["us"],
    { toString() { throw new Error("boom"); } }, { valueOf() { throw new Error("boom"); } }, () => "us",
    new String("us"), new Proxy({}, { get() { throw new Error("trap"); } }), new Uint8Array(4), new Date(), /us/];
  for (const v of hostile) {
    for (const f of [normalizeCountry, lookupCountry, countryFromTimeZone, countryFromLocale]) {
      assert.equal(f(v), null, `${f.name}(${String(typeof v === "symbol" ? "symbol" : typeof v)})`);
    }
    assert.equal(normalizeCountry("us", v === undefined ? 5 : v), null);
  }
  assert.equal(normalizeCountry("us", undefined), "United States");
});

test("never traps on junk strings (the instance keeps working)", () => {
  const junk = ["", " ", "\u0000", "\uD800", "\uDFFF x", "\u0301".repeat(1000), "🇺", "🇺🇸🇺🇸", "(".repeat(5000), "a".repeat(1 << 20),
    "\u{E0067}\u{E0062}", "🏴\u{E0067}", String.fromCharCode(...Array.from({ length: 500 }, (_, i) => i * 131 % 65536))];
  for (let i = 0; i < 2000; i++) {
    let s = "";
    for (let j = 0; j < (i % 40); j++) s += String.fromCharCode((Math.imul(i + 1, 2654435761) >>> (j % 16)) % 0xffff);
    junk.push(s);
  }
  for (const s of junk) {
    normalizeCountry(s); lookupCountry(s); countryFromTimeZone(s); countryFromLocale(s); normalizeCountry("us", s);
  }
  assert.equal(normalizeCountry("France"), "France");
});

test("inputs over 4,096 UTF-16 units give null without being copied into wasm memory", () => {
  const exact = " ".repeat(4096 - "France".length) + "France";
  assert.equal(normalizeCountry(exact), "France");
  const before = wasm.memory.buffer.byteLength;
  for (const f of [normalizeCountry, lookupCountry, countryFromTimeZone, countryFromLocale]) {
    assert.equal(f(" " + exact), null, f.name);
    assert.equal(f("x".repeat(1 << 24)), null, f.name);
  }
  assert.equal(normalizeCountry("France", "name".padEnd(1 << 24)), null);
  assert.equal(wasm.memory.buffer.byteLength, before, "wasm memory grew");
});

test("Intl.DisplayNames round trip: every CLDR locale Node supports", () => {
  const candidates = JSON.parse(readFileSync(`${root}/node_modules/cldr-core/availableLocales.json`, "utf8")).availableLocales.full;
  const r = roundTrip(normalizeCountry, candidates, canon.map(([a2]) => a2));
  const pct = (t) => `${t.right}/${t.total} (${((100 * t.right) / t.total).toFixed(2)}%), ${t.wrong} wrong`;
  console.log(`# Intl round trip (Node ${process.versions.node}, ICU ${process.versions.icu}, CLDR ${process.versions.cldr}): ` +
    `${r.locales} locales; top-40 languages ${pct(r.top)}; all ${pct(r.all)}`);
  const worst = r.perLocale.filter(([, t]) => t.right < t.total * 0.97).map(([l, t]) => `${l} ${t.right}/${t.total}`);
  console.log(`# locales under 97%: ${worst.join(", ") || "none"}`);
  const explained = explainedKeys(readFileSync(`${root}/tests/country/intl-explained.tsv`, "utf8"));
  const unexplained = r.wrong.filter(([k]) => !explained.has(k)).map(([k, locs]) => `${k.replace(/\t/g, " -> ")} [${locs.join(" ")}]`);
  for (const [k, locs] of r.wrong) console.log(`# wrong: ${k.replace(/\t/g, " | ")} [${locs.join(" ")}]`);
  assert.ok(r.locales > 200, `only ${r.locales} locales`);
  assert.ok(r.top.right >= r.top.total * 0.99, "top-40 languages under 99%");
  assert.ok(r.all.right >= r.all.total * 0.97, "all locales under 97%");
  assert.deepEqual(unexplained, [], "wrong-country answers not explained in intl-explained.tsv");
});

function accuracy(file) {
  const bySrc = new Map();
  for (const [input, want, detail = ""] of rows(file)) {
    const src = detail.split(":").slice(0, 2).pop() || "all";
    const t = bySrc.get(src) ?? { total: 0, right: 0, wrong: 0 };
    const got = normalizeCountry(input, "alpha2");
    t.total++;
    if (got === want) t.right++;
    else if (got !== null) t.wrong++;
    bySrc.set(src, t);
  }
  const all = [...bySrc.values()].reduce((a, t) => ({ total: a.total + t.total, right: a.right + t.right, wrong: a.wrong + t.wrong }), { total: 0, right: 0, wrong: 0 });
  console.log(`# ${file}: ${all.right}/${all.total} right (${(100 * all.right / all.total).toFixed(1)}%), ${all.wrong} wrong`);
  return all;
}

test("Arabic-script currency names name no country (the skeleton reading adds no accept)", () => {
  // Currency names are a country adjective beside a word ("یمنی ریال", Yemeni rial): a consonant
  // skeleton that ran words together would read some as a country. Every Arabic-script locale.
  const locales = Intl.DisplayNames.supportedLocalesOf(["ar", "fa", "ur", "ps", "sd", "ckb", "ug", "ks", "pa-Arab", "uz-Arab", "az-Arab", "lrc", "mzn"]);
  const codes = ["USD", "EUR", "GBP", "INR", "PKR", "IRR", "AFN", "SAR", "AED", "EGP", "IQD", "SYP", "LBP", "JOD", "KWD", "QAR",
    "OMR", "BHD", "YER", "SDG", "LYD", "TND", "DZD", "MAD", "TRY", "RUB", "BDT", "NPR", "LKR", "MVR", "IDR", "MYR", "CNY", "JPY",
    "KRW", "AUD", "CAD", "MXN", "BRL", "CHF", "SEK", "NOK", "DKK", "PLN", "ZAR", "NGN", "KES", "ETB", "TZS", "XOF"];
  const accepted = [];
  for (const loc of locales) {
    const dn = new Intl.DisplayNames([loc], { type: "currency", fallback: "none" });
    for (const code of codes) {
      const name = dn.of(code);
      if (name && /[\u0600-\u06ff]/.test(name) && normalizeCountry(name) !== null) accepted.push(`${loc} ${name}`);
    }
  }
  assert.ok(locales.length >= 3, `only ${locales.length} Arabic-script locales`);
  assert.deepEqual(accepted, []);
});

test("independent sets: accuracy per source, with the runtime's CLDR names", () => {
  // Issue 11's targets are 99% / 90% / 99%. Regression floors of the package in Node (measured:
  // cldr 99.8%, world-countries 92.9%, messy 99.3%); the native test holds those of the shipped
  // tables alone. cldr.tsv's alternate-name rows check the shipped CLDR alternates (SOURCES.md).
  const cldr = accuracy("cldr.tsv");
  assert.ok(cldr.right >= cldr.total * 0.995, "cldr.tsv under 99.5%");
  assert.ok(cldr.wrong <= cldr.total * 0.003);
  const wc = accuracy("world-countries.tsv");
  assert.ok(wc.right >= wc.total * 0.925, "world-countries.tsv under 92.5%");
  assert.ok(wc.wrong <= wc.total * 0.003);
  const messy = accuracy("messy.tsv");
  assert.ok(messy.right >= messy.total * 0.99, "messy.tsv under 99%");
  assert.equal(messy.wrong, 0);
});

test("issue 11's examples", () => {
  for (const [input, want] of [
    ["États-Unis", "US"], ["Stati Uniti", "US"], ["中國", "CN"], ["대만", "TW"],
    ["French Republic", "FR"], ["Hellenic Republic", "GR"], ["Swiss Confederation", "CH"],
    ["United Mexican States", "MX"], ["State of Kuwait", "KW"], ["Eastern Republic of Uruguay", "UY"],
    ["Macao Special Administrative Region of China", "MO"], ["République française", "FR"],
    ["Königreich Belgien", "BE"], ["República de Angola", "AO"], ["Reino de España", "ES"],
    ["Korea, South", "KR"], ["Korea South", "KR"], ["Korea (South)", "KR"], ["Central African Rep.", "CF"],
    ["Dem. Rep. of the Congo", "CD"], ["Cayman Is.", "KY"], ["Fed. Sts. of Micronesia", "FM"],
    ["Côte d’Ivoire", "CI"], ["Côte dʼIvoire", "CI"], ["Cote dʻIvoire", "CI"], ["Cote d`Ivoire", "CI"],
    ["Cote d´Ivoire", "CI"], ["Cote d′Ivoire", "CI"], ["Zaire", "CD"], ["Tanganyika", "TZ"], ["Upper Volta", "BF"],
    ["Uniited Arab Emirates", "AE"], ["Bosnia and Herzegovian", "BA"], ["Central African Repuulbic", "CF"],
    ["Bilivia", "BO"], ["Anguills", "AI"],
  ]) assert.equal(normalizeCountry(input, "alpha2"), want, input);
  for (const input of ["Neverland", "Bavaria", "Texas", "Europe", "Gotham"]) assert.equal(normalizeCountry(input), null, input);
});

test("Arabic-script spellings other than the runtime's (src/country/skeleton.rs)", () => {
  // Urdu spellings of names the runtime writes otherwise, official forms with ezafe, the tatweel.
  for (const [input, want] of [
    ["ارجنٹائن", "AR"], ["بلجئیم", "BE"], ["بوٹسوانا", "BW"], ["سویٹذرلینڈ", "CH"], ["مملکتِ بلجئیم", "BE"],
    ["دولتِ مشترکہ آسٹریلیا", "AU"], ["اسلامی جمہوریۂ پاكستان", "PK"], ["لیبـِریا", "LR"],
  ]) assert.equal(normalizeCountry(input, "alpha2"), want, input);
  // Short skeletons, a US state, adjectives and twins stay null.
  for (const input of ["بيروت", "کراچی", "ریاست جارجیا", "الفرنسية", "فرانسیسی", "ڈومینیکن", "سن مارتن"]) {
    assert.equal(normalizeCountry(input), null, input);
  }
});

test("must-reject set: zero false accepts", () => {
  const accepted = rows("reject.tsv").map(([input]) => [input, normalizeCountry(input)]).filter(([, got]) => got !== null);
  console.log(`# reject.tsv: ${accepted.length} false accepts`);
  assert.deepEqual(accepted, []);
});

test("every zone.tab zone, and what Intl reports for it", () => {
  let checked = 0;
  for (const line of readFileSync(`${root}/data/country/tzdata/zone.tab`, "utf8").split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [cc, , zone] = line.split("\t");
    assert.equal(countryFromTimeZone(zone), cc, zone);
    checked++;
  }
  assert.ok(checked > 300, `only ${checked} zones`);
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  assert.ok(countryFromTimeZone(here) === null || /^[A-Z]{2}$/.test(countryFromTimeZone(here)));
});

test("locales from Intl resolve to their region", () => {
  for (const tag of ["en-US", "pt-BR", "zh-Hans-CN", "sr-Latn-RS", "de-CH", "ja-JP"]) {
    const region = new Intl.Locale(tag).region;
    assert.equal(countryFromLocale(tag), region, tag);
    assert.equal(countryFromLocale(tag.replace(/-/g, "_") + ".UTF-8"), region, tag);
  }
});
