// `wazper/proxy` for bundlers and any runtime matching "default": the edge proxy lives in its own
// .wasm (wazper_proxy_bg.wasm), so the browser bundle of "wazper" never carries it.
import init, { createWazperProxy } from "./wazper_proxy.js";

await init({ module_or_path: new URL("./wazper_proxy_bg.wasm", import.meta.url) });

export { createWazperProxy };
export { WazperError } from "./error.js";
