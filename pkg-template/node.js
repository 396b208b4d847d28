// Node >= 20 (and any runtime matching the "node" condition): read the one .wasm beside this file and
// instantiate it synchronously, so `import { ... } from "wazper"` needs no init call.
import { readFileSync } from "node:fs";
import { initSync } from "./wazper.js";

initSync({ module: readFileSync(new URL("./wazper_bg.wasm", import.meta.url)) });

export * from "./wazper.js";
export { WazperError } from "./error.js";
