// Types of the `wazper` package: the same surface from every entry ("wazper", "wazper/web").
// Hand-written from the package contract; the wasm glue's generated types are not shipped.

// ---------------------------------------------------------------------------------------------
// Errors

/** Every `WazperError.code`. The strings are stable public API. */
export type WazperErrorCode =
  | "email_required"
  | "country_required"
  | "invalid_country"
  | "missing_fields"
  | "invalid_email"
  | "invalid_argument"
  | "api_key_not_linked"
  | "api_key_required"
  | "invalid_api_key"
  | "invalid_organization"
  | "no_credits"
  | "waz_disabled"
  | "not_found"
  | "duplicate_email"
  | "rate_limited"
  | "server_error"
  | "http_error"
  | "network_error"
  | "timeout"
  | "aborted"
  | "invalid_response"
  | "browser_key_exposure"
  | "insecure_base_url";

/** Extra facts about an error. Never contains the API key. */
export interface WazperErrorDetails {
  /** The input field a client-side validation error is about, e.g. "email" or "user.country". */
  readonly field?: string;
  /** The server's own `details` string (500 responses carry one). */
  readonly serverDetails?: string;
  /** The server's `Retry-After`, in seconds, when it asked for a wait longer than the client makes
   *  (capped at `Number.MAX_SAFE_INTEGER`: "at least this long"). */
  readonly retryAfterSeconds?: number;
  readonly [key: string]: unknown;
}

export interface WazperErrorOptions {
  status?: number | null;
  details?: WazperErrorDetails | null;
  cause?: unknown;
}

/**
 * The error every wazper call rejects or throws with. `err instanceof WazperError` is true for
 * every error wazper raises (they are recognised by `name` and `code`, so it also works across realms).
 */
export declare class WazperError extends Error {
  constructor(code: WazperErrorCode, message: string, options?: WazperErrorOptions);
  readonly name: "WazperError";
  readonly code: WazperErrorCode;
  /** The HTTP status when a response was involved, else null. */
  readonly status: number | null;
  readonly details: WazperErrorDetails | null;
  /** On `network_error`: the failure fetch reported (name, message, `code`, its own cause), key scrubbed. */
  readonly cause?: unknown;
  static [Symbol.hasInstance](value: unknown): value is WazperError;
}

// ---------------------------------------------------------------------------------------------
// Client

export interface ClientOptions {
  /** Sent as `X-API-Key`. Omit it when `baseUrl` is your own proxy that adds the key. */
  apiKey?: string;
  /** Default "https://api.wazper.com". May carry a path prefix; a trailing "/" is fine. */
  baseUrl?: string;
  /** Per attempt, in milliseconds. Default 10000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 2 (at most 3 attempts). */
  maxRetries?: number;
  /** Default true: `userSync` on a personal email resolves `{ status: "skipped" }` without a request. */
  skipPersonalEmails?: boolean;
  /** Default false. Required to pass `apiKey` in a browser page or browser worker: it exposes the key. */
  dangerouslyAllowBrowser?: boolean;
  /** Default false: `userSync` is retried only on 408, 429 and 503, where the API did not run. true
   *  retries it on network errors, timeouts and 500/502/504 too, which can bill one sync twice. */
  retryUnsafe?: boolean;
  /**
   * Default 1048576 (1 MiB). A response body larger than this fails with `invalid_response`; it is
   * read as a stream and reading stops at the cap. An integer from 1 to 4294967295.
   */
  maxResponseBytes?: number;
}

export interface CallOptions {
  /** Cancels the whole call, retry waits included; the call rejects with code "aborted". */
  signal?: AbortSignal;
  /** Overrides `ClientOptions.timeoutMs` for this call (per attempt). */
  timeoutMs?: number;
}

export interface SyncUser {
  email: string;
  /**
   * Any recognisable country: name in 28+ languages, ISO alpha-2/alpha-3, common typos.
   * May be omitted only by a client with no `apiKey` (it talks to your proxy, which fills it from the
   * request: see `countryFromRequest`); with an `apiKey` a missing country is "country_required".
   */
  country?: string;
  firstName?: string;
  lastName?: string;
  name?: string;
  jobTitle?: string;
  inviteLink?: string;
}

export interface UserSyncResult {
  success: boolean;
  /** "processing" from the API; "skipped" when the client skipped a personal email. */
  status: "processing" | "skipped" | (string & {});
  requestId?: string;
  userId?: string;
  message?: string;
  /** "personal_email" when skipped. */
  reason?: "personal_email" | (string & {});
}

export interface NewColleague {
  name: string;
  email: string;
  companyName: string;
  /** The inviter's email address. */
  toBeInvitedById: string;
  jobTitle?: string;
  website?: string;
  team?: number;
  inviteLink?: string;
  redirectionLink?: string;
}

export type ColleagueStatus = "pending" | "invited" | "joined" | "deleted" | (string & {});

/** `id` plus at least one of `status` and `email`. */
export type ColleagueUpdate =
  | { id: string; status: ColleagueStatus; email?: string }
  | { id: string; status?: ColleagueStatus; email: string };

/** A colleague entry as the API returns it; fields the API adds later are kept. */
export interface Colleague {
  id: string;
  name: string;
  email: string;
  status: ColleagueStatus;
  jobTitle?: string | null;
  createdAt?: string;
  companyName?: string | null;
  website?: string | null;
  inviteLink?: string | null;
  redirectionLink?: string | null;
  photo?: string | null;
  team?: number | null;
  wazClientId?: string;
  toBeInvitedById?: string;
  latestAction?: string;
  updatedAt?: string;
  [field: string]: unknown;
}

/** The Wazper API client. Every method rejects with a `WazperError`. */
export declare class WazperClient {
  /** Throws `WazperError` ("browser_key_exposure", "insecure_base_url", "invalid_argument"). */
  constructor(options?: ClientOptions);
  /** POST /v1/user-sync: starts the colleague discovery for a user (country normalised first). */
  userSync(user: SyncUser, opts?: CallOptions): Promise<UserSyncResult>;
  /** POST /v1/colleagues-create. Retried only on 429. */
  createColleague(input: NewColleague, opts?: CallOptions): Promise<Colleague>;
  /** GET /v1/colleagues-list?email=... : the colleagues found for a user. */
  listColleagues(email: string, opts?: CallOptions): Promise<Colleague[]>;
  /** PATCH /v1/colleagues-update. */
  updateColleague(input: ColleagueUpdate, opts?: CallOptions): Promise<Colleague>;
  /** Releases the client's wasm memory now rather than at garbage collection; do not use it afterwards. */
  free(): void;
}

export declare function userSync(
  options: ClientOptions,
  user: SyncUser,
  opts?: CallOptions,
): Promise<UserSyncResult>;
export declare function createColleague(
  options: ClientOptions,
  input: NewColleague,
  opts?: CallOptions,
): Promise<Colleague>;
export declare function listColleagues(
  options: ClientOptions,
  email: string,
  opts?: CallOptions,
): Promise<Colleague[]>;
export declare function updateColleague(
  options: ClientOptions,
  input: ColleagueUpdate,
  opts?: CallOptions,
): Promise<Colleague>;

// ---------------------------------------------------------------------------------------------
// Helpers (synchronous; they never throw: wrong input gives null / false / "invalid")

export type EmailKind = "work" | "personal" | "disposable" | "invalid";

export interface EmailClassification {
  valid: boolean;
  /** The normalised address, or null when invalid. */
  email: string | null;
  domain: string | null;
  kind: EmailKind;
  /** A likely intended address for a typo'd provider ("john@gmial.com" -> "john@gmail.com"), else null. */
  suggestion: string | null;
}

/** True for free/consumer/ISP mailboxes and disposable addresses; false for company and invalid addresses. */
export declare function isPersonalEmail(email: string): boolean;
export declare function classifyEmail(email: string): EmailClassification;

/** An app's own domain lists for the detector: bare domains ("example.com"), any case, IDN allowed. */
export interface EmailDomainLists {
  personal?: readonly string[];
  disposable?: readonly string[];
  /** Taken out of every list (the full disposable list too): e.g. a company that runs on gmail.com. */
  work?: readonly string[];
}

/**
 * Adds an app's lists to the detector at run time; a later entry for a domain replaces an earlier
 * one. `added`: valid entries now in force; `skipped`: entries that are not a domain (wrong type,
 * over 4,096 characters, invalid). Throws a TypeError when `lists` is not an object or a list is
 * not an array.
 */
export declare function extendEmailDomains(lists: EmailDomainLists): { added: number; skipped: number };

/** Internal: the hook `wazper/disposable` loads its list through (use `loadDisposableDomains`). */
export declare function __wazperLoadDisposable(bytes: Uint8Array): number;

export type CountryFormat = "name" | "alpha2" | "alpha3";

export interface Country {
  /** Canonical English name, as the API expects it (e.g. "United States"). */
  name: string;
  alpha2: string;
  alpha3: string;
  /** ISO 3166-1 numeric, three digits (e.g. "840"). */
  numeric: string;
}

/** A country name (28+ languages), code or common typo -> the canonical name (default) or a code. */
export declare function normalizeCountry(input: string, format?: CountryFormat): string | null;
export declare function lookupCountry(input: string): Country | null;
/** IANA time zone -> ISO alpha-2, e.g. "Europe/Paris" -> "FR". */
export declare function countryFromTimeZone(tz: string): string | null;
/** BCP 47 tag -> ISO alpha-2, e.g. "fr-CA" -> "CA", "de_AT" -> "AT". */
export declare function countryFromLocale(tag: string): string | null;

/** A platform whose country header `countryFromRequest` may read. */
export type TrustedPlatform = "cloudflare" | "vercel" | "cloudfront" | "netlify" | "appengine" | "akamai";

export interface CountryFromRequestOptions {
  /**
   * Platforms in front of this server whose country header is read (in this order), e.g.
   * ["vercel"]: X-Vercel-IP-Country. Only name platforms that really sit in front of you: anywhere
   * else a client can send the header itself. `request.cf.country` (Workers) is always read, first.
   */
  trust?: TrustedPlatform[];
  /** Default "name" (the canonical English name the API expects). */
  format?: CountryFormat;
}

/**
 * The country the hosting platform derived from the client's IP, or null (none, unknown, Tor,
 * "XX", "EU", an untrusted header...). `request`: a Fetch `Request`, a `Headers`, a Node
 * `IncomingMessage`, or `{ headers }` with a plain object. Never throws.
 */
export declare function countryFromRequest(
  request: Request | Headers | { headers: object } | object,
  options?: CountryFromRequestOptions,
): string | null;

// ---------------------------------------------------------------------------------------------
// The edge proxy (createWazperProxy, ProxyOptions, WazperProxy) is "wazper/proxy": see proxy.d.ts.
