// Coverage of the built package (pkg/, Node entry) on the public lists themselves
// (scripts/email-sources.mjs), and wazper/disposable's loader in Node:
//   - consumer domains that two public lists agree on (the three the table is built from and
//     free-email-domains-list, which nothing is built from) are personal: >= 99.5%;
//   - the company test set is never personal or disposable, before and after loadDisposableDomains();
//   - with the full list loaded, >= 99% of the domains two disposable lists agree on are disposable.
// Figures are printed (`# ...`) for the record; bench/email.mjs has the timings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_CONSUMER, DISPOSABLE, HELD_OUT, lines, loadList, root } from "../../scripts/email-sources.mjs";

const w = await import(pathToFileURL(join(root, "pkg/node.js")).href);
const { loadDisposableDomains } = await import(pathToFileURL(join(root, "pkg/disposable-node.js")).href);

const company = lines("data/email/company-domains.txt");
const exceptions = lines("data/email/exceptions.tsv").map((l) => l.split("\t"));
const reviewedWork = new Set(exceptions.filter(([, k]) => k === "work").map(([d]) => d));
const INSTITUTION = /(^|\.)(edu|gov|mil|int)$|(^|\.)(ac|edu|gov|gob|gouv|govt|go|mil|k12)\.[a-z]{2}$|\.edu\.[a-z]{2}\.[a-z]{2}$/;

/** Domains at least two of `lists` hold. */
function agreed(lists) {
  const count = new Map();
  for (const l of lists) for (const d of l.domains) count.set(d, (count.get(d) ?? 0) + 1);
  return [...count].filter(([, n]) => n >= 2).map(([d]) => d);
}
const pct = (a, b) => `${((100 * a) / b).toFixed(2)}%`;

const consumerLists = [...BUILD_CONSUMER, ...HELD_OUT].map(loadList);
const heldOut = consumerLists.at(-1);
const disposableLists = DISPOSABLE.map(loadList);

function companyHits() {
  const hits = [];
  for (const d of company)
    for (const e of [`jane.doe@${d}`, `x@mail.${d}`, `J <J@${d.toUpperCase()}>`]) {
      const c = w.classifyEmail(e);
      if (c.kind !== "work" || w.isPersonalEmail(e)) hits.push(`${e}: ${c.kind}`);
    }
  return hits;
}

test("company test set: 1,000+ domains, none personal or disposable", () => {
  assert.ok(company.length >= 1000, `${company.length} company domains`);
  assert.deepEqual(companyHits(), []);
});

test("consumer domains two public lists agree on are personal (>= 99.5%)", () => {
  const all = agreed(consumerLists);
  // Left out on purpose, never counted as consumer domains: universities, governments and the
  // reviewed company domains (data/email/exceptions.tsv "work").
  const reviewed = all.filter((d) => INSTITUTION.test(d) || reviewedWork.has(d));
  const rest = all.filter((d) => !INSTITUTION.test(d) && !reviewedWork.has(d));
  const missed = rest.filter((d) => !w.isPersonalEmail(`someone@${d}`));
  const hit = rest.length - missed.length;
  console.log(`# consumer: ${pct(hit, rest.length)} of ${rest.length} agreed domains personal (${reviewed.length} institutions / reviewed company domains left out); missed: ${missed.slice(0, 20).join(" ")}`);
  // On what the held-out list agrees on with each other list.
  for (const other of consumerLists.slice(0, -1)) {
    const both = [...heldOut.domains].filter((d) => other.domains.has(d) && !INSTITUTION.test(d) && !reviewedWork.has(d));
    const ok = both.filter((d) => w.isPersonalEmail(`someone@${d}`)).length;
    console.log(`# consumer, held-out ${heldOut.name} x ${other.name}: ${pct(ok, both.length)} of ${both.length}`);
  }
  assert.ok(hit >= 0.995 * rest.length, `${pct(hit, rest.length)}: ${missed.slice(0, 50).join(" ")}`);
});

const disposableAgreed = agreed(disposableLists);
const disposableShare = () => disposableAgreed.filter((d) => w.classifyEmail(`x@${d}`).kind === "disposable").length;

test("wazper/disposable: the full list loads once and covers >= 99% of what two disposable lists agree on", async () => {
  const before = disposableShare();
  const t0 = performance.now();
  const added = await loadDisposableDomains();
  const ms = performance.now() - t0;
  assert.ok(added > 100_000, `added ${added}`);
  assert.equal(await loadDisposableDomains(), 0, "a second load adds nothing");
  const after = disposableShare();
  console.log(`# disposable: ${pct(before, disposableAgreed.length)} before, ${pct(after, disposableAgreed.length)} after loading ${added} domains (${ms.toFixed(0)} ms) of ${disposableAgreed.length} agreed`);
  assert.ok(after >= 0.99 * disposableAgreed.length, pct(after, disposableAgreed.length));
  assert.deepEqual(companyHits(), [], "company domains after loading the full list");
  // Consumer providers stay personal; an app's `work` entry still wins over the full list.
  assert.equal(w.classifyEmail("x@gmail.com").kind, "personal");
  const sample = disposableAgreed.find((d) => w.classifyEmail(`x@${d}`).kind === "disposable" && !w.classifyEmail(`x@${d}`).suggestion);
  assert.deepEqual(w.extendEmailDomains({ work: [sample] }), { added: 1, skipped: 0 });
  assert.equal(w.classifyEmail(`x@${sample}`).kind, "work");
});

test("wazper/disposable: sources it refuses", async () => {
  await assert.rejects(loadDisposableDomains(new Uint8Array([1, 2, 3])), TypeError);
  await assert.rejects(loadDisposableDomains(42), TypeError);
  await assert.rejects(loadDisposableDomains(new Response("nope", { status: 404 })), /HTTP 404/);
  assert.equal(w.isPersonalEmail("x@gmail.com"), true, "still alive");
});

test("wazper/disposable's browser file without an initialised instance: a clear error", () => {
  const script = `
    const { loadDisposableDomains } = await import(${JSON.stringify(pathToFileURL(join(root, "pkg/disposable.js")).href)});
    const bytes = (await import("node:fs")).readFileSync(${JSON.stringify(join(root, "pkg/disposable-domains.bin"))});
    try { await loadDisposableDomains(bytes); console.log("loaded"); } catch (e) { console.log(e.message); }`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  assert.match(out, /import "wazper" \(or await init\(\) from "wazper\/web"\) first/);
});
