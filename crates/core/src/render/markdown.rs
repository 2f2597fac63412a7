//! Markdown for tickets: a title with the headline, one table row per hop, then warnings,
//! authentication results and a footer.
//!
//! The output is CommonMark with a GitHub-flavoured table, which GitHub, GitLab, Gitea, Jira's
//! Markdown mode and most help desks render. Every header-derived string goes through
//! [`escape`], so a header can neither inject HTML, links or emphasis nor break the table.
//! Verdicts carry a symbol *and* a word, so the report still reads right without colour or emoji.

use std::fmt::Write as _;

use super::{cipher_cell, hops_suffix, one_line, scope_cell, tls_cell};
use crate::model::{Hop, Report, Severity, Verdict};
use crate::words::{self, Tone};

/// Shown for every value the report does not know.
const UNKNOWN: &str = "—";

/// Renders a report as Markdown. Deterministic: the same report always gives the same text.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let title_symbol = if !report.looks_like_email {
        "❔"
    } else {
        match words::overall_tone(report.summary.overall) {
            Tone::Good => "🔒",
            Tone::Bad => "⚠️",
            Tone::Caution => "🔓",
            Tone::Unstated => "❔",
            Tone::Neutral => "🖥️",
        }
    };
    let _ = writeln!(out, "## {title_symbol} {}", escape(words::headline(report)));
    out.push('\n');

    if !report.looks_like_email {
        out.push_str("Paste the message's raw headers, the lines starting with “Received:”.\n\n");
        for (program, how) in words::HEADER_SOURCES {
            let _ = writeln!(out, "- **{program}:** {}", escape(how));
        }
        out.push('\n');
        footer(&mut out);
        return out;
    }

    message_line(report, &mut out);
    if report.looks_like_email && !report.hops.is_empty() {
        let _ = writeln!(
            out,
            "**{}.** {}",
            words::overall_title(report.summary.overall),
            escape(&words::counts_sentence(report))
        );
    }
    if let Some(w) = &report.summary.weakest {
        let _ = writeln!(
            out,
            "{}: {}",
            words::weakest_label(w.hop, w.grade),
            escape(&w.reason)
        );
    }
    out.push('\n');

    if !report.hops.is_empty() {
        out.push_str(
            "| # | From → By | Protocol | Verdict | TLS | Cipher | Grade | Scope | Delay |\n",
        );
        out.push_str("|--:|---|---|---|---|---|---|---|--:|\n");
        for hop in &report.hops {
            hop_row(hop, &mut out);
        }
        out.push('\n');
    }

    if let Some((title, lines)) = super::policy_lines(report) {
        out.push_str("### Policy\n\n");
        let _ = writeln!(out, "{}", escape(&title));
        out.push('\n');
        for line in lines {
            let _ = writeln!(out, "- {}", escape(&line));
        }
        out.push('\n');
    }

    let certificates = super::certificate_lines(report);
    if !certificates.is_empty() {
        out.push_str("### Certificates\n\n");
        for line in certificates {
            let _ = writeln!(out, "- {}", escape(&line));
        }
        out.push('\n');
    }

    if !report.warnings.is_empty() {
        out.push_str("### Warnings\n\n");
        for w in &report.warnings {
            let symbol = match w.severity {
                Severity::Warning => "⚠️",
                Severity::Info => "ℹ️",
            };
            let _ = write!(
                out,
                "- {symbol} **{}:** {}",
                words::severity_word(w.severity),
                escape(&w.message)
            );
            out.push_str(&hops_suffix(&w.hops));
            out.push('\n');
        }
        out.push('\n');
    }

    authentication(report, &mut out);
    notes(report, &mut out);
    footer(&mut out);
    out
}

/// Escapes header-derived text for use inside a Markdown paragraph, list item or table cell.
///
/// The text is first made single-line and visible ([`one_line`]); then HTML's `<`, `>` and `&`
/// become entities and Markdown punctuation (`|`, backticks, `*`, `_`, `[`, `]`, `~`, `#`, `\`)
/// is backslash-escaped. Entities were preferred over backslashes for `<` and `>` because some
/// renderers pass raw HTML through before they look at backslashes.
pub fn escape(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn message_line(report: &Report, out: &mut String) {
    let m = &report.message;
    let fields = [
        ("Subject", &m.subject),
        ("From", &m.from),
        ("To", &m.to),
        ("Date", &m.date),
        ("TLS-Required", &m.tls_required),
    ];
    let mut first = true;
    for (name, value) in fields {
        let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty()) else {
            continue;
        };
        if !first {
            out.push_str(" · ");
        }
        first = false;
        let _ = write!(out, "**{name}:** {}", escape(value.trim()));
    }
    if !first {
        out.push_str("\n\n");
    }
}

fn hop_row(hop: &Hop, out: &mut String) {
    let cell = |v: Option<String>| v.map_or_else(|| UNKNOWN.to_string(), |v| escape(&v));
    let from = words::endpoint(&hop.from);
    let route = format!(
        "{} → {}",
        cell(from),
        cell(
            hop.by
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(str::to_owned)
        )
    );
    let verdict = match hop.verdict {
        Verdict::Encrypted => "🔒",
        Verdict::Plaintext => "⚠️",
        Verdict::Unknown => "❔",
    };
    let tls = hop.tls.as_ref();
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} {} | {} | {} | {} | {} | {} |",
        hop.index,
        route,
        cell(hop.protocol.as_deref().map(str::to_owned)),
        verdict,
        words::verdict_word(hop.verdict),
        cell(tls_cell(tls)),
        cell(cipher_cell(tls)),
        hop.grade.map_or(UNKNOWN, words::grade_word),
        scope_cell(hop),
        hop.delay_seconds
            .map_or_else(|| UNKNOWN.to_string(), words::duration),
    );
}

fn authentication(report: &Report, out: &mut String) {
    let auth = &report.authentication;
    out.push_str("### Authentication\n\n");
    if auth.results.is_empty() && auth.arc_sets == 0 {
        out.push_str("No Authentication-Results header found.\n\n");
        return;
    }
    for set in &auth.results {
        let _ = writeln!(
            out,
            "- **{}:**{}",
            escape(&set.authserv_id),
            super::auth_results_line(set, escape, escape)
        );
    }
    if auth.arc_sets > 0 {
        let _ = writeln!(out, "- {}", crate::words::arc_sets(auth.arc_sets));
    }
    out.push('\n');
}

/// What could not be read, so a reader knows where the report may be incomplete.
fn notes(report: &Report, out: &mut String) {
    let hop_notes = report
        .hops
        .iter()
        .flat_map(|h| h.diagnostics.iter().map(move |d| (Some(h.index), d)));
    let input_notes = report.diagnostics.iter().map(|d| (None, &d.message));
    let all: Vec<_> = input_notes.chain(hop_notes).collect();
    if all.is_empty() {
        return;
    }
    out.push_str("### Notes\n\n");
    for (hop, message) in all {
        match hop {
            Some(h) => {
                let _ = writeln!(out, "- Hop {h}: {}", escape(message));
            }
            None => {
                let _ = writeln!(out, "- {}", escape(message));
            }
        }
    }
    out.push('\n');
}

fn footer(out: &mut String) {
    out.push_str("---\n_Generated by Hopscope — analysed locally_\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::sample_report;

    #[test]
    fn escape_neutralises_markdown_and_html() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("<b>x</b>"), "&lt;b&gt;x&lt;/b&gt;");
        assert_eq!(escape("`code`"), "\\`code\\`");
        assert_eq!(escape("[x](http://e)"), "\\[x\\](http://e)");
        assert_eq!(escape("a\r\n b"), "a b");
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape("x\u{202e}y"), "x⟨U+202E⟩y");
        assert_eq!(escape("mx.example.org"), "mx.example.org");
    }

    #[test]
    fn renders_the_whole_report() {
        let md = markdown(&sample_report());
        let expected = "\
## ⚠️ Hop 2 travelled in plaintext across the Internet.

**Subject:** Quarterly \\*report\\* &lt;script&gt; · **From:** Alice &lt;alice@sender.example&gt; · **To:** bob@recipient.example · **Date:** Fri, 22 Nov 2024 05:20:38 +0000

**Not encrypted on at least one hop across the Internet.** 3 hops: 1 encrypted, 1 not encrypted, 1 on one machine. In transit 3 min 1 s.
Weakest encrypted hop: hop 1 (Strong): Modern TLS 1.3.

| # | From → By | Protocol | Verdict | TLS | Cipher | Grade | Scope | Delay |
|--:|---|---|---|---|---|---|---|--:|
| 1 | mail.sender.example \\[192.0.2.10\\] → mx.recipient.example | ESMTPS | 🔒 Encrypted | TLS1.3, X25519MLKEM768 (post-quantum) | TLS\\_AES\\_256\\_GCM\\_SHA384 (256 bits) | Strong | External | — |
| 2 | evil\\|&lt;b&gt;x&lt;/b&gt;\\`code\\`⟨U+202E⟩txt.exe \\[198.51.100.7\\] → relay.recipient.example ⟨U+001B⟩\\[31mred | SMTP | ⚠️ Not encrypted | — | — | — | External | 3 min 5 s |
| 3 | — → localhost | — | ❔ Not stated | — | — | — | Local | -4 s |

### Certificates

- Hop 1: Client certificate not stated.
- Whether the sending server checked the receiving server's certificate (what MTA-STS and DANE enforce) is not recorded in Received headers.

### Warnings

- ⚠️ **Warning:** Clocks disagree between hop 2 and hop 3. (hops 2, 3)
- ℹ️ **Note:** Nothing to verify.

### Authentication

- **mx.recipient.example:** spf=pass (smtp.mailfrom=sender.example); dkim=fail
- ARC: 1 set

### Notes

- Skipped 2 lines before the headers.
- Hop 2: Date could not be read.

---
_Generated by Hopscope — analysed locally_
";
        assert_eq!(md, expected);
    }

    #[test]
    fn every_table_row_has_ten_unescaped_pipes() {
        let md = markdown(&sample_report());
        for line in md.lines().filter(|l| l.starts_with('|')) {
            let mut pipes = 0;
            let mut escaped = false;
            for c in line.chars() {
                match (escaped, c) {
                    (false, '\\') => escaped = true,
                    (false, '|') => pipes += 1,
                    _ => escaped = false,
                }
            }
            assert_eq!(pipes, 10, "{line}");
        }
    }

    #[test]
    fn nothing_renders_as_html() {
        let md = markdown(&sample_report());
        assert!(!md.contains('<'), "{md}");
        assert!(!md.contains('\x1b'));
        assert!(!md.contains('\u{202e}'));
    }

    #[test]
    fn deterministic() {
        assert_eq!(markdown(&sample_report()), markdown(&sample_report()));
    }

    #[test]
    fn not_email_says_what_to_paste() {
        let mut r = sample_report();
        r.looks_like_email = false;
        let md = markdown(&r);
        assert!(md.starts_with("## ❔ This does not look like email headers.\n"));
        assert!(md.contains("Show original"));
        assert!(!md.contains("| # |"));
        assert!(md.ends_with("_Generated by Hopscope — analysed locally_\n"));
    }

    #[test]
    fn empty_report_falls_back_to_overall() {
        let mut r = sample_report();
        r.hops.clear();
        r.summary.headline.clear();
        r.summary.overall = crate::model::Overall::NoHops;
        r.authentication = Default::default();
        let md = markdown(&r);
        assert!(md.starts_with("## ❔ No Received header was found.\n"));
        assert!(!md.contains("| # |"));
        assert!(md.contains("No Authentication-Results header found."));
    }
}
