//! The crate-internal import graphs of `wazper` (src/) and `wazper-emulator` (emulator/src/) have no
//! cycles: a change to one module must not ripple back into the modules it depends on.
//!
//! Nodes are source files (one per module; inline `mod tests { .. }` blocks belong to their file).
//! An edge A -> B is any path in A that resolves into a module B owns: `use crate::b::..`,
//! `super::b::..`, `self::..`, a path through a child module, or such a path written inline in code.
//! Declaring a module (`mod b;`) is not an edge, and neither is a child's use of what its own
//! parent module defines (`use super::Country` in country/data.rs): a parent is its children's
//! namespace, and `mod.rs` holding the types its children share is the layering Rust's modules are
//! built for. Cycles between siblings or across subtrees (proxy/cors <-> proxy/respond) are what
//! the rule forbids. A self-contained tokenizer skips comments, strings and char literals, so a path
//! in a doc comment or a message is not a dependency.
//!
//! Run alone: `cargo test -p wazper --test import_graph`; on another checkout (say a merge in
//! progress): `IMPORT_GRAPH_ROOT=/path/to/checkout cargo test -p wazper --test import_graph`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Open,
    Close,
    Semi,
    Other(char),
}

/// Tokens with their 1-based line numbers. Comments, strings (raw and byte ones included), char
/// literals, lifetimes and numbers produce no token.
fn tokenize(src: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = src.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let (mut i, mut line) = (0usize, 1usize);
    // Advances over c[i], counting lines.
    macro_rules! bump {
        () => {{
            if at(i) == '\n' {
                line += 1;
            }
            i += 1;
        }};
    }
    let ident_start = |ch: char| ch == '_' || ch.is_alphabetic();
    let ident_char = |ch: char| ch == '_' || ch.is_alphanumeric();
    while i < c.len() {
        let ch = at(i);
        if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && at(i) != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0usize;
            loop {
                if i >= c.len() {
                    break;
                }
                if at(i) == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if at(i) == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    bump!();
                }
            }
        } else if ch == '"' {
            bump!();
            while i < c.len() && at(i) != '"' {
                if at(i) == '\\' {
                    bump!();
                }
                bump!();
            }
            bump!();
        } else if ch == '\'' {
            if at(i + 1) == '\\' {
                // An escaped char literal: '\n', '\'', '\u{..}'. Skip the escaped char, then find the end.
                i += 3;
                while i < c.len() && at(i) != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3; // 'x'
            } else {
                // A lifetime or label: skip the quote and its name.
                i += 1;
                while ident_char(at(i)) {
                    i += 1;
                }
            }
        } else if ident_start(ch) {
            let start = i;
            while ident_char(at(i)) {
                i += 1;
            }
            let word: String = c[start..i].iter().collect(); // panic-ok: start <= i <= len
            let raw_prefix = word == "r" || word == "br";
            if raw_prefix && (at(i) == '"' || (at(i) == '#' && matches!(at(i + 1), '"' | '#'))) {
                let mut hashes = 0usize;
                while at(i) == '#' {
                    hashes += 1;
                    i += 1;
                }
                bump!(); // the opening quote
                loop {
                    if i >= c.len() {
                        break;
                    }
                    if at(i) == '"' && (1..=hashes).all(|k| at(i + k) == '#') {
                        i += 1 + hashes;
                        break;
                    }
                    bump!();
                }
            } else if word == "r" && at(i) == '#' && ident_start(at(i + 1)) {
                // A raw identifier, r#type.
                i += 1;
                let s = i;
                while ident_char(at(i)) {
                    i += 1;
                }
                out.push((Tok::Ident(c[s..i].iter().collect()), line)); // panic-ok: s <= i <= len
            } else if word == "b" && at(i) == '\'' {
                // A byte literal: the char-literal branch takes it from the quote.
            } else if word == "b" && at(i) == '"' {
                // A byte string: the string branch takes it from the quote.
            } else {
                out.push((Tok::Ident(word), line));
            }
        } else if ch.is_ascii_digit() {
            while ident_char(at(i)) {
                i += 1;
            }
        } else if ch == ':' && at(i + 1) == ':' {
            out.push((Tok::Sep, line));
            i += 2;
        } else {
            match ch {
                '{' => out.push((Tok::Open, line)),
                '}' => out.push((Tok::Close, line)),
                ';' => out.push((Tok::Semi, line)),
                c if c.is_whitespace() => {}
                c => out.push((Tok::Other(c), line)),
            }
            bump!();
        }
    }
    out
}

/// Expands a `use` tree (tokens after `use`, up to the `;`) into its paths, each as segments.
fn use_paths(toks: &[Tok]) -> Vec<Vec<String>> {
    fn tree(toks: &[Tok], i: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let mut path = prefix.to_vec();
        loop {
            match toks.get(*i) {
                Some(Tok::Ident(s)) => {
                    // `{self, ..}` in a group names the group's prefix itself.
                    if s != "self" || path.is_empty() {
                        path.push(s.clone());
                    }
                    *i += 1;
                }
                Some(Tok::Other('*')) => {
                    *i += 1;
                }
                Some(Tok::Open) => {
                    *i += 1;
                    loop {
                        match toks.get(*i) {
                            Some(Tok::Close) => {
                                *i += 1;
                                return;
                            }
                            Some(Tok::Other(',')) => *i += 1,
                            None => return,
                            _ => tree(toks, i, &path, out),
                        }
                    }
                }
                _ => break,
            }
            match toks.get(*i) {
                Some(Tok::Sep) => *i += 1,
                Some(Tok::Ident(s)) if s == "as" => {
                    *i += 2; // `as name`
                    break;
                }
                _ => break,
            }
        }
        out.push(path);
    }
    let mut out = Vec::new();
    let mut i = 0;
    tree(toks, &mut i, &[], &mut out);
    out
}

/// A source file's module path and its tokens with line numbers.
type Parsed = (Vec<String>, Vec<(Tok, usize)>);

/// A crate's modules and the files that hold them.
struct Crate {
    /// Module path ("client::options") -> file, relative to the crate's source dir.
    modules: BTreeMap<Vec<String>, PathBuf>,
    /// File -> (module path, tokens).
    files: BTreeMap<PathBuf, Parsed>,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn load(src_dir: &Path) -> Crate {
    let mut paths = Vec::new();
    rust_files(src_dir, &mut paths);
    let mut modules = BTreeMap::new();
    let mut files = BTreeMap::new();
    for p in paths {
        let rel = p.strip_prefix(src_dir).expect("under src").to_path_buf();
        // main.rs is a separate crate (a binary) that reaches the library by its name.
        if rel == Path::new("main.rs") {
            continue;
        }
        let mut segs: Vec<String> = rel
            .with_extension("")
            .iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect();
        if segs.last().is_some_and(|s| s == "mod" || s == "lib") {
            segs.pop();
        }
        let text = std::fs::read_to_string(&p).expect("readable source");
        let toks = tokenize(&text);
        // Inline modules (`mod name { .. }`) belong to their file.
        let mut stack: Vec<(String, usize)> = Vec::new();
        let mut depth = 0usize;
        for w in 0..toks.len() {
            match &toks[w].0 {
                Tok::Ident(m) if m == "mod" => {
                    if let (Some((Tok::Ident(name), _)), Some((Tok::Open, _))) =
                        (toks.get(w + 1), toks.get(w + 2))
                    {
                        let mut full = segs.clone();
                        full.extend(stack.iter().map(|(n, _)| n.clone()));
                        full.push(name.clone());
                        modules.insert(full, rel.clone());
                        stack.push((name.clone(), depth + 1));
                    }
                }
                Tok::Open => depth += 1,
                Tok::Close => {
                    depth = depth.saturating_sub(1);
                    while stack.last().is_some_and(|(_, d)| *d > depth) {
                        stack.pop();
                    }
                }
                _ => {}
            }
        }
        modules.insert(segs.clone(), rel.clone());
        files.insert(rel, (segs, toks));
    }
    Crate { modules, files }
}

/// Every edge of the crate: (from file, to file) -> the first line in `from` that makes it.
fn edges(krate: &Crate) -> BTreeMap<(PathBuf, PathBuf), usize> {
    let mut out = BTreeMap::new();
    for (file, (file_mod, toks)) in &krate.files {
        let mut stack: Vec<(String, usize)> = Vec::new();
        let mut depth = 0usize;
        let mut i = 0usize;
        while i < toks.len() {
            let (tok, line) = &toks[i];
            let mut current = file_mod.clone();
            current.extend(stack.iter().map(|(n, _)| n.clone()));
            let after_sep = i > 0 && toks[i - 1].0 == Tok::Sep;
            let mut paths: Vec<Vec<String>> = Vec::new();
            match tok {
                Tok::Ident(m) if m == "mod" => {
                    match (toks.get(i + 1), toks.get(i + 2)) {
                        (Some((Tok::Ident(name), _)), Some((Tok::Open, _))) => {
                            depth += 1;
                            stack.push((name.clone(), depth));
                            i += 3;
                        }
                        _ => i += 2, // `mod name;` declares, it does not use
                    }
                    continue;
                }
                Tok::Ident(u) if u == "use" && !after_sep => {
                    let end = toks[i..]
                        .iter()
                        .position(|(t, _)| *t == Tok::Semi)
                        .map_or(toks.len(), |p| i + p);
                    let tree: Vec<Tok> = toks[i + 1..end].iter().map(|(t, _)| t.clone()).collect();
                    paths = use_paths(&tree);
                    i = end;
                }
                Tok::Ident(first) if !after_sep => {
                    let mut segs = vec![first.clone()];
                    let mut j = i + 1;
                    while let (Some((Tok::Sep, _)), Some((Tok::Ident(s), _))) =
                        (toks.get(j), toks.get(j + 1))
                    {
                        segs.push(s.clone());
                        j += 2;
                    }
                    if segs.len() > 1 {
                        paths.push(segs);
                    }
                    i = j - 1;
                }
                Tok::Open => depth += 1,
                Tok::Close => {
                    depth = depth.saturating_sub(1);
                    while stack.last().is_some_and(|(_, d)| *d > depth) {
                        stack.pop();
                    }
                }
                _ => {}
            }
            for p in paths {
                if let Some(target) = resolve(krate, &current, &p) {
                    if &target != file {
                        out.entry((file.clone(), target)).or_insert(*line);
                    }
                }
            }
            i += 1;
        }
    }
    out
}

/// The file owning the module a path (seen in module `current`) points into, or None for paths
/// outside the crate (std, other crates, local names).
fn resolve(krate: &Crate, current: &[String], path: &[String]) -> Option<PathBuf> {
    let (first, rest) = path.split_first()?;
    let abs: Vec<String> = match first.as_str() {
        "crate" => rest.to_vec(),
        "self" => current.iter().chain(rest).cloned().collect(),
        "super" => {
            let mut base = current.to_vec();
            base.pop()?;
            let mut rest = rest;
            while let Some((s, r)) = rest.split_first() {
                if s != "super" {
                    break;
                }
                base.pop()?;
                rest = r;
            }
            base.into_iter().chain(rest.iter().cloned()).collect()
        }
        _ => {
            let mut child = current.to_vec();
            child.push(first.clone());
            if !krate.modules.contains_key(&child) {
                return None;
            }
            current.iter().chain(path).cloned().collect()
        }
    };
    (0..=abs.len())
        .rev()
        .find_map(|n| krate.modules.get(&abs[..n])) // panic-ok: n <= len
        .cloned()
}

/// Whether file `a`'s module is a strict ancestor of file `b`'s (`country/mod.rs` of `country/data.rs`).
fn is_ancestor(krate: &Crate, a: &Path, b: &Path) -> bool {
    match (krate.files.get(a), krate.files.get(b)) {
        (Some((ma, _)), Some((mb, _))) => ma.len() < mb.len() && mb.starts_with(ma),
        _ => false,
    }
}

/// Strongly connected components with more than one file (Tarjan), each sorted.
fn cycles(
    nodes: &BTreeSet<PathBuf>,
    edges: &BTreeMap<(PathBuf, PathBuf), usize>,
) -> Vec<Vec<PathBuf>> {
    let idx: BTreeMap<&PathBuf, usize> = nodes.iter().enumerate().map(|(i, n)| (n, i)).collect();
    let names: Vec<&PathBuf> = nodes.iter().collect();
    let mut adj = vec![Vec::new(); nodes.len()];
    for (a, b) in edges.keys() {
        if let (Some(&x), Some(&y)) = (idx.get(a), idx.get(b)) {
            adj[x].push(y);
        }
    }
    struct T {
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(v: usize, adj: &[Vec<usize>], t: &mut T) {
        t.index[v] = Some(t.next);
        t.low[v] = t.next;
        t.next += 1;
        t.stack.push(v);
        t.on[v] = true;
        for &w in &adj[v] {
            match t.index[w] {
                None => {
                    visit(w, adj, t);
                    t.low[v] = t.low[v].min(t.low[w]);
                }
                Some(iw) if t.on[w] => t.low[v] = t.low[v].min(iw),
                Some(_) => {}
            }
        }
        if Some(t.low[v]) == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on[w] = false;
                comp.push(w);
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                t.out.push(comp);
            }
        }
    }
    let n = nodes.len();
    let mut t = T {
        index: vec![None; n],
        low: vec![0; n],
        on: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if t.index[v].is_none() {
            visit(v, &adj, &mut t);
        }
    }
    t.out
        .into_iter()
        .map(|c| {
            let mut c: Vec<PathBuf> = c.into_iter().map(|i| names[i].clone()).collect();
            c.sort();
            c
        })
        .collect()
}

/// The cycles of the crate under `dir`, each with the edges inside it ("a.rs:12 -> b.rs").
fn report(dir: &str) -> Vec<String> {
    // IMPORT_GRAPH_ROOT checks another checkout (a merge in progress) with this build of the test.
    let base = std::env::var_os("IMPORT_GRAPH_ROOT")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let root = base.join(dir);
    let krate = load(&root);
    assert!(
        krate.files.len() > 5,
        "{dir}: found only {} source files; is the path right?",
        krate.files.len()
    );
    let mut edges = edges(&krate);
    edges.retain(|(from, to), _| !is_ancestor(&krate, to, from));
    let nodes: BTreeSet<PathBuf> = krate.files.keys().cloned().collect();
    cycles(&nodes, &edges)
        .into_iter()
        .map(|comp| {
            let inner: Vec<String> = edges
                .iter()
                .filter(|((a, b), _)| comp.contains(a) && comp.contains(b))
                .map(|((a, b), line)| format!("{}:{line} -> {}", a.display(), b.display()))
                .collect();
            format!(
                "{dir}: cycle through {comp:?}:\n    {}",
                inner.join("\n    ")
            )
        })
        .collect()
}

#[test]
fn wazper_has_no_import_cycles() {
    let found = report("src");
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

#[test]
fn emulator_has_no_import_cycles() {
    let found = report("emulator/src");
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

// The checker itself, on small made-up crates: it must find what it claims to find.

fn fake(files: &[(&str, &str)]) -> (Crate, BTreeMap<(PathBuf, PathBuf), usize>) {
    let dir = std::env::temp_dir().join(format!(
        "wazper-import-graph-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    for (name, text) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
    let krate = load(&dir);
    let e = edges(&krate);
    let _ = std::fs::remove_dir_all(&dir);
    (krate, e)
}

fn edge_list(e: &BTreeMap<(PathBuf, PathBuf), usize>) -> Vec<String> {
    e.keys()
        .map(|(a, b)| format!("{} -> {}", a.display(), b.display()))
        .collect()
}

#[test]
fn checker_sees_every_kind_of_path_and_ignores_text() {
    let (_, e) = fake(&[
        ("lib.rs", "pub mod a; pub mod b; mod c; pub mod d;\npub use a::Thing;\n"),
        (
            "a.rs",
            "use crate::b::{self, X as Y};\n// use crate::c::Z;\nconst S: &str = \"crate::c::Z\";\n\
             const R: &str = r#\"crate::c::\"Z\"#;\nfn f<'a>(x: &'a str) -> [char; 2] { ['\\'', 'c'] }\n\
             mod tests { use super::*; #[test] fn t() { crate::d::go(); } }\n",
        ),
        ("b.rs", "pub struct X; pub fn g() { super::c::h(); }\n"),
        ("c.rs", "pub fn h() {}\n"),
        ("d/mod.rs", "mod inner;\npub fn go() { self::inner::run(); }\n"),
        ("d/inner.rs", "pub fn run() { std::process::id(); }\n"),
    ]);
    assert_eq!(
        edge_list(&e),
        [
            "a.rs -> b.rs",
            "a.rs -> d/mod.rs",
            "b.rs -> c.rs",
            "d/mod.rs -> d/inner.rs",
            "lib.rs -> a.rs"
        ]
    );
}

#[test]
fn checker_finds_a_three_file_cycle() {
    let (krate, e) = fake(&[
        ("lib.rs", "mod faults; mod routes; mod state; mod leaf;\n"),
        (
            "faults.rs",
            "pub fn f() -> &'static str { crate::routes::MSG }\n",
        ),
        (
            "routes.rs",
            "use crate::state::S; use crate::leaf::L; pub const MSG: &str = \"m\";\n",
        ),
        ("state.rs", "use crate::faults::f;\npub struct S;\n"),
        ("leaf.rs", "pub struct L;\n"),
    ]);
    let nodes: BTreeSet<PathBuf> = krate.files.keys().cloned().collect();
    let found = cycles(&nodes, &e);
    assert_eq!(
        found,
        vec![vec![
            PathBuf::from("faults.rs"),
            PathBuf::from("routes.rs"),
            PathBuf::from("state.rs")
        ]]
    );
}

#[test]
fn checker_exempts_a_child_using_its_parent_but_not_siblings() {
    let (krate, e) = fake(&[
        ("lib.rs", "pub mod country;\n"),
        (
            "country/mod.rs",
            "mod data; mod store;\npub struct Country;\npub use data::ALL;\n",
        ),
        (
            "country/data.rs",
            "use super::Country;\npub static ALL: [Country; 0] = [];\n",
        ),
        ("country/store.rs", "use super::data::ALL;\n"),
    ]);
    assert!(e.contains_key(&(
        PathBuf::from("country/data.rs"),
        PathBuf::from("country/mod.rs")
    )));
    assert!(is_ancestor(
        &krate,
        Path::new("country/mod.rs"),
        Path::new("country/data.rs")
    ));
    assert!(!is_ancestor(
        &krate,
        Path::new("country/store.rs"),
        Path::new("country/data.rs")
    ));
    assert!(!is_ancestor(
        &krate,
        Path::new("country/data.rs"),
        Path::new("country/mod.rs")
    ));
}
