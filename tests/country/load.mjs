// Loads the built package's raw wasm-bindgen output (pkg/, --target web) in Node.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const mod = await import(path.join(root, "pkg/wazper.js"));
/** The instance's exports (its memory, to check that inputs do not grow it). */
export const wasm = mod.initSync({ module: readFileSync(path.join(root, "pkg/wazper_bg.wasm")) });
export const { normalizeCountry, lookupCountry, countryFromTimeZone, countryFromLocale } = mod;

/** Rows of a data/country/tests TSV file (comments skipped). */
export function rows(file) {
  return readFileSync(path.join(root, "data/country/tests", file), "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split("\t"));
}
