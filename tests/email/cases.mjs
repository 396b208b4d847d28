// Shared cases for the email helpers, run in Node (email.test.mjs) and in Chromium (chromium.mjs).
// `check(w, company)` returns a list of failure strings; empty means all passed.
export function check(w, company) {
  const fails = [];
  const eq = (what, got, want) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) fails.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  const invalid = { valid: false, email: null, domain: null, kind: "invalid", suggestion: null };

  for (const [e, kind] of [
    ["jane@gmail.com", "personal"], ["x@yahoo.co.uk", "personal"], ["x@gmx.de", "personal"], ["x@web.de", "personal"],
    ["x@mail.ru", "personal"], ["x@qq.com", "personal"], ["x@naver.com", "personal"], ["x@hotmail.fr", "personal"],
    ["x@proton.me", "personal"], ["x@comcast.net", "personal"], ["x@btinternet.com", "personal"],
    ["x@mailinator.com", "disposable"], ["x@yopmail.com", "disposable"], ["x@guerrillamail.com", "disposable"],
    ["x@10minutemail.com", "disposable"], ["x@any.sub.mailinator.com", "disposable"],
    ["x@acme.example", "work"], ["x@solo.example", "work"], ["x@siemens.de", "work"], ["x@mit.edu", "work"],
    // ISP mailboxes the first table missed, and regional subdomains of a listed ISP.
    ["x@alicedsl.de", "personal"], ["x@btopenworld.com", "personal"], ["x@club-internet.fr", "personal"],
    ["x@a1.net", "personal"], ["x@covad.net", "personal"], ["x@dslextreme.com", "personal"],
    ["x@carolina.rr.com", "personal"], ["x@austin.rr.com", "personal"], ["x@rr.com.example", "work"],
  ]) {
    eq(`classifyEmail(${e}).kind`, w.classifyEmail(e).kind, kind);
    eq(`isPersonalEmail(${e})`, w.isPersonalEmail(e), kind === "personal" || kind === "disposable");
  }
  eq("normalised", w.classifyEmail("  Jane Doe <Jane.Doe@GMail.COM.> "), {
    valid: true, email: "Jane.Doe@gmail.com", domain: "gmail.com", kind: "personal", suggestion: null,
  });
  eq("idn", w.classifyEmail("jürgen@Bücher.example").email, "jürgen@xn--bcher-kva.example");
  // Scripts the core does not map itself (Arabic, Hebrew, Thai, Devanagari, Georgian, Vietnamese
  // stacked accents, emoji) are mapped by the runtime's URL parser: the punycode `new URL` gives here.
  for (const d of ["مثال.إختبار", "עברית.com", "ทดสอบ.com", "उदाहरण.भारत", "საქართველო.ge", "Tiếng-Việt.vn",
    "😀.com", "Straße.ทดสอบ", "ميل.xn--mnchen-3ya.de", "א1.com"]) {
    const want = new URL(`http://${d}`).hostname;
    if (!/^[a-z0-9.-]+$/.test(want) || !want.includes("xn--")) fails.push(`idn ${d}: URL gave ${want}`);
    const c = w.classifyEmail(`Ana@${d}`);
    eq(`idn ${d}`, [c.valid, c.email, c.domain, w.isPersonalEmail(`Ana@${d}`)], [true, `Ana@${want}`, want, false]);
    eq(`idn ${d}, ASCII form`, w.classifyEmail(`Ana@${want}`).domain, want);
  }
  // Refused by the runtime's UTS 46 (U+FFFD, a joiner out of context, a bad A-label), mapped by it
  // to a forbidden ASCII form (fullwidth punctuation), or refused by the core's own rules (hyphens,
  // top-level domain, the Bidi rule, which Node's URL does not apply).
  for (const d of ["a\uFFFDb.com", "a！b.com", "a！b.ทดสอบ", "ท\u200Dx.com", "xn--zz.ทดสอบ", "ab--cd.עברית", "-ab.עברית",
    "ทดสอบ.c", "ทดสอบ.123", "ทดสอบ", "aא.com", "1א.com", "3com.עברית", "xn--a-0hc.com", "ท%41.com", "ท" + "ด".repeat(300) + ".com"])
    eq(`invalid idn ${JSON.stringify(d).slice(0, 40)}`, w.classifyEmail(`a@${d}`), invalid);
  for (const [typo, want] of [
    ["john@gmial.com", "john@gmail.com"], ["john@hotmial.com", "john@hotmail.com"], ["john@yaho.com", "john@yahoo.com"],
    ["john@outlok.com", "john@outlook.com"], ["john@gmail.con", "john@gmail.com"], ["john@gmail.co", "john@gmail.com"],
  ])
    eq(`suggestion ${typo}`, w.classifyEmail(typo).suggestion, want);
  for (const known of ["x@gmx.com", "x@gmx.de", "x@gmail.com", "x@mail.com"]) eq(`no suggestion ${known}`, w.classifyEmail(known).suggestion, null);
  for (const bad of ["", "plain", "@x.com", "a@", "a@b", "a@b..com", "a..b@c.com", "a b@c.com", "a@-b.com", "a@b-.com",
    "a\u0000@b.com", `${"a".repeat(65)}@b.com`, `a@${"b".repeat(250)}.com`, "john@gmail.c", "a@b.123", "a@b.c."])
    eq(`invalid ${JSON.stringify(bad).slice(0, 40)}`, w.classifyEmail(bad), invalid);

  // Any JS value: never throws, never traps; wrong types are false / "invalid".
  const junk = [undefined, null, 0, 1, -1, NaN, Infinity, 1n, true, false, Symbol("x"), {}, [], ["a@gmail.com"],
    { length: 1e12 }, { toString: () => "a@gmail.com" }, () => "a@gmail.com", new String("a@gmail.com"),
    new Proxy({}, { get() { throw new Error("trap"); } }), new Uint8Array(8), new Date(), /re/, Object.create(null),
    "\uD800", "a\uDC00@gmail.com", "\uD800@\uDFFF.com", "a@gmail.com\uD800", "x".repeat(5_000_000),
    `${"a".repeat(3_000_000)}@gmail.com`, "€".repeat(100_000), "a@" + "😀".repeat(1000) + ".com"];
  junk.forEach((v, i) => {
    const label = `junk[${i}] (${typeof v === "string" ? `string of ${v.length}` : typeof v})`;
    try {
      const p = w.isPersonalEmail(v);
      const c = w.classifyEmail(v);
      if (typeof p !== "boolean") fails.push(`${label}: isPersonalEmail gave ${typeof p}`);
      if (typeof v !== "string") {
        eq(`${label} isPersonalEmail`, p, false);
        eq(`${label} classifyEmail`, c, invalid);
      } else if (c.valid && typeof c.email !== "string") fails.push(`${label}: valid without email`);
    } catch (e) {
      fails.push(`${label}: threw ${e}`);
    }
  });
  // Lone surrogates in the local part are replaced by U+FFFD on the way into wasm: still an address.
  eq("surrogate local", w.classifyEmail("a\uDC00@gmail.com").kind, "personal");
  // The instance still works after all of that.
  eq("still alive", w.isPersonalEmail("jane@gmail.com"), true);

  // Company test set: zero false positives; suggestions counted.
  let suggested = [];
  for (const d of company) {
    const c = w.classifyEmail(`jane.doe@${d}`);
    if (c.kind !== "work" || w.isPersonalEmail(`jane.doe@${d}`)) fails.push(`company ${d}: ${c.kind}`);
    if (c.suggestion) suggested.push(`${d} -> ${c.suggestion}`);
  }
  if (suggested.length * 100 > company.length) fails.push(`too many company suggestions: ${suggested.join(", ")}`);
  fails.push(...checkExtend(w));
  return { fails, suggested };
}

// extendEmailDomains, last: it changes the instance (and restores what it changed).
function checkExtend(w) {
  const fails = [];
  const eq = (what, got, want) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) fails.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  const kind = (e) => w.classifyEmail(e).kind;
  eq("extend personal+disposable", w.extendEmailDomains({ personal: ["Intranet-Mail.example", "xn--bcher-kva.example"], disposable: ["burner.example"] }), { added: 3, skipped: 0 });
  eq("added personal", kind("x@intranet-mail.example"), "personal");
  eq("added personal (fast path)", w.isPersonalEmail("x@INTRANET-MAIL.example"), true);
  eq("added personal, IDN", kind("x@bücher.example"), "personal");
  eq("added disposable", kind("x@burner.example"), "disposable");
  eq("added disposable covers subdomains", kind("x@a.b.burner.example"), "disposable");
  eq("work", w.extendEmailDomains({ work: ["gmail.com", "mailinator.com"] }), { added: 2, skipped: 0 });
  eq("work takes gmail out", [kind("x@gmail.com"), w.isPersonalEmail("x@gmail.com")], ["work", false]);
  eq("work takes mailinator out", kind("x@sub.mailinator.com"), "work");
  eq("restore", w.extendEmailDomains({ personal: ["gmail.com"], disposable: ["mailinator.com"] }), { added: 2, skipped: 0 });
  eq("restored", [kind("x@gmail.com"), kind("x@sub.mailinator.com")], ["personal", "disposable"]);
  const junk = ["", "gmail", "a@b.com", "b.c", "x.123", 1, null, undefined, {}, ["a.com"], "x".repeat(5000), `${"a.".repeat(2100)}com`, "-a.com"];
  eq("junk entries skipped", w.extendEmailDomains({ personal: junk, disposable: junk, work: junk }), { added: 0, skipped: 3 * junk.length });
  eq("empty lists", w.extendEmailDomains({}), { added: 0, skipped: 0 });
  for (const bad of [undefined, null, 1, "gmail.com", true, Symbol("x"), ["gmail.com"], () => 1, { personal: "gmail.com" }, { work: 1 }, { disposable: null }]) {
    try {
      w.extendEmailDomains(bad);
      fails.push(`extendEmailDomains(${String(typeof bad === "symbol" ? "symbol" : JSON.stringify(bad))}) did not throw`);
    } catch (e) {
      if (!(e instanceof TypeError)) fails.push(`extendEmailDomains: threw ${e} instead of a TypeError`);
    }
  }
  // A throwing getter propagates; the detector is unchanged and alive.
  try {
    w.extendEmailDomains({ get personal() { throw new Error("getter"); } });
    fails.push("throwing getter swallowed");
  } catch (e) {
    if (e?.message !== "getter") fails.push(`throwing getter: ${e}`);
  }
  eq("still alive after extend", [kind("x@gmail.com"), kind("x@acme.example")], ["personal", "work"]);
  return fails;
}
