// Types of `wazper/proxy`: the edge proxy for Cloudflare Workers. It ships in its own .wasm, so the
// browser bundle of "wazper" never carries it.
export { WazperError } from "./index.js";
import type { TrustedPlatform } from "./index.js";

export interface ProxyOptions {
  /** Upstream API, default "https://api.wazper.com". */
  baseUrl?: string;
  /** Route prefix the browser calls, default "/wazper" (-> "/wazper/v1/user-sync", ...). */
  prefix?: string;
  /** Name of the Worker secret holding the API key, default "WAZPER_API_KEY". */
  apiKeyBinding?: string;
  /** CORS allow-list, default [] (same origin only); requests from other origins get 403. */
  allowedOrigins?: string[];
  /** Decides who may call the proxy (session cookie, JWT, the email being their own...). */
  authorize?: (request: Request, env: object) => boolean | Promise<boolean>;
  /** Must be true when no `authorize` hook is given, else `createWazperProxy` throws. */
  allowAnonymous?: boolean;
  /** Largest accepted request body, default 16384; larger bodies get 413. */
  maxBodyBytes?: number;
  /** Default true: user-sync on a personal email is answered at the edge with `status: "skipped"`. */
  skipPersonalEmails?: boolean;
  /** Upstream timeout in ms, default 10000: no complete answer in time is a 504. A request body
   * that has not fully arrived within the same time gets 408. */
  timeoutMs?: number;
  /** Platforms whose country header fills a missing country after `request.cf.country` (see `countryFromRequest`). */
  trust?: TrustedPlatform[];
}

/** A complete module Worker: `export default createWazperProxy({ ... })`. Throws a `WazperError`
 * ("invalid_argument") on bad options, or when there is neither `authorize` nor `allowAnonymous: true`. */
export interface WazperProxy {
  fetch(request: Request, env: object, ctx?: object): Promise<Response>;
}

export declare function createWazperProxy(options: ProxyOptions): WazperProxy;
