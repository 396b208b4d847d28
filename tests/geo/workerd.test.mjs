// Issue 15 in real workerd: countryFromRequest reads request.cf.country; the edge proxy fills a
// missing country from it (or from a trusted platform header), so a keyless client's userSync with
// no country reaches the upstream with one; a keyed client with no country sends nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../support/emulator.mjs";
import { loadBuiltPackage } from "../support/package.mjs";
import { entries, startWorker } from "./workerd.mjs";
import { PLATFORM_HEADERS } from "./cases.mjs";

let emu, wazper, helper, edge, noCf;

const proxySource = (options) => `import { createWazperProxy } from ${JSON.stringify(entries().proxy)};
export default createWazperProxy(${JSON.stringify({ allowAnonymous: true, ...options })});`;

before(async () => {
  wazper = await loadBuiltPackage();
  emu = await startEmulator();
  // countryFromRequest itself, answering with what it finds for the options in the query string.
  helper = await startWorker(`import { countryFromRequest } from ${JSON.stringify(entries().main)};
export default { fetch(request) {
  const options = JSON.parse(new URL(request.url).searchParams.get("o") ?? "{}");
  return Response.json({ country: countryFromRequest(request, options), headersOnly: countryFromRequest(request.headers, options) });
} };`, { cf: { country: "JP" } });
  // The proxy where Cloudflare says the visitor is in Japan.
  edge = await startWorker(proxySource({ baseUrl: emu.url }), { cf: { country: "JP" }, bindings: { WAZPER_API_KEY: "demo_key" } });
  // The proxy behind another CDN: the Workers runtime knows no country, Vercel's header is trusted.
  noCf = await startWorker(proxySource({ baseUrl: emu.url, prefix: "/v", trust: ["vercel", "akamai"] }), { cf: { country: "XX" }, bindings: { WAZPER_API_KEY: "demo_key" } });
});

after(async () => {
  await helper?.dispose();
  await edge?.dispose();
  await noCf?.dispose();
  await emu?.stop();
});

async function upstreamLog() {
  return (await fetch(`${emu.url}/__emulator/requests`)).json();
}
async function clearLog() {
  await fetch(`${emu.url}/__emulator/requests`, { method: "DELETE" });
}

test("countryFromRequest in workerd: cf.country always, headers only when trusted", async () => {
  const ask = async (options, init) => (await helper.fetch(`http://geo.test/?o=${encodeURIComponent(JSON.stringify(options))}`, init)).json();
  assert.deepEqual(await ask({}), { country: "Japan", headersOnly: null });
  assert.deepEqual(await ask({ format: "alpha3" }), { country: "JPN", headersOnly: null });
  for (const { platform, name, value, country } of PLATFORM_HEADERS) {
    // cf.country answers first, whatever the headers say; the Headers object alone has no cf.
    assert.deepEqual(await ask({ trust: [platform] }, { headers: { [name]: value } }), { country: "Japan", headersOnly: country }, name);
    assert.deepEqual(await ask({}, { headers: { [name]: value } }), { country: "Japan", headersOnly: null }, `${name} untrusted`);
  }
  // Tor at the edge: only a trusted header can answer.
  const tor = { cf: { country: "T1" }, headers: { "x-vercel-ip-country": "FR" } };
  assert.deepEqual(await ask({ trust: ["vercel"] }, tor), { country: "France", headersOnly: "France" });
  assert.deepEqual(await ask({}, tor), { country: null, headersOnly: null });
});

test("a keyless client's userSync with no country reaches the upstream with cf.country", async () => {
  await clearLog();
  const client = new wazper.WazperClient({ baseUrl: `${edge.url}/wazper`, maxRetries: 0 });
  const email = `ana${Date.now()}@acme-geo.example`;
  const result = await client.userSync({ email, firstName: "Ana" });
  assert.equal(result.status, "processing");
  const log = await upstreamLog();
  assert.equal(log.length, 1);
  assert.deepEqual(JSON.parse(log[0].body), { user: { email, country: "Japan", firstName: "Ana" } });
  assert.equal(log[0].headers["x-api-key"], "demo_key");

  // A country the client gives wins over the edge's.
  await clearLog();
  await client.userSync({ email: `bo${Date.now()}@acme-geo.example`, country: "fr" });
  assert.equal(JSON.parse((await upstreamLog())[0].body).user.country, "France");
});

test("with an apiKey and no country nothing is sent: country_required", async () => {
  await clearLog();
  const client = new wazper.WazperClient({ apiKey: "demo_key", baseUrl: emu.url, maxRetries: 0 });
  const err = await client.userSync({ email: "ana@acme-geo.example" }).then(() => null, (e) => e);
  assert.equal(err?.code, "country_required");
  assert.equal(err.status, null);
  const bad = await client.userSync({ email: "ana@acme-geo.example", country: "Narnia" }).then(() => null, (e) => e);
  assert.equal(bad?.code, "invalid_country");
  // Keyless, an unrecognisable country is refused before sending too.
  const keyless = new wazper.WazperClient({ baseUrl: `${edge.url}/wazper`, maxRetries: 0 });
  const bad2 = await keyless.userSync({ email: "ana@acme-geo.example", country: "Narnia" }).then(() => null, (e) => e);
  assert.equal(bad2?.code, "invalid_country");
  assert.deepEqual(await upstreamLog(), []);
});

test("behind another CDN the proxy's trust option fills the country; a forged header does not", async () => {
  const client = new wazper.WazperClient({ baseUrl: `${noCf.url}/v`, maxRetries: 0 });
  // The client is not the CDN: send the requests raw, with the headers the CDN would add.
  const sync = (headers, email) => noCf.fetch("http://proxy.test/v/v1/user-sync", {
    method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ user: { email } }),
  });
  await clearLog();
  const viaVercel = await sync({ "x-vercel-ip-country": "BR" }, `c${Date.now()}@acme-geo.example`);
  assert.equal(viaVercel.status, 202, await viaVercel.clone().text());
  const viaAkamai = await sync({ "x-akamai-edgescape": "georegion=1,country_code=KE,city=NAIROBI" }, `d${Date.now()}@acme-geo.example`);
  assert.equal(viaAkamai.status, 202);
  assert.deepEqual((await upstreamLog()).map((r) => JSON.parse(r.body).user.country), ["Brazil", "Kenya"]);

  await clearLog();
  // Cloudflare's header is not trusted by this proxy: a client forging it gets country_required.
  const forged = await sync({ "cf-ipcountry": "DE" }, `e${Date.now()}@acme-geo.example`);
  assert.equal(forged.status, 400);
  assert.equal((await forged.json()).code, "country_required");
  // The keyless client itself, with no CDN header at all, gets the same error code.
  const err = await client.userSync({ email: `f${Date.now()}@acme-geo.example` }).then(() => null, (e) => e);
  assert.equal(err?.code, "country_required");
  assert.deepEqual(await upstreamLog(), []);
});

test("createWazperProxy refuses an unknown trust entry at construction", async () => {
  const bad = await startWorker(`import { createWazperProxy } from ${JSON.stringify(entries().proxy)};
let error = null;
try { createWazperProxy({ allowAnonymous: true, trust: ["cloudfare"] }); } catch (e) { error = { name: e.name, code: e.code, message: e.message }; }
export default { fetch() { return Response.json(error); } };`, { cf: { country: "JP" } });
  try {
    const error = await (await bad.fetch("http://x.test/")).json();
    assert.equal(error?.code, "invalid_argument");
    assert.match(error.message, /trust/);
  } finally {
    await bad.dispose();
  }
});
