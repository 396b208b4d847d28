// Property test of extendEmailDomains through the Node entry: random lists of valid, near-valid and
// junk entries. Every entry is counted once (added or skipped); afterwards each valid domain reads as
// the kind its last entry gave, from classifyEmail and isPersonalEmail alike; company domains nobody
// listed stay work. Seeded: JUNK_SEED replays a run, JUNK_ITERATIONS sets its length.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { lines, root } from "../../scripts/email-sources.mjs";
import { seededRandom } from "../support/random.mjs";

const w = await import(pathToFileURL(join(root, "pkg/node.js")).href);
const { rand, pick, chance } = seededRandom("extendEmailDomains");
const iterations = Number(process.env.JUNK_ITERATIONS ?? 3000);
const company = lines("data/email/company-domains.txt");

const LABELS = ["a", "mail", "xn--bcher-kva", "bücher", "Ünï", "0", "9z", "x-y", "-bad", "bad-", "", "a_b", "😀", "COM", "example", "co", "uk"];
const JUNK = [1, null, undefined, {}, [], true, 1n, Symbol("s"), () => "a.example", new String("a.example"), "x".repeat(5000), "\uD800.example", "a@b.example", " "];
function entry() {
  if (chance(0.15)) return pick(JUNK);
  const n = 1 + Math.floor(rand() * 4);
  const s = Array.from({ length: n }, () => pick(LABELS)).join(pick([".", ".", ".", "。", ".."])) + (chance(0.1) ? "." : "");
  return chance(0.2) ? s.toUpperCase() : s;
}
const KINDS = ["personal", "disposable", "work"];

test("random lists: counted once each, last entry wins, nothing else changes", () => {
  const last = new Map(); // normalised domain -> kind
  for (let i = 0; i < iterations; i++) {
    const lists = {};
    let total = 0;
    for (const k of KINDS) {
      if (chance(0.4)) continue;
      lists[k] = Array.from({ length: Math.floor(rand() * 6) }, entry);
      total += lists[k].length;
    }
    const r = w.extendEmailDomains(lists);
    assert.equal(r.added + r.skipped, total, JSON.stringify(r));
    // Entries apply in order personal, disposable, work; valid ones are read back by their
    // normalised domain (as classifyEmail gives it).
    let valid = 0;
    for (const k of KINDS)
      for (const e of lists[k] ?? []) {
        if (typeof e !== "string" || e.length > 4096) continue;
        const c = w.classifyEmail(`x@${e.trim()}`);
        if (c.valid && !e.includes("@")) {
          valid++;
          last.set(c.domain, k);
        }
      }
    assert.equal(r.added, valid, JSON.stringify(lists, (_, v) => (typeof v === "bigint" || typeof v === "symbol" ? String(v) : v)));
  }
  for (const [d, k] of last) {
    assert.equal(w.classifyEmail(`x@${d}`).kind, k, d);
    assert.equal(w.isPersonalEmail(`x@${d}`), k !== "work", d);
  }
  console.log(`# ${last.size} distinct domains added over ${iterations} calls`);
  // A disposable entry covers its subdomains (a random "co.uk" takes barclays.co.uk along): only
  // company domains with no entry on themselves or a parent must still be work.
  const listedAbove = (d) => d.split(".").some((_, i, p) => last.has(p.slice(i).join(".")));
  for (const d of company) if (!listedAbove(d)) assert.equal(w.classifyEmail(`x@${d}`).kind, "work", d);
});
