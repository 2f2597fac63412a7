//! The texts of the page's built-in examples (the page lists their ids and labels, in
//! `src/examples/mod.rs`; the texts are loaded with the engine, which analyses them anyway, so
//! the first load does not carry them).
//!
//! Hostnames of the people and organisations involved are invented (`example.com`, `.net`,
//! `.org`, `.test`) and addresses are documentation ranges (RFC 5737, RFC 3849). Only the
//! providers' own infrastructure keeps its real naming pattern (`mx.google.com`,
//! `*.prod.outlook.com`), because that shape is what the analysis recognises.

/// Each example's id (the page's `#example=<id>`) and header text.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("gmail", include_str!("../../../src/examples/gmail.txt")),
    (
        "microsoft365",
        include_str!("../../../src/examples/microsoft365.txt"),
    ),
    (
        "postfix-pq",
        include_str!("../../../src/examples/postfix-pq.txt"),
    ),
    (
        "plaintext-hop",
        include_str!("../../../src/examples/plaintext-hop.txt"),
    ),
    (
        "local-only",
        include_str!("../../../src/examples/local-only.txt"),
    ),
];

/// The text of the example `id`.
pub fn text(id: &str) -> Option<&'static str> {
    EXAMPLES
        .iter()
        .find(|(e, _)| *e == id)
        .map(|(_, text)| *text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples as the tests below read them.
    struct Example {
        id: &'static str,
        text: &'static str,
    }

    fn examples() -> impl Iterator<Item = Example> {
        EXAMPLES.iter().map(|&(id, text)| Example { id, text })
    }

    fn find(id: &str) -> Option<Example> {
        examples().find(|e| e.id == id)
    }

    #[test]
    fn examples_are_headers_dated_2026() {
        for example in examples() {
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
        for example in examples() {
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
        for example in examples() {
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
        for example in examples() {
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

        for example in examples() {
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
