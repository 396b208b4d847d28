// Docs are tests: finds every example in a Markdown file that states a result, runs it against the
// built package and checks the result. The convention (COMMON.md, "Repository conventions"):
//
//   normalizeCountry("Deutschland"); // "Germany"          a claim: the value is checked
//   isPersonalEmail("bob@gmail.com"); // true  (a note)    a claim with a parenthesised note
//   const c = classifyEmail(x);       // { valid: true }   a declaration: the declared name is checked
//   await wazper.userSync(u);         // -> { ... }        illustrative, not checked
//   init();                           // loads the wasm    prose, not checked
//
// A comment after a `;`-terminated line that starts like a JS literal (a string, number, true,
// false, null, undefined, [ or {) is a claim and must parse as one literal, optionally followed by
// a "(...)" note: anything else (`"a", "b", ...`, `{ valid, kind }`) fails as ambiguous, so a
// wrong or sloppy example cannot slip through as prose. Only blocks with claims are run; they run
// whole, top to bottom, as ES modules, with `wazper` imports pointing at pkg/.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual, inspect } from "node:util";

const RUNNABLE = new Set(["js", "javascript", "mjs"]);

/** Fenced code blocks: { lang, line (1-based line of the first code line), code }. HTML blocks give
 *  the bodies of their <script type="module"> elements, as module code. */
export function extractBlocks(markdown) {
  const lines = markdown.split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^\s*(`{3,}|~{3,})\s*([\w-]*)/);
    if (!open) continue;
    const fence = open[1];
    const lang = open[2].toLowerCase();
    let j = i + 1;
    while (j < lines.length && !lines[j].trim().startsWith(fence)) j++;
    const body = lines.slice(i + 1, j);
    if (RUNNABLE.has(lang)) blocks.push({ lang: "js", line: i + 2, code: body.join("\n") });
    if (lang === "html") {
      for (let k = 0; k < body.length; k++) {
        if (!/<script\b[^>]*type=["']module["'][^>]*>/.test(body[k])) continue;
        const start = k;
        const first = body[k].replace(/^.*?<script\b[^>]*>/, "");
        const code = [];
        let rest = first;
        while (k < body.length && !rest.includes("</script>")) {
          code.push(rest);
          k++;
          rest = body[k] ?? "</script>";
        }
        code.push(rest.replace(/<\/script>.*$/, ""));
        blocks.push({ lang: "html-module", line: i + 2 + start, code: code.join("\n") });
      }
    }
    i = j;
  }
  return blocks;
}

/** Splits a line into code and its trailing `//` comment, ignoring `//` inside strings. */
export function splitComment(line) {
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "/" && line[i + 1] === "/") return { code: line.slice(0, i), comment: line.slice(i + 2) };
  }
  return { code: line, comment: null };
}

class LiteralError extends Error {}

/** Parses one JS literal at the start of `s`: returns { value, rest } or throws LiteralError. */
export function parseLiteral(s) {
  let i = 0;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const fail = (why) => {
    throw new LiteralError(`${why} at "${s.slice(i, i + 20)}"`);
  };
  function value() {
    ws();
    const c = s[i];
    if (c === '"' || c === "'") return string();
    if (c === "[") {
      i++;
      const out = [];
      for (;;) {
        ws();
        if (s[i] === "]") return i++, out;
        out.push(value());
        ws();
        if (s[i] === ",") i++;
        else if (s[i] !== "]") fail("expected , or ]");
      }
    }
    if (c === "{") {
      i++;
      const out = {};
      for (;;) {
        ws();
        if (s[i] === "}") return i++, out;
        let key;
        if (s[i] === '"' || s[i] === "'") key = string();
        else {
          const m = s.slice(i).match(/^[A-Za-z_$][\w$]*/);
          if (!m) fail("expected a key");
          key = m[0];
          i += key.length;
        }
        ws();
        if (s[i] !== ":") fail(`expected ":" after key ${key} (shorthand is not a literal)`);
        i++;
        out[key] = value();
        ws();
        if (s[i] === ",") i++;
        else if (s[i] !== "}") fail("expected , or }");
      }
    }
    const num = s.slice(i).match(/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/);
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    for (const [word, v] of [["true", true], ["false", false], ["null", null], ["undefined", undefined]]) {
      if (s.startsWith(word, i) && !/[\w$]/.test(s[i + word.length] ?? "")) {
        i += word.length;
        return v;
      }
    }
    fail("expected a literal");
  }
  function string() {
    const q = s[i];
    let j = i + 1;
    let raw = "";
    while (j < s.length && s[j] !== q) {
      if (s[j] === "\\") raw += s[j++];
      raw += s[j++];
    }
    if (j >= s.length) fail("unterminated string");
    i = j + 1;
    // Single-quoted: the escapes JSON shares with JS; an unescaped " needs one for JSON.parse.
    const json = q === '"' ? raw : raw.replace(/\\'/g, "'").replace(/"/g, '\\"');
    try {
      return JSON.parse(`"${json}"`);
    } catch {
      fail("bad string escape");
    }
  }
  const v = value();
  return { value: v, rest: s.slice(i) };
}

const LITERAL_START = /^\s*(["'[{\d-]|\.\d|(true|false|null|undefined)\b)/;

/** The claim a line makes: null (none), { code, expected, decl } or { error }. */
export function claimOf(line) {
  const { code, comment } = splitComment(line);
  if (comment === null) return null;
  const stmt = code.trim();
  if (!stmt.endsWith(";") || stmt.startsWith("//")) return null;
  const text = comment.trim();
  if (text.startsWith("->") || !LITERAL_START.test(text)) return null;
  let parsed;
  try {
    parsed = parseLiteral(text);
  } catch (e) {
    if (!(e instanceof LiteralError)) throw e;
    return { error: `the comment "// ${text}" starts like a result but is not one JS literal (${e.message}); state the exact value, or write "// -> ..." for illustrative output` };
  }
  const rest = parsed.rest.trim();
  if (rest !== "" && !(rest.startsWith("(") && rest.endsWith(")"))) {
    return { error: `the comment "// ${text}" has "${rest}" after its value; only a "(...)" note may follow, or write "// -> ..." for illustrative output` };
  }
  const expr = stmt.slice(0, -1).trim();
  const decl = expr.match(/^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=/);
  return { code: expr, expected: parsed.value, decl: decl ? decl[1] : null };
}

/** Plain data for comparison: objects from the package may have other prototypes. */
function plain(v) {
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object" && !(v instanceof Promise)) {
    const out = {};
    for (const k of Object.keys(v)) out[k] = plain(v[k]);
    return out;
  }
  return v;
}

/** `import ... from "wazper[/sub]"` pointed at the built package (pkg/package.json "exports", Node
 *  conditions). `wazper/web` gets a shim whose init() defaults to the .wasm bytes from disk:
 *  Node's fetch cannot load the file: URL the browser entry would fetch. */
export function packageResolver(pkgDir, scratchDir) {
  const manifest = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  const pick = (entry) => {
    if (typeof entry === "string") return entry;
    for (const cond of ["node", "import", "default"]) if (entry?.[cond]) return pick(entry[cond]);
    return null;
  };
  const url = (rel) => pathToFileURL(path.join(pkgDir, rel)).href;
  return (spec) => {
    if (spec !== "wazper" && !spec.startsWith("wazper/")) return null;
    const sub = spec === "wazper" ? "." : "./" + spec.slice("wazper/".length);
    const target = pick(manifest.exports?.[sub]);
    if (!target) throw new Error(`${spec} is not exported by the package`);
    if (sub !== "./web") return url(target);
    const shim = path.join(scratchDir, "web-shim.mjs");
    writeFileSync(
      shim,
      `import init0 from ${JSON.stringify(url(target))};\n` +
        `import { readFileSync } from "node:fs";\n` +
        `export * from ${JSON.stringify(url(target))};\n` +
        `export default (options) => init0(options ?? { module_or_path: readFileSync(new URL(${JSON.stringify(url("wazper_bg.wasm"))})) });\n`,
    );
    return pathToFileURL(shim).href;
  };
}

let counter = 0;

/**
 * Runs every claim of one Markdown file. Returns [{ file, line, code, ok, message }] for each claim
 * (ambiguous claims and blocks that throw are failures too).
 */
export async function checkMarkdown(file, { resolve, scratchDir, label = file }) {
  const results = [];
  const blocks = extractBlocks(readFileSync(file, "utf8"));
  for (const block of blocks) {
    const lines = block.code.split("\n");
    const claims = [];
    const out = lines.map((line, k) => {
      const claim = claimOf(line);
      const where = `${label}:${block.line + k}`;
      if (!claim) return line;
      if (claim.error) {
        results.push({ where, code: line.trim(), ok: false, message: claim.error });
        return line;
      }
      const n = claims.push({ where, ...claim }) - 1;
      const value = claim.decl ? `${claim.code}; globalThis.__docsCheck(${n}, ${claim.decl})` : `globalThis.__docsCheck(${n}, (${claim.code}))`;
      return value + ";";
    });
    if (claims.length === 0) continue;
    const source = out
      .join("\n")
      .replace(/(\bfrom\s*|\bimport\s*\(?\s*)(["'])(wazper(?:\/[\w./-]+)?)\2/g, (m, pre, q, spec) => {
        const target = resolve(spec);
        return target ? `${pre}${JSON.stringify(target)}` : m;
      });
    const seen = new Map();
    globalThis.__docsCheck = (n, actual) => seen.set(n, actual);
    const modFile = path.join(scratchDir, `block-${process.pid}-${++counter}.mjs`);
    writeFileSync(modFile, source);
    let thrown = null;
    try {
      await import(pathToFileURL(modFile).href);
    } catch (e) {
      thrown = e;
    }
    claims.forEach((c, n) => {
      if (!seen.has(n)) {
        results.push({ where: c.where, code: c.code, ok: false, message: `did not run: the block threw ${thrown ? inspect(thrown) : "nothing"} before this line` });
        return;
      }
      const actual = plain(seen.get(n));
      const ok = isDeepStrictEqual(actual, c.expected);
      results.push({
        where: c.where,
        code: c.code,
        ok,
        message: ok ? "ok" : `gives ${inspect(actual, { depth: 5 })}, the docs say ${inspect(c.expected, { depth: 5 })}`,
      });
    });
  }
  return results;
}

/** The Markdown files whose examples are checked: README.md, pkg-template/README.md, examples/**\/README.md. */
export function docFiles(root, listDir) {
  const files = ["README.md", "pkg-template/README.md"];
  const walk = (rel) => {
    for (const entry of listDir(path.join(root, rel))) {
      const sub = path.join(rel, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") walk(sub);
      else if (entry.name === "README.md") files.push(sub);
    }
  };
  walk("examples");
  return files;
}

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Sends the package's requests for https://api.wazper.com to `baseUrl` (an emulator), so README
 *  examples with the default base URL run offline. Returns the function that undoes it. */
export function routeApiTo(baseUrl) {
  const realFetch = globalThis.fetch;
  const api = "https://api.wazper.com";
  globalThis.fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url === api || url.startsWith(api + "/")) {
      const local = baseUrl.replace(/\/$/, "") + url.slice(api.length);
      return realFetch(typeof input === "string" || input instanceof URL ? local : new Request(local, input), init);
    }
    return realFetch(input, init);
  };
  return () => {
    globalThis.fetch = realFetch;
  };
}
