// Node >= 20 (and any runtime matching the "node" condition): read the one .wasm beside this file and
// instantiate it synchronously, so `import { ... } from "wazper"` needs no init call.
import { readFileSync } from "node:fs";
import { initSync } from "./wazper.js";
import { attach } from "./fast.js";

attach(initSync({ module: readFileSync(new URL("./wazper_bg.wasm", import.meta.url)) }));

export * from "./wazper.js";
// Explicit exports win over `export *`: the hot helpers come from fast.js.
export { isPersonalEmail, normalizeCountry } from "./fast.js";
export { WazperError } from "./error.js";
