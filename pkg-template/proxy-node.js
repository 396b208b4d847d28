// `wazper/proxy` in Node >= 20 (and runtimes matching "node"): the proxy's own .wasm, read from
// beside this file and instantiated synchronously.
import { readFileSync } from "node:fs";
import { initSync, createWazperProxy } from "./wazper_proxy.js";

initSync({ module: readFileSync(new URL("./wazper_proxy_bg.wasm", import.meta.url)) });

export { createWazperProxy };
export { WazperError } from "./error.js";
