// `wazper/disposable` in Cloudflare Workers: wrangler's default module rules load `*.bin` as Data (an
// ArrayBuffer), so the list is bundled with the Worker that imports this subpath, and only then.
import "./workerd.js";
import list from "./disposable-domains.bin";
import { loader } from "./disposable-core.js";

export const loadDisposableDomains = loader(() => list);
