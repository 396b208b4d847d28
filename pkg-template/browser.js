// Browsers through a bundler (Vite, webpack 5, Parcel) and any runtime matching "default":
// fetch and instantiate the .wasm once, before the first use. `new URL(..., import.meta.url)` is the
// pattern bundlers recognise, so the .wasm is emitted as an asset with no plugin or configuration.
import init from "./wazper.js";
import { attach } from "./fast.js";

attach(await init({ module_or_path: new URL("./wazper_bg.wasm", import.meta.url) }));

export * from "./wazper.js";
// Explicit exports win over `export *`: the hot helpers come from fast.js.
export { isPersonalEmail, normalizeCountry } from "./fast.js";
export { WazperError } from "./error.js";
