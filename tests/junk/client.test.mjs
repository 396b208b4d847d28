// Property/fuzz test of every export of the raw wasm-bindgen build (pkg/wazper.js): junk argument
// lists into every function and class method, with a fake global fetch answering junk too. Asserts
// that nothing traps the instance, synchronous helpers never throw, and async calls reject only
// with WazperError-shaped errors that never contain the API key.
//   JUNK_SEED=123 JUNK_ITERATIONS=4000 node --test tests/junk/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "../support/random.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const w = await import(path.join(root, "pkg/wazper.js"));
w.initSync({ module: readFileSync(path.join(root, "pkg/wazper_bg.wasm")) });

const iterations = Number(process.env.JUNK_ITERATIONS ?? 3000);
const { rand, pick, chance } = seededRandom("junk");
console.log(`iterations: ${iterations}`);

const KEY = "sk_SECRET_123";
const CODES = new Set([
  "email_required", "country_required", "invalid_country", "missing_fields", "invalid_email",
  "invalid_argument", "api_key_not_linked", "api_key_required", "invalid_api_key",
  "invalid_organization", "no_credits", "waz_disabled", "not_found", "duplicate_email",
  "rate_limited", "server_error", "http_error", "network_error", "timeout", "aborted",
  "invalid_response", "browser_key_exposure", "insecure_base_url",
]);

const HUGE = "x".repeat(1 << 20);
const FIELDS = [
  "apiKey", "baseUrl", "timeoutMs", "maxRetries", "skipPersonalEmails", "dangerouslyAllowBrowser",
  "signal", "email", "country", "firstName", "lastName", "name", "jobTitle", "inviteLink",
  "companyName", "toBeInvitedById", "website", "team", "redirectionLink", "id", "status",
  "maxResponseBytes",
];
const STRINGS = [
  "", " ", "a@b.co", "jane@acme.example", "john@gmail.com", "j+tag@acme.example", "@", "a@", "x@y",
  "US", "us", "United States", "France", "Narnia", "http://localhost:1", "https://api.example.test/p/",
  "http://example.com", "ftp://x", KEY, `${KEY}\r\nX: 1`, "\uD800", "\uDFFF\uD800", "\u0000", "é@ü.de",
  "<html>", "10", "-1", "1e309", HUGE, "%", "\u2028",
];

function throwingProxy() {
  return new Proxy({}, { get() { throw new Error("trap"); }, has() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); } });
}
function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}
function throwingGetters() {
  const o = {};
  for (const f of FIELDS) Object.defineProperty(o, f, { get() { throw new Error("getter " + f); }, enumerable: true });
  return o;
}

function scalar() {
  switch (Math.floor(rand() * 16)) {
    case 0: return undefined;
    case 1: return null;
    case 2: return chance(0.5);
    case 3: return pick([0, -0, 1, -1, 0.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308]);
    case 4: return pick([NaN, Infinity, -Infinity]);
    case 5: return pick([0n, 10n, -(2n ** 64n)]);
    case 6: return Symbol("junk");
    case 7: return () => 1;
    case 8: return throwingProxy();
    case 9: return revokedProxy();
    case 10: return pick([new Date(NaN), /re/g, new Map(), new Uint8Array(3), Object.create(null)]);
    case 11: return pick([AbortSignal.abort(), new AbortController().signal, Object.create(AbortSignal.prototype)]);
    default: return pick(STRINGS);
  }
}

function object(depth = 0) {
  switch (Math.floor(rand() * 8)) {
    case 0: return throwingGetters();
    case 1: return [scalar(), scalar()];
    default: {
      const o = {};
      const n = Math.floor(rand() * 8);
      for (let i = 0; i < n; i++) o[pick(FIELDS)] = depth < 1 && chance(0.2) ? object(depth + 1) : scalar();
      // Mostly-valid shapes reach deeper code paths.
      if (chance(0.5)) Object.assign(o, pick([
        { email: "jane@acme.example", country: "US" },
        { name: "A B", email: "a@acme.example", companyName: "Acme", toBeInvitedById: "b@acme.example" },
        { id: "tbi_1", status: "invited" },
        { apiKey: KEY, baseUrl: "http://localhost:9", maxRetries: Math.floor(rand() * 4), timeoutMs: 5 + Math.floor(rand() * 50) },
        { baseUrl: "https://api.example.test/", maxRetries: 100 },
      ]));
      return o;
    }
  }
}

const junk = () => (chance(0.6) ? scalar() : object());
const junkArgs = () => Array.from({ length: Math.floor(rand() * 5) }, junk);

// ---- a fake global fetch answering junk; timers shortened so retry waits stay fast ----
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = (fn, ms, ...rest) => realSetTimeout(fn, Math.min(Number(ms) || 0, 5), ...rest);
let fetchCalls = 0;
const BODIES = [
  () => JSON.stringify({ success: true, status: "processing", requestId: "r", extra: [1] }),
  () => JSON.stringify({ id: "tbi_1", email: "a@acme.example", name: null, team: 2, more: { x: 1 } }),
  () => JSON.stringify([{ id: "tbi_1", email: "a@acme.example" }]),
  // Servers that echo the key they were sent: the client must scrub it.
  (sentKey) => JSON.stringify({ error: "Invalid API Key " + sentKey, details: "got " + sentKey }),
  () => JSON.stringify({ error: pick(STRINGS.filter((x) => !x.includes("SECRET"))), details: { nested: true } }),
  () => JSON.stringify({ error: 42 }),
  () => "<html><h1>502 Bad Gateway</h1></html>",
  () => "",
  () => "{\"id\": ",
  () => "null",
  () => JSON.stringify(HUGE.slice(0, 5000)),
];
globalThis.fetch = (input, init) => {
  fetchCalls++;
  // The client sends a Request built by gloo-net (its body, if any, in init).
  const request = new Request(input, init);
  assert.ok(!request.url.includes(KEY), "the key never goes into a URL");
  assert.equal(request.redirect, "manual", "redirects are never followed (they would carry the key)");
  const signal = request.signal;
  switch (Math.floor(rand() * 11)) {
    // Node's undici shape: the socket error (which here names the key sent) as the cause.
    case 0: return Promise.reject(new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED " + request.headers.get("x-api-key")), { code: "ECONNREFUSED" }) }));
    case 10: {
      // An endless body: reading must stop at maxResponseBytes.
      const stream = new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(1 << 16)); } });
      return Promise.resolve(new Response(stream, { status: pick([200, 500]) }));
    }
    case 1: throw new TypeError("sync throw");
    case 2: return Promise.resolve(pick([{}, 42, null, "response"]));
    case 3:
      // Hangs until the attempt's signal fires (its timeout or the caller's abort).
      return new Promise((_, reject) => {
        if (!signal) return;
        if (signal.aborted) return reject(new DOMException("aborted", "AbortError"));
        signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      });
    case 4: {
      const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("[{\"id\"")); c.error(new TypeError("terminated")); } });
      return Promise.resolve(new Response(stream, { status: pick([200, 500]) }));
    }
    default: {
      const status = pick([200, 201, 202, 204, 299, 301, 400, 401, 402, 403, 404, 408, 409, 418, 429, 500, 502, 503, 504, 599]);
      const headers = new Headers({ "content-type": "application/json" });
      if (chance(0.3)) headers.set("retry-after", pick(["0", "1", "61", "120", "soon", "Sun, 06 Nov 1994 08:49:37 GMT", new Date(Date.now() + 1000).toUTCString(), "99999999999999999999"]));
      const sentKey = request.headers.get("x-api-key") ?? "none";
      const body = [101, 204, 205, 304].includes(status) ? null : pick(BODIES)(sentKey);
      return Promise.resolve(new Response(body, { status, headers }));
    }
  }
};

// ---- enumerate the exports ----
const SKIP = new Set(["default", "initSync"]);
// The contract lets these throw (a WazperError) on bad options; every other function returns or rejects.
const MAY_THROW = new Set(["createWazperProxy"]);
// extendEmailDomains throws a TypeError on a non-object (contract), or what the argument's own getters throw.
const MAY_THROW_ANY_ERROR = new Set(["extendEmailDomains"]);
const SKIP_METHODS = new Set(["constructor", "free", "__destroy_into_raw"]);
const functions = [];
const classes = [];
for (const [name, value] of Object.entries(w)) {
  if (SKIP.has(name) || typeof value !== "function") continue;
  const methods = Object.getOwnPropertyNames(value.prototype ?? {}).filter((m) => !SKIP_METHODS.has(m));
  if (/^class\b/.test(Function.prototype.toString.call(value)) || methods.length > 0) classes.push({ name, value, methods });
  else functions.push({ name, value });
}

function checkError(where, e) {
  assert.ok(!(e instanceof WebAssembly.RuntimeError), `${where}: wasm trapped: ${e?.message}`);
  assert.ok(e instanceof Error, `${where}: rejected with a non-Error ${String(e)}`);
  assert.equal(e.name, "WazperError", `${where}: ${e.name}: ${e.message}`);
  assert.ok(CODES.has(e.code), `${where}: unknown code ${e.code}`);
  assert.ok(e.status === null || (Number.isInteger(e.status) && e.status >= 100 && e.status <= 599), `${where}: status ${e.status}`);
  assert.equal(typeof e.message, "string");
  assert.ok(e.details === null || typeof e.details === "object", `${where}: details`);
  let shown = e.message + JSON.stringify(e.details) + String(e.stack);
  for (let c = e.cause, i = 0; c && i < 5; c = c.cause, i++) shown += [c.name, c.message, c.code, c.stack, String(c)].join(" ");
  assert.ok(!shown.includes("SECRET"), `${where}: key leaked: ${shown.slice(0, 200)}`);
  if (e.code === "network_error") assert.ok(e.cause instanceof Error, `${where}: network_error without a cause`);
}

function sentinel(where) {
  // Any trap leaves the instance unusable; these must keep working after every call.
  try {
    const c = new w.WazperClient({ baseUrl: "https://api.example.test" });
    c.free();
    for (const { value } of functions) if (value.length <= 1 && value.name.startsWith("is")) value("a@b.co");
  } catch (e) {
    assert.fail(`${where}: the instance no longer works: ${e?.stack ?? e}`);
  }
}

const describeArgs = (args) => args.map((a) => { try { return typeof a === "string" ? JSON.stringify(a.slice(0, 40)) : typeof a; } catch { return "?"; } }).join(", ");

async function settle(where, result) {
  if (!(result instanceof Promise)) return;
  let timer;
  let outcome;
  try {
    outcome = await Promise.race([
      result.then(() => "resolved", (e) => { checkError(where, e); return "rejected"; }),
      new Promise((r) => { timer = realSetTimeout(() => r("pending"), 10_000); }),
    ]);
  } finally {
    clearTimeout(timer);
  }
  assert.notEqual(outcome, "pending", `${where}: the promise never settled`);
}

const unhandled = [];
process.on("unhandledRejection", (e) => unhandled.push(e));

test("exports are enumerated", () => {
  const names = [...functions.map((f) => f.name), ...classes.map((c) => c.name)];
  console.log("exports:", names.join(", "));
  for (const n of ["WazperClient", "userSync", "createColleague", "listColleagues", "updateColleague"]) assert.ok(names.includes(n), n);
});

test("junk into every export never traps, throws or rejects off-contract", async () => {
  const targets = [
    ...functions.map((f) => ({ kind: "fn", ...f })),
    ...classes.map((c) => ({ kind: "new", ...c })),
    ...classes.flatMap((c) => c.methods.filter((m) => typeof m === "string").map((m) => ({ kind: "method", cls: c, name: `${c.name}.${m}`, method: m }))),
  ];
  const instances = classes.map((c) => ({ cls: c, make: () => { try { return new c.value(pick([undefined, {}, { apiKey: KEY, baseUrl: "http://127.0.0.1:9", maxRetries: 2, timeoutMs: 20 }, { baseUrl: "https://api.example.test/x/" }])); } catch { return new c.value(); } } }));
  const counts = {};
  for (let i = 0; i < iterations; i++) {
    const t = pick(targets);
    const args = junkArgs();
    const where = `#${i} ${t.name}(${describeArgs(args)})`;
    counts[t.name] = (counts[t.name] ?? 0) + 1;
    let result;
    try {
      if (t.kind === "fn") result = t.value(...args);
      else if (t.kind === "new") { const o = new t.value(...args); o.free?.(); }
      else {
        const obj = instances.find((x) => x.cls === t.cls).make();
        result = obj[t.method](...args);
      }
    } catch (e) {
      // Only constructors and createWazperProxy may throw (WazperError-shaped); the rest return or reject.
      if (MAY_THROW_ANY_ERROR.has(t.name)) {
        assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), `${where}: ${e}`);
      } else {
        assert.ok(t.kind === "new" || MAY_THROW.has(t.name), `${where}: threw synchronously: ${e?.stack ?? e}`);
        checkError(where, e);
      }
    }
    await settle(where, result);
    sentinel(where);
  }
  await new Promise((r) => realSetTimeout(r, 50));
  assert.deepEqual(unhandled, [], "no unhandled rejections");
  console.log("calls per export:", JSON.stringify(counts), "fake fetch calls:", fetchCalls);
  assert.ok(fetchCalls > 0, "some calls got as far as fetch");
});

test("valid calls against junk responses settle on-contract and never leak the key", async () => {
  const before = fetchCalls;
  const inputs = {
    userSync: () => ({ email: pick(["jane@acme.example", "j+x@acme.example", "me@gmail.com"]), country: pick(["US", "France", "fr"]), firstName: pick([undefined, "A", "\uD800"]) }),
    createColleague: () => ({ name: "A B", email: "a@acme.example", companyName: "Acme", toBeInvitedById: "b@acme.example", team: pick([undefined, 2]) }),
    listColleagues: () => pick(["me@acme.example", "a+b@acme.example"]),
    updateColleague: () => ({ id: "tbi_1", status: pick([undefined, "invited"]), email: pick([undefined, "n@acme.example"]) }),
  };
  for (let i = 0; i < Math.ceil(iterations / 2); i++) {
    const options = { apiKey: KEY, baseUrl: pick(["http://127.0.0.1:9", "https://api.example.test/p/"]), maxRetries: Math.floor(rand() * 4), timeoutMs: 5 + Math.floor(rand() * 30), skipPersonalEmails: chance(0.8) };
    const name = pick(Object.keys(inputs));
    let opts;
    if (chance(0.2)) {
      const c = new AbortController();
      realSetTimeout(() => c.abort(), Math.floor(rand() * 20));
      opts = { signal: c.signal };
    } else if (chance(0.1)) opts = { signal: AbortSignal.abort() };
    const where = `valid #${i} ${name}`;
    const result = chance(0.5) ? w[name](options, inputs[name](), opts) : new w.WazperClient(options)[name](inputs[name](), opts);
    await settle(where, result);
    sentinel(where);
  }
  console.log("fake fetch calls in this phase:", fetchCalls - before);
  assert.ok(fetchCalls - before > iterations / 4, "most valid calls reached fetch");
});

test("hostile input objects are typed invalid_argument, never a throw", async () => {
  const hostile = { throwingProxy, revokedProxy, throwingGetters };
  const client = new w.WazperClient({ baseUrl: "https://api.example.test" });
  for (const [kind, make] of Object.entries(hostile)) {
    for (const name of ["userSync", "createColleague", "updateColleague"]) {
      const e = await client[name](make()).then(() => null, (err) => err);
      assert.ok(e, `${name}(${kind}) rejected`);
      checkError(`${name}(${kind})`, e);
      assert.equal(e.code, "invalid_argument", `${name}(${kind}): ${e.message}`);
      // A hostile object in a field is a client-side validation error (which one depends on the
      // order the call's fields are checked in).
      const nested = await client[name]({ email: make(), id: make(), name: make() }).then(() => null, (err) => err);
      assert.ok(nested, `${name}({field: ${kind}}) rejected`);
      checkError(`${name}({field: ${kind}})`, nested);
      assert.ok(["invalid_argument", "missing_fields", "email_required"].includes(nested.code), `${name}({field: ${kind}}): ${nested.code}`);
      assert.equal(nested.status, null);
    }
    for (const make2 of [make, () => ({ apiKey: make(), baseUrl: make() })]) {
      let thrown;
      try { new w.WazperClient(make2()); } catch (err) { thrown = err; }
      if (thrown) { checkError(`new WazperClient(${kind})`, thrown); assert.equal(thrown.code, "invalid_argument"); }
    }
    const e = await client.listColleagues("a@acme.example", make()).then(() => null, (err) => err);
    if (e) { checkError(`listColleagues(opts: ${kind})`, e); assert.equal(e.code, "invalid_argument"); }
  }
  sentinel("hostile inputs");
});

test("after all the junk a valid call still works end to end", async () => {
  const c = new w.WazperClient({ apiKey: KEY, baseUrl: "https://api.example.test", maxRetries: 0 });
  globalThis.fetch = async () => new Response(JSON.stringify([{ id: "tbi_1", email: "a@acme.example", extra: 1 }]), { status: 200 });
  const list = await c.listColleagues("me@acme.example");
  assert.deepEqual(list, [{ id: "tbi_1", email: "a@acme.example", extra: 1 }]);
  const skipped = await w.userSync({}, { email: "me@gmail.com", country: "US" });
  assert.deepEqual(skipped, { success: true, status: "skipped", reason: "personal_email" });
});
