// The country helpers in headless Chromium: the --target web package loaded as an ES module.
import http from "node:http";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import os from "node:os";
import { chromium } from "playwright-core";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const types = { ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".tsv": "text/plain; charset=utf-8", ".html": "text/html" };
const server = http.createServer(async (req, res) => {
  const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (rel === "/") return res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>country</title>");
  if (!/^\/(pkg|data\/country\/tests|tests\/country)\/[\w.-]+$/.test(rel)) return res.writeHead(404).end();
  try {
    const body = await readFile(path.join(root, rel));
    res.writeHead(200, { "content-type": types[path.extname(rel)] ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${server.address().port}/`;
const profile = await mkdtemp(path.join(process.env.WAZPER_SCRATCH ?? os.tmpdir(), "country-chromium-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
let failed = 0;
try {
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(url);
  const candidates = JSON.parse(await readFile(path.join(root, "node_modules/cldr-core/availableLocales.json"), "utf8")).availableLocales.full;
  const codes = (await readFile(path.join(root, "data/country/country-names-en.tsv"), "utf8")).trim().split("\n").slice(1).map((l) => l.split("\t")[0]);
  const out = await page.evaluate(async ([candidates, codes]) => {
    const m = await import("/pkg/wazper.js");
    await m.default();
    const fails = [];
    const eq = (got, want, what) => { if (got !== want) fails.push(`${what}: got ${got}, want ${want}`); };
    eq(m.normalizeCountry("Deutschland"), "Germany", "Deutschland");
    eq(m.normalizeCountry("Korea, Rep.", "alpha3"), "KOR", "Korea, Rep.");
    eq(m.normalizeCountry("Phillipines"), "Philippines", "typo");
    eq(m.normalizeCountry("日本"), "Japan", "ja");
    eq(m.lookupCountry("🇧🇷")?.numeric, "076", "flag");
    eq(m.countryFromTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone) === null || true, true, "tz");
    eq(m.countryFromTimeZone("America/Sao_Paulo"), "BR", "tz");
    eq(m.countryFromLocale(navigator.language) === null || /^[A-Z]{2}$/.test(m.countryFromLocale(navigator.language)), true, "navigator.language");
    eq(m.countryFromLocale("pt-BR"), "BR", "locale");
    for (const v of [undefined, null, 5, {}, Symbol("x"), { toString() { throw 1; } }, 1n]) {
      eq(m.normalizeCountry(v), null, `hostile ${typeof v}`);
      eq(m.lookupCountry(v), null, `hostile ${typeof v}`);
    }
    const tsv = async (f) => (await (await fetch(`/data/country/tests/${f}`)).text()).split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split("\t"));
    let right = 0, wrong = 0;
    const messy = await tsv("messy.tsv");
    for (const [input, want] of messy) { const got = m.normalizeCountry(input, "alpha2"); if (got === want) right++; else if (got !== null) wrong++; }
    let accepted = 0;
    for (const [input] of await tsv("reject.tsv")) if (m.normalizeCountry(input) !== null) accepted++;
    eq(m.normalizeCountry("États-Unis"), "United States", "README example");
    const { roundTrip } = await import("/tests/country/roundtrip.mjs");
    const t0 = performance.now();
    eq(m.normalizeCountry("Ουτοπία"), null, "Greek unknown");
    const greekFirst = performance.now() - t0;
    const rt = roundTrip(m.normalizeCountry, candidates, codes);
    return { fails, right, wrong, total: messy.length, accepted, rt, greekFirst, ua: navigator.userAgent };
  }, [candidates, codes]);
  const { explainedKeys } = await import("./roundtrip.mjs");
  const explained = explainedKeys(await readFile(path.join(root, "tests/country/intl-explained.tsv"), "utf8"));
  const pct = (t) => `${t.right}/${t.total} (${((100 * t.right) / t.total).toFixed(2)}%), ${t.wrong} wrong`;
  const rt = out.rt;
  console.log(`chromium Intl round trip (${out.ua.match(/Chrome\/[\d.]+/)?.[0]}): ${rt.locales} locales; top-40 languages ${pct(rt.top)}; all ${pct(rt.all)}; first Greek miss ${out.greekFirst.toFixed(0)} ms`);
  for (const [k, locs] of rt.wrong) {
    console.log(`chromium wrong: ${k.replace(/\t/g, " | ")} [${locs.join(" ")}]${explained.has(k) ? "" : "  (NOT EXPLAINED)"}`);
    if (!explained.has(k)) out.fails.push(`unexplained round-trip answer ${k}`);
  }
  if (rt.locales < 100) out.fails.push(`only ${rt.locales} locales`);
  if (rt.top.right < rt.top.total * 0.99) out.fails.push("round trip: top-40 languages under 99%");
  if (rt.all.right < rt.all.total * 0.97) out.fails.push("round trip: all locales under 97%");
  console.log(`chromium: messy ${out.right}/${out.total} right, ${out.wrong} wrong; must-reject false accepts ${out.accepted}`);
  for (const f of out.fails) console.log(`FAIL ${f}`);
  failed = out.fails.length + out.wrong + out.accepted + (out.right < out.total * 0.985 ? 1 : 0);
} finally {
  await browser.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
