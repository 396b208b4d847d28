// The proxy in workerd (miniflare) against a hostile upstream: a node:http server that redirects,
// echoes the key, never answers, trickles its body or answers too much; and a slow request body.
// Each behaviour is a path prefix of the upstream, given to one worker as its baseUrl.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startWorkers } from "./harness.mjs";

const KEY = "sk_live_HostileTest42";
let upstream, thief, workers;
const stolen = []; // requests that reached the redirect target
const held = new Set(); // responses the hostile upstream never finishes

function listen(server) {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

before(async () => {
  thief = http.createServer((req, res) => {
    stolen.push({ url: req.url, key: req.headers["x-api-key"] });
    res.writeHead(200, { "Content-Type": "application/json" }).end('{"success":true,"status":"processing"}');
  });
  const thiefUrl = await listen(thief);
  upstream = http.createServer((req, res) => {
    const mode = req.url.split("/")[1];
    req.resume();
    switch (mode) {
      case "r302":
      case "r307":
        res.writeHead(Number(mode.slice(1)), { Location: `${thiefUrl}/steal` }).end();
        break;
      case "echo": {
        // What a careless API does: the key in the message, in three letter cases, and in headers.
        const escaped = [...KEY].map((c, i) => (i % 2 ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)).join("");
        const body = JSON.stringify({ error: `Invalid API Key ${req.headers["x-api-key"]}`, details: `${KEY.toUpperCase()} / ${KEY.toLowerCase()}` })
          .replace(/}$/, `,"escaped":"${escaped}"}`);
        res.writeHead(401, { "Content-Type": `application/json; k=${KEY.toUpperCase()}`, "Retry-After": KEY, "X-Echo": KEY }).end(body);
        break;
      }
      case "hang":
        held.add(res);
        break;
      case "trickle":
        // Headers at once, then the body never finishes.
        res.writeHead(200, { "Content-Type": "application/json" });
        res.write('{"success":');
        held.add(res);
        break;
      case "huge":
        res.writeHead(200, { "Content-Type": "application/json" }).end(`{"pad":"${"x".repeat(2 * 1024 * 1024)}"}`);
        break;
      default:
        res.writeHead(202, { "Content-Type": "application/json" }).end('{"success":true,"status":"processing","requestId":"r1"}');
    }
  });
  const up = await listen(upstream);
  const proxy = (path, extra = "") => ({
    source: (entry) =>
      `import { createWazperProxy } from ${JSON.stringify(entry)};\n` +
      `export default createWazperProxy({ baseUrl: ${JSON.stringify(`${up}/${path}`)}, allowAnonymous: true${extra} });\n`,
    bindings: { WAZPER_API_KEY: KEY },
  });
  workers = await startWorkers({
    // First: plain HTTP to miniflare (the slow-body test) reaches the first worker.
    slow: proxy("ok", ", timeoutMs: 2000"),
    ok: proxy("ok"),
    r302: proxy("r302"),
    r307: proxy("r307"),
    echo: proxy("echo"),
    hang: proxy("hang", ", timeoutMs: 1500"),
    trickle: proxy("trickle", ", timeoutMs: 1500"),
    huge: proxy("huge"),
  });
});

after(async () => {
  for (const res of held) res.destroy();
  await workers?.dispose();
  upstream?.closeAllConnections();
  thief?.closeAllConnections();
  await Promise.all([upstream, thief].map((s) => s && new Promise((done) => s.close(done))));
});

const sync = (worker, init = {}) =>
  workers.fetch(`http://${worker}.test/wazper/v1/user-sync`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: `http://${worker}.test` },
    body: JSON.stringify({ user: { email: "ana@acme.example", country: "DE" } }),
    ...init,
  });

test("an upstream redirect is never followed: 502, and the key goes nowhere else", async () => {
  for (const worker of ["r302", "r307"]) {
    const res = await sync(worker);
    assert.equal(res.status, 502, worker);
    assert.deepEqual(await res.json(), { error: "Upstream redirected" });
    assert.equal(res.headers.get("location"), null);
  }
  assert.deepEqual(stolen, [], "the redirect target got a request");
});

test("the key is scrubbed from upstream bodies and headers, in any letter case", async () => {
  const res = await sync("echo");
  assert.equal(res.status, 401);
  const dump = [...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n") + "\n" + (await res.text());
  assert.ok(!dump.toLowerCase().includes(KEY.toLowerCase()), dump);
  assert.match(dump, /Invalid API Key \[redacted\]/);
  assert.match(dump, /\[redacted\] \/ \[redacted\]/);
  assert.equal(res.headers.get("retry-after"), "[redacted]");
  // A JSON escape of the key is the key to JSON.parse: scrubbed too.
  const parsed = JSON.parse(dump.slice(dump.indexOf("\n{") + 1));
  assert.equal(parsed.escaped, "[redacted]");
  assert.ok(!JSON.stringify(Object.values(parsed)).toLowerCase().includes(KEY.toLowerCase()));
  assert.equal(res.headers.get("x-echo"), null, "only Content-Type and Retry-After are relayed");
});

test("every answer, relayed or local, says X-Content-Type-Options: nosniff", async () => {
  const answers = [
    await sync("ok"), // relayed 202
    await sync("echo"), // relayed error
    await sync("r302"), // 502 written locally
    await workers.fetch("http://ok.test/nowhere"), // 404
    await workers.fetch("http://ok.test/wazper/v1/user-sync"), // 405
    await workers.fetch("http://ok.test/wazper/v1/user-sync", { method: "OPTIONS", headers: { Origin: "http://ok.test", "Access-Control-Request-Method": "POST" } }),
    await sync("ok", { body: "{" }), // 400
  ];
  assert.deepEqual(answers.map((r) => r.status), [202, 401, 502, 404, 405, 204, 400]);
  for (const res of answers) {
    assert.equal(res.headers.get("x-content-type-options"), "nosniff", String(res.status));
    await res.arrayBuffer();
  }
});

test("an upstream that never answers, or never finishes its body, is a 504 after timeoutMs", async () => {
  for (const worker of ["hang", "trickle"]) {
    const started = performance.now();
    const res = await sync(worker);
    const ms = performance.now() - started;
    assert.equal(res.status, 504, worker);
    assert.deepEqual(await res.json(), { error: "Upstream timed out" });
    assert.ok(ms >= 1400 && ms < 8000, `${worker}: answered after ${ms} ms (timeoutMs 1500)`);
  }
});

test("an upstream body over 1 MiB is not relayed: 502", async () => {
  const res = await sync("huge");
  assert.equal(res.status, 502);
  assert.deepEqual(await res.json(), { error: "Upstream response too large" });
});

test("a request body trickling 1 byte every 1.5 s gets 408 once timeoutMs has passed", { timeout: 30_000 }, async () => {
  const url = new URL(workers.url);
  const body = JSON.stringify({ user: { email: "ana@acme.example", country: "DE" } });
  const started = performance.now();
  const req = http.request({ host: url.hostname, port: url.port, method: "POST", path: "/wazper/v1/user-sync", headers: { "Content-Type": "application/json", "Transfer-Encoding": "chunked" } });
  req.on("error", () => {}); // the proxy may close the upload once it has answered
  let sent = 0;
  const timer = setInterval(() => {
    if (sent < body.length) req.write(body[sent++]);
  }, 1500);
  req.write(body[sent++]);
  const res = await new Promise((resolve, reject) => {
    req.once("response", resolve);
    setTimeout(() => reject(new Error("no answer within 20 s")), 20_000).unref();
  }).finally(() => clearInterval(timer));
  const ms = performance.now() - started;
  let text = "";
  for await (const chunk of res) text += chunk;
  req.destroy();
  assert.equal(res.statusCode, 408, text);
  assert.deepEqual(JSON.parse(text), { error: "Request body timed out" });
  assert.equal(res.headers["x-content-type-options"], "nosniff");
  assert.ok(ms >= 1900 && ms < 10_000, `answered after ${ms} ms (timeoutMs 2000)`);
});
