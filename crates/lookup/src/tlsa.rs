//! TLSA records (RFC 6698) and which of them count for SMTP (RFC 7672).

use serde::{Deserialize, Serialize};

use crate::malformed::{quote, Malformed};

/// One TLSA record: `_25._tcp.<mx>. TLSA <usage> <selector> <matching type> <data>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tlsa {
    /// 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE.
    pub usage: u8,
    /// 0 full certificate, 1 SubjectPublicKeyInfo.
    pub selector: u8,
    /// 0 exact, 1 SHA2-256, 2 SHA2-512.
    pub matching_type: u8,
    /// The certificate association data, lower-case hex.
    pub data: String,
}

impl Tlsa {
    /// The usage's name: `DANE-EE`, `DANE-TA`, `PKIX-EE`, `PKIX-TA`, or `unknown`.
    pub fn usage_name(&self) -> &'static str {
        match self.usage {
            0 => "PKIX-TA",
            1 => "PKIX-EE",
            2 => "DANE-TA",
            3 => "DANE-EE",
            _ => "unknown",
        }
    }

    /// Why an SMTP client ignores this record (RFC 7672 §3.1), or `None` if it is usable.
    ///
    /// SMTP has no list of trusted CAs in common, so RFC 7672 §3.1.3 makes PKIX-TA(0) and
    /// PKIX-EE(1) unusable; only DANE-TA(2) and DANE-EE(3) count. Unknown selectors or matching
    /// types, and digests of the wrong length, are unusable too.
    pub fn unusable_reason(&self) -> Option<&'static str> {
        if self.usage == 0 || self.usage == 1 {
            return Some("PKIX usages (0 and 1) are not used for SMTP (RFC 7672 §3.1.3)");
        }
        if self.usage > 3 {
            return Some("the certificate usage is unknown");
        }
        if self.selector > 1 {
            return Some("the selector is unknown");
        }
        let bytes = self.data.len() / 2;
        match self.matching_type {
            0 if bytes == 0 => Some("the certificate data is empty"),
            0 => None,
            1 if bytes != 32 => Some("a SHA2-256 digest must be 32 bytes"),
            2 if bytes != 64 => Some("a SHA2-512 digest must be 64 bytes"),
            1 | 2 => None,
            _ => Some("the matching type is unknown"),
        }
    }

    /// True for a DANE-TA(2) or DANE-EE(3) record a DANE-aware SMTP client would use.
    pub fn is_dane_usable(&self) -> bool {
        self.unusable_reason().is_none()
    }
}

/// Reads one TLSA record in presentation form, in either of the shapes DoH services send:
/// `3 1 1 0a1b…` (Google, resolvers) or RFC 3597's generic `\# 35 03 01 01 0a1b…` (Cloudflare).
///
/// ```
/// let tlsa = hopscope_lookup::parse_tlsa(&format!("3 1 1 {}", "ab".repeat(32))).unwrap();
/// assert_eq!(tlsa.usage_name(), "DANE-EE");
/// assert!(tlsa.is_dane_usable());
/// ```
pub fn parse_tlsa(rdata: &str) -> Result<Tlsa, Malformed> {
    let bad = |why: &str| Malformed::new(format!("the TLSA record {} {why}", quote(rdata)));
    let mut words = rdata.split_ascii_whitespace();
    let first = words.next().ok_or_else(|| bad("is empty"))?;
    if first == "\\#" {
        let length: usize = words
            .next()
            .and_then(|w| w.parse().ok())
            .ok_or_else(|| bad("has no length after \\#"))?;
        let bytes =
            hex_bytes(&words.collect::<String>()).ok_or_else(|| bad("has data that is not hex"))?;
        if bytes.len() != length || length < 3 {
            return Err(bad("has a length that does not match its data"));
        }
        return Ok(Tlsa {
            usage: bytes[0],
            selector: bytes[1],
            matching_type: bytes[2],
            data: to_hex(&bytes[3..]),
        });
    }
    let number = |w: Option<&str>, what: &str| -> Result<u8, Malformed> {
        w.and_then(|w| w.parse().ok())
            .ok_or_else(|| bad(&format!("has a {what} that is not a number from 0 to 255")))
    };
    let usage = number(Some(first), "certificate usage")?;
    let selector = number(words.next(), "selector")?;
    let matching_type = number(words.next(), "matching type")?;
    // Presentation form may split the hex into several words.
    let data: String = words.collect();
    let bytes = hex_bytes(&data).ok_or_else(|| bad("has certificate data that is not hex"))?;
    Ok(Tlsa {
        usage,
        selector,
        matching_type,
        data: to_hex(&bytes),
    })
}

fn hex_bytes(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    let digits = hex.as_bytes();
    let value = |c: u8| (c as char).to_digit(16);
    digits
        .chunks(2)
        .map(|pair| Some((value(pair[0])? * 16 + value(pair[1])?) as u8))
        .collect()
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(n: usize) -> String {
        "AB".repeat(n)
    }

    #[test]
    fn presentation_form() {
        let t = parse_tlsa(&format!("2 0 1 {} {}", digest(16), digest(16))).unwrap();
        assert_eq!((t.usage, t.selector, t.matching_type), (2, 0, 1));
        assert_eq!(t.data, "ab".repeat(32));
        assert_eq!(t.usage_name(), "DANE-TA");
        assert!(t.is_dane_usable());
    }

    #[test]
    fn generic_form_as_cloudflare_sends_it() {
        let t = parse_tlsa(&format!("\\# 35 03 01 01 {}", digest(32))).unwrap();
        assert_eq!((t.usage, t.selector, t.matching_type), (3, 1, 1));
        assert!(t.is_dane_usable());
        assert!(parse_tlsa("\\# 36 030101ab").is_err());
        assert!(parse_tlsa("\\# 2 0301").is_err());
    }

    #[test]
    fn usability_per_rfc_7672() {
        let make = |u, s, m, n| Tlsa {
            usage: u,
            selector: s,
            matching_type: m,
            data: "00".repeat(n),
        };
        assert_eq!(
            make(0, 0, 1, 32).unusable_reason(),
            Some("PKIX usages (0 and 1) are not used for SMTP (RFC 7672 §3.1.3)")
        );
        assert!(!make(1, 1, 1, 32).is_dane_usable());
        assert!(make(3, 1, 1, 32).is_dane_usable());
        assert!(make(3, 1, 2, 64).is_dane_usable());
        assert!(make(3, 0, 0, 500).is_dane_usable());
        assert_eq!(
            make(3, 1, 1, 31).unusable_reason(),
            Some("a SHA2-256 digest must be 32 bytes")
        );
        assert_eq!(
            make(3, 2, 1, 32).unusable_reason(),
            Some("the selector is unknown")
        );
        assert_eq!(
            make(3, 1, 9, 32).unusable_reason(),
            Some("the matching type is unknown")
        );
        assert_eq!(make(4, 1, 1, 32).usage_name(), "unknown");
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(
            parse_tlsa("3 1 x abcd").unwrap_err().reason(),
            "the TLSA record \"3 1 x abcd\" has a matching type that is not a number from 0 to 255"
        );
        assert_eq!(
            parse_tlsa("3 1 1 abz").unwrap_err().reason(),
            "the TLSA record \"3 1 1 abz\" has certificate data that is not hex"
        );
        assert!(parse_tlsa("").is_err());
        assert!(parse_tlsa("300 1 1 ab").is_err());
        assert!(parse_tlsa("3 1 1 é").is_err());
    }
}
