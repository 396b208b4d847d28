//! The repository stands alone: no source, script, test or document reads or cites a path outside it
//! (the sibling `shared` folder the project started beside, or the machine it was built on). A clone into
//! an empty folder must have everything `make test` needs.
//!
//! Walks the working tree as git would track it: everything but .git and the ignored build outputs.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// Paths that point outside the repository.
// Spelt in pieces so that this file does not hold the very strings it looks for.
const OUTSIDE: &[&str] = &[concat!("..", "/shared"), concat!("/wo", "rk/")];

/// Folders that are never tracked (see .gitignore) or are git's own.
const SKIP: &[&str] = &[
    ".git",
    "target",
    "pkg",
    "node_modules",
    ".scratch",
    "results",
];

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for e in entries {
        let p = e.expect("dir entry").path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if SKIP.contains(&name) {
            continue; // .git is a file in a worktree, a folder in a clone
        }
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The offending lines of one file ("path:line: text"), nothing for binary files.
fn offending(root: &Path, file: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(file) else {
        return Vec::new(); // not UTF-8: a data blob (.bin, .wasm, images)
    };
    let rel = file
        .strip_prefix(root)
        .unwrap_or(file)
        .display()
        .to_string();
    text.lines()
        .enumerate()
        .filter(|(_, l)| OUTSIDE.iter().any(|o| l.contains(o)))
        .map(|(i, l)| format!("{rel}:{}: {}", i + 1, l.trim()))
        .collect()
}

#[test]
fn no_file_points_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(root, &mut files);
    assert!(
        files.iter().any(|f| f.ends_with("Cargo.toml")) && files.len() > 100,
        "the walk found only {} files: wrong root?",
        files.len()
    );
    let me = Path::new(file!());
    let mut found: Vec<String> = files
        .iter()
        // This file names the patterns it looks for.
        .filter(|f| !f.ends_with(me))
        .flat_map(|f| offending(root, f))
        .collect();
    found.sort();
    assert!(
        found.is_empty(),
        "{} line(s) point outside the repository:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_check_sees_a_path_outside() {
    let dir = std::env::temp_dir().join(format!("wazper-self-contained-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let f = dir.join("a.mjs");
    std::fs::write(
        &f,
        concat!(
            "ok\nconst t = readFileSync(root + \"..",
            "/shared/data/x.tsv\");\n"
        ),
    )
    .expect("write");
    let found = offending(&dir, &f);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("a.mjs:2: "), "{found:?}");
}
