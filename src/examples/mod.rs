//! Realistic example headers, built into the page so it can be tried without real mail.
//!
//! Hostnames of the people and organisations involved are invented (`example.com`, `.net`,
//! `.org`, `.test`) and addresses are documentation ranges (RFC 5737, RFC 3849). Only the
//! providers' own infrastructure keeps its real naming pattern (`mx.google.com`,
//! `*.prod.outlook.com`), because that shape is what the analysis recognises.

/// One example: its URL-fragment id, the button label, and the header text.
#[derive(Debug, PartialEq, Eq)]
pub struct Example {
    pub id: &'static str,
    pub label: &'static str,
    pub text: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "gmail",
        label: "Gmail",
        text: include_str!("gmail.txt"),
    },
    Example {
        id: "microsoft365",
        label: "Microsoft 365",
        text: include_str!("microsoft365.txt"),
    },
    Example {
        id: "postfix-pq",
        label: "Post-quantum TLS",
        text: include_str!("postfix-pq.txt"),
    },
    Example {
        id: "plaintext-hop",
        label: "Unencrypted hop",
        text: include_str!("plaintext-hop.txt"),
    },
    Example {
        id: "local-only",
        label: "Local only",
        text: include_str!("local-only.txt"),
    },
];

pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|example| example.id == id)
}

/// The example a URL fragment names: `#example=gmail`.
pub fn from_fragment(fragment: &str) -> Option<&'static Example> {
    find(
        fragment
            .strip_prefix('#')
            .unwrap_or(fragment)
            .strip_prefix("example=")?,
    )
}

/// The URL fragment that names an example.
pub fn fragment(example: &Example) -> String {
    format!("#example={}", example.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip_through_the_fragment() {
        for example in EXAMPLES {
            assert_eq!(from_fragment(&fragment(example)), Some(example));
            assert!(example
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            assert_eq!(EXAMPLES.iter().filter(|e| e.id == example.id).count(), 1);
        }
        assert_eq!(from_fragment("example=gmail").map(|e| e.id), Some("gmail"));
        assert_eq!(from_fragment("#example=nope"), None);
        assert_eq!(from_fragment(""), None);
    }

    #[test]
    fn examples_are_headers_dated_2026() {
        for example in EXAMPLES {
            assert!(
                example.text.starts_with(|c: char| c.is_ascii_alphabetic()),
                "{}",
                example.id
            );
            for year in 2000..2100 {
                let dated = example.text.contains(&format!(" {year} "));
                assert_eq!(dated, year == 2026, "{}: {year}", example.id);
            }
        }
    }

    #[test]
    fn ipv4_addresses_are_documentation_private_or_loopback() {
        let allowed = [
            "192.0.2.",
            "198.51.100.",
            "203.0.113.",
            "10.",
            "192.168.",
            "127.0.0.1",
        ];
        for example in EXAMPLES {
            for address in ipv4_addresses(example.text) {
                assert!(
                    allowed.iter().any(|p| address.starts_with(p)),
                    "{}: {address}",
                    example.id
                );
            }
        }
    }

    #[test]
    fn ipv6_addresses_are_documentation_or_link_local() {
        for example in EXAMPLES {
            for word in example
                .text
                .split(|c: char| c.is_whitespace() || "[]();".contains(c))
            {
                let time = word.chars().all(|c| c.is_ascii_digit() || c == ':');
                let hex = word
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || ":%.".contains(c));
                if word.matches(':').count() >= 2 && hex && !time {
                    assert!(
                        word.starts_with("2001:db8:") || word.starts_with("fe80::"),
                        "{}: {word}",
                        example.id
                    );
                }
            }
        }
    }

    #[test]
    fn domains_are_invented_or_provider_infrastructure() {
        let allowed = [
            "example.com",
            "example.net",
            "example.org",
            ".test",
            "google.com",
            "gmail.com",
            "1e100.net",
            "outlook.com",
            "office365.com",
            "microsoft.com",
        ];
        for example in EXAMPLES {
            for word in example
                .text
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
            {
                let word = word.trim_end_matches('.').to_ascii_lowercase();
                let tld = word.rsplit('.').next().unwrap_or("");
                if word.contains('.') && ["com", "net", "org", "test", "io"].contains(&tld) {
                    assert!(
                        allowed.iter().any(|d| word.ends_with(d)),
                        "{}: {word}",
                        example.id
                    );
                }
            }
        }
    }

    /// Each example shows what its label promises, as the analysis reads it today.
    #[test]
    fn examples_show_what_they_are_named_for() {
        use hopscope_core::{analyze, Overall, Scope, Verdict};
        let report = |id| analyze(find(id).unwrap().text);

        let gmail = report("gmail");
        assert_eq!(gmail.summary.overall, Overall::AllEncrypted);
        assert!(gmail
            .hops
            .iter()
            .any(|h| h.protocol.as_deref() == Some("SMTPS")));

        let microsoft = report("microsoft365");
        assert_eq!(microsoft.summary.overall, Overall::AllEncrypted);
        assert_eq!(microsoft.hops[0].scope, Scope::Local, "the mapi hop");

        let pq = report("postfix-pq");
        assert!(pq
            .hops
            .iter()
            .any(|h| h.tls.as_ref().is_some_and(|t| t.post_quantum)));

        let plaintext = report("plaintext-hop");
        assert_eq!(plaintext.summary.overall, Overall::Exposed);
        let exposed = plaintext
            .hops
            .iter()
            .filter(|h| h.verdict == Verdict::Plaintext);
        assert!(exposed.map(|h| h.scope).eq([Scope::External]));

        let local = report("local-only");
        assert!(local.hops.iter().all(|h| h.scope == Scope::Local));
        assert_ne!(local.summary.overall, Overall::Exposed);

        for example in EXAMPLES {
            let report = analyze(example.text);
            assert!(report.looks_like_email, "{}", example.id);
            assert!(report.hops.len() >= 2, "{}", example.id);
            assert!(
                report
                    .warnings
                    .iter()
                    .all(|w| w.code != "unparsed_received"),
                "{}",
                example.id
            );
        }
    }

    fn ipv4_addresses(text: &str) -> Vec<&str> {
        text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|w| {
                w.split('.').count() == 4 && w.split('.').all(|p| !p.is_empty() && p.len() <= 3)
            })
            .collect()
    }
}
