// The embedded form: the wasm travels inside the JS as base64 and is compiled synchronously on
// import, with no file to read or fetch. For bundlers that cannot emit the .wasm as an asset
// (esbuild, Rollup with node-resolve, bun build, Vite's dev server), for bundles made for Node (their
// output rarely sits beside the .wasm), and for Deno (no --allow-read, no Node fs module). Costs more
// bytes than the asset form (bench/bundlers.mjs); the pkg-template README says who gets which.
import wasmBase64 from "./wazper_bg_base64.js";
import { fromBase64 } from "./base64.js";
import { initSync } from "./wazper.js";
import { attach } from "./fast.js";

attach(initSync({ module: fromBase64(wasmBase64) }));

export * from "./exports.js";
