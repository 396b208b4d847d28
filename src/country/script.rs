//! The script a name is written in, coarsely: the runtime's names are indexed one script at a time
//! (a Greek input needs only the Greek-script locales), so an input costs only its script's share
//! of the first-call work. A key's script is that of its first non-ASCII character (all-ASCII keys
//! are Latin); a locale's is CLDR's likely script (`Intl.Locale#maximize`). Han, kana and Hangul
//! are one class: Chinese, Japanese and Korean names mix them.

/// Latin script (and every all-ASCII key).
pub const LATIN: u8 = 0;
/// Han, kana, Hangul, Bopomofo, Yi.
pub const CJK: u8 = 1;
/// Arabic script (Arabic, Persian, Urdu, Pashto, Sindhi, Kurdish, Uyghur...).
pub const ARAB: u8 = 6;
/// Any script not listed below.
pub const OTHER: u8 = u8::MAX;

/// ISO 15924 codes by class (index = class); CJK's other codes are mapped in `of_code`.
const CODES: [&str; 40] = [
    "Latn", "Hani", "Grek", "Cyrl", "Armn", "Hebr", "Arab", "Syrc", "Thaa", "Nkoo", "Deva", "Beng",
    "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh", "Thai", "Laoo", "Tibt", "Mymr",
    "Geor", "Ethi", "Cher", "Cans", "Khmr", "Mong", "Olck", "Tfng", "Vaii", "Mtei", "Adlm", "Dsrt",
    "Shaw", "Cakm", "Rohg", "Hmnp",
];

/// (first, last code point, class), sorted: the blocks of each script's letters.
const RANGES: [(u32, u32, u8); 43] = [
    (0x0080, 0x036F, 0),
    (0x0370, 0x03FF, 2),
    (0x0400, 0x052F, 3),
    (0x0530, 0x058F, 4),
    (0x0590, 0x05FF, 5),
    (0x0600, 0x06FF, 6),
    (0x0700, 0x074F, 7),
    (0x0750, 0x077F, 6),
    (0x0780, 0x07BF, 8),
    (0x07C0, 0x07FF, 9),
    (0x08A0, 0x08FF, 6),
    (0x0900, 0x097F, 10),
    (0x0980, 0x09FF, 11),
    (0x0A00, 0x0A7F, 12),
    (0x0A80, 0x0AFF, 13),
    (0x0B00, 0x0B7F, 14),
    (0x0B80, 0x0BFF, 15),
    (0x0C00, 0x0C7F, 16),
    (0x0C80, 0x0CFF, 17),
    (0x0D00, 0x0D7F, 18),
    (0x0D80, 0x0DFF, 19),
    (0x0E00, 0x0E7F, 20),
    (0x0E80, 0x0EFF, 21),
    (0x0F00, 0x0FFF, 22),
    (0x1000, 0x109F, 23),
    (0x10A0, 0x10FF, 24),
    (0x1100, 0x11FF, 1),
    (0x1200, 0x139F, 25),
    (0x13A0, 0x13FF, 26),
    (0x1400, 0x167F, 27),
    (0x1780, 0x17FF, 28),
    (0x1800, 0x18AF, 29),
    (0x1C50, 0x1C7F, 30),
    (0x1C80, 0x1C8F, 3),
    (0x1C90, 0x1CBF, 24),
    (0x1D00, 0x1EFF, 0),
    (0x1F00, 0x1FFF, 2),
    (0x2C60, 0x2C7F, 0),
    (0x2D00, 0x2D2F, 24),
    (0x2D30, 0x2D7F, 31),
    (0x2D80, 0x2DDF, 25),
    (0x2DE0, 0x2DFF, 3),
    (0x2E80, 0xA4CF, 1),
];

/// Ranges above the Basic Multilingual Plane's first half, checked after RANGES.
const HIGH: [(u32, u32, u8); 9] = [
    (0xA500, 0xA63F, 32),
    (0xA640, 0xA69F, 3),
    (0xA720, 0xA7FF, 0),
    (0xABC0, 0xABFF, 33),
    (0xAC00, 0xD7AF, 1),
    (0xF900, 0xFAFF, 1),
    (0xFB50, 0xFDFF, 6),
    (0xFE70, 0xFEFF, 6),
    (0xFF00, 0xFFEF, 1),
];

const SUPPLEMENTARY: [(u32, u32, u8); 6] = [
    (0x10400, 0x1044F, 35),
    (0x10450, 0x1047F, 36),
    (0x10D00, 0x10D3F, 38),
    (0x11100, 0x1114F, 37),
    (0x1E100, 0x1E14F, 39),
    (0x1E900, 0x1E95F, 34),
];

/// The class of an ISO 15924 script code.
pub fn of_code(code: &str) -> u8 {
    match code {
        "Hans" | "Hant" | "Jpan" | "Kore" | "Hang" | "Hira" | "Kana" | "Bopo" | "Yiii" => CJK,
        _ => CODES
            .iter()
            .position(|&c| c == code)
            .and_then(|i| u8::try_from(i).ok())
            .unwrap_or(OTHER),
    }
}

/// The class of a normalised key: that of its first non-ASCII character.
pub fn of_key(key: &[u8]) -> u8 {
    let Some(c) = core::str::from_utf8(key)
        .ok()
        .and_then(|s| s.chars().find(|c| !c.is_ascii()))
    else {
        return LATIN;
    };
    let cp = c as u32;
    RANGES
        .iter()
        .chain(HIGH.iter())
        .chain(SUPPLEMENTARY.iter())
        .find(|&&(lo, hi, _)| (lo..=hi).contains(&cp))
        .map_or(OTHER, |&(_, _, class)| class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(of_key(b"germany"), LATIN);
        assert_eq!(of_key("azərbaycan".as_bytes()), LATIN);
        assert_eq!(of_key("ελλαδα".as_bytes()), of_code("Grek"));
        assert_eq!(of_key("россия".as_bytes()), of_code("Cyrl"));
        assert_eq!(of_key("中国".as_bytes()), CJK);
        assert_eq!(of_key("アメリカ".as_bytes()), CJK);
        assert_eq!(of_key("대한민국".as_bytes()), CJK);
        assert_eq!(of_code("Jpan"), CJK);
        assert_eq!(of_key("ایران".as_bytes()), of_code("Arab"));
        assert_eq!(of_code("Arab"), ARAB);
        assert_eq!(of_key("भारत".as_bytes()), of_code("Deva"));
        assert_eq!(of_key("ኢትዮጵያ".as_bytes()), of_code("Ethi"));
        assert_eq!(of_code("Zzzz"), OTHER);
        assert_eq!(of_key("\u{10FFFF}".as_bytes()), OTHER);
        for w in RANGES.windows(2).chain(HIGH.windows(2)) {
            assert!(w[0].1 < w[1].0, "ranges sorted and disjoint");
        }
    }
}
