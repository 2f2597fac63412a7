//! Totals over many reports (an mbox run): how much of the traffic travelled encrypted, the
//! weakest TLS seen, and per sending domain how many messages were encrypted end to end.
//!
//! This only counts what the reports already say; it never looks at headers itself. Maps are
//! `BTreeMap`s and every list has a total order, so the same mailbox always prints the same
//! summary.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use hopscope_core::render::{markdown::escape, one_line};
use hopscope_core::{Grade, Overall, Report, Verdict};

/// How many rows of the cipher and domain tables are printed; the rest are counted.
const MAX_ROWS: usize = 20;

/// Shown in place of a domain when the From header has no readable address.
const NO_DOMAIN: &str = "(no From address)";

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Aggregate {
    /// Every message seen, including those that did not look like email.
    pub messages: u64,
    pub not_email: u64,
    pub hops: u64,
    pub encrypted: u64,
    pub plaintext: u64,
    pub unknown: u64,
    /// Hops per TLS version as the reports name it (`TLS1.2`).
    pub tls_versions: BTreeMap<String, u64>,
    /// Hops per cipher suite as written, with the worst grade any of those hops got.
    pub ciphers: BTreeMap<String, CipherSeen>,
    /// Messages per sending domain (lowercase).
    pub domains: BTreeMap<String, DomainStats>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CipherSeen {
    pub hops: u64,
    pub worst_grade: Option<Grade>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DomainStats {
    pub messages: u64,
    /// Messages whose every hop that left a machine was encrypted.
    pub fully_encrypted: u64,
}

impl Aggregate {
    pub fn add(&mut self, report: &Report) {
        self.messages += 1;
        if !report.looks_like_email {
            self.not_email += 1;
            return;
        }
        let s = &report.summary;
        self.hops += u64::from(s.hops);
        self.encrypted += u64::from(s.encrypted);
        self.plaintext += u64::from(s.plaintext);
        self.unknown += u64::from(s.unknown);

        for hop in report
            .hops
            .iter()
            .filter(|h| h.verdict == Verdict::Encrypted)
        {
            let Some(tls) = &hop.tls else { continue };
            if let Some(version) = &tls.version {
                *self.tls_versions.entry(version.clone()).or_default() += 1;
            }
            if let Some(cipher) = &tls.cipher {
                let seen = self.ciphers.entry(cipher.clone()).or_default();
                seen.hops += 1;
                // `Grade` is ordered best to worst, so the maximum is the worst.
                seen.worst_grade = seen.worst_grade.max(hop.grade);
            }
        }

        let domain = report
            .message
            .from
            .as_deref()
            .and_then(sender_domain)
            .unwrap_or_else(|| NO_DOMAIN.to_string());
        let stats = self.domains.entry(domain).or_default();
        stats.messages += 1;
        if s.overall == Overall::AllEncrypted {
            stats.fully_encrypted += 1;
        }
    }

    /// TLS versions, weakest first.
    fn versions_weakest_first(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self
            .tls_versions
            .iter()
            .map(|(k, n)| (k.as_str(), *n))
            .collect();
        v.sort_by(|a, b| version_rank(a.0).cmp(&version_rank(b.0)).then(a.0.cmp(b.0)));
        v
    }

    /// Cipher suites, worst grade first, then most used.
    fn ciphers_weakest_first(&self) -> Vec<(&str, &CipherSeen)> {
        let mut v: Vec<(&str, &CipherSeen)> =
            self.ciphers.iter().map(|(k, s)| (k.as_str(), s)).collect();
        v.sort_by(|a, b| {
            b.1.worst_grade
                .cmp(&a.1.worst_grade)
                .then(b.1.hops.cmp(&a.1.hops))
                .then(a.0.cmp(b.0))
        });
        v
    }

    /// Domains, most messages first.
    fn domains_by_volume(&self) -> Vec<(&str, &DomainStats)> {
        let mut v: Vec<(&str, &DomainStats)> =
            self.domains.iter().map(|(k, s)| (k.as_str(), s)).collect();
        v.sort_by(|a, b| b.1.messages.cmp(&a.1.messages).then(a.0.cmp(b.0)));
        v
    }

    fn hop_shares(&self) -> String {
        format!(
            "{} encrypted, {} plaintext, {} unknown",
            percent(self.encrypted, self.hops),
            percent(self.plaintext, self.hops),
            percent(self.unknown, self.hops)
        )
    }

    fn title(&self) -> String {
        format!(
            "{} {}, {} {}",
            self.messages,
            plural(self.messages, "message", "messages"),
            self.hops,
            plural(self.hops, "hop", "hops")
        )
    }

    /// Plain text for a terminal. Header-derived names are made visible with [`one_line`].
    pub fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "Summary: {}", self.title());
        if self.not_email > 0 {
            let _ = writeln!(
                out,
                "  {} {} did not look like email headers.",
                self.not_email,
                plural(self.not_email, "message", "messages")
            );
        }
        if self.hops > 0 {
            let _ = writeln!(out, "  Hops: {}", self.hop_shares());
        }
        let versions = self.versions_weakest_first();
        if !versions.is_empty() {
            out.push_str("  TLS versions (weakest first):\n");
            let width = versions.iter().map(|(v, _)| width(v)).max().unwrap_or(0);
            for (v, n) in versions {
                let v = one_line(v);
                let _ = writeln!(out, "    {v:<width$}  {n:>6} {}", plural(n, "hop", "hops"));
            }
        }
        let ciphers = self.ciphers_weakest_first();
        if !ciphers.is_empty() {
            out.push_str("  Ciphers (weakest first):\n");
            let shown = &ciphers[..ciphers.len().min(MAX_ROWS)];
            let width = shown.iter().map(|(c, _)| width(c)).max().unwrap_or(0);
            for (c, seen) in shown {
                let c = one_line(c);
                let grade = seen.worst_grade.map_or("", grade_word);
                let line = format!(
                    "    {c:<width$}  {:>6} {:<4} {grade}",
                    seen.hops,
                    plural(seen.hops, "hop", "hops")
                );
                let _ = writeln!(out, "{}", line.trim_end());
            }
            more(
                &mut out,
                "    ",
                ciphers.len(),
                "cipher suite",
                "cipher suites",
            );
        }
        let domains = self.domains_by_volume();
        if !domains.is_empty() {
            out.push_str("  Sending domains (share of messages encrypted on every hop):\n");
            let shown = &domains[..domains.len().min(MAX_ROWS)];
            let width = shown.iter().map(|(d, _)| width(d)).max().unwrap_or(0);
            for (d, stats) in shown {
                let d = one_line(d);
                let _ = writeln!(
                    out,
                    "    {d:<width$}  {:>6} {:<8}  {:>6} fully encrypted",
                    stats.messages,
                    plural(stats.messages, "message", "messages"),
                    percent(stats.fully_encrypted, stats.messages)
                );
            }
            more(&mut out, "    ", domains.len(), "domain", "domains");
        }
        out
    }

    /// Markdown for a ticket. Header-derived names are escaped with [`escape`].
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "## Summary: {}\n", self.title());
        if self.not_email > 0 {
            let _ = writeln!(
                out,
                "{} {} did not look like email headers.\n",
                self.not_email,
                plural(self.not_email, "message", "messages")
            );
        }
        if self.hops > 0 {
            let _ = writeln!(out, "Hops: {}.\n", self.hop_shares());
        }
        let versions = self.versions_weakest_first();
        if !versions.is_empty() {
            out.push_str("| TLS version | Hops |\n|---|--:|\n");
            for (v, n) in versions {
                let _ = writeln!(out, "| {} | {n} |", escape(v));
            }
            out.push('\n');
        }
        let ciphers = self.ciphers_weakest_first();
        if !ciphers.is_empty() {
            out.push_str("| Cipher | Hops | Worst grade |\n|---|--:|---|\n");
            for (c, seen) in ciphers.iter().take(MAX_ROWS) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    escape(c),
                    seen.hops,
                    seen.worst_grade.map_or("—", grade_word)
                );
            }
            out.push('\n');
            more(&mut out, "", ciphers.len(), "cipher suite", "cipher suites");
        }
        let domains = self.domains_by_volume();
        if !domains.is_empty() {
            out.push_str("| Sending domain | Messages | Fully encrypted |\n|---|--:|--:|\n");
            for (d, stats) in domains.iter().take(MAX_ROWS) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    escape(d),
                    stats.messages,
                    percent(stats.fully_encrypted, stats.messages)
                );
            }
            out.push('\n');
            more(&mut out, "", domains.len(), "domain", "domains");
        }
        let end = out.trim_end().len();
        out.truncate(end);
        out.push('\n');
        out
    }
}

/// The domain of the address in a From header value, lowercase: `example.org` for
/// `"Alice" <alice@Example.org>` or `alice@example.org (Alice)`. `None` without an `@`.
pub fn sender_domain(from: &str) -> Option<String> {
    // Prefer the address in angle brackets: a display name may itself contain `@`.
    let address = match (from.rfind('<'), from.rfind('>')) {
        (Some(open), Some(close)) if open < close => &from[open + 1..close],
        _ => from,
    };
    let at = address.rfind('@')?;
    let domain: String = address[at + 1..]
        .trim_start()
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '<' | '(' | ')' | ',' | ';' | '"'))
        .collect();
    let domain = domain.trim_end_matches('.').to_lowercase();
    (!domain.is_empty()).then_some(domain)
}

/// Order of TLS versions from weakest to strongest; names it does not know sort last.
fn version_rank(version: &str) -> u8 {
    match version {
        "SSL2" => 0,
        "SSL3" => 1,
        "TLS1.0" => 2,
        "TLS1.1" => 3,
        "TLS1.2" => 4,
        "TLS1.3" => 5,
        _ => 6,
    }
}

fn grade_word(grade: Grade) -> &'static str {
    match grade {
        Grade::Strong => "Strong",
        Grade::Good => "Good",
        Grade::Weak => "Weak",
        Grade::Broken => "Broken",
    }
}

/// `75.0%`; `—` when there is nothing to divide.
fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "—".to_string();
    }
    format!("{:.1}%", part as f64 * 100.0 / whole as f64)
}

fn plural<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Width of a name once made visible, for column alignment.
fn width(s: &str) -> usize {
    one_line(s).chars().count()
}

fn more(out: &mut String, indent: &str, total: usize, one: &str, many: &str) {
    if total > MAX_ROWS {
        let rest = (total - MAX_ROWS) as u64;
        let _ = writeln!(out, "{indent}… and {rest} more {}", plural(rest, one, many));
        if indent.is_empty() {
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hopscope_core::{
        Authentication, Endpoint, Evidence, Hop, MessageInfo, Scope, Summary, Tls, Trust,
        SCHEMA_VERSION,
    };

    fn hop(index: u32, verdict: Verdict, tls: Option<(&str, &str)>, grade: Option<Grade>) -> Hop {
        Hop {
            index,
            from: Endpoint::default(),
            by: None,
            software: None,
            via: None,
            protocol: None,
            id: None,
            for_: None,
            date: None,
            timestamp: None,
            delay_seconds: None,
            verdict,
            scope: Scope::External,
            scope_evidence: Evidence {
                rule: "test".into(),
                start: 0,
                end: 0,
                text: String::new(),
            },
            trust: Trust::Recipient,
            tls: tls.map(|(version, cipher)| Tls {
                version: Some(version.into()),
                cipher: Some(cipher.into()),
                ..Tls::default()
            }),
            grade,
            grade_reason: None,
            evidence: Vec::new(),
            diagnostics: Vec::new(),
            raw: String::new(),
            raw_start: 0,
        }
    }

    fn report(from: Option<&str>, hops: Vec<Hop>) -> Report {
        let count = |v: Verdict| hops.iter().filter(|h| h.verdict == v).count() as u32;
        let (encrypted, plaintext, unknown) = (
            count(Verdict::Encrypted),
            count(Verdict::Plaintext),
            count(Verdict::Unknown),
        );
        let overall = if plaintext > 0 {
            Overall::Exposed
        } else if unknown > 0 {
            Overall::Incomplete
        } else if hops.is_empty() {
            Overall::NoHops
        } else {
            Overall::AllEncrypted
        };
        Report {
            schema: SCHEMA_VERSION,
            looks_like_email: true,
            summary: Summary {
                overall,
                headline: String::new(),
                hops: hops.len() as u32,
                encrypted,
                plaintext,
                unknown,
                local: 0,
                exposed_hops: Vec::new(),
                unknown_hops: Vec::new(),
                weakest: None,
                transit_seconds: None,
                trusted_from: None,
            },
            hops,
            warnings: Vec::new(),
            redaction: None,
            authentication: Authentication::default(),
            message: MessageInfo {
                from: from.map(String::from),
                ..MessageInfo::default()
            },
            diagnostics: Vec::new(),
        }
    }

    fn sample() -> Aggregate {
        let mut agg = Aggregate::default();
        agg.add(&report(
            Some("Alice <alice@Example.org>"),
            vec![
                hop(
                    1,
                    Verdict::Encrypted,
                    Some(("TLS1.3", "TLS_AES_256_GCM_SHA384")),
                    Some(Grade::Strong),
                ),
                hop(
                    2,
                    Verdict::Encrypted,
                    Some(("TLS1.2", "ECDHE-RSA-AES256-GCM-SHA384")),
                    Some(Grade::Good),
                ),
            ],
        ));
        agg.add(&report(
            Some("bob@example.org"),
            vec![
                hop(1, Verdict::Plaintext, None, None),
                hop(
                    2,
                    Verdict::Encrypted,
                    Some(("TLS1.0", "DES-CBC3-SHA")),
                    Some(Grade::Broken),
                ),
            ],
        ));
        agg.add(&report(
            Some("\"Carol | <b>\" <carol@other.example>"),
            vec![
                hop(1, Verdict::Unknown, None, None),
                hop(
                    2,
                    Verdict::Encrypted,
                    Some(("TLS1.3", "TLS_AES_256_GCM_SHA384")),
                    Some(Grade::Strong),
                ),
            ],
        ));
        agg.add(&report(None, Vec::new()));
        let mut not_email = report(None, Vec::new());
        not_email.looks_like_email = false;
        agg.add(&not_email);
        agg
    }

    #[test]
    fn counts_hops_versions_ciphers_and_domains() {
        let agg = sample();
        assert_eq!(agg.messages, 5);
        assert_eq!(agg.not_email, 1);
        assert_eq!(
            (agg.hops, agg.encrypted, agg.plaintext, agg.unknown),
            (6, 4, 1, 1)
        );
        assert_eq!(
            agg.versions_weakest_first(),
            [("TLS1.0", 1), ("TLS1.2", 1), ("TLS1.3", 2)]
        );
        let ciphers: Vec<_> = agg
            .ciphers_weakest_first()
            .into_iter()
            .map(|(c, s)| (c, s.hops, s.worst_grade))
            .collect();
        assert_eq!(
            ciphers,
            [
                ("DES-CBC3-SHA", 1, Some(Grade::Broken)),
                ("ECDHE-RSA-AES256-GCM-SHA384", 1, Some(Grade::Good)),
                ("TLS_AES_256_GCM_SHA384", 2, Some(Grade::Strong)),
            ]
        );
        let example = &agg.domains["example.org"];
        assert_eq!((example.messages, example.fully_encrypted), (2, 1));
        assert_eq!(agg.domains["other.example"].fully_encrypted, 0);
        assert_eq!(agg.domains[NO_DOMAIN].messages, 1);
    }

    #[test]
    fn text_summary() {
        let expected = "\
Summary: 5 messages, 6 hops
  1 message did not look like email headers.
  Hops: 66.7% encrypted, 16.7% plaintext, 16.7% unknown
  TLS versions (weakest first):
    TLS1.0       1 hop
    TLS1.2       1 hop
    TLS1.3       2 hops
  Ciphers (weakest first):
    DES-CBC3-SHA                      1 hop  Broken
    ECDHE-RSA-AES256-GCM-SHA384       1 hop  Good
    TLS_AES_256_GCM_SHA384            2 hops Strong
  Sending domains (share of messages encrypted on every hop):
    example.org             2 messages   50.0% fully encrypted
    (no From address)       1 message     0.0% fully encrypted
    other.example           1 message     0.0% fully encrypted
";
        assert_eq!(sample().text(), expected);
    }

    #[test]
    fn markdown_summary_escapes_names() {
        let mut agg = sample();
        agg.add(&report(Some("x@evil|`*&.example"), Vec::new()));
        let md = agg.markdown();
        assert!(md.starts_with("## Summary: 6 messages, 6 hops\n\n"));
        assert!(md.contains("| TLS version | Hops |\n|---|--:|\n| TLS1.0 | 1 |\n"));
        assert!(md.contains("| DES-CBC3-SHA | 1 | Broken |\n"));
        assert!(md.contains("| example.org | 2 | 50.0% |\n"));
        assert!(
            md.contains("| evil\\|\\`\\*&amp;.example | 1 | 0.0% |\n"),
            "{md}"
        );
    }

    #[test]
    fn long_tables_are_cut() {
        let mut agg = Aggregate::default();
        for i in 0..25 {
            agg.add(&report(Some(&format!("a@d{i:02}.example")), Vec::new()));
        }
        let text = agg.text();
        assert!(text.contains("d19.example"));
        assert!(!text.contains("d20.example"));
        assert!(text.contains("… and 5 more domains"));
    }

    #[test]
    fn nothing_to_count() {
        let agg = Aggregate::default();
        assert_eq!(agg.text(), "Summary: 0 messages, 0 hops\n");
        assert_eq!(percent(0, 0), "—");
    }

    #[test]
    fn sender_domains() {
        assert_eq!(
            sender_domain("Alice <alice@Example.ORG>").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            sender_domain("alice@example.org").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            sender_domain("alice@example.org (Alice)").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            sender_domain("\"a@b.example\" <real@sender.example>").as_deref(),
            Some("sender.example")
        );
        assert_eq!(
            sender_domain("alice@example.org.").as_deref(),
            Some("example.org")
        );
        assert_eq!(sender_domain("Undisclosed"), None);
        assert_eq!(sender_domain("alice@"), None);
        assert_eq!(sender_domain("<>"), None);
        assert_eq!(sender_domain(">@<"), None);
    }
}
