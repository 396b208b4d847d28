//! Country normalisation: codes, names in many languages, flag emoji and typos, IANA time zones and
//! locale tags -> one canonical country (the names of data/country/country-names-en.tsv).
//!
//! Everything is table lookups in generated, sorted data (`data`, made by
//! scripts/gen-country-data.mjs); nothing is built at start-up. Names the tables lack can come from
//! an [`ExtraNames`] index that the host registers ([`set_extra_names`]: the wasm shell builds one
//! from the runtime's CLDR on the first input the tables do not answer exactly); an Arabic-script
//! input nothing else read is last looked up by its consonant skeleton ([`skeleton`]) among those.
//! Rejecting beats guessing: every ambiguous or unknown input gives `None` (see
//! data/country/DECISIONS.md).

mod data;
mod extra;
mod fuzzy;
mod locale;
pub mod normalize;
mod official;
pub mod script;
pub mod skeleton;
mod store;
mod timezone;

use data::{BY_ALPHA3, BY_NUMERIC, CODE_ALIASES, COUNTRIES, LATIN, LATIN_BUCKETS, LATIN_BY_PREFIX};
use normalize::{Key, Words};
use store::Hit;

pub use extra::ExtraNames;
pub use locale::from_locale;
pub use timezone::from_time_zone;

/// Supplies the runtime's names in one script class (see [`script`]), built on first call (so
/// lookups the shipped tables answer never pay for it); `None` when the runtime has none.
pub type ExtraSource = fn(u8) -> Option<&'static ExtraNames>;

static EXTRA: std::sync::OnceLock<ExtraSource> = std::sync::OnceLock::new();

/// Registers where [`lookup`] finds names beyond the shipped tables (once per process; later
/// calls are ignored). Native code registers nothing and gets the shipped tables only.
pub fn set_extra_names(source: ExtraSource) {
    let _ = EXTRA.set(source);
}

/// Candidate locales (CLDR's, without region: "fr", "sr-Latn") whose `Intl.DisplayNames` region
/// names the wasm shell indexes, grouped by likely script: "Arab ar fa ...;Cyrl be bg ..." (the
/// first word of a group is its ISO 15924 code). The runtime keeps those it supports.
pub const RUNTIME_LOCALES: &str = data::RUNTIME_LOCALES;

#[derive(Debug, PartialEq, Eq)]
pub struct Country {
    pub name: &'static str,
    pub alpha2: &'static str,
    pub alpha3: &'static str,
    pub numeric: &'static str,
}

/// Output format of [`normalize`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Name,
    Alpha2,
    Alpha3,
}

impl Format {
    /// "name" | "alpha2" | "alpha3" (exactly, as in the JS contract).
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "name" => Some(Format::Name),
            "alpha2" => Some(Format::Alpha2),
            "alpha3" => Some(Format::Alpha3),
            _ => None,
        }
    }
}

/// Inputs longer than this (bytes, after trimming) are rejected unread: no name is that long.
pub const MAX_INPUT: usize = 200;

/// Every country, sorted by alpha-2.
pub fn all() -> &'static [Country] {
    &COUNTRIES
}

/// The country an input names, or `None` when it names none or is ambiguous.
pub fn lookup(input: &str) -> Option<&'static Country> {
    COUNTRIES.get(usize::from(resolve(input, EXTRA.get().copied())?))
}

/// Like [`lookup`], as the index of the country in [`all`] (for callers that cache per country).
pub fn lookup_index(input: &str) -> Option<usize> {
    resolve(input, EXTRA.get().copied()).map(usize::from)
}

/// [`lookup_index`] with an explicit source of extra names instead of the registered one (`None`:
/// the shipped tables only).
pub fn lookup_index_with(input: &str, extra: Option<ExtraSource>) -> Option<usize> {
    resolve(input, extra).map(usize::from)
}

/// What the shipped tables' exact names and rules give, without typo correction: how the table
/// tooling (scripts/refresh-covered.sh) tells a name the rules derive from one only a slip reaches.
pub fn lookup_index_by_rules(input: &str) -> Option<usize> {
    let mut shipped = Finder {
        source: None,
        extra_hit: false,
    };
    match resolve_with(input, &mut shipped, false) {
        Some(Hit::Country(i)) => Some(usize::from(i)),
        _ => None,
    }
}

/// `lookup` rendered in `format`.
pub fn normalize(input: &str, format: Format) -> Option<&'static str> {
    let c = lookup(input)?;
    Some(match format {
        Format::Name => c.name,
        Format::Alpha2 => c.alpha2,
        Format::Alpha3 => c.alpha3,
    })
}

/// Exact lookups in the shipped tables, then (when a source is given) in the extra names of the
/// key's script.
struct Finder {
    source: Option<ExtraSource>,
    /// Whether the last hit came from the extra names.
    extra_hit: bool,
}

impl Finder {
    fn find(&mut self, key: &[u8]) -> Option<Hit> {
        self.extra_hit = false;
        if let Some(hit) = find_static(key) {
            return Some(hit);
        }
        let names = self.source.filter(|_| !key.is_empty())?(script::of_key(key))?;
        let hit = names.find(key);
        self.extra_hit = hit.is_some();
        hit
    }
}

/// The shipped tables decide first, typo correction included, so their answers never depend on the
/// runtime; only an input they know nothing of is looked up among the extra names, exactly. An
/// extra name one slip from a shipped name of another country is a guess, and is not taken.
fn resolve(input: &str, extra: Option<ExtraSource>) -> Option<u8> {
    let mut shipped = Finder {
        source: None,
        extra_hit: false,
    };
    match resolve_with(input, &mut shipped, true) {
        Some(Hit::Country(i)) => return Some(i),
        // A refusal the grammar reached ("多米尼加共和国": form words taken out, the rest is the
        // Dominica/Dominican pair official forms alone cannot tell apart) yields to an exact runtime
        // name; a stored refusal (a must-reject or ambiguous key) never does.
        Some(Hit::Reject) => return exact_runtime_name(input, extra?),
        None => {}
    }
    let source = extra?;
    let mut finder = Finder {
        source: Some(source),
        extra_hit: false,
    };
    let found = match resolve_with(input, &mut finder, false) {
        Some(Hit::Country(found)) => found,
        Some(Hit::Reject) => return None,
        None => return by_skeleton(input, source),
    };
    if finder.extra_hit {
        let words = Words::parse(input.trim())?;
        if fuzzy::near_other(words.key_all(), found) {
            return None;
        }
    }
    Some(found)
}

/// The runtime's name that is exactly `input`, when no shipped key is: not a code, a flag or a
/// stored name or refusal, and no slip away from another country's shipped name.
fn exact_runtime_name(input: &str, extra: ExtraSource) -> Option<u8> {
    let s = input.trim();
    if s.is_empty() || s.len() > MAX_INPUT || flag(s).is_some() || !matches!(code(s), Code::Other) {
        return None;
    }
    let words = Words::parse(s)?;
    let key = words.key_all();
    if key.is_empty() || find_static(key).is_some() {
        return None;
    }
    let Some(Hit::Country(found)) = extra(script::of_key(key))?.find(key) else {
        return None;
    };
    (!fuzzy::near_other(key, found)).then_some(found)
}

/// Countries whose names differ from another's by little more than vowels or a form word (the two
/// Congos, Dominica and the Dominican Republic, Saint Martin and Sint Maarten, Niger and Nigeria,
/// Sudan and South Sudan, the Guineas, the Koreas, the Chinas): never answered from a skeleton.
const SKELETON_TWINS: [&str; 18] = [
    "CD", "CG", "DM", "DO", "MF", "SX", "NE", "NG", "SD", "SS", "GN", "GQ", "GW", "PG", "KR", "KP",
    "CN", "TW",
];

/// The last resort for an Arabic-script input nothing else read: its skeleton (skeleton.rs), when
/// exactly one country's runtime names have it.
fn by_skeleton(input: &str, source: ExtraSource) -> Option<u8> {
    if input.is_ascii() {
        return None;
    }
    let words = Words::parse(input.trim())?;
    if !skeleton::applies(words.key_all()) {
        return None;
    }
    let sk = skeleton::of_words(&words)?;
    if sk.letters < skeleton::MIN_LETTERS || sk.decides {
        return None;
    }
    let names = source(script::ARAB)?;
    let Hit::Country(found) = names.find_skeleton(sk.key.as_bytes())? else {
        return None;
    };
    let a2 = alpha2_of(found)?;
    if SKELETON_TWINS.contains(&a2) || (sk.state && a2 == "GE") {
        return None;
    }
    Some(found)
}

/// `None` when nothing matched; `Some(Hit::Reject)` when the input is known to name no country.
fn resolve_with(input: &str, finder: &mut Finder, typos: bool) -> Option<Hit> {
    // Whether every name is in view (the runtime's too): a bracket that names nothing is only
    // known to name nothing then.
    let all_names = finder.source.is_some();
    let mut find = |k: &[u8]| finder.find(k);
    let s = input.trim();
    if s.is_empty() || s.len() > MAX_INPUT {
        return Some(Hit::Reject);
    }
    if let Some(i) = flag(s) {
        return Some(Hit::Country(i));
    }
    match code(s) {
        Code::Country(i) => return Some(Hit::Country(i)),
        Code::Reserved => return Some(Hit::Reject),
        Code::Other => {}
    }
    let Some(words) = Words::parse(s) else {
        return Some(Hit::Reject);
    };
    let mut key = Key::new();
    // Whole input, then "X, Y" as "Y X", then "(Y) X".
    for variant in 0..3 {
        let k = match variant {
            0 => words.key_all(),
            1 if words.has_comma() => words.key_inverted(&mut key),
            2 if words.has_paren() => words.key_paren_first(&mut key),
            _ => continue,
        };
        if let Some(hit) = find(k) {
            return Some(hit);
        }
    }
    if words.has_paren() {
        // "X (Y)": only when X and Y name the same country ("Myanmar (Burma)"); a qualifier
        // ("Congo (DRC)", "Georgia (country)") may be exactly what tells two countries apart.
        let outer = find(words.key_without_paren(&mut key));
        let inner = find(words.key_paren_only(&mut key));
        // "Congo (Democratic Republic of the Congo)": the bracket tells the two Congos apart.
        let congo = official::is_congo(words.key_without_paren(&mut key));
        let a_congo = |h: Option<Hit>| match h {
            Some(Hit::Country(b))
                if congo && alpha2_of(b).is_some_and(|a2| matches!(a2, "CD" | "CG")) =>
            {
                Some(Hit::Country(b))
            }
            _ => None,
        };
        if let Some(hit) = a_congo(inner) {
            return Some(hit);
        }
        match (outer, inner) {
            (Some(Hit::Country(a)), Some(Hit::Country(b))) if a == b => {
                return Some(Hit::Country(a))
            }
            // Two different answers: a contradiction.
            (Some(_), Some(_)) => return Some(Hit::Reject),
            _ => {}
        }
        // One side an official or place form of the other's country ("Islas Malvinas (Islas
        // Falkland)"): both must still name it.
        if let Some((o, i)) = trailing_paren(s) {
            let (o, china) = match outer {
                Some(hit) => (Some(hit), false),
                None => official::read(o, &mut find).map_or((None, false), |(h, c)| (Some(h), c)),
            };
            let i = inner.or_else(|| official::official(i, &mut find));
            if let Some(hit) = a_congo(i) {
                return Some(hit);
            }
            // "Republik China (Taiwan)": a China form without "People's" is decided by its bracket.
            if let (true, Some(Hit::Country(b))) = (china, i) {
                if alpha2_of(b).is_some_and(|a2| matches!(a2, "CN" | "TW")) {
                    return Some(Hit::Country(b));
                }
            }
            if let (Some(Hit::Country(a)), Some(Hit::Country(b))) = (o, i) {
                if a == b {
                    return Some(Hit::Country(a));
                }
            }
        }
        // A qualifier of form words ("Congo (Republic)", "Kongo (DRK)") makes an official form;
        // otherwise one side unknown may still be a runtime name (phase 2). No typo reading.
        if let Some(hit) = official::official(s, &mut find) {
            return Some(hit);
        }
        // "Falkland Islands (Malvinas)": an island group's other name in brackets. Only when the
        // outer part is a place-word name of one country and the bracket names nothing at all: a
        // bracket naming a country or a form word ("(DRC)", "(US)") was decided above.
        if let Some((o, i)) = trailing_paren(s).filter(|_| all_names) {
            if let (Some(Hit::Country(a)), None) = (outer, inner) {
                if official::official(i, &mut find).is_none() && official::has_place(o) {
                    return Some(Hit::Country(a));
                }
            }
        }
        return None;
    }
    // "Federal Republic of Germany": an official-form prefix before an exact name.
    let all = words.key_all();
    for p in data::OFFICIAL_PREFIXES {
        if let Some(rest) = all.strip_prefix(p.as_bytes()) {
            if let Some(hit) = find(rest) {
                return Some(hit);
            }
        }
    }
    // Typos first: a slip in a plain name is the common case, and the cheap one.
    // A place word alone ("Islands") is matched exactly or not at all: one slip from it is
    // another place word far more often than a country ("Ísland" is Iceland's own name).
    if typos && !(words.each().count() == 1 && official::is_place(all)) {
        if let Some(i) = fuzzy::nearest(all) {
            return Some(Hit::Country(i));
        }
    }
    // An official form has a form word beside the name, or one fused to it in a script written
    // without spaces; one Latin word is none, unless a compound ending in a place word.
    let n = words.each().count();
    let compound = || {
        data::PLACE_SUFFIXES
            .iter()
            .any(|p| all.len() >= p.len() + 4 && all.ends_with(p.as_bytes()))
    };
    if n > 1 || !all.is_ascii() || compound() {
        if let Some(hit) = official::official(s, &mut find) {
            return Some(hit);
        }
    }
    // "Aotearoa New Zealand": two names of one country, one after the other.
    for split in 1..n {
        let (mut left, mut right) = (Key::new(), Key::new());
        for (i, w) in words.each().enumerate() {
            let _ = if i < split {
                left.push(w)
            } else {
                right.push(w)
            };
        }
        if let (Some(Hit::Country(a)), Some(Hit::Country(b))) =
            (find(left.as_bytes()), find(right.as_bytes()))
        {
            if a == b {
                return Some(Hit::Country(a));
            }
        }
    }
    None
}

fn alpha2_of(i: u8) -> Option<&'static str> {
    COUNTRIES.get(usize::from(i)).map(|c| c.alpha2)
}

/// "X (Y)" with the bracket last, as (X, Y); ASCII or full-width brackets.
fn trailing_paren(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_suffix(')').or_else(|| s.strip_suffix('）'))?;
    let (open, len) = match (body.rfind('('), body.rfind('（')) {
        (Some(a), Some(b)) if b > a => (b, '（'.len_utf8()),
        (Some(a), _) => (a, 1),
        (None, Some(b)) => (b, '（'.len_utf8()),
        (None, None) => return None,
    };
    Some((body.get(..open)?.trim(), body.get(open + len..)?.trim()))
}

fn find_static(key: &[u8]) -> Option<Hit> {
    if key.is_empty() {
        None
    } else if key.is_ascii() {
        store::text_find(LATIN, &LATIN_BUCKETS, &LATIN_BY_PREFIX, key)
    } else {
        store::hash_find(&store::NAME_HASHES, key)
    }
}

enum Code {
    Country(u8),
    /// A user-assigned / private-use code (AA, QM-QZ, XA-XZ, ZZ and their alpha-3 ranges): never a country.
    Reserved,
    Other,
}

/// ISO 3166-1 alpha-2, alpha-3 or numeric code, or one of the extra codes of data/country/code-aliases.tsv.
fn code(s: &str) -> Code {
    let b = s.as_bytes();
    let mut up = [0u8; 3];
    match b.len() {
        2 | 3 if b.iter().all(u8::is_ascii_alphabetic) => {
            for (u, c) in up.iter_mut().zip(b) {
                *u = c.to_ascii_uppercase();
            }
            let up = up.get(..b.len()).unwrap_or(&[]);
            if let Some(i) = code_index(up) {
                return Code::Country(i);
            }
            if user_assigned(up) {
                Code::Reserved
            } else {
                Code::Other
            }
        }
        3 if b.iter().all(u8::is_ascii_digit) => {
            match BY_NUMERIC.binary_search_by(|&i| numeric_of(i).cmp(b)) {
                Ok(at) => BY_NUMERIC
                    .get(at)
                    .map_or(Code::Other, |&i| Code::Country(i)),
                Err(_) => Code::Other,
            }
        }
        _ => Code::Other,
    }
}

/// Index of an upper-case alpha-2 / alpha-3 / alias code.
fn code_index(up: &[u8]) -> Option<u8> {
    let found = if up.len() == 2 {
        COUNTRIES
            .binary_search_by(|c| c.alpha2.as_bytes().cmp(up))
            .ok()
            .map(|i| i as u8)
    } else {
        BY_ALPHA3
            .binary_search_by(|&i| alpha3_of(i).cmp(up))
            .ok()
            .and_then(|at| BY_ALPHA3.get(at).copied())
    };
    found.or_else(|| {
        CODE_ALIASES
            .binary_search_by(|(c, _)| c.as_bytes().cmp(up))
            .ok()
            .and_then(|at| CODE_ALIASES.get(at).map(|&(_, i)| i))
    })
}

fn alpha3_of(i: u8) -> &'static [u8] {
    COUNTRIES
        .get(usize::from(i))
        .map_or(&[], |c| c.alpha3.as_bytes())
}

fn numeric_of(i: u8) -> &'static [u8] {
    COUNTRIES
        .get(usize::from(i))
        .map_or(&[], |c| c.numeric.as_bytes())
}

/// ISO 3166-1 user-assigned ranges (upper case): AA, QM-QZ, XA-XZ, ZZ (alpha-3: the same first
/// two letters). XK is assigned here (Kosovo) and is looked up before this is asked.
fn user_assigned(up: &[u8]) -> bool {
    matches!(
        up,
        [b'A', b'A', ..] | [b'Q', b'M'..=b'Z', ..] | [b'X', b'A'..=b'Z', ..] | [b'Z', b'Z', ..]
    )
}

/// A regional-indicator flag (🇫🇷), or the England / Scotland / Wales tag flags (-> GB).
fn flag(s: &str) -> Option<u8> {
    let mut it = s.chars().filter(|&c| c != '\u{FE0F}');
    let a = it.next()?;
    if a == '\u{1F3F4}' {
        // Black flag + tag letters "gb" + subdivision ("eng", "sct", "wls") + cancel tag.
        let tags = [
            it.next()?,
            it.next()?,
            it.next()?,
            it.next()?,
            it.next()?,
            it.next()?,
        ];
        let gb = tags[0] == '\u{E0067}' && tags[1] == '\u{E0062}' && tags[5] == '\u{E007F}'; // panic-ok: const indices
        return (gb && it.next().is_none())
            .then(|| code_index(b"GB"))
            .flatten();
    }
    let b = it.next()?;
    if it.next().is_some() {
        return None;
    }
    let ri = |c: char| {
        (0x1F1E6..=0x1F1FF)
            .contains(&(c as u32))
            .then(|| (c as u32 - 0x1F1E6) as u8 + b'A')
    };
    let up = [ri(a)?, ri(b)?];
    if up == *b"UK" || up == *b"EL" || up == *b"FX" {
        return None; // not flags
    }
    COUNTRIES
        .binary_search_by(|c| c.alpha2.as_bytes().cmp(&up[..]))
        .ok()
        .map(|i| i as u8)
}

/// Index of an alpha-2 code (any case) among the countries, for locale and time-zone answers.
fn by_alpha2(code: &[u8]) -> Option<&'static Country> {
    let up = [
        code.first()?.to_ascii_uppercase(),
        code.get(1)?.to_ascii_uppercase(),
    ];
    if code.len() != 2 {
        return None;
    }
    COUNTRIES
        .binary_search_by(|c| c.alpha2.as_bytes().cmp(&up[..]))
        .ok()
        .and_then(|i| COUNTRIES.get(i))
}

#[cfg(test)]
mod tests;
