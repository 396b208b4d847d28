// Browsers through a bundler (Vite, webpack 5, Parcel) and any runtime matching "default":
// fetch and instantiate the .wasm once, before the first use. `new URL(..., import.meta.url)` is the
// pattern bundlers recognise, so the .wasm is emitted as an asset with no plugin or configuration.
import init from "./wazper.js";

await init({ module_or_path: new URL("./wazper_bg.wasm", import.meta.url) });

export * from "./wazper.js";
export { WazperError } from "./error.js";
