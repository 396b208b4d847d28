// Load through the edge proxy (issue 14): the proxy ("wazper/proxy") in workerd via miniflare, a
// private emulator upstream, N requests (default 20,000) at C concurrent (default 100), all on
// loopback: every 5th a createColleague, the others a listColleagues of 20 records. (All creates
// would measure the emulator instead: its duplicate check scans every entry, so N creates cost it
// O(N^2).) Figures: throughput and p50/p99 latency, beside the same load sent straight to the
// emulator; and a count check that nothing was lost or doubled: colleagues created = 201 answers,
// every list a 200, and the upstream received exactly one request per request sent.
//   node bench/load.mjs   standalone (builds nothing: needs pkg/ and the emulator binary)
// Env: WAZPER_LOAD_REQUESTS, WAZPER_LOAD_CONCURRENCY.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Miniflare, Log, LogLevel } from "miniflare";
import { startEmulator } from "../tests/support/emulator.mjs";

const KEY = "demo_key";
const REQUESTS = Number(process.env.WAZPER_LOAD_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.WAZPER_LOAD_CONCURRENCY ?? 100);
const PER_REQUEST_TIMEOUT_MS = 30_000;
// Bounded: at worst every request waits out its timeout, CONCURRENCY at a time.

/** The proxy as a user deploys it, on the package's workerd entry. */
async function startProxy(pkgDir, upstream) {
  const modules = [];
  for (const file of readdirSync(pkgDir)) {
    const full = path.join(pkgDir, file);
    if (file.endsWith(".js")) modules.push({ type: "ESModule", path: `pkg/${file}`, contents: readFileSync(full, "utf8") });
    else if (file.endsWith(".wasm")) modules.push({ type: "CompiledWasm", path: `pkg/${file}`, contents: readFileSync(full) });
  }
  const worker = `import { createWazperProxy } from "./pkg/proxy-workerd.js";
export default createWazperProxy({ baseUrl: ${JSON.stringify(upstream)}, allowAnonymous: true });
`;
  const mf = new Miniflare({
    log: new Log(LogLevel.ERROR),
    host: "127.0.0.1",
    port: 0,
    modules: [{ type: "ESModule", path: "worker.js", contents: worker }, ...modules],
    modulesRoot: "/",
    compatibilityDate: "2025-09-01",
    bindings: { WAZPER_API_KEY: KEY },
  });
  const url = (await mf.ready).href.replace(/\/$/, "");
  return { url, dispose: () => mf.dispose() };
}

async function emulatorState(emulatorUrl) {
  const state = await (await fetch(`${emulatorUrl}/__emulator/state`)).json();
  const colleagues = Object.values(state.organizations ?? {}).reduce((n, o) => n + (o.colleagues ?? 0), 0);
  return { colleagues, requests: state.requestsLogged };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** A running tally of one side (proxy or direct) over several blocks. */
function tally() {
  return { latencies: [], statuses: new Map(), seconds: 0, count: 0, creates: 0 };
}

const LIST_INVITER = "load.lister@acme-load.example";
const createBody = (tag, i) =>
  JSON.stringify({ name: `Load ${i}`, email: `load.${tag}.${i}@acme-load.example`, companyName: "Acme Load", toBeInvitedById: `inviter.${tag}@acme-load.example` });

/** Sends `count` requests to `url` with `concurrency` in flight, adding to `into`. */
async function drive(into, url, headers, tag, count, concurrency) {
  let next = 0;
  const started = performance.now();
  async function lane() {
    while (next < count) {
      const i = next++;
      const create = i % 5 === 0;
      const t0 = performance.now();
      let status;
      try {
        const init = { headers: { ...headers, Accept: "application/json" }, signal: AbortSignal.timeout(PER_REQUEST_TIMEOUT_MS) };
        const res = create
          ? await fetch(`${url}/v1/colleagues-create`, { ...init, method: "POST", headers: { ...init.headers, "Content-Type": "application/json" }, body: createBody(tag, i) })
          : await fetch(`${url}/v1/colleagues-list?email=${encodeURIComponent(LIST_INVITER)}`, init);
        await res.arrayBuffer();
        status = `${create ? "create" : "list"} ${res.status}`;
      } catch (err) {
        status = `${create ? "create" : "list"} ${err?.name === "TimeoutError" ? "timeout" : "network"}`;
      }
      into.latencies.push(performance.now() - t0);
      into.statuses.set(status, (into.statuses.get(status) ?? 0) + 1);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  into.seconds += (performance.now() - started) / 1000;
  into.count += count;
  into.creates += Math.ceil(count / 5);
}

function summary(t) {
  const sorted = t.latencies.sort((a, b) => a - b);
  return { rps: t.count / t.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), statuses: t.statuses, creates: t.creates };
}

export default async function bench({ pkgDir }) {
  // A private emulator: thousands of entries would slow the shared one for the other figures.
  const emulator = await startEmulator();
  const emulatorUrl = emulator.url;
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${emulatorUrl}/v1/colleagues-create`, { method: "POST", headers: { "X-API-Key": KEY, "Content-Type": "application/json" }, body: JSON.stringify({ name: `Listed ${i}`, email: `listed.${i}@acme-load.example`, companyName: "Acme Load", toBeInvitedById: LIST_INVITER }) });
    if (res.status !== 201) throw new Error(`seeding the list: ${res.status} ${await res.text()}`);
  }
  const proxy = await startProxy(pkgDir, emulatorUrl);
  const tag = Date.now().toString(36);
  // Proxy and direct alternate in blocks (which goes first alternates too), so both see the same
  // machine load and the same growing emulator store; the upstream counts are taken around each
  // proxy block only.
  const blocks = Math.max(1, Math.ceil(REQUESTS / 1000));
  const proxied = tally();
  const straight = tally();
  let createdUpstream = 0;
  let sentUpstream = 0;
  let directCreated = 0;
  try {
    for (let b = 0; b < blocks; b++) {
      const size = Math.min(1000, REQUESTS - b * 1000);
      const viaProxy = async () => {
        // The emulator keeps the last 10,000 requests: clear it so each block is counted whole.
        await fetch(`${emulatorUrl}/__emulator/requests`, { method: "DELETE" });
        const before = await emulatorState(emulatorUrl);
        await drive(proxied, `${proxy.url}/wazper`, {}, `p${tag}.${b}`, size, CONCURRENCY);
        const after = await emulatorState(emulatorUrl);
        createdUpstream += after.colleagues - before.colleagues;
        sentUpstream += after.requests - before.requests;
      };
      const direct = async () => {
        const before = await emulatorState(emulatorUrl);
        await drive(straight, emulatorUrl, { "X-API-Key": KEY }, `d${tag}.${b}`, size, CONCURRENCY);
        directCreated += (await emulatorState(emulatorUrl)).colleagues - before.colleagues;
      };
      if (b % 2 === 0) await viaProxy(), await direct();
      else await direct(), await viaProxy();
    }
  } finally {
    await proxy.dispose();
    await emulator.stop();
  }
  const viaProxy = summary(proxied);
  const direct = summary(straight);
  const created201 = viaProxy.statuses.get("create 201") ?? 0;
  const lists200 = viaProxy.statuses.get("list 200") ?? 0;
  const creates = viaProxy.creates;
  // Lost: a request with no 201, or a 201 with no colleague; doubled: more colleagues or upstream
  // requests than 201 answers.
  const mismatches =
    Math.abs(creates - created201) + Math.abs(REQUESTS - creates - lists200) + Math.abs(createdUpstream - created201) + Math.abs(sentUpstream - REQUESTS);
  const statusText = (m) => [...m].map(([s, n]) => `${s}: ${n}`).join(", ");
  const what = `${REQUESTS.toLocaleString("en")} requests (1 in 5 a create), ${CONCURRENCY} concurrent`;
  const rows = [
    {
      figure: `proxy load throughput (${what}, workerd -> emulator)`,
      unit: "req/s",
      value: Math.round(viaProxy.rps),
      anchor: "the same load straight to the emulator",
      anchorValue: Math.round(direct.rps),
      ratio: Number((viaProxy.rps / direct.rps).toFixed(3)),
      target: "higher is better",
    },
    ...["p50", "p99"].map((p) => ({
      figure: `proxy load latency ${p}`,
      unit: "ms",
      value: Number(viaProxy[p].toFixed(2)),
      anchor: `straight to the emulator, ${p}`,
      anchorValue: Number(direct[p].toFixed(2)),
      ratio: Number((viaProxy[p] / direct[p]).toFixed(3)),
      target: "lower is better",
    })),
    {
      figure: `proxy load: requests lost or doubled (creates answered 201: ${created201}, colleagues created: ${createdUpstream}, upstream requests: ${sentUpstream}; ${statusText(viaProxy.statuses)})`,
      value: mismatches,
      target: "<= 0",
    },
  ];
  if ((direct.statuses.get("create 201") ?? 0) !== direct.creates || directCreated !== direct.creates) {
    rows.push({ figure: "proxy load anchor", error: `direct load: ${statusText(direct.statuses)}, ${directCreated} created` });
  }
  return rows;
}

// Standalone run.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  console.table(await bench({ pkgDir: path.join(root, "pkg") }));
}
