// countryFromRequest in Node through the built package: every platform header in and out of
// `trust` (a forged header without trust is ignored), every request shape (Fetch Request, Headers,
// a real node:http IncomingMessage, { headers } with a plain object), and junk that never throws.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadBuiltPackage } from "../support/package.mjs";
import { repoRoot } from "../support/emulator.mjs";
import { seededRandom } from "../support/random.mjs";
import { PLATFORM_HEADERS, PLATFORMS, NOT_COUNTRIES } from "./cases.mjs";

let wazper, countryFromRequest, server, serverUrl;

before(async () => {
  wazper = await loadBuiltPackage();
  countryFromRequest = wazper.countryFromRequest;
  // Answers countryFromRequest(req, JSON of the x-test-options header) for the IncomingMessage shape.
  server = http.createServer((req, res) => {
    const options = JSON.parse(req.headers["x-test-options"] ?? "{}");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ country: countryFromRequest(req, options) }));
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  serverUrl = `http://127.0.0.1:${server.address().port}/`;
});

after(() => new Promise((done) => server.close(done)));

/** countryFromRequest on a real IncomingMessage carrying `headers`. */
async function viaNodeHttp(headers, options) {
  const res = await fetch(serverUrl, { headers: { ...headers, "x-test-options": JSON.stringify(options ?? {}) } });
  return (await res.json()).country;
}

/** The same headers in every shape; each shape's answer. */
async function inEveryShape(headers, options) {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    request: countryFromRequest(new Request("https://app.example/", { headers }), options),
    headers: countryFromRequest(new Headers(headers), options),
    incomingMessage: await viaNodeHttp(headers, options),
    plainObject: countryFromRequest({ headers }, options),
    plainLowerCase: countryFromRequest({ headers: lower }, options),
    plainArrayValue: countryFromRequest({ headers: Object.fromEntries(Object.entries(lower).map(([k, v]) => [k, [v]])) }, options),
  };
}

function allEqual(answers, want, what) {
  for (const [shape, got] of Object.entries(answers)) assert.equal(got, want, `${what} (${shape})`);
}

test("every platform header is read when that platform is trusted, in every request shape", async () => {
  for (const { platform, name, value, country } of PLATFORM_HEADERS) {
    allEqual(await inEveryShape({ [name]: value }, { trust: [platform] }), country, `${name} trusted`);
    allEqual(await inEveryShape({ [name]: value }, { trust: PLATFORMS }), country, `${name} all trusted`);
  }
});

test("a forged header is ignored without trust", async () => {
  for (const { platform, name, value } of PLATFORM_HEADERS) {
    const others = PLATFORMS.filter((p) => p !== platform);
    allEqual(await inEveryShape({ [name]: value }, { trust: others }), null, `${name} with only others trusted`);
    allEqual(await inEveryShape({ [name]: value }), null, `${name} with no options`);
    allEqual(await inEveryShape({ [name]: value }, { trust: [] }), null, `${name} with trust []`);
  }
});

test("request.cf.country is always read, before any trusted header", () => {
  assert.equal(countryFromRequest({ cf: { country: "GB" } }), "United Kingdom");
  assert.equal(countryFromRequest({ cf: { country: "GB" }, headers: { "x-vercel-ip-country": "FR" } }, { trust: ["vercel"] }), "United Kingdom");
  // Tor or unknown at the edge: the trusted header may still answer, an untrusted one may not.
  assert.equal(countryFromRequest({ cf: { country: "T1" }, headers: { "x-vercel-ip-country": "FR" } }, { trust: ["vercel"] }), "France");
  assert.equal(countryFromRequest({ cf: { country: "T1" }, headers: { "x-vercel-ip-country": "FR" } }), null);
  const request = new Request("https://app.example/");
  Object.defineProperty(request, "cf", { value: { country: "NZ" } });
  assert.equal(countryFromRequest(request), "New Zealand");
});

test("trusted platforms answer in the order given", () => {
  const headers = { "cf-ipcountry": "IT", "x-vercel-ip-country": "ES" };
  assert.equal(countryFromRequest({ headers }, { trust: ["vercel", "cloudflare"] }), "Spain");
  assert.equal(countryFromRequest({ headers }, { trust: ["cloudflare", "vercel"] }), "Italy");
  assert.equal(countryFromRequest({ headers: { ...headers, "cf-ipcountry": "XX" } }, { trust: ["cloudflare", "vercel"] }), "Spain");
});

test("format gives the name, alpha2 or alpha3; an unknown format gives null", () => {
  const req = { cf: { country: "de" } };
  assert.equal(countryFromRequest(req, { format: "name" }), "Germany");
  assert.equal(countryFromRequest(req, { format: "alpha2" }), "DE");
  assert.equal(countryFromRequest(req, { format: "alpha3" }), "DEU");
  for (const format of ["ALPHA2", "numeric", 2, null, {}]) assert.equal(countryFromRequest(req, { format }), null, String(format));
});

test("non-countries give null from every platform", async () => {
  for (const value of NOT_COUNTRIES) {
    assert.equal(countryFromRequest({ cf: { country: value } }), null, `cf ${JSON.stringify(value)}`);
    for (const { platform, name } of PLATFORM_HEADERS) {
      // EdgeScape separates its pairs with commas, so "DE, FR" there reads as country_code=DE.
      if (name === "X-Akamai-Edgescape" && value.includes(",")) continue;
      const v = name === "X-NF-Geo" ? Buffer.from(JSON.stringify({ country: { code: value } })).toString("base64")
        : name === "X-Akamai-Edgescape" ? `georegion=1,country_code=${value},city=X` : value;
      assert.equal(countryFromRequest({ headers: { [name]: v } }, { trust: [platform] }), null, `${name}: ${JSON.stringify(value)}`);
    }
  }
  // A repeated header is ambiguous: Fetch joins the values, Node may give an array.
  const twice = new Headers([["cf-ipcountry", "DE"], ["cf-ipcountry", "FR"]]);
  assert.equal(countryFromRequest(twice, { trust: ["cloudflare"] }), null);
  assert.equal(countryFromRequest({ headers: { "cf-ipcountry": ["DE", "FR"] } }, { trust: ["cloudflare"] }), null);
  assert.equal(countryFromRequest({ headers: { "x-nf-geo": "%%% not base64" } }, { trust: ["netlify"] }), null);
  assert.equal(countryFromRequest({ headers: { "x-nf-geo": Buffer.from("not json").toString("base64") } }, { trust: ["netlify"] }), null);
});

test("junk never throws and gives null", () => {
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const throwing = new Proxy({}, { get() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); } });
  const big = "D".repeat(1 << 20);
  const requests = [
    undefined, null, 0, 1n, "DE", Symbol("x"), () => "DE", [], [["cf-ipcountry", "DE"]], {}, revoked, throwing,
    { headers: revoked }, { headers: throwing }, { headers: null }, { headers: "cf-ipcountry: DE" }, { headers: [["cf-ipcountry", "DE"]] },
    { headers: { get() { throw new Error("boom"); } } }, { headers: { get: () => 42 } }, { headers: { get: () => ({ toString: () => "DE" }) } },
    { cf: revoked }, { cf: throwing }, { cf: { country: 49 } }, { cf: { country: big } }, { cf: "DE" },
    { headers: { "cf-ipcountry": big } }, { headers: { "cf-ipcountry": 49 } }, { headers: { "cf-ipcountry": ["DE", 1] } }, { headers: { "cf-ipcountry": [] } },
    { headers: { [big]: "DE" } }, { get headers() { throw new Error("getter"); } }, { get cf() { throw new Error("getter"); } },
    Object.create(null), new Map([["cf-ipcountry", "XX"]]),
  ];
  const options = [
    undefined, null, 1, "vercel", Symbol("o"), [], revoked, throwing, { trust: "cloudflare" }, { trust: revoked }, { trust: throwing },
    { trust: [revoked, 1, null, big, "cloudflare"] }, { trust: { length: 1e9 } }, { get trust() { throw new Error("getter"); } }, { format: revoked },
    { trust: PLATFORMS, format: big }, { trust: new Array(1e6).fill("cloudflare") },
  ];
  for (const r of requests) {
    for (const o of options) {
      let got;
      assert.doesNotThrow(() => { got = countryFromRequest(r, o); }, `request #${requests.indexOf(r)} / options #${options.indexOf(o)}`);
      // Only a real header of a trusted platform may answer: "cloudflare" trusted with a Map that says XX.
      assert.equal(got, null);
    }
  }
  // Non-string options entries are skipped, the valid one still counts.
  assert.equal(countryFromRequest({ headers: { "cf-ipcountry": "DE" } }, { trust: [revoked, 1, null, big, "cloudflare"] }), "Germany");
  assert.equal(countryFromRequest(new Map([["cf-ipcountry", "DE"]]), { trust: ["cloudflare"] }), "Germany");
});

test("random headers never throw, and only a two-letter code of a trusted platform answers", () => {
  const { rand, pick } = seededRandom("countryFromRequest");
  const alphabet = ["A", "z", "1", " ", ",", "=", "\u0000", "é", "\ud800", "🇩🇪", "country_code", "XX", "DE"];
  const names = PLATFORM_HEADERS.map((h) => h.name).concat(["x-other", "CF-IPCOUNTRY"]);
  for (let i = 0; i < 3000; i++) {
    const headers = {};
    for (let n = Math.floor(rand() * 4); n > 0; n--) {
      let v = "";
      for (let k = Math.floor(rand() * 6); k > 0; k--) v += pick(alphabet);
      headers[pick(names)] = v;
    }
    const trust = PLATFORMS.filter(() => rand() < 0.5);
    const got = countryFromRequest({ headers }, { trust, format: "alpha2" });
    if (got !== null) {
      assert.match(got, /^[A-Z]{2}$/);
      assert.ok(Object.values(headers).some((v) => v.toUpperCase().includes(got) || v.toUpperCase().includes("UK")), JSON.stringify({ headers, got }));
    }
  }
});

test("inputs over 4,096 UTF-16 units are not copied into wasm memory", async () => {
  const { initSync } = await import(path.join(repoRoot, "pkg", "wazper.js"));
  // initSync on the already-initialised module returns the same instance's exports.
  const { memory } = initSync({ module: readFileSync(path.join(repoRoot, "pkg", "wazper_bg.wasm")) });
  countryFromRequest({ headers: { "cf-ipcountry": "DE" } }, { trust: ["cloudflare"] });
  const before = memory.buffer.byteLength;
  const huge = "D".repeat(8 << 20);
  for (let i = 0; i < 8; i++) {
    assert.equal(countryFromRequest({ cf: { country: huge }, headers: { "cf-ipcountry": huge, "x-nf-geo": huge, [huge]: "DE" } }, { trust: [huge, "cloudflare", "netlify"], format: huge.slice(0, 5000) }), null);
  }
  assert.equal(memory.buffer.byteLength, before, "wasm memory grew");
});
