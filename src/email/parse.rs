//! Address parsing and normalisation: "Name <addr>", trimming, the local-part and domain rules, and
//! internationalised domains (lower-cased and Punycode-encoded to their xn-- form, so lookups and
//! the normalised address are plain ASCII). Not a full UTS 46 implementation: no NFC and no mapping
//! table beyond lower-casing and the ideographic full stops, which covers what people type.

use super::table::MAX_KEY;

pub(crate) const MAX_LOCAL: usize = 64;
pub(crate) const MAX_DOMAIN: usize = 253;
const MAX_LABEL: usize = 63;

/// A validated domain in lower-case ASCII (A-label) form, held inline so parsing allocates nothing
/// for ASCII input.
pub(crate) struct Domain {
    buf: [u8; MAX_KEY],
    len: usize,
}

impl Domain {
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
    pub(crate) fn as_str(&self) -> &str {
        core::str::from_utf8(self.as_bytes()).unwrap_or("")
    }
    fn push(&mut self, b: u8) -> Option<()> {
        *self.buf.get_mut(self.len)? = b;
        self.len += 1;
        Some(())
    }
}

pub(crate) struct Address<'a> {
    pub local: &'a str,
    pub domain: Domain,
}

/// Parses an address, or None when it is not a valid one.
pub(crate) fn parse(input: &str) -> Option<Address<'_>> {
    let s = input.trim();
    // "Display Name <addr>": the address is what the last angle brackets hold.
    let addr = match s.strip_suffix('>') {
        Some(rest) => rest.get(rest.rfind('<')? + 1..)?.trim(),
        None => s,
    };
    let at = addr.rfind('@')?;
    let local = addr.get(..at)?;
    let domain = addr.get(at + 1..)?;
    if !valid_local(local) {
        return None;
    }
    let domain = parse_domain(domain)?;
    Some(Address { local, domain })
}

fn valid_local(local: &str) -> bool {
    if local.is_empty() || local.len() > MAX_LOCAL || local.starts_with('.') || local.ends_with('.')
    {
        return false;
    }
    if local.contains("..") {
        return false;
    }
    // Dot-atom of RFC 5322 plus UTF-8 (RFC 6531); quoted local parts are not accepted.
    local.chars().all(|c| {
        !c.is_control()
            && !c.is_whitespace()
            && !matches!(
                c,
                '"' | '(' | ')' | ',' | ':' | ';' | '<' | '>' | '@' | '[' | '\\' | ']'
            )
    })
}

/// Parses a bare domain with the same rules as the domain of an address.
pub(crate) fn parse_domain_only(domain: &str) -> Option<Domain> {
    parse_domain(domain.trim())
}

fn is_dot(c: char) -> bool {
    // IDNA maps the ideographic and fullwidth full stops to '.'.
    matches!(c, '.' | '\u{3002}' | '\u{FF0E}' | '\u{FF61}')
}

fn parse_domain(raw: &str) -> Option<Domain> {
    // One trailing dot (the DNS root) is allowed.
    let raw = raw.strip_suffix('.').unwrap_or(raw);
    let mut d = Domain {
        buf: [0; MAX_KEY],
        len: 0,
    };
    let mut labels = 0usize;
    let mut last_label_numeric = false;
    for label in raw.split(is_dot) {
        if labels > 0 {
            d.push(b'.')?;
        }
        let start = d.len;
        if label.is_ascii() {
            for b in label.bytes() {
                let b = b.to_ascii_lowercase();
                if !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
                    return None;
                }
                d.push(b)?;
            }
        } else {
            punycode_label(label, &mut d)?;
        }
        let l = d.buf.get(start..d.len)?;
        if l.is_empty()
            || l.len() > MAX_LABEL
            || l.first() == Some(&b'-')
            || l.last() == Some(&b'-')
        {
            return None;
        }
        last_label_numeric = l.iter().all(u8::is_ascii_digit);
        labels += 1;
    }
    // A domain needs a dot, and an all-numeric TLD would make it an IP address in disguise.
    if labels < 2 || last_label_numeric || d.len > MAX_DOMAIN {
        return None;
    }
    Some(d)
}

/// Lower-cases a non-ASCII label and appends its "xn--" Punycode form (RFC 3492).
fn punycode_label(label: &str, out: &mut Domain) -> Option<()> {
    let mut cps: Vec<u32> = Vec::with_capacity(label.len());
    for c in label.chars() {
        if c.is_control() || c.is_whitespace() {
            return None;
        }
        if c.is_ascii() && !(c.is_ascii_alphanumeric() || c == '-') {
            return None;
        }
        for l in c.to_lowercase() {
            cps.push(u32::from(l));
        }
        if cps.len() > MAX_LABEL {
            return None; // the encoding cannot be shorter than the code point count
        }
    }
    for b in b"xn--" {
        out.push(*b)?;
    }
    let basic = cps.iter().filter(|&&c| c < 0x80).count();
    for &c in cps.iter().filter(|&&c| c < 0x80) {
        out.push(c as u8)?; // panic-free: c < 0x80
    }
    if basic > 0 {
        out.push(b'-')?;
    }
    const BASE: u32 = 36;
    const TMIN: u32 = 1;
    const TMAX: u32 = 26;
    let adapt = |mut delta: u32, num: u32, first: bool| -> u32 {
        delta /= if first { 700 } else { 2 };
        delta += delta / num.max(1);
        let mut k = 0;
        while delta > ((BASE - TMIN) * TMAX) / 2 {
            delta /= BASE - TMIN;
            k += BASE;
        }
        k + (BASE - TMIN + 1) * delta / (delta + 38)
    };
    let digit = |d: u32| -> u8 {
        if d < 26 {
            b'a' + d as u8
        } else {
            b'0' + (d - 26) as u8
        }
    };
    let (mut n, mut delta, mut bias) = (0x80u32, 0u32, 72u32);
    let mut h = basic as u32;
    let total = cps.len() as u32;
    while h < total {
        let m = cps.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(h + 1)?)?;
        n = m;
        for &c in &cps {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        TMIN
                    } else if k >= bias + TMAX {
                        TMAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)))?;
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q))?;
                bias = adapt(delta, h + 1, h == basic as u32);
                delta = 0;
                h += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dom(s: &str) -> Option<String> {
        parse_domain(s).map(|d| d.as_str().to_string())
    }

    #[test]
    fn punycode_matches_rfc3492_and_known_domains() {
        assert_eq!(dom("münchen.de").as_deref(), Some("xn--mnchen-3ya.de"));
        assert_eq!(dom("MÜNCHEN.DE").as_deref(), Some("xn--mnchen-3ya.de"));
        assert_eq!(
            dom("bücher.example").as_deref(),
            Some("xn--bcher-kva.example")
        );
        assert_eq!(
            dom("例え.テスト").as_deref(),
            Some("xn--r8jz45g.xn--zckzah")
        );
        assert_eq!(dom("пример.рф").as_deref(), Some("xn--e1afmkfd.xn--p1ai"));
        assert_eq!(dom("中国。cn").as_deref(), Some("xn--fiqs8s.cn"));
        assert_eq!(
            dom("xn--mnchen-3ya.de").as_deref(),
            Some("xn--mnchen-3ya.de")
        );
    }

    #[test]
    fn label_rules() {
        assert!(dom("a-b.com").is_some());
        assert!(dom("-ab.com").is_none());
        assert!(dom("ab-.com").is_none());
        assert!(dom("a..com").is_none());
        assert!(dom(".a.com").is_none());
        assert!(dom("com").is_none());
        assert!(dom("1.2.3.4").is_none());
        assert!(dom("a_b.com").is_none());
        assert!(dom(&format!("{}.com", "a".repeat(63))).is_some());
        assert!(dom(&format!("{}.com", "a".repeat(64))).is_none());
        let long = format!("{}.com", vec!["a".repeat(60); 4].join("."));
        assert_eq!(long.len(), 247);
        assert!(dom(&long).is_some());
        assert!(dom(&format!("abcdefg.{long}")).is_none());
    }
}
