// Cloudflare Workers (workerd, wrangler, miniflare): Workers cannot compile wasm from bytes, so the
// bundler imports the .wasm as a precompiled WebAssembly.Module and it is instantiated synchronously.
import wasmModule from "./wazper_bg.wasm";
import { initSync } from "./wazper.js";
import { attach } from "./fast.js";

attach(initSync({ module: wasmModule }));

export * from "./exports.js";
