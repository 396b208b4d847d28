// The part of `wazper/disposable` every runtime shares: turn a source into bytes and hand them to the
// wasm instance (src/email/full.rs decodes them), the one `import ... from "wazper"` set up. Each
// runtime's file (disposable.js, disposable-node.js, disposable-workerd.js) supplies its own way to
// the default asset; the Node and Workers ones also import their main entry, so the instance exists.
import { __wazperLoadDisposable } from "./wazper.js";

async function toBytes(source) {
  let s = await source;
  if (s instanceof Uint8Array) return s;
  if (s instanceof ArrayBuffer) return new Uint8Array(s);
  if (ArrayBuffer.isView(s)) return new Uint8Array(s.buffer, s.byteOffset, s.byteLength);
  if (typeof s === "string" || s instanceof URL || (typeof Request === "function" && s instanceof Request)) s = await fetch(s);
  if (typeof Response === "function" && s instanceof Response) {
    if (!s.ok) throw new Error(`wazper/disposable: the list could not be fetched (HTTP ${s.status})`);
    return new Uint8Array(await s.arrayBuffer());
  }
  throw new TypeError("wazper/disposable: pass the list's URL, a Response, or its bytes");
}

/** `loadDisposableDomains(source?)` over a runtime's default source (a function giving bytes or a URL). */
export function loader(defaultSource) {
  let once = null;
  return async function loadDisposableDomains(source) {
    let bytes;
    if (source === undefined) {
      // The default asset is read once, however many callers race.
      once ??= toBytes(defaultSource()).catch((e) => {
        once = null;
        throw e;
      });
      bytes = await once;
    } else {
      bytes = await toBytes(source);
    }
    let added;
    try {
      added = __wazperLoadDisposable(bytes);
    } catch (e) {
      // wasm-bindgen's glue fails this way only before its instance exists.
      throw new Error('wazper/disposable: import "wazper" (or await init() from "wazper/web") first', { cause: e });
    }
    if (added < 0) throw new TypeError("wazper/disposable: these bytes are not wazper's disposable-domains list");
    return added;
  };
}
