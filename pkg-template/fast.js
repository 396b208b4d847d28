// Fast paths of the hot synchronous helpers, exported by every entry (node, workerd, browser, web)
// in place of wazper.js's own. wasm-bindgen's glue for a string argument mallocs, copies, frees and
// (Node 20) revalidates a DataView on every call; here JS does the type + length guard, writes the
// UTF-8 into a fixed scratch area of wasm memory and calls a raw export that takes only the byte
// length and returns a number (src/wasm/strings.rs). Anything unusual (a non-string, an over-long
// string, an unknown format, no instance yet) goes to the wazper.js function, so answers are the same.
import { isPersonalEmail as slowIsPersonalEmail, normalizeCountry as slowNormalizeCountry } from "./wazper.js";

/** Longest string taken by the fast path, in UTF-16 units (the scratch area holds 3 bytes each). */
const MAX = 4096;
const encoder = new TextEncoder();
let raw = null;
let scratch = 0;
let mem = null;
/** normalizeCountry's answers per format, by 1 + country index, filled on first sight. */
const names = [[], [], []];

/** Called by the entries with the instance's exports once the wasm is instantiated. */
export function attach(exports) {
  if (exports && typeof exports.wazper_scratch === "function" && exports.memory instanceof WebAssembly.Memory) {
    raw = exports;
    scratch = exports.wazper_scratch() >>> 0;
    mem = null;
  }
}

/** Writes `s` (at most MAX units) into the scratch area as UTF-8; returns the byte count. */
function put(s) {
  // A grown memory detaches the old buffer (byteLength 0): take a fresh view then.
  if (mem === null || mem.byteLength === 0) mem = new Uint8Array(raw.memory.buffer);
  const n = s.length;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) break;
    mem[scratch + i] = c;
  }
  if (i === n) return n;
  // Lone surrogates become U+FFFD, as in wasm-bindgen's own encoder (also encodeInto).
  return i + encoder.encodeInto(s.slice(i), mem.subarray(scratch + i, scratch + 3 * MAX)).written;
}

export function isPersonalEmail(email) {
  if (typeof email !== "string" || email.length > MAX) return false;
  if (raw === null) return slowIsPersonalEmail(email);
  return raw.wazper_is_personal(put(email)) !== 0;
}

export function normalizeCountry(input, format) {
  const f = format === undefined || format === "name" ? 0 : format === "alpha2" ? 1 : format === "alpha3" ? 2 : -1;
  if (typeof input === "string" && input.length > MAX) return null; // never copied into wasm memory
  if (f < 0 || raw === null || typeof input !== "string") return slowNormalizeCountry(input, format);
  const i = raw.wazper_country_index(put(input));
  if (i === 0) return null;
  const known = names[f][i];
  if (known !== undefined) return known;
  const s = slowNormalizeCountry(input, format);
  if (typeof s === "string") names[f][i] = s;
  return s;
}
