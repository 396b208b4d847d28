// `wazper/proxy` in Cloudflare Workers (workerd, wrangler, miniflare): Workers cannot compile wasm
// from bytes, so the bundler imports the proxy's .wasm as a compiled module, instantiated at once.
import wasmModule from "./wazper_proxy_bg.wasm";
import { initSync, createWazperProxy } from "./wazper_proxy.js";

initSync({ module: wasmModule });

export { createWazperProxy };
export { WazperError } from "./error.js";
