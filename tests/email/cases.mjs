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
  ]) {
    eq(`classifyEmail(${e}).kind`, w.classifyEmail(e).kind, kind);
    eq(`isPersonalEmail(${e})`, w.isPersonalEmail(e), kind === "personal" || kind === "disposable");
  }
  eq("normalised", w.classifyEmail("  Jane Doe <Jane.Doe@GMail.COM.> "), {
    valid: true, email: "Jane.Doe@gmail.com", domain: "gmail.com", kind: "personal", suggestion: null,
  });
  eq("idn", w.classifyEmail("jürgen@Bücher.example").email, "jürgen@xn--bcher-kva.example");
  for (const [typo, want] of [
    ["john@gmial.com", "john@gmail.com"], ["john@hotmial.com", "john@hotmail.com"], ["john@yaho.com", "john@yahoo.com"],
    ["john@outlok.com", "john@outlook.com"], ["john@gmail.con", "john@gmail.com"], ["john@gmail.co", "john@gmail.com"],
  ])
    eq(`suggestion ${typo}`, w.classifyEmail(typo).suggestion, want);
  for (const known of ["x@gmx.com", "x@gmx.de", "x@gmail.com", "x@mail.com"]) eq(`no suggestion ${known}`, w.classifyEmail(known).suggestion, null);
  for (const bad of ["", "plain", "@x.com", "a@", "a@b", "a@b..com", "a..b@c.com", "a b@c.com", "a@-b.com", "a@b-.com",
    "a\u0000@b.com", `${"a".repeat(65)}@b.com`, `a@${"b".repeat(250)}.com`])
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
  return { fails, suggested };
}
