//! A spelling-tolerant key for Arabic-script names. Urdu, Persian and Arabic write the same
//! country with different long vowels and letters ("انگولہ" / "انگولا", "ارجنٹائن" / "ارجنٹینا",
//! "بلجئیم" / "بیلجیم"): the skeleton keeps the consonants only. Per word: the Arabic article
//! "ال" and a final "ه" (teh marbuta, Urdu's final heh) go, the long-vowel and glide letters
//! (ا و ی ے ھ ء and the Kurdish/Uyghur vowel letters) go, the letters Urdu and Persian use for one
//! Arabic sound are merged (ٹ ط -> ت, ڈ -> د, ڑ -> ر, ذ ض ظ ژ -> ز, ث ص -> س, ں -> ن, ڤ -> ف), and
//! a doubled consonant is read once. Form and place words (official-words.tsv: "جمہوریہ",
//! "مملکت", "جزائر") and the conjunction "و" are left out.
//!
//! It is only a last resort (mod.rs `resolve`): after every exact reading failed, and only when
//! exactly one country has that skeleton among the runtime's Arabic-script names. Skeletons under
//! [`MIN_LETTERS`] consonants are not read: short ones are shared by cities ("بيروت" and "بھارت"
//! are both "برت").

use super::normalize::{Key, Words};
use super::official::{class, is_place, DEMOCRATIC, LINK, PEOPLE, STATE};

/// Shortest skeleton read, in letters (the consonants left).
pub const MIN_LETTERS: usize = 4;

/// The skeleton of a name and what its left-out words said.
pub struct Skeleton {
    pub key: Key,
    pub letters: usize,
    /// A form or place word was left out.
    pub form: bool,
    /// A "state" word was left out ("ریاست جارجیا" is a US state, not Georgia).
    pub state: bool,
    /// A word that decides between two countries was left out (people's, democratic).
    pub decides: bool,
}

/// Letters a skeleton leaves out (long vowels, glides, hamza, heh doachashmee, tatweel, alef
/// wasla, the Kurdish and Uyghur vowel letters), then pairs of a letter and the one it is read as:
/// code points less 0x600 (the Arabic block, two bytes of UTF-8 each).
const DROPPED: [u8; 17] = [
    0x27, 0xCC, 0x4A, 0x48, 0xD2, 0xBE, 0x21, 0x40, 0x71, 0xC6, 0xCE, 0xC7, 0xD0, 0xC8, 0xCD, 0xCB,
    0x49,
];
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

/// What each letter of the Arabic block (index: code point less 0x600) becomes: 0 itself, 1
/// dropped, else the low byte of the letter it is read as. Built at compile time from the lists.
const TABLE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < DROPPED.len() {
        t[DROPPED[i] as usize] = 1; // panic-ok: const evaluation, u8 index into 256
        i += 1;
    }
    let mut i = 0;
    while i < MERGED.len() {
        t[MERGED[i].0 as usize] = MERGED[i].1; // panic-ok: const evaluation, u8 index into 256
        i += 1;
    }
    t
};

/// The article "ال" and a final heh "ه", as UTF-8.
const ARTICLE: &[u8] = "ال".as_bytes();
const HEH: &[u8] = "ه".as_bytes();

/// The skeleton of `input` (`None` when it has no words).
pub fn of(input: &str) -> Option<Skeleton> {
    of_words(&Words::parse(input)?)
}

/// The skeleton of parsed words. Works on the UTF-8 bytes: a letter of the Arabic block
/// (U+0600-U+06FF) is a lead byte 0xD8-0xDB and one continuation byte; anything else is left out.
pub fn of_words(words: &Words) -> Option<Skeleton> {
    let mut sk = Skeleton {
        key: Key::new(),
        letters: 0,
        form: false,
        state: false,
        decides: false,
    };
    let mut last = None;
    for w in words.each() {
        if w == "و".as_bytes() {
            continue;
        }
        if let Some(c) = class(w) {
            sk.form |= c != LINK;
            sk.state |= c == STATE;
            sk.decides |= c == PEOPLE || c == DEMOCRATIC;
            continue;
        }
        if is_place(w) {
            sk.form = true;
            continue;
        }
        // "ال" before at least two letters; a final "ه" after at least one.
        let w = match w.strip_prefix(ARTICLE) {
            Some(rest) if rest.len() > 2 => rest,
            _ => w,
        };
        let w = match w.strip_suffix(HEH) {
            Some(rest) if !rest.is_empty() => rest,
            _ => w,
        };
        let mut bytes = w.iter();
        while let Some(&b) = bytes.next() {
            // Only letters of the Arabic block count: the other bytes are left out.
            if !(0xD8..=0xDB).contains(&b) {
                continue;
            }
            let Some(&c) = bytes.next() else { break };
            // The code point less 0x600; a u8 index into TABLE's 256 entries (panic-ok).
            let at = (b & 0x03) << 6 | (c & 0x3F);
            let letter = match TABLE[usize::from(at)] {
                0 => at,
                1 => continue,
                to => to,
            };
            // A doubled letter is read once.
            if last == Some(letter) {
                continue;
            }
            last = Some(letter);
            sk.key.push(&[0xD8 | letter >> 6, 0x80 | (letter & 0x3F)])?;
            sk.letters += 1;
        }
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
        assert!(s.state && s.form);
        let s = of("جمہوری عوامی جمہوریہ کوریا").unwrap();
        assert!(s.decides);
        assert_eq!(sk("جمہوریہ کانگو"), "کنگ");
        assert_eq!(of("بيروت").unwrap().letters, 3);
        // Only Arabic-block letters count ("ہانگ کانگ SAR چین").
        assert_eq!(sk("丸丸 aa ہانگ"), sk("ہانگ"));
    }
}
