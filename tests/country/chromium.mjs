// The country helpers in headless Chromium: the --target web package loaded as an ES module.
import http from "node:http";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import os from "node:os";
import { chromium } from "playwright-core";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".tsv": "text/plain; charset=utf-8", ".html": "text/html" };
const server = http.createServer(async (req, res) => {
  const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (rel === "/") return res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>country</title>");
  if (!/^\/(pkg|data\/country\/tests)\/[\w.-]+$/.test(rel)) return res.writeHead(404).end();
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
  const out = await page.evaluate(async () => {
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
    return { fails, right, wrong, total: messy.length, accepted };
  });
  console.log(`chromium: messy ${out.right}/${out.total} right, ${out.wrong} wrong; must-reject false accepts ${out.accepted}`);
  for (const f of out.fails) console.log(`FAIL ${f}`);
  failed = out.fails.length + out.wrong + out.accepted + (out.right < out.total * 0.9 ? 1 : 0);
} finally {
  await browser.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
