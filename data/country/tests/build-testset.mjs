#!/usr/bin/env node
// Builds the INDEPENDENT test sets from sources the tables were NOT generated from:
//   cldr.tsv             Unicode CLDR territory names (cldr-localenames-modern 45.0.0, Unicode-3.0 licence),
//                        the 28 brief locales + zh-Hant, incl. -alt-short / -alt-variant forms.
//   world-countries.tsv  mledoze/world-countries 5.1.0 (ODbL-1.0): common/official English, native and
//                        translated names, alternative spellings.
// Each line: input<TAB>expected alpha-2<TAB>source detail. Hand-written sets (messy.tsv, reject.tsv) sit
// beside them. Run from the repo root: node data/country/tests/build-testset.mjs
import { readFileSync, writeFileSync, existsSync } from "node:fs";
const root = new URL("../../../", import.meta.url).pathname;
const nm = root + "node_modules/";
const dir = root + "data/country/tests/";
const canon = new Set(readFileSync(root + "data/country/country-names-en.tsv", "utf8").trim().split("\n").slice(1).map((l) => l.split("\t")[0]));
const clean = (s) => s.replace(/[\t\n]/g, " ");

const cldrLocales = "en de fr es it pt nl pl ru tr ja zh ko ar sv da nb fi cs uk ro hu el he id vi th hi zh-Hant".split(" ");
const cldr = new Map();
for (const loc of cldrLocales) {
  const f = `${nm}cldr-localenames-modern/main/${loc}/territories.json`;
  if (!existsSync(f)) throw new Error(`${f} missing: npm ci installs cldr-localenames-modern`);
  const t = JSON.parse(readFileSync(f, "utf8")).main[loc].localeDisplayNames.territories;
  for (const [code, name] of Object.entries(t)) {
    const a2 = code.split("-")[0];
    if (!canon.has(a2)) continue; // regions (001, 419, EU, UN, QO...) are not countries
    const k = `${name}\t${a2}`;
    if (!cldr.has(k)) cldr.set(k, `cldr:${loc}:${code}`);
  }
}
writeFileSync(dir + "cldr.tsv", [...cldr].map(([k, v]) => `${clean(k.split("\t")[0])}\t${k.split("\t")[1]}\t${v}`).join("\n") + "\n");

const wc = JSON.parse(readFileSync(nm + "world-countries/countries.json", "utf8"));
const world = new Map();
const put = (name, a2, src) => {
  if (!name || !canon.has(a2)) return;
  const k = `${clean(name)}\t${a2}`;
  if (!world.has(k)) world.set(k, src);
};
for (const c of wc) {
  put(c.name.common, c.cca2, "common");
  put(c.name.official, c.cca2, "official");
  for (const [l, n] of Object.entries(c.name.native || {})) put(n.common, c.cca2, `native:${l}`), put(n.official, c.cca2, `native-official:${l}`);
  for (const [l, n] of Object.entries(c.translations || {})) put(n.common, c.cca2, `tr:${l}`), put(n.official, c.cca2, `tr-official:${l}`);
  for (const a of c.altSpellings || []) put(a, c.cca2, "alt");
  put(c.cca3, c.cca2, "cca3");
  put(c.ccn3, c.cca2, "ccn3");
}
writeFileSync(dir + "world-countries.tsv", [...world].map(([k, v]) => `${k}\t${v}`).join("\n") + "\n");
console.log(`cldr ${cldr.size}, world-countries ${world.size}`);
