// The public surface, in one place: every entry (node, browser, embedded, workerd, web) initialises
// the wasm its own way and then re-exports this module, so a new export is added here once.
export * from "./wazper.js";
// Explicit exports win over `export *`: the hot helpers come from fast.js.
export { isPersonalEmail, normalizeCountry } from "./fast.js";
export { WazperError } from "./error.js";
