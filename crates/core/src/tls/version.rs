//! Protocol versions as MTAs write them (`TLSv1.3`, `TLS1_2`, `TLS-1.0`, `SSLv3`…), normalised.

/// Normalises a TLS/SSL protocol version as written by any MTA to one of
/// "TLS1.3","TLS1.2","TLS1.1","TLS1.0","SSL3","SSL2". Returns None when the text names no single
/// negotiated version. Accepts e.g. "TLSv1.3", "TLS1_3", "TLS1.3", "tls1.2", "TLSv1" (=TLS1.0), "TLSv1.0",
/// "TLS-1.0", "TLS 1.2", "SSLv3", "SSLv2", "TLSv1_2". Must return None for "TLSv1/SSLv3" (an old OpenSSL cipher
/// family, not a version), "UNKNOWN", "", junk.
///
/// The match is strict on purpose: a wrong version would change the grade, while None only
/// leaves it to the cipher.
pub fn normalise_version(written: &str) -> Option<&'static str> {
    let text = written.trim().trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '(' | ')' | ',' | ';' | ':')
    });
    let up = text.to_ascii_uppercase();
    let (family, rest) = if let Some(rest) = up.strip_prefix("TLS") {
        ("TLS", rest)
    } else if let Some(rest) = up.strip_prefix("SSL") {
        ("SSL", rest)
    } else {
        return None;
    };
    // Between the name and the number: "v", "-", "_", " " in any of the observed combinations
    // ("TLSv1", "TLS-1.0", "TLS 1.2", "TLS v1.2", "TLS_1_2").
    let number = rest.trim_start_matches([' ', '-', '_']);
    let number = number.strip_prefix('V').unwrap_or(number);
    let number = number.trim_start_matches([' ', '-', '_']);
    // "1_2" (Microsoft, Google) and "1.2" are the same; "12" appears in some logs.
    let number: String = number
        .chars()
        .filter(|&c| c != '.' && c != '_')
        .take(4)
        .collect();
    match (family, number.as_str()) {
        ("TLS", "13") => Some("TLS1.3"),
        ("TLS", "12") => Some("TLS1.2"),
        ("TLS", "11") => Some("TLS1.1"),
        ("TLS", "1" | "10") => Some("TLS1.0"),
        ("SSL", "3" | "30") => Some("SSL3"),
        ("SSL", "2" | "20") => Some("SSL2"),
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
