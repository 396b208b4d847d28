// The wazper demo: every endpoint and helper of the package, live, against the emulator.
// Plain ES module, no build step. The package is loaded with a dynamic import so a missing or
// half-built package shows a readable banner instead of a blank page.

const $ = (id) => document.getElementById(id);

const els = {
  sdkStatus: $("sdk-status"),
  baseUrl: $("base-url"),
  apiKey: $("api-key"),
  allowBrowser: $("allow-browser"),
  useEdge: $("use-edge"),
  signupForm: $("signup-form"),
  email: $("email"),
  emailKind: $("email-kind"),
  emailNote: $("email-note"),
  emailSuggestion: $("email-suggestion"),
  country: $("country"),
  countryResolved: $("country-resolved"),
  countryOrigin: $("country-origin"),
  firstName: $("first-name"),
  lastName: $("last-name"),
  jobTitle: $("job-title"),
  syncBtn: $("sync-btn"),
  syncStatus: $("sync-status"),
  refreshBtn: $("refresh-btn"),
  ownerLine: $("owner-line"),
  colleaguesStatus: $("colleagues-status"),
  colleagues: $("colleagues"),
  addDetails: $("add-details"),
  addForm: $("add-form"),
  addName: $("add-name"),
  addEmail: $("add-email"),
  addJob: $("add-job"),
  addCompany: $("add-company"),
  addInviter: $("add-inviter"),
  addBtn: $("add-btn"),
  addStatus: $("add-status"),
  cardTemplate: $("card-template"),
};

const KIND_TEXT = {
  work: "Work email",
  personal: "Personal email",
  disposable: "Disposable email",
  invalid: "Not a valid email",
};
const KIND_NOTE = {
  work: "Wazper will look for colleagues at this domain.",
  personal: "A personal mailbox: the SDK skips it without calling the API.",
  disposable: "A throwaway mailbox: skipped like personal ones.",
  invalid: "",
};

// Polling for the background run: bounded in attempts and time, with doubling waits.
const POLL = { firstDelayMs: 250, maxDelayMs: 3000, maxAttempts: 12, budgetMs: 30000 };

let sdk = null;
let owner = null; // the email whose colleagues are shown
let pollAbort = null;

els.baseUrl.value = location.origin;

// ---------- rendering helpers ----------

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

/** Shows a success/progress line in a status region. */
function showInfo(region, text, state = "ok") {
  clear(region);
  region.dataset.state = state;
  if (text) region.append(el("p", { class: `msg msg-${state}`, "data-testid": "status-text", text }));
}

/** Shows an error with its code and message: WazperError fields, or whatever else was thrown. */
function showError(region, err) {
  clear(region);
  region.dataset.state = "error";
  const isWazper = err && err.name === "WazperError";
  const code = isWazper ? String(err.code) : "unexpected";
  region.dataset.code = code;
  const box = el("div", { class: "msg msg-error", role: "alert", "data-testid": "error" });
  const head = el("p", { class: "err-head" });
  head.append(el("code", { class: "err-code", "data-testid": "error-code", text: code }));
  if (isWazper && err.status != null) head.append(el("span", { class: "err-status", "data-testid": "error-status", text: `HTTP ${err.status}` }));
  box.append(head);
  box.append(el("p", { class: "err-message", "data-testid": "error-message", text: (err && err.message) || String(err) }));
  if (isWazper && err.details && typeof err.details === "object") {
    const parts = Object.entries(err.details).filter(([, v]) => v != null && v !== "");
    if (parts.length) box.append(el("p", { class: "err-details muted", text: parts.map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join(" · ") }));
  }
  region.append(box);
  if (!isWazper) console.warn("demo: unexpected failure", err);
}

function resetRegion(region) {
  clear(region);
  delete region.dataset.state;
  delete region.dataset.code;
}

function setBusy(button, busy, busyText) {
  if (busy) {
    button.dataset.label ??= button.textContent;
    button.textContent = busyText;
  } else if (button.dataset.label) {
    button.textContent = button.dataset.label;
  }
  button.disabled = busy;
  button.setAttribute("aria-busy", String(busy));
}

function initials(name, email) {
  const words = String(name || "").trim().split(/\s+/).filter(Boolean);
  const letters = words.length >= 2 ? words[0][0] + words[words.length - 1][0] : (words[0] || String(email || "?")).slice(0, 2);
  return letters.toUpperCase();
}

// A hue from the name, so initials avatars are told apart at a glance (same name, same colour).
function hue(text) {
  let h = 0;
  for (const ch of String(text)) h = (h * 31 + ch.codePointAt(0)) % 360;
  return h;
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => { clearTimeout(t); reject(signal.reason); }, { once: true });
  });
}

// ---------- the client ----------

let cachedClient = { settings: "", client: null };

/** A client for the current settings (rebuilt when they change). Throws the constructor's
 * WazperError (browser_key_exposure, insecure_base_url, ...), which the caller shows. */
function client() {
  const options = { baseUrl: els.baseUrl.value.trim() || location.origin };
  const key = els.apiKey.value.trim();
  if (key) options.apiKey = key;
  if (els.allowBrowser.checked) options.dangerouslyAllowBrowser = true;
  const settings = JSON.stringify(options);
  if (cachedClient.settings !== settings) {
    // Not free()d: a poll may still be using the old one; the wasm object is reclaimed with it.
    cachedClient = { settings, client: new sdk.WazperClient(options) };
  }
  return cachedClient.client;
}

// ---------- email feedback ----------

function updateEmailFeedback() {
  const value = els.email.value;
  if (!value.trim()) {
    els.emailKind.hidden = true;
    els.emailKind.dataset.kind = "";
    els.emailNote.textContent = "";
    els.emailSuggestion.hidden = true;
    els.email.removeAttribute("aria-invalid");
    return;
  }
  const info = sdk.classifyEmail(value);
  const kind = info.kind;
  els.emailKind.hidden = false;
  els.emailKind.dataset.kind = kind;
  els.emailKind.className = `kind kind-${kind}`;
  els.emailKind.textContent = KIND_TEXT[kind] ?? kind;
  els.emailNote.textContent = KIND_NOTE[kind] ?? "";
  if (kind === "invalid") els.email.setAttribute("aria-invalid", "true");
  else els.email.removeAttribute("aria-invalid");
  if (info.suggestion && info.suggestion !== value.trim()) {
    els.emailSuggestion.hidden = false;
    els.emailSuggestion.dataset.value = info.suggestion;
    els.emailSuggestion.textContent = `Did you mean ${info.suggestion}?`;
  } else {
    els.emailSuggestion.hidden = true;
    delete els.emailSuggestion.dataset.value;
  }
}

function acceptSuggestion() {
  const value = els.emailSuggestion.dataset.value;
  if (!value) return;
  els.email.value = value;
  updateEmailFeedback();
  els.email.focus();
}

// ---------- country ----------

function updateCountryFeedback() {
  const value = els.country.value.trim();
  els.countryResolved.className = "";
  if (!value) {
    els.countryResolved.textContent = "";
    els.countryResolved.dataset.state = "empty";
    return;
  }
  const found = sdk.lookupCountry(value);
  if (found) {
    els.countryResolved.dataset.state = "resolved";
    els.countryResolved.dataset.alpha2 = found.alpha2;
    els.countryResolved.className = "resolved";
    els.countryResolved.textContent = `→ ${found.name} (${found.alpha2})`;
    els.countryResolved.title = "The canonical name the SDK sends";
  } else {
    els.countryResolved.dataset.state = "unknown";
    delete els.countryResolved.dataset.alpha2;
    els.countryResolved.className = "unknown";
    els.countryResolved.textContent = "Not recognised yet";
  }
}

function prefillCountry() {
  let tz = "";
  try { tz = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch { /* no Intl zone data */ }
  const lang = navigator.language || "";
  let alpha2 = tz ? sdk.countryFromTimeZone(tz) : null;
  let source = alpha2 ? `your time zone (${tz})` : "";
  if (!alpha2 && lang) {
    alpha2 = sdk.countryFromLocale(lang);
    if (alpha2) source = `your browser language (${lang})`;
  }
  if (!alpha2) {
    els.countryOrigin.textContent = "Type a name or code in any common spelling.";
    return;
  }
  els.country.value = sdk.normalizeCountry(alpha2) ?? alpha2;
  els.countryOrigin.dataset.source = source.startsWith("your time") ? "timezone" : "locale";
  els.countryOrigin.textContent = `Pre-filled from ${source}. Any common spelling works.`;
}

// ---------- sync + colleagues ----------

async function onSync(event) {
  event.preventDefault();
  pollAbort?.abort();
  resetRegion(els.syncStatus);
  const user = { email: els.email.value.trim() };
  // Empty is allowed with no key: the proxy fills the country from the request (countryFromRequest).
  if (els.country.value.trim()) user.country = els.country.value.trim();
  if (els.firstName.value.trim()) user.firstName = els.firstName.value.trim();
  if (els.lastName.value.trim()) user.lastName = els.lastName.value.trim();
  if (els.jobTitle.value.trim()) user.jobTitle = els.jobTitle.value.trim();
  setBusy(els.syncBtn, true, "Syncing…");
  let result;
  try {
    result = await client().userSync(user);
  } catch (err) {
    showError(els.syncStatus, err);
    return;
  } finally {
    setBusy(els.syncBtn, false);
  }
  if (result.status === "skipped") {
    showInfo(els.syncStatus, `Skipped (${result.reason ?? "personal email"}): no request was sent. Wazper only searches company domains.`, "skipped");
    return;
  }
  const id = result.userId ? ` · user ${result.userId}` : "";
  showInfo(els.syncStatus, `Accepted: ${result.status}${id}. Looking for colleagues in the background…`, "ok");
  if (!user.country) await showEdgeCountry(user.email);
  setOwner(user.email);
  await poll(user.email);
}

/** The country the edge proxy filled in, as the emulator (which serves this page) received it. */
async function showEdgeCountry(email) {
  let sent;
  try {
    const res = await fetch(new URL("/__emulator/requests", location.origin));
    if (!res.ok) return;
    for (const r of await res.json()) {
      if (r.path !== "/v1/user-sync") continue;
      const body = JSON.parse(r.body ?? "null");
      if (body?.user?.email === email) sent = body.user.country;
    }
  } catch {
    return; // not served by the emulator: nothing to show
  }
  if (!sent) return;
  els.syncStatus.append(el("p", { class: "msg msg-ok", "data-testid": "edge-country", "data-country": sent },
    "No country was given: the edge filled in ", el("strong", { text: sent }), " from your IP."));
}

/** Keyless mode against the example Worker (?edge=URL overrides where it runs). */
function useEdge() {
  els.baseUrl.value = new URLSearchParams(location.search).get("edge") || "http://127.0.0.1:8788/wazper";
  $("base-url-hint").textContent = "The example Worker (wrangler dev): it holds the key and fills the country.";
  els.apiKey.value = "";
  els.allowBrowser.checked = false;
  els.country.value = "";
  updateCountryFeedback();
  delete els.countryOrigin.dataset.source;
  els.countryOrigin.textContent = "Left empty on purpose: with no key, the proxy fills it from your IP.";
  els.email.focus();
}

function setOwner(email) {
  owner = email;
  clear(els.ownerLine);
  els.ownerLine.append("Colleagues of ", el("strong", { "data-testid": "owner", text: email }), " in the order the API returns them.");
  els.refreshBtn.disabled = false;
  els.addInviter.value = email;
  const domain = email.split("@")[1] ?? "";
  if (!els.addCompany.value || els.addCompany.dataset.auto === "true") {
    els.addCompany.value = domain;
    els.addCompany.dataset.auto = "true";
  }
  clear(els.colleagues);
}

/** Lists the owner's colleagues until some appear: the API builds them asynchronously after user-sync. */
async function poll(email) {
  const ctrl = new AbortController();
  pollAbort = ctrl;
  const started = Date.now();
  let delay = POLL.firstDelayMs;
  for (let attempt = 1; ; attempt++) {
    let list;
    try {
      list = await client().listColleagues(email, { signal: ctrl.signal });
    } catch (err) {
      if (ctrl.signal.aborted) return;
      showError(els.colleaguesStatus, err);
      return;
    }
    if (ctrl.signal.aborted) return;
    if (list.length > 0) {
      render(list);
      showInfo(els.colleaguesStatus, `${list.length} colleague${list.length === 1 ? "" : "s"} found.`, "ok");
      return;
    }
    if (attempt >= POLL.maxAttempts || Date.now() - started + delay > POLL.budgetMs) {
      render([]);
      showInfo(els.colleaguesStatus, `No colleagues yet after ${attempt} checks. Try Refresh later.`, "empty");
      return;
    }
    showInfo(els.colleaguesStatus, `Waiting for the background search… (check ${attempt})`, "waiting");
    try {
      await sleep(delay, ctrl.signal);
    } catch {
      return;
    }
    delay = Math.min(delay * 2, POLL.maxDelayMs);
  }
}

/** Re-lists once (after an update or a create) so the cards follow the API's own order. */
async function refresh(message, focus = null) {
  if (!owner) return;
  pollAbort?.abort();
  try {
    const list = await client().listColleagues(owner);
    render(list, focus);
    showInfo(els.colleaguesStatus, message ?? `${list.length} colleague${list.length === 1 ? "" : "s"}.`, "ok");
  } catch (err) {
    showError(els.colleaguesStatus, err);
  }
}

function render(list, focus = null) {
  // The company name the API knows beats the domain guess, unless the visitor typed their own.
  const company = list.find((c) => c.companyName)?.companyName;
  if (company && els.addCompany.dataset.auto === "true") els.addCompany.value = company;
  clear(els.colleagues);
  for (const c of list) els.colleagues.append(card(c));
  // Keep keyboard users on the card they acted on (it may have moved, or gone when deleted).
  if (!focus) return;
  const node = els.colleagues.querySelector(`.card[data-id="${CSS.escape(focus.id)}"]`);
  const target = node
    ? node.querySelector(`[data-action="${focus.action}"]:not(:disabled)`) ?? node.querySelector("[data-action]:not(:disabled)")
    : els.colleaguesStatus;
  target?.focus();
}

function card(c) {
  const node = els.cardTemplate.content.firstElementChild.cloneNode(true);
  const status = String(c.status ?? "unknown");
  node.dataset.id = c.id;
  node.dataset.status = status;
  const avatar = node.querySelector(".avatar");
  if (c.photo) {
    const img = el("img", { src: c.photo, alt: "", loading: "lazy", width: "48", height: "48" });
    img.addEventListener("error", () => { img.remove(); avatar.textContent = initials(c.name, c.email); avatar.dataset.kind = "initials"; }, { once: true });
    avatar.append(img);
    avatar.dataset.kind = "photo";
  } else {
    avatar.textContent = initials(c.name, c.email);
    avatar.dataset.kind = "initials";
    avatar.style.setProperty("--h", hue(c.name || c.email));
  }
  node.querySelector(".name").textContent = c.name || c.email;
  node.querySelector(".job").textContent = c.jobTitle || "—";
  node.querySelector(".mail").textContent = c.email ?? "";
  const badge = node.querySelector(".badge");
  badge.textContent = status;
  badge.dataset.status = status;
  badge.classList.add(`badge-${status.replace(/[^a-z]/gi, "")}`);
  const group = node.querySelector(".actions");
  group.setAttribute("aria-label", `Actions for ${c.name || c.email}`);
  for (const b of group.querySelectorAll("[data-action]")) {
    if (b.dataset.action === status) b.disabled = true;
  }
  const form = node.querySelector(".email-edit");
  const input = form.querySelector("input");
  const inputId = `new-email-${String(c.id).replace(/[^\w-]/g, "_")}`;
  input.id = inputId;
  form.querySelector("label").htmlFor = inputId;
  form.querySelector("label").textContent = `New email for ${c.name || c.email}`;
  return node;
}

async function onCardClick(event) {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const node = button.closest(".card");
  const id = node.dataset.id;
  const action = button.dataset.action;
  const form = node.querySelector(".email-edit");
  const toggle = node.querySelector('[data-action="email"]');
  if (action === "email") {
    form.hidden = !form.hidden;
    toggle.setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) {
      const input = form.querySelector("input");
      input.value = node.querySelector(".mail").textContent;
      input.focus();
      input.select();
    }
    return;
  }
  if (action === "cancel") {
    form.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    toggle.focus();
    return;
  }
  await update(node, { id, status: action }, button);
}

async function onCardSubmit(event) {
  const form = event.target.closest(".email-edit");
  if (!form) return;
  event.preventDefault();
  const node = form.closest(".card");
  await update(node, { id: node.dataset.id, email: form.querySelector("input").value.trim() }, form.querySelector("button[type=submit]"));
}

async function update(node, change, button) {
  const region = node.querySelector(".card-status");
  resetRegion(region);
  setBusy(button, true, "…");
  let updated;
  try {
    updated = await client().updateColleague(change);
  } catch (err) {
    setBusy(button, false);
    showError(region, err);
    return;
  }
  const what = change.status ? `marked ${updated.status}` : `email changed to ${updated.email}`;
  await refresh(`${updated.name || updated.email} ${what}.`, { id: change.id, action: change.status ?? "email" });
}

async function onAdd(event) {
  event.preventDefault();
  resetRegion(els.addStatus);
  const input = {
    name: els.addName.value.trim(),
    email: els.addEmail.value.trim(),
    companyName: els.addCompany.value.trim(),
    toBeInvitedById: els.addInviter.value.trim(),
  };
  if (els.addJob.value.trim()) input.jobTitle = els.addJob.value.trim();
  setBusy(els.addBtn, true, "Adding…");
  try {
    const created = await client().createColleague(input);
    showInfo(els.addStatus, `Added ${created.name} (${created.status}).`, "ok");
    if (owner && owner.toLowerCase() === input.toBeInvitedById.toLowerCase()) await refresh();
  } catch (err) {
    showError(els.addStatus, err);
  } finally {
    setBusy(els.addBtn, false);
  }
}

// ---------- start ----------

async function start() {
  try {
    sdk = await import("/pkg/web.js");
    await sdk.default();
  } catch (err) {
    els.sdkStatus.dataset.state = "error";
    els.sdkStatus.textContent = `The package did not load from /pkg/ (${err?.message ?? err}). Build it with "make pkg", then reload.`;
    document.body.classList.add("no-sdk");
    return;
  }
  const needed = ["WazperClient", "classifyEmail", "lookupCountry", "normalizeCountry", "countryFromTimeZone", "countryFromLocale"];
  const missing = needed.filter((name) => typeof sdk[name] !== "function");
  if (missing.length) {
    els.sdkStatus.dataset.state = "error";
    els.sdkStatus.textContent = `This build of the package lacks ${missing.join(", ")}; rebuild it with "make pkg".`;
    return;
  }
  els.sdkStatus.dataset.state = "ready";
  els.sdkStatus.hidden = true;
  els.syncBtn.disabled = false;
  els.addBtn.disabled = false;

  els.email.addEventListener("input", updateEmailFeedback);
  els.emailSuggestion.addEventListener("click", acceptSuggestion);
  for (const b of document.querySelectorAll("[data-try]")) {
    b.addEventListener("click", () => {
      els.email.value = b.dataset.try;
      updateEmailFeedback();
      els.email.focus();
    });
  }
  els.country.addEventListener("input", updateCountryFeedback);
  els.useEdge.addEventListener("click", useEdge);
  els.signupForm.addEventListener("submit", onSync);
  els.refreshBtn.addEventListener("click", () => refresh());
  els.colleagues.addEventListener("click", onCardClick);
  els.colleagues.addEventListener("submit", onCardSubmit);
  els.addForm.addEventListener("submit", onAdd);
  els.addCompany.addEventListener("input", () => { els.addCompany.dataset.auto = "false"; });

  prefillCountry();
  updateCountryFeedback();
  updateEmailFeedback();
  document.body.dataset.ready = "true";
}

start();
