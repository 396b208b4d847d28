// The entries' fast paths (pkg-template/fast.js: isPersonalEmail, normalizeCountry) against the raw
// wasm-bindgen functions they stand in for: for junk and for near-valid strings (non-ASCII, lone
// surrogates, the 4096-unit boundary, inputs that grow wasm memory between calls) both answer the
// same, never throw and never trap. Seeded like client.test.mjs: JUNK_SEED, JUNK_ITERATIONS.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { seededRandom } from "../support/random.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// node.js instantiates the one wazper.js instance that both sides share.
const fast = await import(pathToFileURL(path.join(root, "pkg/node.js")).href);
const slow = await import(pathToFileURL(path.join(root, "pkg/wazper.js")).href);

const iterations = Number(process.env.JUNK_ITERATIONS ?? 3000) * 5;
const { rand, pick } = seededRandom("entries junk");
console.log(`iterations: ${iterations}`);

const WORDS = [
  "a@gmail.com", "A@GMAIL.COM", "jane@acme.example", "x@mailinator.com", " b@yahoo.com ", "c@gmail.com.",
  "Jane <j@gmail.com>", "é@ü.de", "j@bücher.example", "j@xn--bcher-kva.example", "@", "a@", "",
  "US", "us", "USA", "840", "Deutschland", "日本", "Россия", "Côte d'Ivoire", "🇫🇷", "Untied States",
  "n/a", "Korea, Rep.", "\uD800", "\uDFFF\uD800", "\u0000", "\u2028", "%", "ÿ", "€", "😀",
];
function str() {
  const n = Math.floor(rand() * 4);
  let s = "";
  for (let i = 0; i < n; i++) s += pick(WORDS);
  switch (Math.floor(rand() * 40)) {
    case 0: return s.padEnd(4096 - Math.floor(rand() * 3), pick(["x", "é", "😀", "\uD800"])).slice(0, 4096 + Math.floor(rand() * 3) - 1);
    case 1: case 3: return "y".repeat(4095) + pick(["", "é", "😀", "a", "ab"]);
    case 2: return "z".repeat(1 << 20); // the raw path copies it into wasm: memory grows under the fast path's view
    default: return s;
  }
}
function junk() {
  switch (Math.floor(rand() * 12)) {
    case 0: return undefined;
    case 1: return null;
    case 2: return pick([0, 1, NaN, 0n, true, Symbol("j"), () => 1, {}, [], new String("US"), { length: 2 ** 32 }]);
    case 3: return new Proxy({}, { get() { throw new Error("trap"); } });
    default: return str();
  }
}
const FORMATS = [undefined, "name", "alpha2", "alpha3", "Alpha2", "", null, 2, {}];

function same(where, f, g, args) {
  let a, b;
  try { a = f(...args); } catch (e) { assert.fail(`${where}: fast path threw ${e?.stack ?? e}`); }
  try { b = g(...args); } catch (e) { assert.fail(`${where}: raw function threw ${e?.stack ?? e}`); }
  assert.equal(a, b, where);
}

test("the entries export the fast paths", () => {
  assert.notEqual(fast.isPersonalEmail, slow.isPersonalEmail);
  assert.notEqual(fast.normalizeCountry, slow.normalizeCountry);
  assert.equal(fast.isPersonalEmail("a@gmail.com"), true);
  assert.equal(fast.normalizeCountry("Deutschland", "alpha3"), "DEU");
});

test("fast paths answer as the raw functions for any input", () => {
  for (let i = 0; i < iterations; i++) {
    const v = junk();
    const d = typeof v === "string" ? JSON.stringify(v.slice(0, 30)) + `(${v.length})` : typeof v;
    same(`#${i} isPersonalEmail(${d})`, fast.isPersonalEmail, slow.isPersonalEmail, [v]);
    const f = pick(FORMATS);
    same(`#${i} normalizeCountry(${d}, ${String(f)})`, fast.normalizeCountry, slow.normalizeCountry, f === undefined && rand() < 0.5 ? [v] : [v, f]);
  }
});
