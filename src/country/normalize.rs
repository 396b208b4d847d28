//! Input -> lookup keys. Mirrors `words`/`key` in scripts/gen-country-data.mjs exactly: the stored keys
//! were made by that code, so any change here must be made there too (tests/country_data.rs checks
//! every source name round-trips).

use super::data::{FOLD, FOLD_BLOCKS, FOLD_DELTAS, FOLD_MULTI};

/// Abbreviated words and the word they stand for (the generator's ABBREVIATIONS: the same list).
/// Urdu's "aur" (and) is read as the Persian-style "o" that Urdu names also use ("بوسنیا و ہرزیگووینا").
const ABBREVIATIONS: [(&str, &str); 11] = [
    ("st", "saint"),
    ("ste", "sainte"),
    ("rep", "republic"),
    ("repub", "republic"),
    ("dem", "democratic"),
    ("fed", "federal"),
    ("is", "islands"),
    ("isl", "islands"),
    ("isls", "islands"),
    ("sts", "states"),
    ("اور", "و"),
];

/// Bytes of the longest abbreviation above ("اور").
const ABBREVIATION_MAX: usize = 6;

/// Longest key we build, in bytes; longer inputs cannot be any stored name.
pub const KEY_CAP: usize = 160;
const MAX_WORDS: usize = 24;

/// What one code point becomes.
enum Folded {
    Drop,
    Sep,
    Char(char),
    Str(&'static str),
}

fn fold(c: char) -> Folded {
    let cp = c as u32;
    if cp < 0x80 {
        let b = cp as u8;
        return if b.is_ascii_alphanumeric() {
            Folded::Char(b.to_ascii_lowercase() as char)
        } else if b == b'\'' {
            Folded::Drop
        } else {
            Folded::Sep
        };
    }
    if (0xE0000..=0xE007F).contains(&cp) {
        return Folded::Drop;
    }
    let Some(&(lo, _, off)) = FOLD_BLOCKS
        .iter()
        .find(|&&(lo, len, _)| cp >= lo && cp - lo < u32::from(len))
    else {
        return Folded::Char(c);
    };
    let at = usize::from(off) + (cp - lo) as usize;
    match FOLD.get(at).copied().unwrap_or(0) {
        0 => Folded::Char(c),
        1 => Folded::Drop,
        2 => Folded::Sep,
        b @ 3..=47 => Folded::Str(FOLD_MULTI.get(usize::from(b - 3)).copied().unwrap_or("")),
        b @ 48..=127 => Folded::Char(char::from(b)),
        b => {
            let d = FOLD_DELTAS.get(usize::from(b - 128)).copied().unwrap_or(0);
            char::from_u32(cp.wrapping_add_signed(d)).map_or(Folded::Sep, Folded::Char)
        }
    }
}

/// One word of the input and where it sat: inside parentheses, after the first top-level comma.
#[derive(Clone, Copy, Default)]
struct Word {
    start: u16,
    end: u16,
    paren: bool,
    after_comma: bool,
}

/// The folded words of an input, in one fixed buffer (no allocation).
pub struct Words {
    buf: [u8; KEY_CAP],
    len: usize,
    words: [Word; MAX_WORDS],
    count: usize,
    has_comma: bool,
    has_paren: bool,
}

impl Words {
    /// `None` when the input cannot be a name (too long, too many words, no letters).
    pub fn parse(input: &str) -> Option<Words> {
        Words::parse_with(input, false)
    }

    /// Like `parse`, with an ASCII apostrophe as a word break instead of joining ("dell'Angola" ->
    /// "dell", "angola"): for taking elided articles off official forms.
    pub fn parse_split(input: &str) -> Option<Words> {
        Words::parse_with(input, true)
    }

    fn parse_with(input: &str, split_apostrophe: bool) -> Option<Words> {
        let mut w = Words {
            buf: [0; KEY_CAP],
            len: 0,
            words: [Word::default(); MAX_WORDS],
            count: 0,
            has_comma: false,
            has_paren: false,
        };
        let mut depth = 0u32;
        let mut comma = false;
        let mut start = 0usize;
        let bytes = input.as_bytes();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            // ASCII is read byte by byte; anything else is decoded as one char.
            let c = if byte < 0x80 {
                at += 1;
                char::from(byte)
            } else {
                let Some(c) = input.get(at..).and_then(|r| r.chars().next()) else {
                    break;
                };
                at += c.len_utf8();
                c
            };
            match c {
                '(' | '[' | '（' => {
                    w.end_word(start, depth > 0, comma)?;
                    depth += 1;
                    w.has_paren = true;
                    start = w.len;
                    continue;
                }
                ')' | ']' | '）' => {
                    w.end_word(start, depth > 0, comma)?;
                    depth = depth.saturating_sub(1);
                    start = w.len;
                    continue;
                }
                ',' if depth == 0 => {
                    w.end_word(start, false, comma)?;
                    if !comma && w.count > 0 {
                        comma = true;
                        w.has_comma = true;
                    }
                    start = w.len;
                    continue;
                }
                '&' => {
                    w.end_word(start, depth > 0, comma)?;
                    w.push_str("and")?;
                    w.end_word(w.len - 3, depth > 0, comma)?; // panic-ok: "and" was just pushed
                    start = w.len;
                    continue;
                }
                _ => {}
            }
            if split_apostrophe && c == '\'' {
                w.end_word(start, depth > 0, comma)?;
                start = w.len;
                continue;
            }
            if c.is_ascii_alphanumeric() {
                // Fast path for the common case.
                let slot = w.buf.get_mut(w.len)?;
                *slot = (c as u8).to_ascii_lowercase();
                w.len += 1;
                continue;
            }
            match fold(c) {
                Folded::Drop => {}
                Folded::Sep => {
                    w.end_word(start, depth > 0, comma)?;
                    start = w.len;
                }
                Folded::Char(c) => w.push_char(c)?,
                Folded::Str(s) => w.push_str(s)?,
            }
        }
        w.end_word(start, depth > 0, comma)?;
        // A comma with nothing after it ("Gambia,") is no inversion.
        if w.has_comma && !w.words().iter().any(|x| x.after_comma) {
            w.has_comma = false;
        }
        if w.count == 0 {
            return None;
        }
        Some(w)
    }

    fn push_str(&mut self, s: &str) -> Option<()> {
        let end = self.len.checked_add(s.len())?;
        self.buf
            .get_mut(self.len..end)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Some(())
    }

    fn push_char(&mut self, c: char) -> Option<()> {
        let mut tmp = [0u8; 4];
        self.push_str(c.encode_utf8(&mut tmp))
    }

    /// Closes the word begun at `start`, applying the word rules: "the" is dropped, abbreviations
    /// ("St.", "Rep.", "Is.") are read as their word.
    fn end_word(&mut self, start: usize, paren: bool, after_comma: bool) -> Option<()> {
        if start >= self.len {
            return Some(());
        }
        let word = self.buf.get(start..self.len)?;
        if word == b"the" {
            self.len = start;
            return Some(());
        }
        // Every abbreviation is short: longer words skip the comparisons (a tenth of a lookup's time
        // in wasm, where they are not inlined).
        let abbreviation = (word.len() <= ABBREVIATION_MAX)
            .then(|| ABBREVIATIONS.iter().find(|(a, _)| a.as_bytes() == word))
            .flatten();
        if let Some(&(_, full)) = abbreviation {
            self.len = start;
            self.push_str(full)?;
        }
        let slot = self.words.get_mut(self.count)?;
        *slot = Word {
            start: start as u16,
            end: self.len as u16,
            paren,
            after_comma,
        };
        self.count += 1;
        Some(())
    }

    fn words(&self) -> &[Word] {
        self.words.get(..self.count).unwrap_or(&[])
    }

    /// The folded bytes of each word, in order.
    pub fn each(&self) -> impl Iterator<Item = &[u8]> {
        self.words().iter().map(|w| {
            self.buf
                .get(usize::from(w.start)..usize::from(w.end))
                .unwrap_or(&[])
        })
    }

    pub fn has_comma(&self) -> bool {
        self.has_comma
    }

    pub fn has_paren(&self) -> bool {
        self.has_paren
    }

    /// Writes into `out` the words selected by `pick`, in `order` passes, and returns the key.
    fn build<'a>(&self, out: &'a mut Key, passes: &[fn(&Word) -> bool]) -> &'a [u8] {
        out.len = 0;
        for pass in passes {
            for w in self.words().iter().filter(|w| pass(w)) {
                let bytes = self
                    .buf
                    .get(usize::from(w.start)..usize::from(w.end))
                    .unwrap_or(&[]);
                let end = out.len + bytes.len(); // both <= KEY_CAP: no overflow
                if let Some(dst) = out.buf.get_mut(out.len..end) {
                    dst.copy_from_slice(bytes);
                    out.len = end;
                }
            }
        }
        out.as_bytes()
    }

    /// All words in order: "Korea, Republic of" -> "korearepublicof". Words are stored back to
    /// back (separators never are), so this is the buffer itself.
    pub fn key_all(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    /// The part after the comma first: "Korea, Republic of" -> "republicofkorea".
    pub fn key_inverted<'a>(&self, out: &'a mut Key) -> &'a [u8] {
        self.build(out, &[|w| w.after_comma, |w| !w.after_comma])
    }

    /// The parenthesised words first: "Iran (Islamic Republic of)" -> "islamicrepublicofiran".
    pub fn key_paren_first<'a>(&self, out: &'a mut Key) -> &'a [u8] {
        self.build(out, &[|w| w.paren, |w| !w.paren])
    }

    /// Only the parenthesised words: "Myanmar (Burma)" -> "burma".
    pub fn key_paren_only<'a>(&self, out: &'a mut Key) -> &'a [u8] {
        self.build(out, &[|w| w.paren])
    }

    /// Without the parenthesised words: "Iran (Islamic Republic of)" -> "iran".
    pub fn key_without_paren<'a>(&self, out: &'a mut Key) -> &'a [u8] {
        self.build(out, &[|w| !w.paren])
    }
}

/// A key buffer.
pub struct Key {
    buf: [u8; KEY_CAP],
    len: usize,
}

impl Default for Key {
    fn default() -> Key {
        Key::new()
    }
}

impl Key {
    pub fn new() -> Key {
        Key {
            buf: [0; KEY_CAP],
            len: 0,
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    /// Appends `bytes`; `None` (and nothing appended) when the key would pass KEY_CAP.
    pub fn push(&mut self, bytes: &[u8]) -> Option<()> {
        let end = self.len.checked_add(bytes.len())?;
        self.buf.get_mut(self.len..end)?.copy_from_slice(bytes);
        self.len = end;
        Some(())
    }
}

/// The key of a whole input, as the generator computes it for stored names (tests and tools).
pub fn key_of(input: &str) -> Option<Vec<u8>> {
    let words = Words::parse(input)?;
    Some(words.key_all().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> String {
        String::from_utf8(key_of(s).unwrap_or_default()).unwrap()
    }

    #[test]
    fn every_abbreviation_fits_the_length_check() {
        let longest = ABBREVIATIONS.iter().map(|(a, _)| a.len()).max();
        assert_eq!(longest, Some(ABBREVIATION_MAX));
        assert_eq!(k("Dem. Rep. Congo"), "democraticrepubliccongo");
    }

    #[test]
    fn folds_case_diacritics_punctuation() {
        assert_eq!(k("Côte d’Ivoire"), "cotedivoire");
        assert_eq!(k("COTE D'IVOIRE"), "cotedivoire");
        assert_eq!(k("  The  Gambia "), "gambia");
        assert_eq!(k("St. Lucia"), "saintlucia");
        assert_eq!(k("Antigua & Barbuda"), "antiguaandbarbuda");
        assert_eq!(k("Guinea-Bissau"), "guineabissau");
        assert_eq!(k("Åland"), "aland");
        assert_eq!(k("Straße"), "strasse");
        assert_eq!(k("ΕΛΛΆΔΑ"), "ελλαδα");
        assert_eq!(k("Россия"), "россия");
        assert_eq!(k("Cote\u{301} d'Ivoire"), "cotedivoire");
        assert_eq!(k("日本"), "日本");
        assert_eq!(k("Ｊａｐａｎ"), "japan");
        assert_eq!(k("..."), "");
    }

    #[test]
    fn variants() {
        let w = Words::parse("Korea, Republic of").unwrap();
        let mut key = Key::new();
        assert_eq!(w.key_inverted(&mut key), b"republicofkorea");
        let w = Words::parse("Iran (Islamic Republic of)").unwrap();
        assert_eq!(w.key_paren_first(&mut key), b"islamicrepublicofiran");
        assert_eq!(w.key_without_paren(&mut key), b"iran");
        assert_eq!(w.key_all(), b"iranislamicrepublicof");
    }

    #[test]
    fn caps_hold() {
        assert!(Words::parse(&"a ".repeat(100)).is_none());
        assert!(Words::parse(&"ab".repeat(200)).is_none());
    }
}
