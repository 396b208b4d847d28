// SDK call vs a raw `fetch` of the same request against the emulator on loopback, interleaved in one
// Node process (alternating which goes first each round); the figure is the ratio of medians.
// Standalone: `node bench/client.mjs` (starts its own emulator; needs pkg/ built).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const WARMUP = 30;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function time(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/// Interleaves the SDK call with the raw fetch and with a raw fetch that carries the same per-attempt
/// timeout machinery the SDK must have (AbortController + setTimeout), rotating the order each round.
async function compare(sdk, raw, rawTimed) {
  const fns = [sdk, raw, rawTimed];
  for (let i = 0; i < WARMUP; i++) for (const f of fns) await f();
  const out = [[], [], []];
  for (let i = 0; i < ROUNDS; i++) {
    for (let j = 0; j < 3; j++) {
      const k = (i + j) % 3;
      out[k].push(await time(fns[k]));
    }
  }
  return { sdk: median(out[0]), raw: median(out[1]), rawTimed: median(out[2]) };
}

/// `fetch` with its own timeout, as any careful caller would write it.
async function timedFetch(url, init) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    const r = await fetch(url, { ...init, signal: controller.signal });
    if (!r.ok) throw new Error(r.status);
    return await r.json();
  } finally {
    clearTimeout(timer);
  }
}

export default async function bench({ wazper, emulatorUrl }) {
  const key = "demo_key";
  const client = new wazper.WazperClient({ apiKey: key, baseUrl: emulatorUrl });
  const inviter = "bench.inviter@acme.example";
  // A list with a realistic number of records (the API caps it at 50).
  for (let i = 0; i < 20; i++) {
    try {
      await client.createColleague({ name: `Bench ${i}`, email: `bench.${i}@acme.example`, companyName: "Acme", toBeInvitedById: inviter, jobTitle: "Engineer", team: i });
    } catch (e) {
      if (e.code !== "duplicate_email") throw e;
    }
  }
  const listUrl = `${emulatorUrl}/v1/colleagues-list?email=${encodeURIComponent(inviter)}`;
  const headers = { Accept: "application/json", "X-API-Key": key };
  const list = await compare(
    () => client.listColleagues(inviter),
    async () => { const r = await fetch(listUrl, { headers }); if (!r.ok) throw new Error(r.status); await r.json(); },
    () => timedFetch(listUrl, { headers }),
  );

  // A domain outside the emulator's directory: no colleagues found, so no credit is spent.
  const user = { email: "bench.user@nowhere-corp.example", country: "United States", firstName: "Bench" };
  const syncBody = JSON.stringify({ user });
  const sync = await compare(
    () => client.userSync(user),
    async () => {
      const r = await fetch(`${emulatorUrl}/v1/user-sync`, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: syncBody });
      if (!r.ok) throw new Error(r.status);
      await r.json();
    },
    () => timedFetch(`${emulatorUrl}/v1/user-sync`, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: syncBody }),
  );
  client.free?.();
  const row = (what, m, anchor, anchorValue) => ({
    figure: `${what} latency (median, loopback emulator)`,
    unit: "ms",
    value: Number(m.sdk.toFixed(3)),
    anchor,
    anchorValue: Number(anchorValue.toFixed(3)),
    ratio: Number((m.sdk / anchorValue).toFixed(3)),
    target: "<= 1.10x (lower is better)",
  });
  return [
    row("listColleagues (20 records)", list, "raw fetch of the same request", list.raw),
    row("listColleagues (20 records)", list, "raw fetch + AbortController timeout", list.rawTimed),
    row("userSync", sync, "raw fetch of the same request", sync.raw),
    row("userSync", sync, "raw fetch + AbortController timeout", sync.rawTimed),
  ];
}

// Standalone run.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const { startEmulator } = await import(pathToFileURL(path.join(root, "tests/support/emulator.mjs")).href);
  const wazper = await import(pathToFileURL(path.join(root, "pkg/wazper.js")).href);
  wazper.initSync?.({ module: readFileSync(path.join(root, "pkg/wazper_bg.wasm")) });
  const emu = await startEmulator();
  try {
    console.table(await bench({ wazper, emulatorUrl: emu.url, pkgDir: path.join(root, "pkg") }));
  } finally {
    await emu.stop();
  }
}
