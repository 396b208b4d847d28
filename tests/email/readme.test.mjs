// The email examples of the npm README (pkg-template/README.md) run against the built package: each
// `expr; // value` line must give that value. (The docs-as-tests harness checks every README; this
// keeps the email sections honest on their own, in a fresh instance.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "../../scripts/email-sources.mjs";

const readme = readFileSync(join(root, "pkg-template/README.md"), "utf8");
const entry = (f) => JSON.stringify(pathToFileURL(join(root, "pkg", f)).href);

/** The first ```js block after a heading. */
function block(heading) {
  const at = readme.indexOf(heading);
  assert.ok(at >= 0, `README has no "${heading}"`);
  const m = readme.slice(at).match(/```js\n([\s\S]*?)```/);
  assert.ok(m, `no js block after "${heading}"`);
  return m[1];
}

/** The JS literal a `// value` comment starts with ({...}, [...], "...", a number, true/false/null). */
function literal(comment) {
  const c = comment.trim();
  const close = { "{": "}", "[": "]" }[c[0]];
  if (close) return c.slice(0, c.indexOf(close) + 1);
  if (c[0] === '"') return c.slice(0, c.indexOf('"', 1) + 1);
  return c.split(/\s/)[0];
}

/** The block as a module: imports pointed at pkg/, each checked line an assertion. */
function toModule(code) {
  const out = [`import assert from "node:assert/strict";`];
  let checks = 0;
  for (const line of code.split("\n")) {
    const m = line.match(/^(.*?);\s*\/\/\s*(.*)$/);
    if (/^import /.test(line)) out.push(line.replace(/from "wazper\/disposable"/, `from ${entry("disposable-node.js")}`).replace(/from "wazper"/, `from ${entry("node.js")}`));
    else if (m && !m[2].startsWith("->")) {
      out.push(`assert.deepStrictEqual(${m[1]}, ${literal(m[2])}, ${JSON.stringify(line.trim())});`);
      checks++;
    } else out.push(line);
  }
  return { source: out.join("\n"), checks };
}

for (const heading of ["### The personal-email detector's lists", "### The full disposable list: `wazper/disposable`"]) {
  test(`README: ${heading.replace(/^### /, "")}`, async () => {
    const { source, checks } = toModule(block(heading));
    assert.ok(checks >= 2, `${checks} checked lines`);
    await import(`data:text/javascript,${encodeURIComponent(source)}`);
  });
}
