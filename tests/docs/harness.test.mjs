// The docs harness itself: a true example passes, a false or ambiguous one fails, illustrative
// output and prose are left alone, and client calls in examples reach an emulator.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot, startEmulator } from "../support/emulator.mjs";
import { checkMarkdown, claimOf, ensureDir, extractBlocks, packageResolver, parseLiteral, routeApiTo } from "./harness.mjs";

const scratch = ensureDir(path.join(process.env.WAZPER_SCRATCH ?? path.join(repoRoot, ".scratch"), "docs-self"));
const resolve = packageResolver(path.join(repoRoot, "pkg"), scratch);

async function check(markdown) {
  const file = path.join(scratch, `fixture-${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(file, markdown);
  return checkMarkdown(file, { resolve, scratchDir: scratch, label: "fixture.md" });
}

const fence = "```";

test("literals: what a comment may state", () => {
  assert.deepEqual(parseLiteral(`{ name: "Japan", alpha2: 'JP', "n": [1, -2.5, 1e3], x: null, y: undefined, }`).value, {
    name: "Japan", alpha2: "JP", n: [1, -2.5, 1000], x: null, y: undefined,
  });
  assert.deepEqual(parseLiteral(`"a\\"b" (note)`), { value: 'a"b', rest: " (note)" });
  assert.equal(parseLiteral(`'it\\'s "x"'`).value, `it's "x"`);
  assert.throws(() => parseLiteral("{ valid, kind }"));
});

test("claims: which lines are checked", () => {
  assert.deepEqual(claimOf(`f("a"); // "b"`), { code: `f("a")`, expected: "b", decl: null });
  assert.deepEqual(claimOf(`isX(1);   // true  (free mailboxes)`), { code: "isX(1)", expected: true, decl: null });
  assert.deepEqual(claimOf(`const c = f(); // 3`), { code: "const c = f()", expected: 3, decl: "c" });
  assert.equal(claimOf(`await init(); // fetches the wasm; once`), null);
  assert.equal(claimOf(`x; // -> { anything: ... }`), null);
  assert.equal(claimOf(`new C({ baseUrl: "https://a.example//b" }); // no apiKey`), null);
  assert.equal(claimOf(`// "just a comment"`), null);
  assert.equal(claimOf(`if (x) f(); // null when absent`).error !== undefined, true);
  assert.ok(claimOf(`err.code; // "a", "b", ...`).error.includes("after its value"));
  assert.ok(claimOf(`f(); // { valid, kind: "work" }`).error.includes("not one JS literal"));
});

test("blocks: js fences and module scripts in html fences", () => {
  const blocks = extractBlocks(`# t\n${fence}js\na; // 1\n${fence}\n${fence}html\n<p>\n<script type="module">\n  b; // 2\n</script>\n${fence}\n${fence}ts\nc; // 3\n${fence}\n`);
  assert.deepEqual(blocks.map((b) => [b.lang, b.line, b.code.trim()]), [
    ["js", 3, "a; // 1"],
    ["html-module", 7, "b; // 2"],
  ]);
});

test("a true example passes, a false one fails with its line", async () => {
  const results = await check(
    `# x\n\n${fence}js\nimport { normalizeCountry, lookupCountry } from "wazper";\n` +
      `normalizeCountry("Deutschland"); // "Germany"\n` +
      `normalizeCountry("Deutschland"); // "France"\n` +
      `const j = lookupCountry("japan"); // { name: "Japan", alpha2: "JP", alpha3: "JPN", numeric: "392" }\n` +
      `${fence}\n`,
  );
  assert.deepEqual(results.map((r) => [r.where, r.ok]), [
    ["fixture.md:5", true],
    ["fixture.md:6", false],
    ["fixture.md:7", true],
  ]);
  assert.match(results[1].message, /gives 'Germany', the docs say 'France'/);
});

test("an example whose block throws fails, and so does an ambiguous one", async () => {
  const results = await check(`${fence}js\nimport { isPersonalEmail } from "wazper";\nundefinedThing();\nisPersonalEmail("a@gmail.com"); // true\nisPersonalEmail("a@gmail.com"); // true, false\n${fence}\n`);
  assert.deepEqual(results.map((r) => r.ok), [false, false]);
  assert.ok(results.some((r) => /did not run: .*ReferenceError/s.test(r.message)));
});

test("wazper/web examples run through init()", async () => {
  const results = await check(`${fence}html\n<script type="module">\n  import init, { normalizeCountry } from "wazper/web";\n  await init();\n  normalizeCountry("us", "alpha3"); // "USA"\n</script>\n${fence}\n`);
  assert.deepEqual(results.map((r) => r.ok), [true]);
});

let emulator;
let unroute;
before(async () => {
  emulator = await startEmulator();
  unroute = routeApiTo(emulator.url);
});
after(() => {
  unroute?.();
  return emulator?.stop();
});

test("client calls in examples run against the emulator, default base URL included", async () => {
  const results = await check(
    `${fence}js\nimport { WazperClient, WazperError, listColleagues } from "wazper";\n` +
      `const wazper = new WazperClient({ apiKey: "demo_key" });\n` +
      `await wazper.userSync({ email: "bob@gmail.com", country: "FR" }); // { success: true, status: "skipped", reason: "personal_email" }\n` +
      `await wazper.listColleagues("nobody@acme.example"); // []\n` +
      `const e = await listColleagues({ apiKey: "unlinked_key" }, "a@acme.example").catch((e) => e);\n` +
      `e instanceof WazperError; // true\n` +
      `[e.code, e.status]; // ["api_key_not_linked", 400]\n` +
      `await wazper.listColleagues("nobody@acme.example"); // [{}]\n` +
      `${fence}\n`,
  );
  assert.deepEqual(results.map((r) => [r.where, r.ok]), [
    ["fixture.md:4", true],
    ["fixture.md:5", true],
    ["fixture.md:7", true],
    ["fixture.md:8", true],
    ["fixture.md:9", false],
  ]);
});
