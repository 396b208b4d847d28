// The package checks every runtime suite runs (Node, Vite + Chromium, plain browser ESM, workerd):
// the public surface, the helpers, junk input, every endpoint against the emulator, and errors.
// Runtime-neutral on purpose (no Node APIs, no imports): the suites copy it into a scratch project
// and bundle or serve it beside the installed package.
//
// runScenario returns plain JSON: { runtime, checks: [{ name, ok, missing?, error? }] }. A check
// whose exports are absent reports `missing` (the harness fails on it unless told the wasm is
// still partial).

/** Every value export the contract names, and its typeof. */
export const CONTRACT_EXPORTS = {
  WazperClient: "function",
  userSync: "function",
  createColleague: "function",
  listColleagues: "function",
  updateColleague: "function",
  isPersonalEmail: "function",
  classifyEmail: "function",
  normalizeCountry: "function",
  lookupCountry: "function",
  countryFromTimeZone: "function",
  countryFromLocale: "function",
  countryFromRequest: "function",
  WazperError: "function",
};

class CheckFailed extends Error {}

function assert(cond, message) {
  if (!cond) throw new CheckFailed(message);
}

function same(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  assert(a === e, `${what}: expected ${e}, got ${a}`);
}

async function rejects(promiseFn, what) {
  try {
    await promiseFn();
  } catch (err) {
    return err;
  }
  throw new CheckFailed(`${what}: expected a rejection, it resolved`);
}

function throws(fn, what) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new CheckFailed(`${what}: expected a throw, it returned`);
}

/**
 * @param {object} args
 * @param {Record<string, unknown>} args.wazper   the imported package namespace
 * @param {string} args.baseUrl                   the emulator's URL
 * @param {string} args.runtime                   a label: "node", "vite", "web", "workerd"
 * @param {boolean} args.browser                  whether this is a browser page (key exposure rules)
 * @param {"all"|"one"} [args.endpoints]          every endpoint, or userSync + listColleagues only
 * @param {string} [args.tag]                     makes the emails of this run unique
 */
export async function runScenario({ wazper, baseUrl, runtime, browser, endpoints = "all", tag = runtime }) {
  const checks = [];
  const check = async (name, needs, fn) => {
    const missing = needs.filter((n) => typeof wazper[n] !== "function");
    if (missing.length) {
      checks.push({ name, ok: false, missing });
      return;
    }
    try {
      await fn();
      checks.push({ name, ok: true });
    } catch (err) {
      const error = err instanceof CheckFailed ? err.message : `${err && err.name}: ${err && err.message}`;
      checks.push({ name, ok: false, error });
    }
  };
  const W = wazper;
  const clientOptions = { apiKey: "demo_key", baseUrl, dangerouslyAllowBrowser: browser };
  const userEmail = `pkg.${tag}@acme.example`;
  const colleagueEmail = `new.colleague.${tag}@acme.example`;

  await check("surface: every contract export is present", [], () => {
    const absent = Object.entries(CONTRACT_EXPORTS)
      .filter(([name, type]) => typeof W[name] !== type)
      .map(([name]) => name);
    assert(absent.length === 0, `missing exports: ${absent.join(", ")}`);
  });

  await check('surface: the edge proxy is not part of "wazper" (it is "wazper/proxy")', [], () => {
    assert(!("createWazperProxy" in W), "wazper exports createWazperProxy");
  });

  await check("WazperError recognises wazper's errors by shape", ["WazperError"], () => {
    const own = new W.WazperError("timeout", "took too long", { status: null });
    assert(own instanceof W.WazperError && own instanceof Error, "own instance");
    same([own.name, own.code, own.status, own.details, own.message], ["WazperError", "timeout", null, null, "took too long"], "fields");
    const raised = Object.assign(new Error("x"), { name: "WazperError", code: "not_found", status: 404, details: null });
    assert(raised instanceof W.WazperError, "a plain Error named WazperError with a code");
    assert(!(new Error("x") instanceof W.WazperError), "a plain Error");
    assert(!(null instanceof W.WazperError) && !("WazperError" instanceof W.WazperError), "non-objects");
  });

  // ---- helpers ----
  await check("isPersonalEmail", ["isPersonalEmail"], () => {
    same(W.isPersonalEmail("someone@gmail.com"), true, "gmail");
    same(W.isPersonalEmail("Someone@Outlook.com"), true, "outlook, mixed case");
    same(W.isPersonalEmail("jane@stripe.com"), false, "company");
    same(W.isPersonalEmail("not an email"), false, "invalid");
  });

  await check("classifyEmail", ["classifyEmail"], () => {
    const c = W.classifyEmail("john@gmail.com");
    same([c.valid, c.kind, c.domain], [true, "personal", "gmail.com"], "gmail");
    same(W.classifyEmail("jane@stripe.com").kind, "work", "company kind");
    same(W.classifyEmail("john@gmial.com").suggestion, "john@gmail.com", "typo suggestion");
    const bad = W.classifyEmail("nope");
    same([bad.valid, bad.kind, bad.email, bad.domain], [false, "invalid", null, null], "invalid");
  });

  await check("normalizeCountry / lookupCountry", ["normalizeCountry", "lookupCountry"], () => {
    same(W.normalizeCountry("Deutschland"), "Germany", "German name");
    same(W.normalizeCountry("US"), "United States", "alpha-2");
    same(W.normalizeCountry("france", "alpha2"), "FR", "alpha2 format");
    same(W.normalizeCountry("Japan", "alpha3"), "JPN", "alpha3 format");
    same(W.normalizeCountry("Atlantis-not-a-country"), null, "unknown");
    same(W.lookupCountry("France"), { name: "France", alpha2: "FR", alpha3: "FRA", numeric: "250" }, "lookup");
    same(W.lookupCountry("zzzz"), null, "lookup unknown");
  });

  await check("countryFromTimeZone / countryFromLocale", ["countryFromTimeZone", "countryFromLocale"], () => {
    same(W.countryFromTimeZone("Europe/Paris"), "FR", "Europe/Paris");
    same(W.countryFromTimeZone("Not/AZone"), null, "unknown zone");
    same(W.countryFromLocale("fr-CA"), "CA", "fr-CA");
    same(W.countryFromLocale("de_AT"), "AT", "de_AT");
  });

  await check("countryFromRequest", ["countryFromRequest"], () => {
    const request = new Request("https://app.example/", { headers: { "X-Vercel-IP-Country": "de", "CF-IPCountry": "FR" } });
    same(W.countryFromRequest(request), null, "untrusted headers are ignored");
    same(W.countryFromRequest(request, { trust: ["vercel"] }), "Germany", "trusted Vercel header");
    same(W.countryFromRequest(request.headers, { trust: ["cloudflare"], format: "alpha3" }), "FRA", "Headers, alpha3");
    same(W.countryFromRequest({ headers: { "cloudfront-viewer-country": ["JP"] } }, { trust: ["cloudfront"] }), "Japan", "plain object");
    same(W.countryFromRequest({ cf: { country: "NZ" } }), "New Zealand", "cf.country");
    same(W.countryFromRequest({ cf: { country: "T1" } }), null, "Tor");
    for (const j of [undefined, null, 42, {}, [], Symbol("s"), "x".repeat(100000), 10n]) {
      same(W.countryFromRequest(j, j), null, `countryFromRequest(${typeof j})`);
    }
  });

  const helpers = ["isPersonalEmail", "classifyEmail", "normalizeCountry", "lookupCountry", "countryFromTimeZone", "countryFromLocale"];
  await check("helpers never throw on junk and the instance survives", helpers, () => {
    const junk = [undefined, null, 42, NaN, {}, [], Symbol("s"), () => 1, "\u0000", "\ud800", "x".repeat(100000), 10n];
    for (const j of junk) {
      same(W.isPersonalEmail(j), false, `isPersonalEmail(${typeof j})`);
      same(W.classifyEmail(j).kind, "invalid", `classifyEmail(${typeof j}).kind`);
      same(W.normalizeCountry(j), null, `normalizeCountry(${typeof j})`);
      same(W.lookupCountry(j), null, `lookupCountry(${typeof j})`);
      same(W.countryFromTimeZone(j), null, `countryFromTimeZone(${typeof j})`);
      same(W.countryFromLocale(j), null, `countryFromLocale(${typeof j})`);
    }
    same(W.normalizeCountry("France", "alpha2"), "FR", "still alive");
  });

  // ---- client: construction rules ----
  await check("WazperClient construction: key exposure and insecure base URL", ["WazperClient", "WazperError"], () => {
    const exposure = () => new W.WazperClient({ apiKey: "demo_key", baseUrl });
    if (browser) {
      const err = throws(exposure, "apiKey in a browser without dangerouslyAllowBrowser");
      assert(err instanceof W.WazperError && err instanceof Error, "a WazperError");
      same(err.code, "browser_key_exposure", "code");
      assert(!String(err.message).includes("demo_key"), "the key is not in the message");
    } else {
      exposure(); // a server runtime is not a browser
    }
    const insecure = throws(
      () => new W.WazperClient({ apiKey: "demo_key", baseUrl: "http://api.example.com", dangerouslyAllowBrowser: true }),
      "apiKey with plain http to a non-loopback host",
    );
    same([insecure.name, insecure.code, insecure.status], ["WazperError", "insecure_base_url", null], "insecure");
    assert(insecure instanceof W.WazperError, "instanceof WazperError");
  });

  // ---- client: endpoints against the emulator ----
  let created = null;
  await check("userSync", ["WazperClient"], async () => {
    const client = new W.WazperClient(clientOptions);
    const r = await client.userSync({ email: userEmail, country: "Deutschland", firstName: "Pat", lastName: "Kage" });
    same([r.success, r.status], [true, "processing"], "accepted");
    assert(typeof r.requestId === "string" && r.requestId.length > 0, "requestId");
    const skipped = await client.userSync({ email: "someone@gmail.com", country: "France" });
    same([skipped.status, skipped.reason], ["skipped", "personal_email"], "personal email skipped");
  });

  if (endpoints === "all") {
    await check("createColleague", ["WazperClient"], async () => {
      const client = new W.WazperClient(clientOptions);
      created = await client.createColleague({
        name: "New Colleague",
        email: colleagueEmail,
        companyName: "Acme",
        toBeInvitedById: userEmail,
        team: 2,
      });
      assert(typeof created.id === "string" && created.id.startsWith("tbi_"), `id ${created.id}`);
      same([created.email, created.status, created.team], [colleagueEmail, "pending", 2], "created");
      const dup = await rejects(() => client.createColleague({ name: "Again", email: colleagueEmail, companyName: "Acme", toBeInvitedById: userEmail }), "duplicate");
      assert(dup instanceof W.WazperError, "duplicate is a WazperError");
      same([dup.code, dup.status], ["duplicate_email", 409], "duplicate");
    });
  }

  await check("listColleagues (method and free function)", ["WazperClient", "listColleagues"], async () => {
    const client = new W.WazperClient(clientOptions);
    const list = await client.listColleagues(userEmail);
    assert(Array.isArray(list), "an array");
    if (created) assert(list.some((c) => c.id === created.id), "the created colleague is listed");
    for (const c of list) assert(typeof c.id === "string" && typeof c.email === "string", "colleague shape");
    const free = await W.listColleagues(clientOptions, userEmail);
    same(free.map((c) => c.id), list.map((c) => c.id), "free function agrees");
  });

  if (endpoints === "all") {
    await check("updateColleague", ["WazperClient", "updateColleague"], async () => {
      assert(created, "needs the colleague createColleague made");
      const client = new W.WazperClient(clientOptions);
      const updated = await client.updateColleague({ id: created.id, status: "invited" });
      same([updated.id, updated.status], [created.id, "invited"], "updated");
      const missing = await rejects(() => W.updateColleague(clientOptions, { id: "tbi_does_not_exist", status: "invited" }), "unknown id");
      same([missing.code, missing.status], ["not_found", 404], "not found");
    });

    await check("free functions userSync / createColleague", ["userSync", "createColleague"], async () => {
      const r = await W.userSync(clientOptions, { email: `free.${tag}@acme.example`, country: "fr" });
      same(r.status, "processing", "userSync");
      const c = await W.createColleague(clientOptions, {
        name: "Free Fn",
        email: `free.colleague.${tag}@acme.example`,
        companyName: "Acme",
        toBeInvitedById: userEmail,
      });
      same(c.status, "pending", "createColleague");
    });
  }

  await check("errors: bad key, validation; the key never leaks", ["WazperClient", "WazperError"], async () => {
    const secret = "sk_wrong_secret_key_123";
    const bad = new W.WazperClient({ apiKey: secret, baseUrl, dangerouslyAllowBrowser: browser, maxRetries: 0 });
    const err = await rejects(() => bad.listColleagues(userEmail), "unknown key");
    assert(err instanceof W.WazperError && err instanceof Error, "a WazperError");
    same([err.name, err.code, err.status], ["WazperError", "invalid_api_key", 401], "401");
    const dump = JSON.stringify({ message: err.message, details: err.details, stack: String(err.stack) });
    assert(!dump.includes(secret), "the key is not in the error");
    const client = new W.WazperClient(clientOptions);
    const invalid = await rejects(() => client.userSync({ email: "not-an-email", country: "France" }), "invalid email");
    same(invalid.code, "invalid_email", "client-side validation");
    const noCountry = await rejects(() => client.userSync({ email: userEmail, country: "Atlantis-not-a-country" }), "bad country");
    same(noCountry.code, "invalid_country", "client-side country");
  });

  return { runtime, checks };
}
