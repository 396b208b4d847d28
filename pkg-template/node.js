// Node >= 20 and Bun, unbundled: read the one .wasm beside this file and instantiate it
// synchronously, so `import { ... } from "wazper"` needs no init call. Bundlers that target Node set
// "module" (esbuild, webpack) or "development" (bun build) and get embedded.js instead: their
// output rarely sits beside the .wasm. Node itself sets neither, so it never parses the base64.
import { readFileSync } from "node:fs";
import { initSync } from "./wazper.js";
import { attach } from "./fast.js";

attach(initSync({ module: readFileSync(new URL("./wazper_bg.wasm", import.meta.url)) }));

export * from "./exports.js";
