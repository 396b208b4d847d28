//! Names the shipped tables lack, supplied at run time. The wasm shell fills one lazily from the
//! runtime's own CLDR (`Intl.DisplayNames`, every locale it supports), so names every runtime
//! already holds cost no bytes in the package. Keys are normalised exactly like the shipped ones.
//!
//! Stored as sorted 56-bit FNV-1a hashes of the keys, each with its country (or REJECT when two
//! countries claim the key, as the generator does for its own sources): 8 bytes a name, no text.
//! Arabic-script names are also indexed by their skeletons (src/country/skeleton.rs), the same way.

use super::data::REJECT;
use super::normalize::Words;
use super::skeleton;
use super::store::{heap_sort, Hit};

#[derive(Default)]
pub struct ExtraNames {
    /// hash << 8 | value, sorted once `finish` has run: the exact keys, and in their own hash
    /// space the skeleton of every Arabic-script name (those the shipped tables answer too).
    entries: Vec<u64>,
    /// The names being added spell every vowel with a letter (Uyghur, Sorani Kurdish): no
    /// skeletons for them.
    vowelled: bool,
}

/// FNV-1a's 64-bit offset basis, the start of the exact keys' hashes; the skeletons' hash space
/// starts elsewhere (any other value).
const EXACT: u64 = 0xcbf2_9ce4_8422_2325;
const SKELETON: u64 = 0x6c62_272e_07bb_0142;

/// 64-bit FNV-1a from `start`, top 56 bits kept: a false hit needs a 56-bit collision with one of
/// ~50k keys.
fn hash56(start: u64, key: &[u8]) -> u64 {
    let h = key.iter().fold(start, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    h >> 8
}

impl ExtraNames {
    pub fn new() -> ExtraNames {
        ExtraNames::default()
    }

    /// Records `name` as a name of the country at `country` in [`super::all`]. A name whose key the
    /// shipped tables already answer is left out: those always win, so results for the names the
    /// package ships never depend on the runtime.
    pub fn add(&mut self, name: &str, country: usize) {
        let Ok(value) = u8::try_from(country) else {
            return;
        };
        if country >= super::all().len() || name.len() > super::MAX_INPUT {
            return;
        }
        let Some(words) = Words::parse(name) else {
            return;
        };
        let key = words.key_all();
        if key.is_empty() {
            return;
        }
        let v = u64::from(value);
        // Every Arabic-script name counts for the skeletons, the ones the tables answer too: a
        // skeleton is only read when exactly one country has it.
        if !self.vowelled && skeleton::applies(key) {
            if let Some(sk) = skeleton::of_words(&words).filter(|s| s.letters > 0) {
                self.entries
                    .push(hash56(SKELETON, sk.key.as_bytes()) << 8 | v);
            }
        }
        if super::find_static(key).is_some() {
            return;
        }
        self.entries.push(hash56(EXACT, key) << 8 | v);
    }

    /// Whether the names added next are of a language whose script writes every vowel with a
    /// letter (Uyghur, Sorani Kurdish): a consonant skeleton says little about those, so they get
    /// none (their exact names still count).
    pub fn set_vowelled(&mut self, vowelled: bool) {
        self.vowelled = vowelled;
    }

    /// Sorts the names and marks every key claimed by two countries as a reject. Call once, after
    /// the last `add`.
    pub fn finish(mut self) -> ExtraNames {
        heap_sort(&mut self.entries);
        self.entries.dedup();
        let mut out: Vec<u64> = Vec::with_capacity(self.entries.len());
        for e in self.entries {
            match out.last_mut() {
                Some(last) if *last >> 8 == e >> 8 => *last = (e >> 8) << 8 | u64::from(REJECT),
                _ => out.push(e),
            }
        }
        out.shrink_to_fit();
        ExtraNames {
            entries: out,
            vowelled: false,
        }
    }

    /// Number of distinct keys (exact names and skeletons).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Exact lookup of a normalised key.
    pub(super) fn find(&self, key: &[u8]) -> Option<Hit> {
        self.find_in(hash56(EXACT, key))
    }

    /// Lookup of a skeleton (skeleton.rs): `Hit::Reject` when two countries have it.
    pub(super) fn find_skeleton(&self, skeleton: &[u8]) -> Option<Hit> {
        self.find_in(hash56(SKELETON, skeleton))
    }

    fn find_in(&self, h: u64) -> Option<Hit> {
        let at = self.entries.partition_point(|&e| e >> 8 < h);
        let e = *self.entries.get(at)?;
        (e >> 8 == h).then(|| {
            let v = e as u8; // the low byte is the value
            if v == REJECT {
                Hit::Reject
            } else {
                Hit::Country(v)
            }
        })
    }
}
