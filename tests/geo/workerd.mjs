// Starts module Workers in real workerd (miniflare) on the built package in pkg/, with a fixed
// request.cf (miniflare would otherwise fetch one from the network, or use its placeholder).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Miniflare, Log, LogLevel } from "miniflare";
import { repoRoot } from "../support/emulator.mjs";

const pkgDir = path.join(repoRoot, "pkg");

/** The file `subpath` ("." or "./proxy") resolves to under `condition`, as package.json "exports" says. */
function entryOf(exportsMap, subpath, condition) {
  let e = exportsMap[subpath];
  while (e && typeof e === "object") e = e[condition] ?? e.default;
  return e ? e.replace(/^\.\//, "") : null;
}

/**
 * The package files behind `import "wazper"` and `import "wazper/proxy"` for `condition` ("workerd"
 * or "node"), relative to pkg/. Until the package has a "./proxy" subpath the proxy is in the main entry.
 */
export function entryFiles(condition) {
  const { exports } = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  const main = entryOf(exports, ".", condition);
  return { main, proxy: entryOf(exports, "./proxy", condition) ?? main };
}

/** Import specifiers for Worker modules (the package sits under ./pkg/ in the module tree). */
export function entries() {
  const { main, proxy } = entryFiles("workerd");
  return { main: `./pkg/${main}`, proxy: `./pkg/${proxy}` };
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
export async function startWorker(source, { cf, bindings = {}, outboundService } = {}) {
  const mf = new Miniflare({
    log: new Log(process.env.WAZPER_GEO_LOG ? LogLevel.DEBUG : LogLevel.ERROR),
    host: "127.0.0.1",
    port: 0,
    cf,
    modules: [{ type: "ESModule", path: "worker.js", contents: source }, ...packageModules()],
    modulesRoot: "/",
    compatibilityDate: "2025-09-01",
    bindings,
    outboundService,
  });
  const url = await mf.ready;
  return { url: url.href.replace(/\/$/, ""), fetch: (input, init) => mf.dispatchFetch(input, init), dispose: () => mf.dispose() };
}
