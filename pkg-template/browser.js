// The asset form, for bundlers that emit `new URL("./wazper_bg.wasm", import.meta.url)` as a file of
// their own (webpack 5, and the production builds of Vite and Next.js): fetch and instantiate the
// .wasm once, with top-level await, before the first use. No plugin or configuration.
import init from "./wazper.js";
import { attach } from "./fast.js";

attach(await init({ module_or_path: new URL("./wazper_bg.wasm", import.meta.url) }));

export * from "./exports.js";
