//! A spelling-tolerant key for Arabic-script names. Urdu, Persian and Arabic write the same
//! country with different long vowels and letters ("ارجنٹائن" / "ارجنٹینا", "بلجئیم" / "بیلجیم",
//! "سویٹذرلینڈ" / "سوئٹزر لینڈ"): the skeleton keeps the consonants. Per word: the Arabic article
//! "ال" goes; alef, waw, the yehs, hamza and heh doachashmee go, except at the end of a word,
//! where a yeh, a waw or a yeh before a final heh stay (adjectives end so: "فرانسوی", "الفرنسية"
//! are not France); the letters Urdu and Persian use for one Arabic sound are merged (ٹ ط -> ت,
//! ڈ -> د, ڑ -> ر, ذ ض ظ ژ -> ز, ث ص -> س, ں -> ن, ڤ -> ف) and a doubled consonant is read once.
//! Form and place words (official-words.tsv: "جمہوریہ", "مملکت", "جزائر") and "و" are left out.
//! A second, marked key also keeps a final alef or heh, for the short skeletons.
//!
//! It is only a last resort (mod.rs `resolve`): after every exact reading failed, and only when
//! exactly one country has that skeleton among the runtime's Arabic-script names. Skeletons under
//! [`MIN_LETTERS`] consonants are not read: short ones are shared by cities ("بيروت" and "بھارت"
//! are both "برت").

use super::normalize::{Key, Words};
use super::official::{class, is_place, COMMONWEALTH, DEMOCRATIC, DEPARTMENT, PEOPLE, STATE};

/// Shortest skeleton read, in letters (the consonants left).
pub const MIN_LETTERS: usize = 4;
/// From this many letters a final alef or heh is left out of the key; a shorter skeleton must
/// agree on those endings too.
pub const SURE_LETTERS: usize = 5;

/// The skeleton of a name and what its left-out words said.
pub struct Skeleton {
    /// The consonants, and the endings of words: a yeh, a waw, a yeh before a heh ("فرانسوی",
    /// "الفرنسية", "لوگزامبورگی" are adjectives, not France and Luxembourg); under
    /// [`SURE_LETTERS`] consonants an alef or heh too ("بریتانیا" is not "برتون", Breton).
    pub key: Key,
    pub letters: usize,
    /// A "state" word was left out ("ریاست جارجیا" is a US state, not Georgia).
    pub state: bool,
    /// A word that decides between countries was left out (people's, democratic, commonwealth, department).
    pub decides: bool,
}

/// Code points less 0x600 (the Arabic block, two bytes of UTF-8 each) of the letters a skeleton
/// leaves out: alef, heh doachashmee, hamza, tatweel, alef wasla.
const DROPPED: [u8; 5] = [0x27, 0xBE, 0x21, 0x40, 0x71];
/// The yehs (ی ي ے ۍ ى) and waw: left out too, except at the end of a word.
const YEHS: [u8; 6] = [0xCC, 0x4A, 0xD2, 0xCD, 0x49, 0x48];
/// The vowel letters of Kurdish and Uyghur (ۆ ۇ ۈ ې ێ ۋ), which write every vowel: a consonant
/// skeleton does not fit those spellings, so names holding one have none.
const VOWELS: [u8; 6] = [0xC6, 0xC7, 0xC8, 0xD0, 0xCE, 0xCB];
/// Pairs of a letter and the one it is read as.
const MERGED: [(u8, u8); 18] = [
    (0x79, 0x2A), // ٹ ت
    (0x37, 0x2A), // ط ت
    (0x7D, 0x2A), // ٽ ت
    (0x7C, 0x2A), // ټ ت
    (0x88, 0x2F), // ڈ د
    (0x8A, 0x2F), // ڊ د
    (0x89, 0x2F), // ډ د
    (0x91, 0x31), // ڑ ر
    (0x93, 0x31), // ړ ر
    (0x30, 0x32), // ذ ز
    (0x36, 0x32), // ض ز
    (0x38, 0x32), // ظ ز
    (0x98, 0x32), // ژ ز
    (0x2B, 0x33), // ث س
    (0x35, 0x33), // ص س
    (0xBA, 0x46), // ں ن
    (0xBC, 0x46), // ڼ ن
    (0xA4, 0x41), // ڤ ف
];

const DROP: u8 = 1;
const YEH: u8 = 2;
const VOWEL: u8 = 3;
const ALEF: u8 = 0x27;
const WAW: u8 = 0x48;

/// `t` with every letter of `letters` (offsets in the Arabic block) set to `v`.
const fn marked(mut t: [u8; 256], letters: &[u8], v: u8) -> [u8; 256] {
    let mut i = 0;
    while i < letters.len() {
        t[letters[i] as usize] = v; // panic-ok: const evaluation, u8 index into 256
        i += 1;
    }
    t
}

/// What each letter of the Arabic block (index: code point less 0x600) becomes: 0 itself, DROP,
/// YEH, else the letter it is read as. Built at compile time from the lists.
const TABLE: [u8; 256] = {
    let mut t = marked(
        marked(marked([0u8; 256], &DROPPED, DROP), &YEHS, YEH),
        &VOWELS,
        VOWEL,
    );
    let mut i = 0;
    while i < MERGED.len() {
        t[MERGED[i].0 as usize] = MERGED[i].1; // panic-ok: const evaluation, u8 index into 256
        i += 1;
    }
    t
};

/// The article "ال" and the heh "ه", as UTF-8.
const ARTICLE: &[u8] = "ال".as_bytes();
const HEH: &[u8] = "ه".as_bytes();

/// The last letter of a word if it is one of the Arabic block (code point less 0x600), and the
/// word without it.
fn split_last(w: &[u8]) -> Option<(&[u8], u8)> {
    match w {
        [rest @ .., b @ 0xD8..=0xDB, c] => Some((rest, (b & 0x03) << 6 | (c & 0x3F))),
        _ => None,
    }
}

/// The two UTF-8 bytes of an Arabic-block letter given as its code point less 0x600.
fn utf8(at: u8) -> [u8; 2] {
    [0xD8 | at >> 6, 0x80 | (at & 0x3F)]
}

/// The skeleton of `input` (`None` when it has no words).
pub fn of(input: &str) -> Option<Skeleton> {
    of_words(&Words::parse(input)?)
}

/// Whether a key starts in the Arabic block (U+0600-U+06FF, UTF-8 lead bytes 0xD8-0xDB), the
/// only letters a skeleton reads.
pub fn applies(key: &[u8]) -> bool {
    matches!(key.first(), Some(0xD8..=0xDB))
}

/// The skeleton of parsed words (`None` when a word holds anything but letters of the Arabic
/// block, or a vowel letter of Kurdish or Uyghur). Works on the UTF-8 bytes: a letter of the
/// block is a lead byte 0xD8-0xDB and one continuation byte.
pub fn of_words(words: &Words) -> Option<Skeleton> {
    // Built with and without the alef endings; which one is the key depends on the length.
    let mut marked = Key::new();
    let mut sk = Skeleton {
        key: Key::new(),
        letters: 0,
        state: false,
        decides: false,
    };
    let mut last = None;
    for w in words.each() {
        if w == "و".as_bytes() {
            continue;
        }
        if let Some(c) = class(w) {
            sk.state |= c == STATE;
            // Form words that decide between countries are for the grammar, not for a guess.
            sk.decides |= matches!(c, PEOPLE | DEMOCRATIC | COMMONWEALTH | DEPARTMENT);
            continue;
        }
        if is_place(w) {
            continue;
        }
        // "ال" before at least two letters.
        let (mut w, article) = match w.strip_prefix(ARTICLE) {
            Some(rest) if rest.len() > 2 => (rest, true),
            _ => (w, false),
        };
        // How the word ends: a final heh (teh marbuta, Urdu's final heh) or alef reads as alef;
        // a yeh or waw as itself, and a yeh before a heh as both ("ہسپانیہ" Spain, "ہسپانوی"
        // Spanish), after the article as all three ("البلغارية" is Bulgarian, "بلغاریہ" Bulgaria).
        let mut heh = false;
        if let Some(rest) = w.strip_suffix(HEH).filter(|r| !r.is_empty()) {
            w = rest;
            heh = true;
        }
        // panic-ok: a u8 index into TABLE's 256 entries
        let end = match split_last(w) {
            Some((rest, at)) if TABLE[usize::from(at)] == YEH && !rest.is_empty() => {
                w = rest;
                match (at == WAW, heh, article) {
                    (true, _, _) => "و",
                    (false, false, _) => "ی",
                    (false, true, false) => "یه",
                    (false, true, true) => "یهل",
                }
            }
            Some((rest, ALEF)) if !heh && !rest.is_empty() => {
                w = rest;
                "ا"
            }
            _ if heh => "ا",
            _ => "",
        };
        let mut bytes = w.iter();
        while let Some(&b) = bytes.next() {
            // A name in the Arabic block only: anything else (another script, digits) has none.
            if !matches!(b, 0xD8..=0xDB) {
                return None;
            }
            let Some(&c) = bytes.next() else { break };
            // The code point less 0x600; a u8 index into TABLE's 256 entries (panic-ok).
            let at = (b & 0x03) << 6 | (c & 0x3F);
            let letter = match TABLE[usize::from(at)] {
                0 => at,
                DROP | YEH => continue,
                VOWEL => return None,
                to => to,
            };
            // A doubled letter is read once.
            if last == Some(letter) {
                continue;
            }
            last = Some(letter);
            sk.key.push(&utf8(letter))?;
            marked.push(&utf8(letter))?;
            sk.letters += 1;
        }
        // The key keeps every ending but alef's; `marked` keeps them all.
        if end != "ا" {
            sk.key.push(end.as_bytes())?;
        }
        marked.push(end.as_bytes())?;
        if !end.is_empty() {
            last = None;
        }
    }
    if sk.letters < SURE_LETTERS {
        sk.key = marked;
    }
    Some(sk)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sk(s: &str) -> String {
        of(s)
            .map(|k| String::from_utf8(k.key.as_bytes().to_vec()).unwrap())
            .unwrap_or_default()
    }

    #[test]
    fn spellings_of_one_name_meet() {
        for (a, b) in [
            ("انگولہ", "انگولا"),
            ("ارجنٹائن", "ارجنٹینا"),
            ("بلجئیم", "بیلجیم"),
            ("بوٹسوانا", "بوتسوانا"),
            ("سویٹذرلینڈ", "سوئٹزر لینڈ"),
            ("مملکتِ بلجئیم", "بیلجیم"),
            ("جزیرہ نورفک", "نورفوک"),
            ("المالديف", "مالديف"),
            ("صيربيا", "صربيا"),
        ] {
            assert_eq!(sk(a), sk(b), "{a} / {b}");
        }
    }

    #[test]
    fn different_names_stay_apart() {
        for (a, b) in [("ڈومینیکا", "ڈومینیکن"), ("آسٹریا", "آسٹریلیا")]
        {
            assert_ne!(sk(a), sk(b), "{a} / {b}");
        }
    }

    #[test]
    fn flags() {
        let s = of("ریاست جارجیا").unwrap();
        assert!(s.state);
        let s = of("جمہوری عوامی جمہوریہ کوریا").unwrap();
        assert!(s.decides);
        assert_eq!(sk("جمہوریہ کانگو"), "کنگو");
        assert_eq!(of("بيروت").unwrap().letters, 3);
        // Only names all in the Arabic block have one.
        assert!(of("ہانگ کانگ SAR چین").is_none());
        assert!(of("丸丸 ہانگ").is_none());
    }
}
