//! Protocol versions as MTAs write them (`TLSv1.3`, `TLS1_2`, `TLS-1.0`, `SSLv3`…), normalised.

use crate::ascii::IgnoreCase;

/// Normalises a TLS/SSL protocol version as written by any MTA to one of
/// "TLS1.3","TLS1.2","TLS1.1","TLS1.0","SSL3","SSL2". Returns None when the text names no single
/// negotiated version. Accepts e.g. "TLSv1.3", "TLS1_3", "TLS1.3", "tls1.2", "TLSv1" (=TLS1.0), "TLSv1.0",
/// "TLS-1.0", "TLS 1.2", "SSLv3", "SSLv2", "TLSv1_2". Must return None for "TLSv1/SSLv3" (an old OpenSSL cipher
/// family, not a version), "UNKNOWN", "", junk.
///
/// The match is strict on purpose: a wrong version would change the grade, while None only
/// leaves it to the cipher.
pub fn normalise_version(written: &str) -> Option<&'static str> {
    parse_version(written).map(Version::as_str)
}

/// A protocol version, ordered from oldest to newest: the CLI, the aggregate and the policy
/// checks compare versions as values, never as strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Version {
    Ssl2,
    Ssl3,
    Tls10,
    Tls11,
    Tls12,
    Tls13,
}

impl Version {
    /// Every version, oldest first.
    pub const ALL: [Version; 6] = [
        Version::Ssl2,
        Version::Ssl3,
        Version::Tls10,
        Version::Tls11,
        Version::Tls12,
        Version::Tls13,
    ];

    /// The report's spelling: `TLS1.3`, `TLS1.2`, `TLS1.1`, `TLS1.0`, `SSL3`, `SSL2`.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::Ssl2 => "SSL2",
            Version::Ssl3 => "SSL3",
            Version::Tls10 => "TLS1.0",
            Version::Tls11 => "TLS1.1",
            Version::Tls12 => "TLS1.2",
            Version::Tls13 => "TLS1.3",
        }
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// [`normalise_version`] as a value.
pub fn parse_version(written: &str) -> Option<Version> {
    // Runs for every version a notation reads: bytes, no allocation.
    let text = if crate::ascii::alphanumeric_ends(written) {
        written
    } else {
        written.trim().trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '(' | ')' | ',' | ';' | ':')
        })
    };
    let b = text.as_bytes();
    if b.len() < 3 {
        return None;
    }
    let family = match &b[..3] {
        f if f.eq_ignore_case(b"TLS") => b'T',
        f if f.eq_ignore_case(b"SSL") => b'S',
        _ => return None,
    };
    // Between the name and the number: "v", "-", "_", " " in any of the observed combinations
    // ("TLSv1", "TLS-1.0", "TLS 1.2", "TLS v1.2", "TLS_1_2").
    let mut rest = &b[3..];
    let skip = |r: &mut &[u8]| {
        while let [b' ' | b'-' | b'_', tail @ ..] = *r {
            *r = tail;
        }
    };
    skip(&mut rest);
    if let [b'v' | b'V', tail @ ..] = rest {
        rest = tail;
    }
    skip(&mut rest);
    // "1_2" (Microsoft, Google) and "1.2" are the same; "12" appears in some logs. At most four
    // characters of the number are read, as before.
    let mut number = [0u8; 4];
    let mut n = 0;
    for &c in rest.iter().filter(|&&c| c != b'.' && c != b'_').take(4) {
        number[n] = c;
        n += 1;
    }
    match (family, &number[..n]) {
        (b'T', b"13") => Some(Version::Tls13),
        (b'T', b"12") => Some(Version::Tls12),
        (b'T', b"11") => Some(Version::Tls11),
        (b'T', b"1" | b"10") => Some(Version::Tls10),
        (b'S', b"3" | b"30") => Some(Version::Ssl3),
        (b'S', b"2" | b"20") => Some(Version::Ssl2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::normalise_version;

    #[test]
    fn accepts_every_spelling_seen_in_headers() {
        let cases: &[(&str, &str)] = &[
            ("TLSv1.3", "TLS1.3"),
            ("TLS1_3", "TLS1.3"),
            ("TLS1.3", "TLS1.3"),
            ("tls1.3", "TLS1.3"),
            ("TLS 1.3", "TLS1.3"),
            ("TLSv13", "TLS1.3"),
            ("TLSv1.2", "TLS1.2"),
            ("TLSv1_2", "TLS1.2"),
            ("TLS1_2", "TLS1.2"),
            ("TLS1.2", "TLS1.2"),
            ("tls1.2", "TLS1.2"),
            ("TLS 1.2", "TLS1.2"),
            ("TLS v1.2", "TLS1.2"),
            ("TLS-1.2", "TLS1.2"),
            ("TLS_1_2", "TLS1.2"),
            ("TLSv1.1", "TLS1.1"),
            ("TLS1_1", "TLS1.1"),
            ("TLS1.1", "TLS1.1"),
            ("TLSv1", "TLS1.0"),
            ("TLSv1.0", "TLS1.0"),
            ("TLS1.0", "TLS1.0"),
            ("TLS1_0", "TLS1.0"),
            ("TLS-1.0", "TLS1.0"),
            ("TLS1", "TLS1.0"),
            ("SSLv3", "SSL3"),
            ("SSLv3.0", "SSL3"),
            ("SSL3", "SSL3"),
            ("SSL 3.0", "SSL3"),
            ("sslv3", "SSL3"),
            ("SSLv2", "SSL2"),
            ("SSL2", "SSL2"),
            ("SSL2.0", "SSL2"),
            // Punctuation the dialect parsers may leave around the token.
            ("  TLSv1.3 ", "TLS1.3"),
            ("TLSv1.2,", "TLS1.2"),
            ("(TLS1.3)", "TLS1.3"),
            ("TLS1.3:", "TLS1.3"),
        ];
        for (written, expected) in cases {
            assert_eq!(normalise_version(written), Some(*expected), "{written:?}");
        }
    }

    #[test]
    fn rejects_text_that_names_no_single_version() {
        let cases: &[&str] = &[
            "TLSv1/SSLv3", // OpenSSL cipher family, not the negotiated version
            "tlsv1/sslv3",
            "UNKNOWN",
            "",
            "   ",
            "TLS",
            "SSL",
            "TLSv",
            "TLSv1.4",
            "TLSv2",
            "TLS1.3.1",
            "TLS1.2x",
            "SSLv23",
            "SSLv1",
            "DTLSv1.2",
            "1.2",
            "v1.3",
            "ESMTPS",
            "TLS_AES_256_GCM_SHA384",
            "TLS13_AES_256_GCM_SHA384",
            "TLSv1.3 TLSv1.2",
            "TLS1.é",
            "🔒",
        ];
        for written in cases {
            assert_eq!(normalise_version(written), None, "{written:?}");
        }
    }

    #[test]
    fn is_idempotent() {
        for v in ["TLS1.3", "TLS1.2", "TLS1.1", "TLS1.0", "SSL3", "SSL2"] {
            assert_eq!(normalise_version(v), Some(v));
        }
    }

    #[test]
    fn never_panics_on_truncations() {
        let text = "TLSv1.3 é TLSv1/SSLv3 ✓";
        for (i, _) in text.char_indices() {
            let _ = normalise_version(&text[i..]);
            let _ = normalise_version(&text[..i]);
        }
    }
}
