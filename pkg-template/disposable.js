// `wazper/disposable` in browsers, through a bundler or as plain ES modules: the list is fetched from
// beside this file (`new URL(..., import.meta.url)`, which bundlers emit as an asset), or from the
// URL / Response / bytes passed to loadDisposableDomains (for a wazper/web page serving it elsewhere).
// It extends the instance that `import ... from "wazper"` (or wazper/web's `init()`) set up, and
// imports no entry itself: bundlers pick the main entry by their own conditions.
import { loader } from "./disposable-core.js";

export const loadDisposableDomains = loader(() => new URL("./disposable-domains.bin", import.meta.url));
