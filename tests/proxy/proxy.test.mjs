// The edge proxy in real workerd (miniflare) with a private emulator as the upstream.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../support/emulator.mjs";
import { startWorkers } from "./harness.mjs";

const KEY = "demo_key";
const ORIGIN = "https://app.example";
const SESSION = "Bearer let-me-in";
let emu, workers;

// Worker sources: `export default createWazperProxy({...})`, nothing else, as a user would write.
const proxyWorker = (options) => (entry) =>
  `import { createWazperProxy } from ${JSON.stringify(entry)};\nexport default createWazperProxy(${options});\n`;

before(async () => {
  emu = await startEmulator();
  const base = JSON.stringify(emu.url);
  workers = await startWorkers({
    // The browser-facing proxy: an allow-listed origin and a session check.
    main: {
      source: proxyWorker(`{ baseUrl: ${base}, allowedOrigins: [${JSON.stringify(ORIGIN)}],
        authorize: (request, env) => request.headers.get("Authorization") === "Bearer " + env.SESSION_TOKEN }`),
      bindings: { WAZPER_API_KEY: KEY, SESSION_TOKEN: "let-me-in" },
    },
    // An async hook that reads the body itself: the synced email must be the caller's own.
    owner: {
      source: proxyWorker(`{ baseUrl: ${base}, apiKeyBinding: "MY_SECRET", prefix: "/api/wz/",
        authorize: async (request) => {
          if (request.method !== "POST") return false;
          const body = await request.json();
          return body?.user?.email === request.headers.get("X-Session-Email");
        } }`),
      bindings: { MY_SECRET: KEY },
    },
    anon: { source: proxyWorker(`{ baseUrl: ${base}, allowAnonymous: true, maxBodyBytes: 300 }`), bindings: { WAZPER_API_KEY: KEY } },
    broke: { source: proxyWorker(`{ baseUrl: ${base}, allowAnonymous: true }`), bindings: { WAZPER_API_KEY: "no_credits_key" } },
    throws: {
      source: proxyWorker(`{ baseUrl: ${base}, authorize: () => { throw new Error("session store down: demo_key"); } }`),
      bindings: { WAZPER_API_KEY: KEY },
    },
    nokey: { source: proxyWorker(`{ baseUrl: ${base}, allowAnonymous: true }`), bindings: {} },
    down: { source: proxyWorker(`{ baseUrl: "http://127.0.0.1:9", allowAnonymous: true }`), bindings: { WAZPER_API_KEY: KEY } },
    // createWazperProxy without authorize or allowAnonymous must throw, at module top level too.
    refuse: {
      source: (entry) => `import { createWazperProxy } from ${JSON.stringify(entry)};
        let thrown = null;
        try { createWazperProxy({ baseUrl: "https://api.wazper.com" }); } catch (e) {
          thrown = { name: e.name, code: e.code, status: e.status, isError: e instanceof Error, message: e.message };
        }
        let insecure = null;
        try { createWazperProxy({ baseUrl: "http://api.example.com", allowAnonymous: true }); } catch (e) { insecure = e.code; }
        export default { fetch: () => Response.json({ thrown, insecure }) };`,
    },
  });
});

after(async () => {
  // Every test above ran through these workers: the key must not appear in anything they printed.
  // (The proxy's own operator hints prove the output was captured.)
  if (workers) assert.match(workers.output(), /wazper proxy: the authorize hook threw/);
  if (workers) assert.ok(!workers.output().includes(KEY), `the key appeared in the runtime's output:\n${workers.output()}`);
  await workers?.dispose();
  await emu?.stop();
});

async function upstreamLog() {
  const res = await fetch(`${emu.url}/__emulator/requests`);
  assert.equal(res.status, 200);
  return res.json();
}

/** Runs `fn` and returns the upstream requests it caused. */
async function upstreamDuring(fn) {
  const before = (await upstreamLog()).length;
  const result = await fn();
  return { result, sent: (await upstreamLog()).slice(before) };
}

function post(worker, path, body, { headers = {}, ...init } = {}) {
  return workers.fetch(`http://${worker}.test${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

const browser = { Origin: ORIGIN, Authorization: SESSION };
let n = 0;
const unique = (domain = "acme-proxy.example") => `user${Date.now()}${n++}@${domain}`;

async function responseText(res) {
  return [...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n") + "\n\n" + (await res.text());
}

test("the key reaches the emulator and never the browser; browser credentials are not forwarded", async () => {
  const { result, sent } = await upstreamDuring(async () => {
    const res = await post("main", "/wazper/v1/user-sync", { user: { email: unique(), country: "Germany", firstName: "Ana" } }, {
      headers: { ...browser, Cookie: "session=secret-cookie", "X-API-Key": "browser_supplied_key" },
    });
    return { status: res.status, text: await responseText(res) };
  });
  assert.equal(result.status, 202, result.text);
  assert.equal(sent.length, 1);
  const [req] = sent;
  assert.equal(req.path, "/v1/user-sync");
  assert.equal(req.headers["x-api-key"], KEY);
  assert.equal(req.headers.cookie, undefined);
  assert.equal(req.headers.authorization, undefined);
  assert.equal(req.headers.origin, undefined);
  assert.equal(req.headers["content-type"], "application/json");
  assert.ok(!result.text.includes(KEY), "key in the browser-facing response");
  assert.match(result.text, /access-control-allow-origin: https:\/\/app\.example/);
  assert.equal(JSON.parse(result.text.split("\n\n")[1]).status, "processing");
});

test("a request without authorization is refused before any upstream request", async () => {
  const { result, sent } = await upstreamDuring(async () => {
    const none = await post("main", "/wazper/v1/user-sync", { user: { email: unique(), country: "DE" } }, { headers: { Origin: ORIGIN } });
    const wrong = await workers.fetch(`http://main.test/wazper/v1/colleagues-list?email=${encodeURIComponent("a@acme.io")}`, {
      headers: { Origin: ORIGIN, Authorization: "Bearer nope" },
    });
    return [none.status, await none.json(), wrong.status, none.headers.get("access-control-allow-origin")];
  });
  assert.deepEqual(result, [401, { error: "Unauthorized" }, 401, ORIGIN]);
  assert.equal(sent.length, 0);
});

test("the authorize hook can read the body (caller may only sync their own email)", async () => {
  const email = unique();
  const mine = await post("owner", "/api/wz/v1/user-sync", { user: { email, country: "FR" } }, { headers: { "X-Session-Email": email } });
  assert.equal(mine.status, 202, await mine.clone().text());
  const theirs = await post("owner", "/api/wz/v1/user-sync", { user: { email: unique(), country: "FR" } }, { headers: { "X-Session-Email": email } });
  assert.equal(theirs.status, 401);
  const log = await upstreamLog();
  const last = log.filter((r) => r.path === "/v1/user-sync").at(-1);
  assert.equal(JSON.parse(last.body).user.email, email);
});

test("a disallowed origin is refused, preflight included", async () => {
  const { result, sent } = await upstreamDuring(async () => {
    const res = await post("main", "/wazper/v1/user-sync", { user: { email: unique(), country: "DE" } }, {
      headers: { Origin: "https://evil.example", Authorization: SESSION },
    });
    const pre = await workers.fetch("http://main.test/wazper/v1/user-sync", {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
    });
    return [res.status, await res.json(), res.headers.get("access-control-allow-origin"), pre.status, pre.headers.get("access-control-allow-origin")];
  });
  assert.deepEqual(result, [403, { error: "Origin not allowed" }, null, 403, null]);
  assert.equal(sent.length, 0);
});

test("a preflight from an allowed origin is answered without authorization", async () => {
  const res = await workers.fetch("http://main.test/wazper/v1/colleagues-update", {
    method: "OPTIONS",
    headers: { Origin: ORIGIN, "Access-Control-Request-Method": "PATCH", "Access-Control-Request-Headers": "content-type, authorization" },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get("access-control-allow-origin"), ORIGIN);
  assert.equal(res.headers.get("access-control-allow-methods"), "PATCH, OPTIONS");
  assert.equal(res.headers.get("access-control-allow-headers"), "content-type, authorization");
  assert.equal(res.headers.get("access-control-allow-credentials"), "true");
  const keyAsked = await workers.fetch("http://main.test/wazper/v1/user-sync", {
    method: "OPTIONS",
    headers: { Origin: ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-api-key" },
  });
  assert.equal(keyAsked.status, 403);
});

test("cf.country DE fills a missing or unrecognisable country with Germany", async () => {
  for (const user of [{ email: unique() }, { email: unique(), country: "Atlantis" }, { email: unique(), country: "" }]) {
    const { result, sent } = await upstreamDuring(async () => {
      const res = await post("main", "/wazper/v1/user-sync", { user }, { headers: browser, cf: { country: "DE" } });
      return res.status;
    });
    assert.equal(result, 202, JSON.stringify(user));
    assert.equal(sent.length, 1);
    assert.deepEqual(JSON.parse(sent[0].body), { user: { email: user.email, country: "Germany" } });
  }
  // A recognisable country given by the page wins over the edge's, normalised to its name.
  const { sent } = await upstreamDuring(() => post("main", "/wazper/v1/user-sync", { user: { email: unique(), country: "fr" } }, { headers: browser, cf: { country: "DE" } }));
  assert.equal(JSON.parse(sent[0].body).user.country, "France");
  // No country anywhere: the API's own 400, without a request.
  const { result, sent: none } = await upstreamDuring(async () => {
    const res = await post("main", "/wazper/v1/user-sync", { user: { email: unique() } }, { headers: browser, cf: { country: "XX" } });
    return [res.status, await res.json()];
  });
  assert.deepEqual(result, [400, { error: "User IP (country) is required", code: "country_required", field: "user.country" }]);
  assert.equal(none.length, 0);
});

test("a gmail user is skipped with no upstream request", async () => {
  const { result, sent } = await upstreamDuring(async () => {
    const res = await post("main", "/wazper/v1/user-sync", { user: { email: "someone@gmail.com", country: "US" } }, { headers: browser });
    return [res.status, await res.json()];
  });
  assert.deepEqual(result, [200, { success: true, status: "skipped", reason: "personal_email" }]);
  assert.equal(sent.length, 0);
});

test("invalid bodies are refused with the client's rules before forwarding", async () => {
  const cases = [
    ["/wazper/v1/user-sync", "{not json", 400, "invalid_argument"],
    ["/wazper/v1/user-sync", [1, 2], 400, "invalid_argument"],
    ["/wazper/v1/user-sync", { user: { country: "DE" } }, 400, "email_required"],
    ["/wazper/v1/user-sync", { user: { email: "not-an-email", country: "DE" } }, 400, "invalid_email"],
    ["/wazper/v1/colleagues-create", { name: "Sam", email: "sam@acme.io" }, 400, "missing_fields"],
    ["/wazper/v1/colleagues-create", { name: "S", email: "s@acme.io", companyName: "A", toBeInvitedById: "a@acme.io", team: "x" }, 400, "invalid_argument"],
  ];
  const { result, sent } = await upstreamDuring(() =>
    Promise.all(cases.map(async ([path, body]) => {
      const res = await post("anon", path, body);
      return [res.status, (await res.json()).code];
    })),
  );
  assert.deepEqual(result, cases.map(([, , status, code]) => [status, code]));
  assert.equal(sent.length, 0);
});

test("oversized bodies get 413, with or without an honest Content-Length", async () => {
  const big = JSON.stringify({ user: { email: unique(), country: "DE", name: "x".repeat(400) } });
  const { result, sent } = await upstreamDuring(async () => {
    const declared = await post("anon", "/wazper/v1/user-sync", big);
    // A streamed body has no Content-Length: the proxy has to count while reading.
    const chunks = [big.slice(0, 100), big.slice(100)].map((s) => new TextEncoder().encode(s));
    const stream = new ReadableStream({ pull(c) { const next = chunks.shift(); next ? c.enqueue(next) : c.close(); } });
    const streamed = await post("anon", "/wazper/v1/user-sync", undefined, { body: stream, duplex: "half" });
    return [declared.status, await declared.json(), streamed.status];
  });
  assert.deepEqual(result, [413, { error: "Request body too large" }, 413]);
  assert.equal(sent.length, 0);
  const small = await post("anon", "/wazper/v1/user-sync", { user: { email: unique(), country: "DE" } });
  assert.equal(small.status, 202);
});

test("upstream 402 and 409 pass through with status and JSON body", async () => {
  const broke = await post("broke", "/wazper/v1/user-sync", { user: { email: unique(), country: "DE" } });
  assert.equal(broke.status, 402);
  assert.deepEqual(await broke.json(), { error: "API Key has no remaining credits." });
  const colleague = { name: "Sam Prospect", email: unique(), companyName: "Acme", toBeInvitedById: unique(), team: 2 };
  const first = await post("anon", "/wazper/v1/colleagues-create", colleague);
  assert.equal(first.status, 201);
  const created = await first.json();
  assert.equal(created.email, colleague.email);
  const second = await post("anon", "/wazper/v1/colleagues-create", colleague);
  assert.equal(second.status, 409);
  assert.match((await second.json()).error, /already exist/);
  // The other two routes, end to end.
  const updated = await workers.fetch("http://anon.test/wazper/v1/colleagues-update", {
    method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id: created.id, status: "invited" }),
  });
  assert.equal(updated.status, 200);
  assert.equal((await updated.json()).status, "invited");
  const listed = await workers.fetch(`http://anon.test/wazper/v1/colleagues-list?email=${encodeURIComponent(colleague.toBeInvitedById)}`);
  assert.equal(listed.status, 200);
  assert.deepEqual((await listed.json()).map((c) => c.id), [created.id]);
  const log = await upstreamLog();
  assert.equal(log.at(-1).query, `email=${encodeURIComponent(colleague.toBeInvitedById)}`);
});

async function fault(spec) {
  const res = await fetch(`${emu.url}/__emulator/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(spec) });
  assert.equal(res.status, 201, await res.text());
}

test("429 with Retry-After passes through, readable by the page; a dropped upstream is a 502", async () => {
  await fault({ route: "/v1/colleagues-list", count: 1, action: "status", status: 429, retryAfter: "3" });
  const res = await workers.fetch(`http://main.test/wazper/v1/colleagues-list?email=${encodeURIComponent("a@acme.io")}`, { headers: browser });
  assert.equal(res.status, 429);
  assert.equal(res.headers.get("retry-after"), "3");
  assert.match(res.headers.get("access-control-expose-headers"), /Retry-After/);
  assert.equal(typeof (await res.json()).error, "string");
  await fault({ route: "/v1/colleagues-list", count: 1, action: "drop" });
  const dropped = await workers.fetch(`http://main.test/wazper/v1/colleagues-list?email=${encodeURIComponent("a@acme.io")}`, { headers: browser });
  assert.equal(dropped.status, 502);
  assert.deepEqual(await dropped.json(), { error: "Upstream unreachable" });
});

test("unknown routes get 404 and wrong methods 405, as JSON", async () => {
  const { result, sent } = await upstreamDuring(async () => {
    const out = [];
    for (const [method, path] of [["POST", "/wazper/v1/nope"], ["POST", "/v1/user-sync"], ["GET", "/wazper/v1/user-sync"], ["DELETE", "/wazper/v1/colleagues-update"], ["POST", "/wazper/v1/colleagues-list"]]) {
      const res = await workers.fetch(`http://anon.test${path}`, { method });
      out.push([res.status, (await res.json()).error, res.headers.get("allow")]);
    }
    return out;
  });
  assert.deepEqual(result, [
    [404, "Not found", null],
    [404, "Not found", null],
    [405, "Method not allowed", "POST, OPTIONS"],
    [405, "Method not allowed", "PATCH, OPTIONS"],
    [405, "Method not allowed", "GET, OPTIONS"],
  ]);
  assert.equal(sent.length, 0);
});

test("a missing secret binding is a bare 500; an unreachable upstream a 502", async () => {
  const res = await post("nokey", "/wazper/v1/user-sync", { user: { email: unique(), country: "DE" } });
  assert.equal(res.status, 500);
  const text = await res.text();
  assert.deepEqual(JSON.parse(text), { error: "Internal server error" });
  assert.ok(!text.includes("WAZPER_API_KEY"));
  const down = await post("down", "/wazper/v1/user-sync", { user: { email: unique(), country: "DE" } });
  assert.equal(down.status, 502);
  assert.ok(!(await responseText(down)).includes(KEY));
});

test("an authorize hook that throws is a 500 that says nothing", async () => {
  const { result, sent } = await upstreamDuring(async () => {
    const res = await post("throws", "/wazper/v1/user-sync", { user: { email: unique(), country: "DE" } });
    return [res.status, await res.text()];
  });
  assert.deepEqual(result, [500, JSON.stringify({ error: "Internal server error" })]);
  assert.equal(sent.length, 0);
});

test("createWazperProxy refuses to run without authorize or allowAnonymous", async () => {
  const res = await workers.fetch("http://refuse.test/");
  const { thrown, insecure } = await res.json();
  assert.equal(thrown.name, "WazperError");
  assert.equal(thrown.code, "invalid_argument");
  assert.equal(thrown.status, null);
  assert.equal(thrown.isError, true);
  assert.match(thrown.message, /allowAnonymous/);
  assert.equal(insecure, "insecure_base_url");
});

test("200 concurrent requests all succeed", async () => {
  const { result, sent } = await upstreamDuring(() =>
    Promise.all(Array.from({ length: 200 }, async (_, i) => {
      const res = await post("main", "/wazper/v1/user-sync", { user: { email: unique("unknown-corp.example"), country: "US" } }, {
        headers: browser, cf: { country: "DE" },
      });
      return res.status;
    })),
  );
  assert.deepEqual(result, Array(200).fill(202));
  assert.equal(sent.filter((r) => r.path === "/v1/user-sync").length, 200);
  assert.ok(sent.every((r) => r.headers["x-api-key"] === KEY));
});
