// Types of `wazper/web`: the whole package surface plus the explicit initialisation that plain
// browser ES modules need (`await init()` once, before any other call).
export * from "./index.js";

/** Where the .wasm comes from: a URL (default: `wazper_bg.wasm` beside this module), a fetch
 * Response, the bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOptions {
  module_or_path?: InitInput | Promise<InitInput>;
}

/** Fetches and instantiates the .wasm once; later calls resolve immediately. */
export default function init(options?: InitOptions): Promise<void>;

export interface InitSyncOptions {
  module: BufferSource | WebAssembly.Module;
}

/** Synchronous initialisation from bytes or a compiled module (not allowed for large modules on
 * a browser main thread by some engines; prefer `init`). */
export declare function initSync(options: InitSyncOptions): void;
