// The demo page (www/) end to end: Debian's headless Chromium, driven by playwright-core, against a
// private emulator serving the page and the built package. Steps share one page and run in order,
// like a visitor would use it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { openChromiumPage } from "../support/chromium-page.mjs";
import { startEmulator, repoRoot } from "../support/emulator.mjs";

const scratch = process.env.WAZPER_SCRATCH ?? path.join(repoRoot, ".scratch");
const artifacts = path.join(scratch, "artifacts");
const DEMO_KEY = "demo_key";
const USER = "ada.lovelace@acme.example"; // a new user at the seeded company domain
const WAIT = 15000;

let emulator;
let browser;
let context;
let page;
let pageErrors;
const consoleErrors = [];

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  emulator = await startEmulator(["--sync-delay-ms", "300"]);
  browser = await openChromiumPage("wazper-e2e-chromium-", { viewport: { width: 1280, height: 800 }, colorScheme: "light" });
  ({ context, page, pageErrors } = browser);
  page.on("console", (msg) => { if (msg.type() === "error") consoleErrors.push(msg.text()); });
});

after(async () => {
  await browser?.close();
  await emulator?.stop();
});

async function api(method, pathAndQuery, body) {
  const res = await fetch(emulator.url + pathAndQuery, {
    method,
    headers: { "X-API-Key": DEMO_KEY, Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The emulator's request log, as a list of {method, path}. */
async function loggedApiRequests() {
  const res = await fetch(emulator.url + "/__emulator/requests");
  assert.equal(res.status, 200, "GET /__emulator/requests");
  const json = await res.json();
  const list = Array.isArray(json) ? json : json.requests;
  assert.ok(Array.isArray(list), "request log is a list");
  return list.map((r) => ({ method: r.method, path: String(r.path ?? r.url ?? "") }));
}

const cards = () => page.locator('[data-testid="colleague-card"]');
const cardIds = () => cards().evaluateAll((nodes) => nodes.map((n) => n.dataset.id));
const apiIds = async () => (await api("GET", `/v1/colleagues-list?email=${encodeURIComponent(USER)}`)).body.map((c) => c.id);

async function expectText(locator, pattern, what) {
  await locator.waitFor({ state: "visible", timeout: WAIT });
  const deadline = Date.now() + WAIT;
  let text = "";
  while (Date.now() < deadline) {
    text = (await locator.textContent()) ?? "";
    if (pattern.test(text)) return text;
    await page.waitForTimeout(50);
  }
  assert.fail(`${what}: expected ${pattern}, saw ${JSON.stringify(text)}`);
}

async function expectErrorCode(region, code, status) {
  const box = page.locator(`#${region} [data-testid="error"]`);
  await expectText(box.locator('[data-testid="error-code"]'), new RegExp(`^${code}$`), `${region} error code`);
  if (status != null) await expectText(box.locator('[data-testid="error-status"]'), new RegExp(`\\b${status}\\b`), `${region} HTTP status`);
  const message = (await box.locator('[data-testid="error-message"]').textContent()) ?? "";
  assert.ok(message.trim().length > 0, `${region}: the error message is shown`);
  assert.ok(!message.includes(DEMO_KEY) && !message.includes("no_credits_key"), "the API key never shows in an error");
  return message;
}

test("the page loads the package and pre-fills the country from the time zone", async () => {
  const reset = await fetch(emulator.url + "/__emulator/reset", { method: "POST" });
  assert.ok(reset.ok, "emulator reset");
  await page.goto(emulator.url + "/");
  await page.waitForSelector("body[data-ready=true]", { timeout: WAIT });
  assert.equal(await page.inputValue("#base-url"), emulator.url);
  assert.equal(await page.inputValue("#api-key"), DEMO_KEY);
  assert.equal(await page.isChecked("#allow-browser"), true);
  assert.equal(await page.inputValue("#country"), "France", "Europe/Paris pre-fills France");
  assert.equal(await page.getAttribute("#country-origin", "data-source"), "timezone");
  await expectText(page.locator("#country-resolved"), /France \(FR\)/, "pre-filled country resolves");
});

test("with a zone that names no country, the browser language pre-fills the country", async () => {
  const other = await context.newPage();
  try {
    other.on("pageerror", (err) => pageErrors.push(String(err)));
    // The context's zone is fixed, so this page alone sees UTC and an Austrian German browser.
    await other.addInitScript(() => {
      const resolved = Intl.DateTimeFormat.prototype.resolvedOptions;
      Intl.DateTimeFormat.prototype.resolvedOptions = function () { return { ...resolved.call(this), timeZone: "Etc/UTC" }; };
      Object.defineProperty(Navigator.prototype, "language", { get: () => "de-AT" });
    });
    await other.goto(emulator.url + "/");
    await other.waitForSelector("body[data-ready=true]", { timeout: WAIT });
    assert.equal(await other.inputValue("#country"), "Austria", "de-AT pre-fills Austria");
    assert.equal(await other.getAttribute("#country-origin", "data-source"), "locale");
  } finally {
    await other.close();
  }
});

test("every form control has a label", async () => {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea")]
      .filter((i) => i.type !== "hidden" && i.labels.length === 0 && !i.getAttribute("aria-label"))
      .map((i) => i.id || i.name));
  assert.deepEqual(unlabelled, []);
});

test("typing an email updates its kind and the typo suggestion live", async () => {
  const email = page.locator("#email");
  const kind = page.locator("#email-kind");
  const suggestion = page.locator("#email-suggestion");

  await email.pressSequentially("grace@acme.example", { delay: 5 });
  await expectText(kind, /^Work email$/, "company email kind");
  assert.equal(await kind.getAttribute("data-kind"), "work");
  assert.equal(await suggestion.isVisible(), false, "no suggestion for a company email");

  await email.fill("");
  await email.pressSequentially("not an email", { delay: 5 });
  await expectText(kind, /^Not a valid email$/, "invalid kind");

  await email.fill("");
  await email.pressSequentially("temp@mailinator.com", { delay: 5 });
  await expectText(kind, /^Disposable email$/, "disposable kind");

  await email.fill("");
  await email.pressSequentially("john@gmial.com", { delay: 5 });
  await expectText(suggestion, /^Did you mean john@gmail\.com\?$/, "typo suggestion");
  await page.locator("#signup").screenshot({ path: path.join(artifacts, "demo-signup-suggestion.png") });
});

test("the suggestion can be accepted from the keyboard", async () => {
  await page.focus("#email-suggestion");
  await page.keyboard.press("Enter");
  assert.equal(await page.inputValue("#email"), "john@gmail.com");
  assert.equal(await page.evaluate(() => document.activeElement.id), "email", "focus returns to the field");
  await expectText(page.locator("#email-kind"), /^Personal email$/, "accepted suggestion is personal");
  assert.equal(await page.locator("#email-suggestion").isVisible(), false, "suggestion gone once accepted");
});

test("the country field shows the canonical name it resolves to", async () => {
  await page.fill("#country", "");
  await page.locator("#country").pressSequentially("deutschland", { delay: 5 });
  await expectText(page.locator("#country-resolved"), /Germany \(DE\)/, "deutschland resolves");
  assert.equal(await page.getAttribute("#country-resolved", "data-alpha2"), "DE");
  await page.fill("#country", "Atlantis");
  await expectText(page.locator("#country-resolved"), /Not recognised/, "unknown country");
  await page.fill("#country", "deutschland");
});

test("a personal email is skipped without any request", async () => {
  const before = (await loggedApiRequests()).length;
  await page.click("#sync-btn");
  await expectText(page.locator("#sync-status"), /Skipped .*no request was sent/, "skip message");
  assert.equal(await page.getAttribute("#sync-status", "data-state"), "skipped");
  await page.waitForTimeout(200);
  const after = await loggedApiRequests();
  assert.equal(after.length, before, `no API request was logged (saw ${JSON.stringify(after.slice(before))})`);
});

test("syncing a company user polls until the colleague cards appear, in the API's order", async () => {
  await page.fill("#email", USER);
  await page.fill("#first-name", "Ada");
  await page.fill("#last-name", "Lovelace");
  await page.click("#sync-btn");
  await expectText(page.locator("#sync-status"), /Accepted: processing/, "sync accepted");
  await cards().first().waitFor({ timeout: WAIT });
  await expectText(page.locator("#colleagues-status"), /colleagues? found/, "found message");
  const shown = await cardIds();
  assert.ok(shown.length >= 2, `several colleagues (${shown.length})`);
  assert.deepEqual(shown, await apiIds(), "cards follow the API's order");

  const list = (await api("GET", `/v1/colleagues-list?email=${encodeURIComponent(USER)}`)).body;
  for (const c of list) {
    const node = page.locator(`[data-testid="colleague-card"][data-id="${c.id}"]`);
    assert.equal(await node.locator('[data-testid="card-name"]').textContent(), c.name);
    assert.equal(await node.locator('[data-testid="card-status"]').textContent(), c.status);
    assert.equal(await node.locator('[data-testid="card-job"]').textContent(), c.jobTitle || "—");
    const avatar = node.locator(".avatar");
    assert.equal(await avatar.getAttribute("data-kind"), c.photo ? "photo" : "initials", `${c.name}: photo or initials`);
  }
  await page.screenshot({ path: path.join(artifacts, "demo-desktop-1280.png"), fullPage: true });
});

test("marking a colleague invited updates its badge; marking one joined moves it up", async () => {
  const before = (await api("GET", `/v1/colleagues-list?email=${encodeURIComponent(USER)}`)).body;
  const pending = before.filter((c) => c.status !== "joined" && c.status !== "invited");
  assert.ok(pending.length >= 2, "at least two colleagues not yet invited or joined");

  const target = pending[0];
  const card = page.locator(`[data-testid="colleague-card"][data-id="${target.id}"]`);
  await card.locator('[data-testid="mark-invited"]').click();
  await expectText(card.locator('[data-testid="card-status"]'), /^invited$/, "invited badge");
  assert.equal(await card.locator('[data-testid="mark-invited"]').isDisabled(), true, "the current status' button is disabled");
  assert.deepEqual(await cardIds(), await apiIds(), "order still the API's after the update");

  const last = pending[pending.length - 1];
  const lastCard = page.locator(`[data-testid="colleague-card"][data-id="${last.id}"]`);
  await lastCard.locator('[data-testid="mark-joined"]').click();
  await expectText(lastCard.locator('[data-testid="card-status"]'), /^joined$/, "joined badge");
  const order = await cardIds();
  assert.deepEqual(order, await apiIds(), "order is the API's after joining");
  assert.ok(order.indexOf(last.id) < before.findIndex((c) => c.id === last.id), "the joined colleague moved up");
});

test("a colleague's email can be changed", async () => {
  const card = cards().nth(1);
  const id = await card.getAttribute("data-id");
  await card.locator('[data-testid="change-email"]').click();
  const input = card.locator('[data-testid="new-email"]');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "new-email", "the new-email field takes focus");
  await input.fill("renamed.colleague@acme.example");
  await input.press("Enter");
  const updated = page.locator(`[data-testid="colleague-card"][data-id="${id}"]`);
  await expectText(updated.locator('[data-testid="card-email"]'), /^renamed\.colleague@acme\.example$/, "new email shown");
});

test("deleting a colleague removes its card", async () => {
  const count = await cards().count();
  const card = cards().last();
  const id = await card.getAttribute("data-id");
  await card.locator('[data-testid="mark-deleted"]').click();
  await expectText(page.locator("#colleagues-status"), /marked deleted/, "delete confirmed");
  assert.equal(await page.locator(`[data-testid="colleague-card"][data-id="${id}"]`).count(), 0, "card gone");
  assert.equal(await cards().count(), count - 1);
  assert.deepEqual(await cardIds(), await apiIds(), "order is the API's after deleting");
});

test("adding a colleague, then adding the same one again gives duplicate_email (409)", async () => {
  await page.click('[data-testid="add-toggle"]');
  assert.equal(await page.inputValue("#add-inviter"), USER, "inviter pre-filled with the synced user");
  await page.fill("#add-name", "Zoe Newcomer");
  await page.fill("#add-email", "zoe.newcomer@acme.example");
  await page.fill("#add-job", "Designer");
  assert.equal(await page.inputValue("#add-company"), "Acme Corporation", "company pre-filled from the API");
  await page.click("#add-btn");
  await expectText(page.locator("#add-status"), /Added Zoe Newcomer \(pending\)/, "created");
  const created = (await api("GET", `/v1/colleagues-list?email=${encodeURIComponent(USER)}`)).body.find((c) => c.email === "zoe.newcomer@acme.example");
  assert.ok(created, "the emulator lists the new colleague for its inviter");
  await page.locator(`[data-testid="colleague-card"][data-id="${created.id}"]`).waitFor({ timeout: WAIT });
  assert.deepEqual(await cardIds(), await apiIds(), "new card placed in the API's order");

  await page.click("#add-btn");
  await expectErrorCode("add-status", "duplicate_email", 409);
});

test("a key without credits shows no_credits (402)", async () => {
  await page.fill("#api-key", "no_credits_key");
  await page.click("#sync-btn");
  await expectErrorCode("sync-status", "no_credits", 402);
  await page.fill("#api-key", DEMO_KEY);
});

test("unticking dangerouslyAllowBrowser makes the client refuse the key", async () => {
  await page.uncheck("#allow-browser");
  await page.click("#refresh-btn");
  await expectErrorCode("colleagues-status", "browser_key_exposure", null);
  await page.check("#allow-browser");
  await page.click("#refresh-btn");
  await expectText(page.locator("#colleagues-status"), /\d+ colleagues?/, "works again");
});

test("phone width: no horizontal scrolling, screenshot saved", async () => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.waitForTimeout(100);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page fits 375px (overflow ${overflow}px)`);
  await page.screenshot({ path: path.join(artifacts, "demo-phone-375.png"), fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(artifacts, "demo-phone-375-top.png") });
  await page.evaluate(() => document.getElementById("signup").scrollIntoView());
  await page.screenshot({ path: path.join(artifacts, "demo-phone-375-signup.png") });
  await page.evaluate(() => document.getElementById("colleagues-panel").scrollIntoView());
  await page.screenshot({ path: path.join(artifacts, "demo-phone-375-colleagues.png") });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(artifacts, "demo-desktop-1280-final.png"), fullPage: true });
});

/** WCAG AA contrast of every visible text run against the colour actually behind it. */
function contrastFailures() {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [r, g, b, a];
    };
    const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    const lum = ([r, g, b]) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
    const failures = [];
    for (const node of document.querySelectorAll("body *")) {
      const own = [...node.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || node.closest("[hidden], template, .top") || node.disabled || node.closest("button:disabled")) continue;
      const rect = node.getBoundingClientRect();
      if (!rect.width || !rect.height) continue;
      const style = getComputedStyle(node);
      if (style.visibility === "hidden") continue;
      // The backgrounds behind the node, innermost first, composed onto the page colour.
      const layers = [];
      for (let n = node; n; n = n.parentElement) {
        const bg = parse(getComputedStyle(n).backgroundColor);
        if (bg && bg[3] > 0) layers.push(bg);
      }
      let back = [255, 255, 255];
      for (const layer of layers.reverse()) back = over(layer, back);
      const fg = over(parse(style.color), back);
      const [hi, lo] = [lum(fg), lum(back)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) failures.push(`${node.tagName.toLowerCase()}#${node.id}.${node.className} "${node.textContent.trim().slice(0, 30)}": ${ratio.toFixed(2)}`);
    }
    return failures;
  });
}

test("text contrast meets WCAG AA in light and dark schemes", async () => {
  assert.deepEqual(await contrastFailures(), [], "light scheme");
  await page.emulateMedia({ colorScheme: "dark" });
  try {
    assert.deepEqual(await contrastFailures(), [], "dark scheme");
    await page.screenshot({ path: path.join(artifacts, "demo-desktop-1280-dark.png"), fullPage: true });
  } finally {
    await page.emulateMedia({ colorScheme: "light" });
  }
});

test("focus is visible when tabbing", async () => {
  await page.focus("#api-key");
  await page.keyboard.press("Tab");
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { id: document.activeElement.id, style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  assert.equal(ring.id, "allow-browser");
  assert.ok(ring.style !== "none" && ring.width >= 2, `focus outline shown (${JSON.stringify(ring)})`);
});

test("no console errors and no uncaught exceptions", () => {
  // Chromium logs every non-2xx fetch as a console error; the 402 and 409 above are provoked on purpose.
  if (consoleErrors.length) console.log("console errors seen:", consoleErrors);
  const unexpected = consoleErrors.filter((t) => !/Failed to load resource: the server responded with a status of (402|409)\b/.test(t));
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(unexpected, []);
});
