// Uses every export of "wazper", "wazper/web" and "wazper/proxy" with their declared types. Compiled with
// --strict --noEmit; each @ts-expect-error marks a misuse the types must reject (an unused one fails).
import {
  WazperClient,
  WazperError,
  classifyEmail,
  countryFromLocale,
  countryFromRequest,
  countryFromTimeZone,
  createColleague,
  isPersonalEmail,
  listColleagues,
  lookupCountry,
  normalizeCountry,
  updateColleague,
  userSync,
} from "wazper";
import type {
  CallOptions,
  ClientOptions,
  Colleague,
  ColleagueUpdate,
  Country,
  EmailClassification,
  EmailKind,
  NewColleague,
  SyncUser,
  UserSyncResult,
  WazperErrorCode,
  WazperErrorDetails,
} from "wazper";
import { createWazperProxy, WazperError as ProxyError } from "wazper/proxy";
import type { ProxyOptions, WazperProxy } from "wazper/proxy";
import init, { initSync, normalizeCountry as webNormalize, WazperClient as WebClient } from "wazper/web";

const options: ClientOptions = {
  apiKey: "k",
  baseUrl: "https://api.wazper.com/",
  timeoutMs: 5000,
  maxRetries: 1,
  skipPersonalEmails: false,
  dangerouslyAllowBrowser: false,
  maxResponseBytes: 65536,
};
// @ts-expect-error maxResponseBytes is a number
new WazperClient({ maxResponseBytes: "64k" });
const call: CallOptions = { signal: new AbortController().signal, timeoutMs: 100 };
const client = new WazperClient(options);
new WazperClient();

const user: SyncUser = {
  email: "a@b.c", country: "fr", firstName: "A", lastName: "B", name: "A B", jobTitle: "CTO", inviteLink: "https://x",
};
const input: NewColleague = {
  name: "n", email: "e@x.y", companyName: "c", toBeInvitedById: "a@b.c",
  jobTitle: "j", website: "w", team: 2, inviteLink: "i", redirectionLink: "r",
};
const byStatus: ColleagueUpdate = { id: "tbi_1", status: "invited" };
const byEmail: ColleagueUpdate = { id: "tbi_1", email: "new@x.y" };

async function endpoints(): Promise<void> {
  const synced: UserSyncResult = await client.userSync(user, call);
  const status: string = synced.status;
  const ok: boolean = synced.success;
  const requestId: string | undefined = synced.requestId;
  const reason: string | undefined = synced.reason;
  const created: Colleague = await client.createColleague(input, call);
  const id: string = created.id;
  const photo: string | null | undefined = created.photo;
  const team: number | null | undefined = created.team;
  const extra: unknown = created["someFutureField"];
  const list: Colleague[] = await client.listColleagues("a@b.c", call);
  const updated: Colleague = await client.updateColleague(byStatus);
  await client.updateColleague(byEmail, { timeoutMs: 1 });

  const s2: UserSyncResult = await userSync(options, user);
  const c2: Colleague = await createColleague(options, input, call);
  const l2: Colleague[] = await listColleagues(options, "a@b.c");
  const u2: Colleague = await updateColleague(options, byEmail, call);
  new WazperClient({ baseUrl: "https://app.example/wazper" }).free();
  void [status, ok, requestId, reason, id, photo, team, extra, list, updated, s2, c2, l2, u2];

  // @ts-expect-error an update needs status or email besides the id
  await client.updateColleague({ id: "tbi_1" });
  // @ts-expect-error a colleague needs companyName and toBeInvitedById
  await createColleague(options, { name: "n", email: "e@x.y" });
  // A keyless client (behind a proxy) may leave the country to the proxy.
  await client.userSync({ email: "a@b.c" });
  // @ts-expect-error userSync needs an email
  await client.userSync({ country: "fr" });
  // @ts-expect-error the free functions take the options first
  await listColleagues("a@b.c");
}

function errors(err: unknown): WazperErrorCode | null {
  if (err instanceof WazperError) {
    const code: WazperErrorCode = err.code;
    const status: number | null = err.status;
    const details: WazperErrorDetails | null = err.details;
    const field: string | undefined = details?.field;
    const name: "WazperError" = err.name;
    const message: string = err.message;
    void [status, field, name, message];
    // @ts-expect-error codes are a closed union
    const wrong: boolean = code === "no_such_code";
    void wrong;
    return code;
  }
  return null;
}
const mine = new WazperError("timeout", "slow", { status: null, details: { field: "email" }, cause: new Error("x") });
const asError: Error = mine;
const cause: unknown = mine.cause;
void cause;
// @ts-expect-error not an error code
new WazperError("teapot", "x");

const isPersonal: boolean = isPersonalEmail("a@gmail.com");
const classified: EmailClassification = classifyEmail("a@gmial.com");
const kind: EmailKind = classified.kind;
const suggestion: string | null = classified.suggestion;
const valid: boolean = classified.valid;
const domain: string | null = classified.domain;
// @ts-expect-error "weird" is not an EmailKind
const badKind: EmailKind = "weird";

const name: string | null = normalizeCountry("Deutschland");
const alpha2: string | null = normalizeCountry("Deutschland", "alpha2");
normalizeCountry("Deutschland", "alpha3");
normalizeCountry("Deutschland", "name");
// @ts-expect-error only "name" | "alpha2" | "alpha3"
normalizeCountry("Deutschland", "alpha4");
const country: Country | null = lookupCountry("France");
const numeric: string | undefined = country?.numeric;
const tz: string | null = countryFromTimeZone("Europe/Paris");
const locale: string | null = countryFromLocale("fr-CA");
// @ts-expect-error helpers return string | null, not string
const notNull: string = countryFromLocale("fr-CA");
const fromRequest: string | null = countryFromRequest(new Request("https://x.example"), { trust: ["vercel", "cloudfront"], format: "alpha2" });
countryFromRequest(new Headers(), {});
countryFromRequest({ headers: { "cf-ipcountry": "DE" } });
// @ts-expect-error trust names only the known platforms
countryFromRequest(new Headers(), { trust: ["fastly"] });

const proxyOptions: ProxyOptions = {
  baseUrl: "https://api.wazper.com",
  prefix: "/wazper",
  apiKeyBinding: "WAZPER_API_KEY",
  allowedOrigins: ["https://app.example"],
  authorize: async (request: Request, env: object) => request.headers.has("cookie") && env !== null,
  allowAnonymous: false,
  maxBodyBytes: 16384,
  trust: ["cloudflare"],
  skipPersonalEmails: true,
  timeoutMs: 10000,
};
const proxy: WazperProxy = createWazperProxy(proxyOptions);
const handled: Promise<Response> = proxy.fetch(new Request("https://app.example/wazper/v1/user-sync"), {}, {});
// @ts-expect-error authorize must return a boolean (or a promise of one)
createWazperProxy({ authorize: () => "yes" });
// @ts-expect-error timeoutMs is a number of milliseconds
createWazperProxy({ allowAnonymous: true, timeoutMs: "10s" });
const sameErrorClass: typeof WazperError = ProxyError;

async function web(): Promise<void> {
  await init();
  await init({ module_or_path: new URL("https://cdn.example/wazper_bg.wasm") });
  initSync({ module: new Uint8Array(8) });
  const n: string | null = webNormalize("fr");
  new WebClient({ baseUrl: "https://app.example/wazper" });
  // @ts-expect-error initSync needs the module
  initSync({});
  void n;
}

// @ts-expect-error apiKey is a string
new WazperClient({ apiKey: 42 });
// @ts-expect-error unknown option
new WazperClient({ apikey: "k" });

void [endpoints, errors, asError, isPersonal, kind, suggestion, valid, domain, badKind, name, alpha2, numeric, tz, locale, notNull, fromRequest, handled, web];

// The email detector's runtime lists and the optional full disposable list (wazper/disposable).
import { extendEmailDomains } from "wazper";
import { loadDisposableDomains } from "wazper/disposable";
const extended: { added: number; skipped: number } = extendEmailDomains({ personal: ["a.example"], disposable: [], work: ["b.example"] });
// @ts-expect-error a list is an array of domains, not one domain
extendEmailDomains({ personal: "a.example" });
const loading: Promise<number> = loadDisposableDomains();
void loadDisposableDomains(new Uint8Array(0));
void loadDisposableDomains(new URL("https://cdn.example/disposable-domains.bin"));
// @ts-expect-error a number is no source
void loadDisposableDomains(42);
void extended;
void loading;
