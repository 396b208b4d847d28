// The "Country from the IP" examples (examples/country-from-ip/) run as the npm README shows them:
// each file appears verbatim in pkg-template/README.md, and each runs here against the emulator.
// `import "wazper"` / `"wazper/proxy"` resolve to the built package in pkg/ (a resolve hook for Node,
// a rewritten specifier for workerd), the way an installed package resolves.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { register } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startEmulator, repoRoot } from "../support/emulator.mjs";
import { entries, entryFiles, startWorker } from "./workerd.mjs";

const exampleDir = path.join(repoRoot, "examples/country-from-ip");
const pkgUrl = (file) => pathToFileURL(path.join(repoRoot, "pkg", file)).href;
const nodeEntries = entryFiles("node");
const specifiers = { wazper: pkgUrl(nodeEntries.main), "wazper/proxy": pkgUrl(nodeEntries.proxy) };
register(`data:text/javascript,${encodeURIComponent(`const map = ${JSON.stringify(specifiers)};
export async function resolve(specifier, context, next) {
  return specifier in map ? { url: map[specifier], shortCircuit: true } : next(specifier, context);
}`)}`);

let emu;
before(async () => {
  emu = await startEmulator();
  process.env.WAZPER_API_KEY = "demo_key";
  process.env.WAZPER_BASE_URL = emu.url;
});
after(async () => {
  await emu?.stop();
});

const unique = (name) => `${name}${Date.now()}${Math.floor(Math.random() * 1e6)}@acme-geo.example`;
async function upstreamLog() {
  return (await fetch(`${emu.url}/__emulator/requests`)).json();
}
async function clearLog() {
  await fetch(`${emu.url}/__emulator/requests`, { method: "DELETE" });
}
const sentCountries = async () => (await upstreamLog()).map((r) => JSON.parse(r.body).user.country);

test("the README shows every example file verbatim", () => {
  const readme = readFileSync(path.join(repoRoot, "pkg-template/README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Country from the IP"));
  assert.ok(section.length < readme.length, "README has a 'Country from the IP' section");
  const files = readdirSync(exampleDir).filter((f) => f.endsWith(".js"));
  assert.deepEqual(files.sort(), ["browser.js", "express-cloudfront.js", "next-route.js", "worker.js"]);
  for (const file of files) {
    const code = readFileSync(path.join(exampleDir, file), "utf8");
    assert.ok(section.includes("```js\n" + code + "```"), `README block for examples/country-from-ip/${file}`);
  }
});

test("Next.js route handler on Vercel: the country comes from X-Vercel-IP-Country", async () => {
  const { POST } = await import(path.join(exampleDir, "next-route.js"));
  const call = (headers, email) => POST(new Request("https://app.example/api/wazper/sync", {
    method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ email }),
  }));
  await clearLog();
  const ok = await call({ "x-vercel-ip-country": "DE" }, unique("ana"));
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).status, "processing");
  assert.deepEqual(await sentCountries(), ["Germany"]);
  // No country from Vercel (local dev, or a forged Cloudflare header): 422, nothing sent.
  await clearLog();
  for (const headers of [{}, { "cf-ipcountry": "FR" }, { "x-vercel-ip-country": "XX" }]) {
    const res = await call(headers, unique("bo"));
    assert.equal(res.status, 422, JSON.stringify(headers));
  }
  assert.deepEqual(await upstreamLog(), []);
  // An API error comes back with its code.
  const dup = await call({ "x-vercel-ip-country": "DE" }, "not-an-email");
  assert.deepEqual([dup.status, await dup.json()], [400, { error: "invalid_email" }]);
});

test("Express behind CloudFront: the country comes from CloudFront-Viewer-Country", async () => {
  const { app } = await import(path.join(exampleDir, "express-cloudfront.js"));
  const server = await new Promise((done) => { const s = app.listen(0, "127.0.0.1", () => done(s)); });
  try {
    const url = `http://127.0.0.1:${server.address().port}/api/wazper/sync`;
    const call = (headers, email) => fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ email }) });
    await clearLog();
    const ok = await call({ "CloudFront-Viewer-Country": "ES" }, unique("cy"));
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.equal((await ok.json()).status, "processing");
    assert.deepEqual(await sentCountries(), ["Spain"]);
    await clearLog();
    const forged = await call({ "x-vercel-ip-country": "ES" }, unique("di"));
    assert.equal(forged.status, 422);
    assert.deepEqual(await upstreamLog(), []);
  } finally {
    await new Promise((done) => server.close(done));
  }
});

test("Worker with wazper/proxy + the browser with no country: the edge fills cf.country", async () => {
  // The example as written (upstream https://api.wazper.com), its outbound requests sent to the emulator.
  const source = readFileSync(path.join(exampleDir, "worker.js"), "utf8").replace('"wazper/proxy"', JSON.stringify(entries().proxy));
  const worker = await startWorker(source, {
    cf: { country: "KR" },
    bindings: { WAZPER_API_KEY: "demo_key", SESSION_TOKEN: "s3cret" },
    outboundService: async (request) => {
      const url = new URL(request.url);
      assert.equal(url.origin, "https://api.wazper.com");
      return fetch(emu.url + url.pathname + url.search, { method: request.method, headers: request.headers, body: request.body, duplex: "half" });
    },
  });
  const { syncSignedInUser } = await import(path.join(exampleDir, "browser.js"));
  const realFetch = globalThis.fetch;
  try {
    await clearLog();
    // A signed-out visitor is refused by the Worker's authorize hook.
    const refused = await syncSignedInUser({ email: unique("eve") }, `${worker.url}/wazper`).then(() => null, (e) => e);
    assert.equal(refused?.status, 401);
    assert.deepEqual(await upstreamLog(), []);
    // The browser sends its session cookie with same-origin requests; Node's fetch has no cookie jar.
    globalThis.fetch = (input, init) => {
      const request = new Request(input, init);
      request.headers.set("Cookie", "theme=dark; session=s3cret");
      return realFetch(request);
    };
    const email = unique("fay");
    const result = await syncSignedInUser({ email, firstName: "Fay" }, `${worker.url}/wazper`);
    assert.equal(result.status, "processing");
    const log = await upstreamLog();
    assert.equal(log.length, 1);
    assert.deepEqual(JSON.parse(log[0].body), { user: { email, country: "South Korea", firstName: "Fay" } });
    assert.equal(log[0].headers["x-api-key"], "demo_key");
  } finally {
    globalThis.fetch = realFetch;
    await worker.dispose();
  }
});
