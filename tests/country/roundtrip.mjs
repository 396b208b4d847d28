// The Intl.DisplayNames round trip, shared by the Node test and the Chromium page: for every CLDR
// locale the runtime supports and every code, the runtime's own region name must normalise back to
// that code. Names the runtime gives two countries (in any locale) are left out; wrong-country
// answers must each be explained in intl-explained.tsv (input, got, want, why).

/** The 40 most used languages (first + second language speakers), as CLDR language subtags. */
export const TOP40 = ("en zh hi es fr ar bn pt ru ur id de ja pcm mr te tr ta yue vi fil ko fa ha sw jv it pa gu th " +
  "kn am pl yo ml uk my or nl ro").split(" ");

/**
 * @param normalize normalizeCountry(input, "alpha2")
 * @param candidates locale tags to try (CLDR's availableLocales "full")
 * @param codes the 250 alpha-2 codes
 */
export function roundTrip(normalize, candidates, codes) {
  const locales = Intl.DisplayNames.supportedLocalesOf(candidates);
  const claims = new Map(); // name -> Set of codes, over every locale
  const byLocale = [];
  for (const loc of locales) {
    const dn = new Intl.DisplayNames([loc], { type: "region", fallback: "none" });
    const names = [];
    for (const code of codes) {
      const name = dn.of(code);
      if (!name) continue;
      names.push([name, code]);
      if (!claims.has(name)) claims.set(name, new Set());
      claims.get(name).add(code);
    }
    byLocale.push([loc, names]);
  }
  const tally = () => ({ total: 0, right: 0, wrong: 0 });
  const all = tally(), top = tally();
  const wrong = new Map(); // "input\tgot\twant" -> locales
  const perLocale = [];
  for (const [loc, names] of byLocale) {
    const t = tally();
    const isTop = TOP40.includes(loc.split("-")[0]);
    for (const [name, code] of names) {
      if (claims.get(name).size > 1) continue;
      const got = normalize(name, "alpha2");
      for (const x of isTop ? [t, all, top] : [t, all]) {
        x.total++;
        if (got === code) x.right++;
        else if (got !== null) x.wrong++;
      }
      if (got !== code && got !== null) {
        const k = `${name}\t${got}\t${code}`;
        wrong.set(k, [...(wrong.get(k) ?? []), loc]);
      }
    }
    perLocale.push([loc, t]);
  }
  return { locales: locales.length, all, top, perLocale, wrong: [...wrong] };
}

/** Rows of intl-explained.tsv as "input\tgot\twant" keys. */
export function explainedKeys(tsvText) {
  return new Set(
    tsvText
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.split("\t").slice(0, 3).join("\t")),
  );
}
