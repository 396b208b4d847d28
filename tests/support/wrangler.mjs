// Cloudflare Workers in the suites: a project bundled by wrangler and run in workerd through
// miniflare, or `wrangler dev` on a free loopback port.
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./emulator.mjs";

const devModules = path.join(repoRoot, "node_modules");

/**
 * Bundles app/worker.js the way `wrangler deploy` does (`--dry-run --outdir dist`), then runs the
 * bundle in workerd through miniflare. `miniflare` adds to or replaces the default options (the
 * .wasm loaded as a module, compatibility date 2026-04-01). Returns the ready Miniflare instance.
 */
export async function bundleAndStartWorker({ app, dist, logDir, miniflare = {} }) {
  execFileSync(process.execPath, [path.join(devModules, "wrangler/bin/wrangler.js"), "deploy", "--dry-run", "--outdir", dist], {
    cwd: app,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", WRANGLER_LOG_PATH: logDir },
  });
  const { Miniflare } = await import(path.join(devModules, "miniflare/dist/src/index.js"));
  const mf = new Miniflare({
    host: "127.0.0.1",
    modules: true,
    scriptPath: path.join(dist, "worker.js"),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-04-01",
    ...miniflare,
  });
  await mf.ready;
  return mf;
}

/**
 * `wrangler dev` in cwd on a free loopback port, with extra CLI arguments. Resolves to
 * { url, stop } once wrangler says where it listens; stop() ends wrangler and its workerd.
 */
export function startWranglerDev(cwd, extraArgs = []) {
  const wrangler = spawn(
    path.join(devModules, ".bin/wrangler"),
    ["dev", "--ip", "127.0.0.1", "--port", "0", ...extraArgs],
    { cwd, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" } },
  );
  const stop = async () => {
    if (wrangler.exitCode !== null || wrangler.signalCode !== null) return;
    const exited = new Promise((done) => wrangler.once("exit", done));
    process.kill(-wrangler.pid, "SIGTERM"); // its own process group: wrangler and its workerd
    await exited;
  };
  let log = "";
  return new Promise((resolve, reject) => {
    const fail = (err) => stop().then(() => reject(err), () => reject(err));
    const timer = setTimeout(() => fail(new Error(`wrangler dev did not start:\n${log}`)), 90_000);
    const onData = (chunk) => {
      log += chunk;
      const m = log.match(/Ready on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve({ url: m[1], stop }); }
    };
    wrangler.stdout.setEncoding("utf8").on("data", onData);
    wrangler.stderr.setEncoding("utf8").on("data", onData);
    wrangler.once("exit", (code) => { clearTimeout(timer); reject(new Error(`wrangler dev exited (${code}):\n${log}`)); });
  });
}
