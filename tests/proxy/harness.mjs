// Runs proxy Workers in real workerd (miniflare) on the built package in pkg/.
// Each worker is a module Worker whose source is generated here, because createWazperProxy's options
// are fixed at module top level and the emulator's port is only known at run time.
import { readFileSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { Miniflare, Log, LogLevel } from "miniflare";
import { repoRoot } from "../support/emulator.mjs";

const pkgDir = path.join(repoRoot, "pkg");

/** The package modules every worker imports, under pkg/ in the module tree; the entry is the
 * package's "wazper/proxy" workerd entry (or WAZPER_PROXY_ENTRY). */
export function packageModules() {
  if (!existsSync(path.join(pkgDir, "wazper_proxy_bg.wasm"))) {
    throw new Error("pkg/ is not built (or has no proxy wasm): run scripts/build-pkg.sh first");
  }
  const modules = [];
  for (const file of readdirSync(pkgDir)) {
    const full = path.join(pkgDir, file);
    if (file.endsWith(".js") || file.endsWith(".mjs")) {
      modules.push({ type: "ESModule", path: `pkg/${file}`, contents: readFileSync(full, "utf8") });
    } else if (file.endsWith(".wasm")) {
      modules.push({ type: "CompiledWasm", path: `pkg/${file}`, contents: readFileSync(full) });
    }
  }
  const entry = process.env.WAZPER_PROXY_ENTRY ?? "pkg/proxy-workerd.js";
  return { modules, entry: `./${entry}` };
}

/**
 * Starts one miniflare with several workers.
 * @param {Record<string, {source: (entry: string) => string, bindings?: object}>} workers
 *   source gets the import specifier of the package entry and returns the worker module's code.
 */
export async function startWorkers(workers) {
  const { modules, entry } = packageModules();
  const names = Object.keys(workers);
  // Everything workerd prints (console.* of the workers included), so tests can check no secret leaks.
  let output = "";
  const mf = new Miniflare({
    log: new Log(process.env.WAZPER_PROXY_LOG ? LogLevel.DEBUG : LogLevel.ERROR),
    handleRuntimeStdio(stdout, stderr) {
      for (const stream of [stdout, stderr]) {
        stream.setEncoding("utf8");
        stream.on("data", (chunk) => {
          output += chunk;
          if (process.env.WAZPER_PROXY_LOG) process.stderr.write(chunk);
        });
      }
    },
    host: "127.0.0.1",
    port: 0,
    workers: names.map((name) => ({
      name,
      routes: [`${name}.test/*`],
      modules: [{ type: "ESModule", path: "worker.js", contents: workers[name].source(entry) }, ...modules],
      modulesRoot: "/",
      compatibilityDate: "2025-09-01",
      bindings: workers[name].bindings ?? {},
    })),
  });
  const url = await mf.ready;
  return {
    url: url.href.replace(/\/$/, ""),
    /** Requests go to the worker named by the host: http://<name>.test/... */
    fetch: (input, init) => mf.dispatchFetch(input, init),
    /** What the runtime has printed so far. */
    output: () => output,
    dispose: () => mf.dispose(),
  };
}
