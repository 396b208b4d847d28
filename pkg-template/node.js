// Node >= 20 and Bun, unbundled: read the one .wasm beside this file and instantiate it
// synchronously, so `import { ... } from "wazper"` needs no init call. Bundlers that target Node set
// "module" (esbuild, webpack, Turbopack) or "development" (bun build) and get embedded.js instead:
// their output rarely sits beside the .wasm. Node itself sets neither, so it never parses the base64.
import { readFileSync } from "node:fs";
import { initSync } from "./wazper.js";
import { attach } from "./fast.js";

const wasmUrl = new URL("./wazper_bg.wasm", import.meta.url);
let bytes;
try {
  bytes = readFileSync(wasmUrl);
} catch (cause) {
  // Only a bundle that took this entry (e.g. `bun build --production --target=node`) gets here.
  throw new Error(
    `wazper: cannot read ${wasmUrl.href}. This file was bundled without the "module" or "development" ` +
      `export condition: copy node_modules/wazper/wazper_bg.wasm beside it, or build without --production.`,
    { cause },
  );
}
attach(initSync({ module: bytes }));

export * from "./exports.js";
