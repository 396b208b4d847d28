//! Data-wide checks of the country tables against their own sources (so the Rust normaliser and the
//! generator's JS one agree) and property tests: no input panics. Native only (reads files, proptest).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use std::collections::HashSet;
use wazper::country::{self, Format};

fn root() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

#[test]
fn every_code_and_canonical_name_round_trips() {
    let path = format!("{}/data/country/country-names-en.tsv", root());
    let canon = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rows: Vec<_> = canon.lines().skip(1).filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), country::all().len());
    for row in rows {
        let (a2, name) = row.split_once('\t').unwrap();
        let c = country::lookup(a2).unwrap_or_else(|| panic!("{a2}"));
        assert_eq!(c.name, name, "canonical name of {a2}");
    }
    for c in country::all() {
        for input in [c.name, c.alpha2, c.alpha3, c.numeric] {
            assert_eq!(country::lookup(input), Some(c), "{input}");
            assert_eq!(
                country::lookup(&input.to_lowercase()),
                Some(c),
                "{input} lower-cased"
            );
        }
        assert_eq!(country::normalize(c.alpha2, Format::Alpha3), Some(c.alpha3));
        // The flag of every country.
        let flag: String = c
            .alpha2
            .chars()
            .map(|ch| char::from_u32(0x1F1E6 + (ch as u32 - 'A' as u32)).unwrap())
            .collect();
        assert_eq!(country::lookup(&flag), Some(c), "flag {}", c.alpha2);
    }
}

/// Every name of every loaded i18n-iso-countries locale resolves to its country, except the keys the
/// generator found claimed by two countries (conflicts.generated.tsv) and deliberate aliases.
#[test]
fn every_source_name_resolves() {
    let dir = format!("{}/node_modules/i18n-iso-countries/langs", root());
    let conflicts =
        std::fs::read_to_string(format!("{}/data/country/conflicts.generated.tsv", root()))
            .unwrap();
    let conflicted: HashSet<Vec<u8>> = conflicts
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .map(|k| k.as_bytes().to_vec())
        .collect();
    let aliases = std::fs::read_to_string(format!("{}/data/country/aliases.tsv", root())).unwrap();
    let overridden: HashSet<Vec<u8>> = aliases
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(1))
        .filter_map(country::normalize::key_of)
        .collect();
    let mut checked = 0;
    let mut failures = vec![];
    for loc in "en de fr es it pt nl pl ru tr ja zh ko ar sv da nb fi cs uk ro hu el he id vi th hi"
        .split(' ')
    {
        let path = format!("{dir}/{loc}.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{path}: {e} (npm ci installs the generator's sources)"));
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        for (a2, v) in json["countries"].as_object().unwrap() {
            let names: Vec<&str> = match v {
                serde_json::Value::String(s) => vec![s.as_str()],
                serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
                _ => vec![],
            };
            for name in names {
                let key = country::normalize::key_of(name).unwrap_or_default();
                // A 2-3 letter name is read as a code first ("Nga", vi for Russia, is NGA: Nigeria).
                let code_like = name.len() <= 3 && name.bytes().all(|b| b.is_ascii_alphanumeric());
                if conflicted.contains(&key) || overridden.contains(&key) || code_like {
                    continue;
                }
                checked += 1;
                let got = country::lookup(name).map(|c| c.alpha2);
                if got != Some(a2.as_str()) {
                    failures.push(format!("{loc}: {name:?} -> {got:?}, want {a2}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(30)]
    );
    assert!(checked > 6000, "only {checked} names checked");
}

#[test]
fn every_zone_tab_zone_resolves() {
    let path = format!("{}/data/country/tzdata/zone.tab", root());
    let tab = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut checked = 0;
    for line in tab.lines().filter(|l| !l.starts_with('#')) {
        checked += 1;
        let f: Vec<_> = line.split('\t').collect();
        assert_eq!(country::from_time_zone(f[2]), Some(f[0]), "{}", f[2]);
    }
    assert!(checked > 300, "only {checked} zones in {path}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn arabic_soup_skeletons_never_panic(s in "[\\u{600}-\\u{6ff}\\u{750}-\\u{77f}\\u{200c}\\u{fb50}-\\u{fdff} a-z()]{0,120}") {
        if let Some(sk) = country::skeleton::of(&s) {
            prop_assert!(sk.key.as_bytes().len() <= 160);
            prop_assert!(std::str::from_utf8(sk.key.as_bytes()).is_ok());
        }
        let _ = country::lookup(&s);
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC*") {
        let _ = country::lookup(&s);
        let _ = country::skeleton::of(&s);
        let _ = country::from_time_zone(&s);
        let _ = country::from_locale(&s);
    }

    #[test]
    fn control_chars_and_marks_never_panic(s in "[\\x00-\\x1f\\u{300}-\\u{36f}\\u{1F1E6}-\\u{1F1FF}\\u{E0000}-\\u{E007F}\\u{FE0F}a-z (),&'-]{0,80}") {
        let _ = country::lookup(&s);
        let _ = country::from_locale(&s);
        let _ = country::from_time_zone(&s);
    }

    #[test]
    fn any_char_soup_never_panics(v in proptest::collection::vec(any::<char>(), 0..300)) {
        let s: String = v.into_iter().collect();
        let _ = country::lookup(&s);
        let _ = country::skeleton::of(&s);
        let _ = country::from_locale(&s);
        let _ = country::from_time_zone(&s);
    }

    // Official forms: form words (commonwealth, department, union...) around words that end like
    // declined names, so the several-word declension and its combinations run.
    #[test]
    fn official_forms_never_panic(
        s in "((Republika|Respublika|Vabariik|Commonwealth|Département|Terytorium|Содружество|Республика|Союза|ja|i|a|of|Wysp) ){1,3}([A-Za-zĄąęłńóśźżа-я]{1,12}(ii|ej|ski|ska|ой|ии|in|i|e|y|u)? ){1,4}"
    ) {
        let _ = country::lookup(&s);
        let _ = country::lookup(s.trim());
    }

    #[test]
    fn typo_answers_are_stable_under_case(s in "[A-Za-z ]{0,20}") {
        prop_assert_eq!(country::lookup(&s), country::lookup(&s.to_uppercase()));
    }
}

#[test]
fn huge_inputs() {
    for s in [
        "a".repeat(1 << 20),
        "(".repeat(10_000),
        ",".repeat(10_000),
        "\u{301}".repeat(50_000),
        "🇫".repeat(1000),
    ] {
        assert_eq!(country::lookup(&s), None);
        assert_eq!(country::from_locale(&s), None);
        assert_eq!(country::from_time_zone(&s), None);
    }
}

/// `code<TAB>name` rows of a data/country file, comments skipped.
fn code_name_rows(file: &str) -> Vec<(String, String)> {
    let path = format!("{}/data/country/{file}", root());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (code, name) = l.split_once('\t').unwrap_or_else(|| panic!("{file}: {l}"));
            (code.to_string(), name.to_string())
        })
        .collect()
}

/// The shipped tables' answer (no runtime names): what every runtime gives.
fn shipped_alpha2(name: &str) -> Option<&'static str> {
    country::lookup_index_with(name, None).map(|i| country::all()[i].alpha2)
}

/// The answer of the shipped names and rules without typo correction: a name only a slip from a
/// stored one is not left out, or slips from it would then be two.
fn by_rules_alpha2(name: &str) -> Option<&'static str> {
    country::lookup_index_by_rules(name).map(|i| country::all()[i].alpha2)
}

#[test]
fn every_cldr_alternate_name_resolves_in_every_runtime() {
    let candidates = code_name_rows("cldr-alt.generated.tsv");
    assert!(candidates.len() > 500, "{}", candidates.len());
    assert_all_resolve(&candidates, shipped_alpha2);
}

/// Fails with every row whose name `answer` does not resolve to its code.
fn assert_all_resolve(rows: &[(String, String)], answer: fn(&str) -> Option<&'static str>) {
    let wrong: Vec<_> = rows
        .iter()
        .filter(|(code, name)| answer(name) != Some(code.as_str()))
        .map(|(code, name)| format!("{name} -> {:?} (want {code})", answer(name)))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {}: {wrong:#?}",
        wrong.len(),
        rows.len()
    );
}

#[test]
fn every_name_left_to_the_rules_resolves() {
    // covered.tsv lists only candidates: a stale row would hide a name from the tables.
    let candidates: HashSet<_> = code_name_rows("covered-candidates.generated.tsv")
        .into_iter()
        .collect();
    let covered = code_name_rows("covered.tsv");
    assert!(covered.len() > 100, "{}", covered.len());
    for row in &covered {
        assert!(candidates.contains(row), "not a candidate: {row:?}");
    }
    assert_all_resolve(&covered, by_rules_alpha2);
    assert_all_resolve(&covered, shipped_alpha2);
}

/// Writes data/country/covered.tsv: the rows of COVERED_FROM (`candidates`, on tables generated
/// with UNSTORED=all, or `covered`, on tables generated from the current list) that the tables
/// resolve. Run by scripts/refresh-covered.sh until the list stops changing.
#[test]
#[ignore]
fn write_covered() {
    let from = match std::env::var("COVERED_FROM").as_deref() {
        Ok("covered") => "covered.tsv",
        _ => "covered-candidates.generated.tsv",
    };
    let mut out = String::from(
        "# Names the shipped rules resolve without storing them (gen-country-data.mjs, \"Names the rules\n\
         # reach\"): written by scripts/refresh-covered.sh, checked by tests/country_data.rs. code<TAB>name\n",
    );
    for (code, name) in code_name_rows(from) {
        if by_rules_alpha2(&name) == Some(code.as_str())
            && shipped_alpha2(&name) == Some(code.as_str())
        {
            out.push_str(&format!("{code}\t{name}\n"));
        }
    }
    let path = format!("{}/data/country/covered.tsv", root());
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{path}: {e}"));
}
