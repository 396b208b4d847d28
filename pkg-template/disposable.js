// `wazper/disposable` in browsers, through a bundler or as plain ES modules: the list is fetched from
// beside this file (`new URL(..., import.meta.url)`, which bundlers emit as an asset), or from the
// URL / Response / bytes passed to loadDisposableDomains (for a wazper/web page serving it elsewhere).
import "./browser.js";
import { loader } from "./disposable-core.js";

export const loadDisposableDomains = loader(() => new URL("./disposable-domains.bin", import.meta.url));
