//! Lists that live in two languages and must not drift apart:
//! - the error codes: `ErrorCode` (src/error.rs), the `WazperErrorCode` union (pkg-template/index.d.ts)
//!   and the contract's table (docs/contract.md);
//! - pkg-template/fast.js's constants: its input limit against the wasm shell's, its format names
//!   against `country::Format` and the `CountryFormat` type.
//!
//! The Rust side is read through the crate where it is public and, for the wasm32-only shell, from
//! its source; the JS and TS sides from their files. Each reader fails loudly when it finds nothing,
//! so a moved constant cannot make a check pass vacuously.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use wazper::country::Format;
use wazper::ErrorCode;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

/// Every `ErrorCode`, from one list that the compiler checks is complete: adding a variant without
/// adding it here fails to build (the match has no wildcard).
macro_rules! all_codes {
    ($($v:ident),* $(,)?) => {{
        fn exhaustive(c: ErrorCode) {
            match c { $(ErrorCode::$v)|* => {} }
        }
        let _ = exhaustive;
        [$(ErrorCode::$v),*]
    }};
}

fn rust_codes() -> BTreeSet<&'static str> {
    let all = all_codes!(
        EmailRequired,
        CountryRequired,
        InvalidCountry,
        MissingFields,
        InvalidEmail,
        InvalidArgument,
        ApiKeyNotLinked,
        ApiKeyRequired,
        InvalidApiKey,
        InvalidOrganization,
        NoCredits,
        WazDisabled,
        NotFound,
        DuplicateEmail,
        RateLimited,
        ServerError,
        HttpError,
        NetworkError,
        Timeout,
        Aborted,
        InvalidResponse,
        BrowserKeyExposure,
        InsecureBaseUrl,
    );
    let set: BTreeSet<&str> = all.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        set.len(),
        all.len(),
        "two ErrorCode variants share a string"
    );
    set
}

/// The string literals of a TypeScript union type `export type NAME = | "a" | "b";`.
fn ts_union(dts: &str, name: &str) -> BTreeSet<String> {
    let head = format!("export type {name} =");
    let start = dts
        .find(&head)
        .unwrap_or_else(|| panic!("no `{head}` in the .d.ts"));
    let body = &dts[start + head.len()..];
    let body = &body[..body.find(';').expect("the union ends with ';'")];
    let mut out = BTreeSet::new();
    for part in body.split('|') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let lit = part
            .strip_prefix('"')
            .and_then(|p| p.strip_suffix('"'))
            .unwrap_or_else(|| panic!("{name}: `{part}` is not a string literal"));
        assert!(
            out.insert(lit.to_string()),
            "{name}: \"{lit}\" listed twice"
        );
    }
    assert!(!out.is_empty(), "{name}: empty union");
    out
}

/// The codes of docs/contract.md's "Errors" table (first column, rows after the header).
fn contract_codes(md: &str) -> BTreeSet<String> {
    let start = md
        .find("## Errors")
        .expect("docs/contract.md has an Errors section");
    let section = &md[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let mut out = BTreeSet::new();
    for line in section.lines().filter(|l| l.starts_with('|')) {
        let cell = line
            .trim_matches('|')
            .split('|')
            .next()
            .unwrap_or("")
            .trim();
        if cell == "code" || cell.chars().all(|c| c == '-') {
            continue;
        }
        assert!(
            out.insert(cell.to_string()),
            "contract: {cell} listed twice"
        );
    }
    out
}

#[test]
fn typescript_error_codes_equal_error_code() {
    let rust: BTreeSet<String> = rust_codes().into_iter().map(String::from).collect();
    let ts = ts_union(&read("pkg-template/index.d.ts"), "WazperErrorCode");
    assert_eq!(
        ts, rust,
        "pkg-template/index.d.ts WazperErrorCode vs src/error.rs ErrorCode"
    );
}

#[test]
fn contract_error_codes_equal_error_code() {
    let rust: BTreeSet<String> = rust_codes().into_iter().map(String::from).collect();
    let doc = contract_codes(&read("docs/contract.md"));
    assert_eq!(
        doc, rust,
        "docs/contract.md Errors table vs src/error.rs ErrorCode"
    );
}

/// `const NAME = <integer>;` in a JS file.
fn js_const(js: &str, name: &str) -> u64 {
    let head = format!("const {name} = ");
    let start = js
        .find(&head)
        .unwrap_or_else(|| panic!("no `{head}` in fast.js"));
    let rest = &js[start + head.len()..];
    let lit = &rest[..rest.find(';').expect("';' after the constant")];
    lit.replace('_', "")
        .parse()
        .unwrap_or_else(|_| panic!("fast.js {name} = {lit} is not an integer"))
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The value of `const NAME: T = EXPR;` (EXPR an integer or `a * b`) wherever it is declared under
/// src/wasm/, with the file it was found in. Panics when it is declared nowhere or twice with
/// different values.
fn wasm_const(name: &str) -> (u64, String) {
    let mut files = Vec::new();
    rust_files(&root().join("src/wasm"), &mut files);
    files.sort();
    let mut found: Vec<(u64, String)> = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable");
        let mut rest = text.as_str();
        let head = format!("const {name}: ");
        while let Some(i) = rest.find(&head) {
            let after = &rest[i + head.len()..];
            let expr =
                &after[after.find('=').expect("'=' in a const") + 1..after.find(';').expect("';'")];
            let value = expr
                .split('*')
                .map(|t| t.trim().replace('_', "").parse::<u64>())
                .try_fold(1u64, |acc, t| t.ok().map(|t| acc * t))
                .unwrap_or_else(|| panic!("{name} = {expr}: not an integer product"));
            found.push((
                value,
                f.strip_prefix(root()).unwrap_or(&f).display().to_string(),
            ));
            rest = after;
        }
    }
    let (first, _) = found.first().cloned().unwrap_or_else(|| {
        panic!("`const {name}` is declared nowhere under src/wasm/: where did it move?")
    });
    assert!(
        found.iter().all(|(v, _)| *v == first),
        "{name} declared with different values: {found:?}"
    );
    found.swap_remove(0)
}

#[test]
fn fast_js_input_limit_equals_the_shell() {
    let fast = read("pkg-template/fast.js");
    let max = js_const(&fast, "MAX");
    // The contract's figure: inputs over 4,096 UTF-16 units are answered without being copied.
    assert_eq!(max, 4096, "fast.js MAX");
    let (shell_max, where_max) = wasm_const("MAX_INPUT");
    assert_eq!(max, shell_max, "fast.js MAX vs MAX_INPUT in {where_max}");
    // The scratch area fast.js writes into holds MAX units at 3 UTF-8 bytes each (one UTF-16 unit
    // never takes more), and fast.js bounds its writes with the same product.
    let (scratch, where_scratch) = wasm_const("SCRATCH_LEN");
    assert_eq!(
        scratch,
        3 * max,
        "SCRATCH_LEN in {where_scratch} vs 3 * fast.js MAX"
    );
    assert!(
        fast.contains("scratch + 3 * MAX"),
        "fast.js no longer bounds its writes by 3 * MAX"
    );
}

#[test]
fn fast_js_formats_equal_the_rust_ones() {
    // fast.js names each format it caches: `format === "alpha2"` and the like.
    let fast = read("pkg-template/fast.js");
    let mut js = BTreeSet::new();
    for piece in fast.split("format === \"").skip(1) {
        js.insert(piece[..piece.find('"').expect("closing quote")].to_string());
    }
    let ts = ts_union(&read("pkg-template/index.d.ts"), "CountryFormat");
    assert_eq!(js, ts, "fast.js's format names vs index.d.ts CountryFormat");
    // Each name parses on the Rust side, to a different format, and together they cover all.
    let parsed: Vec<Format> = js
        .iter()
        .map(|n| {
            Format::parse(n).unwrap_or_else(|| {
                panic!("fast.js format {n:?}: country::Format::parse rejects it")
            })
        })
        .collect();
    let covered = |f: Format| parsed.contains(&f);
    let all = [Format::Name, Format::Alpha2, Format::Alpha3];
    // Exhaustive on purpose: a new Format variant must be added to `all` (and to fast.js).
    for f in all {
        match f {
            Format::Name | Format::Alpha2 | Format::Alpha3 => {
                assert!(covered(f), "{f:?} has no name in fast.js")
            }
        }
    }
    assert_eq!(parsed.len(), all.len(), "fast.js names a format twice");
    // And nothing near a name parses: the match is exact, as the contract says.
    for near in ["Name", "ALPHA2", " alpha3", "alpha-2", ""] {
        assert_eq!(Format::parse(near), None, "{near:?}");
    }
}

#[test]
fn readers_fail_on_what_they_cannot_find() {
    let missing =
        std::panic::catch_unwind(|| ts_union("export type Other = \"a\";", "WazperErrorCode"));
    assert!(missing.is_err());
    let not_literal =
        std::panic::catch_unwind(|| ts_union("export type X = | \"a\" | string;", "X"));
    assert!(not_literal.is_err());
    assert_eq!(
        ts_union("export type X =\n  | \"a\"\n  | \"b\";", "X"),
        BTreeSet::from(["a".to_string(), "b".to_string()])
    );
    assert_eq!(js_const("const MAX = 4_096;", "MAX"), 4096);
    assert!(std::panic::catch_unwind(|| js_const("let MAX = 1;", "MAX")).is_err());
    assert!(std::panic::catch_unwind(|| wasm_const("NO_SUCH_CONSTANT_ANYWHERE")).is_err());
    let table =
        "## Errors\n| code | when |\n|---|---|\n| a | x |\n| b | y |\n## Retries\n| c | z |\n";
    assert_eq!(
        contract_codes(table),
        BTreeSet::from(["a".to_string(), "b".to_string()])
    );
}
