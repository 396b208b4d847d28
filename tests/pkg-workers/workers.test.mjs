// A user's Worker: `npm install wazper`, `import { ... } from "wazper"`, bundled by wrangler the way
// `wrangler deploy` does it, then run in workerd (miniflare) against the emulator.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmulator } from "../support/emulator.mjs";
import { copyScenario, packedProject, readJsonAnswer, reportScenario } from "../support/pkg-project.mjs";
import { bundleAndStartWorker } from "../support/wrangler.mjs";

const { scratch, app } = packedProject("pkg-workers", {
  files: {
    // No nodejs_compat: the package must not need it.
    "wrangler.toml": `name = "wazper-pkg-test"
main = "worker.js"
compatibility_date = "2026-04-01"
`,
  },
});
copyScenario(app);
const dist = path.join(app, "dist");

// The scenario on "/", and on "/wazper/..." the edge proxy as users deploy it: created at module
// scope (where Workers forbid timers, randomness and I/O), key from the WAZPER_API_KEY binding.
const workerSource = (emulatorUrl) => `import * as wazper from "wazper";
import { createWazperProxy } from "wazper/proxy";
import { runScenario } from "./scenario.mjs";

const proxy = createWazperProxy({ baseUrl: ${JSON.stringify(emulatorUrl)}, allowAnonymous: true });

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/wazper/")) return proxy.fetch(request, env, ctx);
    try {
      return Response.json(await runScenario({ wazper, baseUrl: url.searchParams.get("api"), runtime: "workerd", browser: false }));
    } catch (err) {
      return Response.json({ fatal: String((err && err.stack) || err) });
    }
  },
};
`;

let emulator, mf;
before(async () => {
  emulator = await startEmulator();
  writeFileSync(path.join(app, "worker.js"), workerSource(emulator.url));
  mf = await bundleAndStartWorker({
    app,
    dist,
    logDir: path.join(scratch, "wrangler-logs"),
    miniflare: { bindings: { WAZPER_API_KEY: "demo_key" } },
  });
});
after(async () => {
  await mf?.dispose();
  await emulator?.stop();
});

test("wrangler picked the workerd entry and kept the .wasm as a module", () => {
  const files = readdirSync(dist);
  assert.ok(files.some((f) => f.endsWith(".wasm")), `no .wasm module among ${files.join(", ")}`);
  const bundle = readFileSync(path.join(dist, "worker.js"), "utf8");
  const imported = bundle.match(/import (\w+) from "\.\/[^"]*wazper_bg\.wasm"/);
  assert.ok(imported, "the .wasm is imported as a module");
  assert.ok(bundle.includes(`initSync({ module: ${imported[1]} })`), "the workerd entry instantiates that module");
  assert.doesNotMatch(bundle, /node:fs|readFileSync/, "the Node entry was bundled");
});

test("in workerd: helpers and endpoints against the emulator", async (t) => {
  const res = await mf.dispatchFetch(`http://worker.test/?api=${encodeURIComponent(emulator.url)}`);
  await reportScenario(t, await readJsonAnswer(res, "the worker"));
});

test("in workerd: createWazperProxy at module scope forwards with the key from the binding", async () => {
  const email = "proxy.user@acme.example";
  const sync = await mf.dispatchFetch("http://worker.test/wazper/v1/user-sync", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user: { email, country: "de" } }),
  });
  const synced = await sync.json();
  assert.equal(sync.status, 202, JSON.stringify(synced));
  assert.equal(synced.status, "processing");
  const list = await mf.dispatchFetch(`http://worker.test/wazper/v1/colleagues-list?email=${encodeURIComponent(email)}`);
  const body = await list.text();
  assert.equal(list.status, 200, body);
  assert.ok(Array.isArray(JSON.parse(body)), body);
  assert.ok(!body.includes("demo_key"), "the key never reaches the response");
});
