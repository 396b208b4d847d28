// SDK call time against a FAST in-process HTTP server (node:http in a worker thread, precomputed
// answers: 20 colleagues for listColleagues, the documented 202 for userSync), interleaved in one
// Node process with the same request made by
//   - raw fetch + AbortController timeout (what a careful caller writes by hand), and
//   - ky (timeout and retries as the SDK's defaults),
// rotating the order each round; figures are ratios of medians. The emulator is not used: its own
// cost (validation, logging, state) would hide the SDK's.
// Standalone: `node bench/client.mjs` (needs pkg/ built).
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const WARMUP = 40;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// The server, in its own thread so its work does not share the measured event loop.
const SERVER = `
const http = require("node:http");
const { parentPort } = require("node:worker_threads");
const now = "2026-01-01T00:00:00.000Z";
const colleagues = Array.from({ length: 20 }, (_, i) => ({
  id: "c" + i, name: "Colleague " + i, email: "colleague." + i + "@acme.example", jobTitle: "Engineer",
  status: "pending", createdAt: now, companyName: "Acme", website: "https://acme.example",
  inviteLink: "https://acme.example/invite/" + i, redirectionLink: null, photo: null, team: i,
  wazClientId: "w1", toBeInvitedById: "inviter@acme.example", latestAction: null, updatedAt: now,
}));
const list = Buffer.from(JSON.stringify(colleagues));
const sync = Buffer.from(JSON.stringify({ success: true, status: "processing", requestId: "r1", userId: "u1", message: "Sync started" }));
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = req.url.startsWith("/v1/colleagues-list") ? list : req.url === "/v1/user-sync" ? sync : null;
    if (!body) { res.writeHead(404, { "content-type": "application/json" }); res.end('{"error":"Not found"}'); return; }
    res.writeHead(body === sync ? 202 : 200, { "content-type": "application/json", "content-length": body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
parentPort.on("message", (m) => { if (m === "stop") server.close(() => process.exit(0)); });
`;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Interleaves the contenders, rotating which goes first each round; medians in ms. */
async function compare(fns) {
  for (let i = 0; i < WARMUP; i++) for (const f of fns) await f();
  const out = fns.map(() => []);
  for (let i = 0; i < ROUNDS; i++) {
    for (let j = 0; j < fns.length; j++) {
      const k = (i + j) % fns.length;
      const t0 = performance.now();
      await fns[k]();
      out[k].push(performance.now() - t0);
    }
  }
  return out.map(median);
}

/** `fetch` with its own timeout, as any careful caller would write it. */
async function timedFetch(url, init) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    const r = await fetch(url, { ...init, signal: controller.signal, redirect: "manual" });
    if (!r.ok) throw new Error(String(r.status));
    return await r.json();
  } finally {
    clearTimeout(timer);
  }
}

export default async function bench({ wazper }) {
  const { default: ky } = await import(pathToFileURL(path.join(repoRoot, "node_modules/ky/distribution/index.js")).href);
  const worker = new Worker(SERVER, { eval: true });
  const port = await new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const key = "bench_key";
    const client = new wazper.WazperClient({ apiKey: key, baseUrl: base });
    const inviter = "inviter@acme.example";
    const listUrl = `${base}/v1/colleagues-list?email=${encodeURIComponent(inviter)}`;
    const headers = { Accept: "application/json", "X-API-Key": key };
    const api = ky.create({ headers, timeout: 10_000, retry: { limit: 2 }, redirect: "manual" });
    const got = await client.listColleagues(inviter);
    if (got.length !== 20) throw new Error(`expected 20 colleagues, got ${got.length}`);

    const [listSdk, listRaw, listKy] = await compare([
      () => client.listColleagues(inviter),
      () => timedFetch(listUrl, { headers }),
      () => api.get(listUrl).json(),
    ]);

    const user = { email: "bench.user@acme.example", country: "United States", firstName: "Bench" };
    const syncBody = JSON.stringify({ user });
    const syncUrl = `${base}/v1/user-sync`;
    const [syncSdk, syncRaw, syncKy] = await compare([
      () => client.userSync(user),
      () => timedFetch(syncUrl, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: syncBody }),
      () => api.post(syncUrl, { json: { user }, retry: { limit: 0 } }).json(),
    ]);
    client.free?.();

    const row = (what, sdk, anchor, anchorValue, target) => ({
      figure: `${what} call time (median, in-process node:http server)`,
      unit: "ms",
      value: Number(sdk.toFixed(3)),
      anchor,
      anchorValue: Number(anchorValue.toFixed(3)),
      ratio: Number((sdk / anchorValue).toFixed(3)),
      target,
    });
    return [
      row("listColleagues (20 records)", listSdk, "raw fetch + AbortController timeout", listRaw, "<= 1.20x (lower is better)"),
      row("listColleagues (20 records)", listSdk, "ky, same call", listKy, "< 1x (lower is better)"),
      row("userSync", syncSdk, "raw fetch + AbortController timeout", syncRaw, "<= 1.20x (lower is better)"),
      row("userSync", syncSdk, "ky, same call", syncKy, "< 1x (lower is better)"),
    ];
  } finally {
    worker.postMessage("stop");
    await new Promise((resolve) => worker.once("exit", resolve));
  }
}

// Standalone run.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const pkgDir = process.env.WAZPER_PKG_DIR ?? path.join(repoRoot, "pkg");
  const wazper = await import(pathToFileURL(path.join(pkgDir, "node.js")).href);
  console.table(await bench({ wazper, pkgDir }));
}
