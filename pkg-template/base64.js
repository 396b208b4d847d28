// Decodes the embedded form of a .wasm (scripts/build-pkg.sh writes it as one base64 string in
// <name>_base64.js). Synchronous on purpose: the embedded entry needs no top-level await, so it
// also works in an esbuild IIFE bundle and under require(esm).
export function fromBase64(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  // Node and Bun: Buffer decodes natively; read off globalThis so no bundler injects a polyfill.
  const B = globalThis.Buffer;
  if (typeof B === "function" && typeof B.from === "function") return B.from(text, "base64");
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
