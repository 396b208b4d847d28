// `wazper/web`: plain browser ES modules without a bundler. Call `await init()` once first; the
// .wasm is fetched from beside this file unless another source is given.
import wbgInit, { initSync as wbgInitSync } from "./wazper.js";

export * from "./wazper.js";
export { WazperError } from "./error.js";

export default async function init(options) {
  await wbgInit(options);
}

export function initSync(options) {
  wbgInitSync(options);
}
