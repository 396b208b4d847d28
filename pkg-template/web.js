// `wazper/web`: plain browser ES modules without a bundler. Call `await init()` once first; the
// .wasm is fetched from beside this file unless another source is given.
import wbgInit, { initSync as wbgInitSync } from "./wazper.js";
import { attach } from "./fast.js";

export * from "./exports.js";

export default async function init(options) {
  attach(await wbgInit(options));
}

export function initSync(options) {
  attach(wbgInitSync(options));
}
