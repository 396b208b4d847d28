// Starts module Workers in real workerd (miniflare) on the built package in pkg/, with a fixed
// request.cf (miniflare would otherwise fetch one from the network, or use its placeholder).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Miniflare, Log, LogLevel } from "miniflare";
import { repoRoot } from "../support/emulator.mjs";

const pkgDir = path.join(repoRoot, "pkg");

/** The workerd entry of `subpath` ("." or "./proxy") as package.json "exports" resolves it. */
function entryOf(exportsMap, subpath) {
  let e = exportsMap[subpath];
  while (e && typeof e === "object") e = e.workerd ?? e.worker ?? e.default;
  return e ? `./pkg/${e.replace(/^\.\//, "")}` : null;
}

/** Import specifiers Workers use: the main entry, and the proxy ("wazper/proxy" where it exists). */
export function entries() {
  const { exports } = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  const main = entryOf(exports, ".");
  return { main, proxy: entryOf(exports, "./proxy") ?? main };
}

function packageModules() {
  const modules = [];
  for (const file of readdirSync(pkgDir)) {
    const full = path.join(pkgDir, file);
    if (file.endsWith(".js") || file.endsWith(".mjs")) modules.push({ type: "ESModule", path: `pkg/${file}`, contents: readFileSync(full, "utf8") });
    else if (file.endsWith(".wasm")) modules.push({ type: "CompiledWasm", path: `pkg/${file}`, contents: readFileSync(full) });
  }
  return modules;
}

/**
 * One Worker whose module source is `source`; every request into it carries `cf`.
 * @returns {Promise<{url: string, fetch: Function, dispose: () => Promise<void>}>}
 */
export async function startWorker(source, { cf, bindings = {} } = {}) {
  const mf = new Miniflare({
    log: new Log(process.env.WAZPER_GEO_LOG ? LogLevel.DEBUG : LogLevel.ERROR),
    host: "127.0.0.1",
    port: 0,
    cf,
    modules: [{ type: "ESModule", path: "worker.js", contents: source }, ...packageModules()],
    modulesRoot: "/",
    compatibilityDate: "2025-09-01",
    bindings,
  });
  const url = await mf.ready;
  return { url: url.href.replace(/\/$/, ""), fetch: (input, init) => mf.dispatchFetch(input, init), dispose: () => mf.dispose() };
}
