// The client in Node against hostile upstreams (node:http on loopback), each scripted per request:
// every finding of issue 14 about the client has its check here, through the built package.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { loadBuiltPackage } from "../support/package.mjs";

const { WazperClient } = await loadBuiltPackage();

const KEY = "sk_live_Hostile_Key_0123456789";
const SYNC = { email: "jane@acme.example", country: "FR" };
const ACCEPTED = { success: true, status: "processing", requestId: "req_1", userId: "u_1", message: "ok" };

/** A server that answers request n with script[n] (the last entry repeats), counting requests. */
async function upstream(script) {
  const seen = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, key: req.headers["x-api-key"], body });
      const step = script[Math.min(seen.length, script.length) - 1];
      step(req, res);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  return {
    baseUrl,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

const json = (status, body, headers = {}) => (req, res) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
// The API accepted the request, then the connection dropped before any answer.
const reset = () => (req, res) => req.socket.destroy();
// Accepted, never answered.
const hang = () => () => {};

async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("the call resolved");
}

async function withServer(script, fn) {
  const s = await upstream(script);
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

test("userSync is sent once when the answer is lost after the API accepted it", async () => {
  // Only the hanging upstream needs a short timeout; the others get a generous one, so a loaded
  // machine cannot turn a reset into a timeout.
  for (const [name, step, code, timeoutMs] of [
    ["reset", reset(), "network_error", 10000],
    ["timeout", hang(), "timeout", 300],
    ["500", json(500, { error: "Internal server error" }), "server_error", 10000],
    ["502", json(502, {}), "server_error", 10000],
    ["504", json(504, {}), "server_error", 10000],
  ]) {
    await withServer([step, json(202, ACCEPTED)], async (s) => {
      const client = new WazperClient({ apiKey: KEY, baseUrl: s.baseUrl, timeoutMs, maxRetries: 2 });
      const e = await failure(client.userSync(SYNC));
      assert.equal(e.code, code, name);
      assert.equal(s.seen.length, 1, `${name}: a lost sync must not be repeated (could bill twice)`);
    });
  }
});

test("userSync is retried on 408, 429 and 503, where the API did not run", async () => {
  await withServer(
    [json(408, {}, { "retry-after": "0" }), json(429, {}, { "retry-after": "0" }), json(503, {}, { "retry-after": "0" }), json(202, ACCEPTED)],
    async (s) => {
      const client = new WazperClient({ apiKey: KEY, baseUrl: s.baseUrl, maxRetries: 3 });
      assert.deepEqual(await client.userSync(SYNC), ACCEPTED);
      assert.equal(s.seen.length, 4);
      assert.ok(s.seen.every((r) => r.method === "POST" && r.url === "/v1/user-sync" && r.key === KEY));
    },
  );
});

test("retryUnsafe: true opts userSync in to retries after a reset, a timeout or a 500", async () => {
  await withServer([reset(), hang(), json(500, {}, { "retry-after": "0" }), json(202, ACCEPTED)], async (s) => {
    const client = new WazperClient({ apiKey: KEY, baseUrl: s.baseUrl, timeoutMs: 300, maxRetries: 3, retryUnsafe: true });
    assert.deepEqual(await client.userSync(SYNC), ACCEPTED);
    assert.equal(s.seen.length, 4);
  });
});

test("listColleagues and createColleague keep their own retry lists", async () => {
  await withServer([reset(), json(500, {}, { "retry-after": "0" }), json(200, [])], async (s) => {
    const client = new WazperClient({ apiKey: KEY, baseUrl: s.baseUrl });
    assert.deepEqual(await client.listColleagues("jane@acme.example"), []);
    assert.equal(s.seen.length, 3);
  });
  await withServer([reset(), json(201, {})], async (s) => {
    const client = new WazperClient({ apiKey: KEY, baseUrl: s.baseUrl });
    const input = { name: "Sam", email: "sam@acme.example", companyName: "Acme", toBeInvitedById: "jane@acme.example" };
    assert.equal((await failure(client.createColleague(input))).code, "network_error");
    assert.equal(s.seen.length, 1);
  });
});

test("a Retry-After beyond any safe integer is not waited for and is reported as a safe integer", async () => {
  for (const value of ["99999999999999999999", "9007199254740993", "1e400"]) {
    await withServer([json(429, { error: "Too many requests" }, { "retry-after": value }), json(200, [])], async (s) => {
      const client = new WazperClient({ apiKey: KEY, baseUrl: s.baseUrl, maxRetries: 2 });
      const started = Date.now();
      const result = await client.listColleagues("jane@acme.example").then(
        (v) => ({ v }),
        (e) => ({ e }),
      );
      if (value === "1e400") {
        // Not delay-seconds and not a date: absent, so the backoff applies and the retry succeeds.
        assert.deepEqual(result.v, [], value);
        assert.equal(s.seen.length, 2);
        return;
      }
      const { e } = result;
      assert.ok(e, value);
      assert.equal(e.code, "rate_limited");
      assert.equal(e.status, 429);
      const secs = e.details.retryAfterSeconds;
      assert.ok(Number.isSafeInteger(secs) && secs > 60, `${value} -> ${secs}`);
      assert.equal(s.seen.length, 1, "not retried");
      assert.ok(Date.now() - started < 5000, "not waited for");
    });
  }
});

test("an impossible Retry-After date counts as absent: the backoff applies", async () => {
  for (const date of ["Mon, 29 Feb 2100 00:00:00 GMT", "Thu, 31 Nov 2999 10:00:00 GMT", "Sat, 01 Jan 2999 25:00:00 GMT"]) {
    await withServer([json(503, {}, { "retry-after": date }), json(200, [])], async (s) => {
      const client = new WazperClient({ apiKey: KEY, baseUrl: s.baseUrl, maxRetries: 1 });
      const started = Date.now();
      assert.deepEqual(await client.listColleagues("jane@acme.example"), [], date);
      assert.equal(s.seen.length, 2);
      const waited = Date.now() - started;
      assert.ok(waited >= 370, `${date}: waited ${waited} ms (backoff is 375-500 ms)`);
    });
  }
});

function assertNoKey(e, what) {
  const text = [e.message, String(e), e.stack, JSON.stringify(e), JSON.stringify(e.details), String(e.cause ?? "")]
    .join("\n")
    .toLowerCase();
  assert.ok(!text.includes(KEY.toLowerCase()), `${what}: the key leaked: ${text}`);
  assert.ok(!text.includes(KEY.toLowerCase().slice(0, 12)), `${what}: a prefix of the key leaked: ${text}`);
}

test("an upstream that echoes the key in any letter case never gets it into an error", async () => {
  const echoes = [KEY, KEY.toUpperCase(), KEY.toLowerCase()];
  const steps = [];
  for (const echo of echoes) {
    steps.push([`401 body ${echo}`, json(401, { error: `Invalid API Key ${echo}` })]);
    steps.push([`500 details ${echo}`, json(500, { error: "Internal server error", details: `key=${echo}` })]);
    steps.push([`long ${echo}`, json(400, { error: "x".repeat(290) + echo })]);
    steps.push([
      `status text ${echo}`,
      (req, res) => {
        res.writeHead(418, echo, { "content-type": "text/plain" });
        res.end(echo);
      },
    ]);
  }
  for (const [what, step] of steps) {
    await withServer([step], async (s) => {
      const client = new WazperClient({ apiKey: KEY, baseUrl: s.baseUrl, maxRetries: 0 });
      const e = await failure(client.listColleagues("jane@acme.example"));
      assert.equal(e.name, "WazperError");
      assertNoKey(e, what);
    });
  }
  // The scrub keeps the rest of the message readable.
  await withServer([json(401, { error: `Invalid API Key ${KEY.toUpperCase()}` })], async (s) => {
    const client = new WazperClient({ apiKey: KEY, baseUrl: s.baseUrl, maxRetries: 0 });
    const e = await failure(client.listColleagues("jane@acme.example"));
    assert.equal(e.code, "invalid_api_key");
    assert.equal(e.message, "Invalid API Key [redacted]");
  });
});

test("retryUnsafe must be a boolean", () => {
  for (const bad of [1, "true", {}]) {
    assert.throws(
      () => new WazperClient({ baseUrl: "http://127.0.0.1:1", retryUnsafe: bad }),
      (e) => e.name === "WazperError" && e.code === "invalid_argument" && e.details?.field === "retryUnsafe",
    );
  }
  assert.ok(new WazperClient({ baseUrl: "http://127.0.0.1:1", retryUnsafe: false }));
});
