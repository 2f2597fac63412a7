//! Renderings of a report: Markdown (tickets) and plain text (terminals).
//!
//! Both renderers are pure functions of a [`Report`](crate::Report): same report, same bytes,
//! so their output can be diffed, pasted into tickets and checked in tests.
//!
//! # Untrusted input
//!
//! Most strings in a report were copied from the headers, and headers are written by whoever
//! sent the message. Before any of them reaches a terminal or a Markdown page it goes through
//! [`one_line`], which unfolds line breaks and turns every control character, bidirectional
//! override and invisible formatting character into a visible escape such as `\u{202e}`. A
//! hostile header therefore cannot move the cursor, recolour the terminal, reorder the text
//! around it or hide characters. The Markdown renderer then escapes what Markdown and HTML would
//! interpret (see [`markdown::escape`]).
//!
//! Escaping instead of silently dropping the characters was chosen deliberately: a header that
//! tries to hide something is itself worth seeing.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::visible;

pub mod markdown;
pub mod text;

/// Makes header-derived text safe to show on one line.
///
/// Line breaks and tabs (folding) become single spaces; every character of the hidden table
/// ([`crate::visible`]: controls, bidi controls, invisible and blank-looking characters)
/// becomes its visible token, `⟨U+202E⟩`, exactly as the page shows it. Everything else,
/// including ordinary non-ASCII text, is kept.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.contains(['\r', '\n', '\t']) {
        return visible::escape(text);
    }
    let mut unfolded = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A line break (LF, CRLF) or a tab is folding; a lone CR is not, and stays visible
        // (a terminal would move the cursor back over the line).
        let crlf = c == '\r' && chars.peek() == Some(&'\n');
        if matches!(c, '\n' | '\t') || crlf {
            pending_space = true;
            continue;
        }
        if pending_space {
            // A folded header continues with whitespace: keep a single space for the whole fold.
            if !unfolded.is_empty() && !unfolded.ends_with(' ') {
                unfolded.push(' ');
            }
            pending_space = false;
            if c == ' ' {
                continue;
            }
        }
        unfolded.push(c);
    }
    Cow::Owned(visible::escape(&unfolded).into_owned())
}

/// ` (hop 3)`, ` (hops 2, 3)`, or nothing: the hops a warning concerns, after its message.
pub(crate) fn hops_suffix(hops: &[u32]) -> String {
    let mut out = String::new();
    for (i, h) in hops.iter().enumerate() {
        out.push_str(match (i, hops.len()) {
            (0, 1) => " (hop ",
            (0, _) => " (hops ",
            _ => ", ",
        });
        let _ = write!(out, "{h}");
    }
    if !hops.is_empty() {
        out.push(')');
    }
    out
}

/// TLS details that fit one cell: `TLS1.3, X25519MLKEM768 (post-quantum)`.
pub(crate) fn tls_cell(tls: Option<&crate::Tls>) -> Option<String> {
    let tls = tls?;
    let mut parts: Vec<String> = Vec::new();
    if let Some(v) = &tls.version {
        parts.push(v.to_string());
    }
    if let Some(kx) = &tls.key_exchange {
        parts.push(kx.to_string());
    }
    let mut out = parts.join(", ");
    if tls.post_quantum {
        if out.is_empty() {
            out.push_str("post-quantum");
        } else {
            out.push_str(" (post-quantum)");
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A policy check in lines of words: the verdict with the definition, then every hop the
/// policy did not pass, with its reason.
pub(crate) fn policy_lines(report: &crate::Report) -> Option<(String, Vec<String>)> {
    let check = report.policy.as_ref()?;
    let title = format!(
        "Policy “{}” — {} {}",
        check.policy.name, check.definition, check.reason
    );
    let lines = check
        .hops
        .iter()
        .filter(|h| {
            !matches!(
                h.outcome,
                crate::policy::Outcome::Pass | crate::policy::Outcome::NotJudged
            )
        })
        .map(|h| format!("Hop {}: {}. {}", h.hop, h.outcome.word(), h.reason))
        .collect();
    Some((title, lines))
}

/// The results of one Authentication-Results set on one line, after its server's name:
/// ` spf=pass (detail); dkim=fail`. `safe` makes header text safe for the target (Markdown
/// escaping, or [`one_line`]); `result` writes a result word (the terminal colours it).
pub(crate) fn auth_results_line(
    set: &crate::AuthResults,
    safe: impl Fn(&str) -> String,
    result: impl Fn(&str) -> String,
) -> String {
    let mut line = String::new();
    if set.results.is_empty() {
        line.push_str(" no results");
    }
    for (i, r) in set.results.iter().enumerate() {
        if i > 0 {
            line.push(';');
        }
        let _ = write!(line, " {}={}", safe(&r.method), result(&r.result));
        if let Some(d) = r.detail.as_deref().filter(|d| !d.trim().is_empty()) {
            let _ = write!(line, " ({})", safe(d.trim()));
        }
    }
    line
}

/// For every encrypted hop, what the header says about the sending client's certificate, and
/// the one thing no header records: whether the sender checked the receiving server's.
pub(crate) fn certificate_lines(report: &crate::Report) -> Vec<String> {
    let encrypted: Vec<&crate::Hop> = report
        .hops
        .iter()
        .filter(|h| h.verdict == crate::Verdict::Encrypted)
        .collect();
    if encrypted.is_empty() {
        return Vec::new();
    }
    let mut lines: Vec<String> = encrypted
        .iter()
        .map(|h| {
            let check = h.tls.as_ref().and_then(|t| t.peer_certificate);
            format!("Hop {}: {}.", h.index, crate::words::cert_statement(check))
        })
        .collect();
    lines.push(crate::words::SERVER_AUTHENTICATION_NOT_RECORDED.to_owned());
    lines
}

/// The scope as a cell, with the trust badge of a hop written before the recipient's servers:
/// `External, unverified`.
pub(crate) fn scope_cell(hop: &crate::Hop) -> String {
    let scope = crate::words::scope_word(hop.scope);
    match crate::words::trust_badge(hop.trust) {
        Some(badge) => format!("{scope}, {}", badge.to_ascii_lowercase()),
        None => scope.to_owned(),
    }
}

/// The cipher as written, with its key size: `ECDHE-RSA-AES256-GCM-SHA384 (256 bits)`.
pub(crate) fn cipher_cell(tls: Option<&crate::Tls>) -> Option<String> {
    let tls = tls?;
    match (&tls.cipher, tls.bits) {
        (Some(c), Some(b)) => Some(format!("{c} ({b} bits)")),
        (Some(c), None) => Some(c.to_string()),
        (None, Some(b)) => Some(format!("{b} bits")),
        (None, None) => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::*;

    #[test]
    fn one_line_keeps_plain_text_borrowed() {
        assert!(matches!(one_line("mx.example.org"), Cow::Borrowed(_)));
        assert_eq!(one_line("Grüße 日本"), "Grüße 日本");
    }

    #[test]
    fn one_line_unfolds_and_escapes() {
        assert_eq!(one_line("a\r\n\tb"), "a b");
        assert_eq!(one_line("a\n b"), "a b");
        assert_eq!(one_line("\x1b[2Jclear"), "⟨U+001B⟩[2Jclear");
        assert_eq!(one_line("evil\u{202e}gnp.exe"), "evil⟨U+202E⟩gnp.exe");
        assert_eq!(one_line("zero\u{200b}width"), "zero⟨U+200B⟩width");
        assert_eq!(
            one_line("bell\x07 del\x7f c1\u{9b}"),
            "bell⟨U+0007⟩ del⟨U+007F⟩ c1⟨U+009B⟩"
        );
        assert_eq!(
            one_line("iso\u{2066}late\u{2069}\r\n\tnext"),
            "iso⟨U+2066⟩late⟨U+2069⟩ next"
        );
    }

    /// A report with one hop of each verdict, a warning and authentication results, shared by
    /// the renderer tests.
    pub(crate) fn sample_report() -> Report<'static> {
        let hop = |index: u32| Hop {
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
            verdict: Verdict::Unknown,
            scope: Scope::External,
            scope_evidence: Evidence {
                rule: "test".into(),
                start: 0,
                end: 0,
                text: "".into(),
            },
            trust: Trust::Recipient,
            tls: None,
            grade: None,
            grade_reason: None,
            evidence: Vec::new(),
            diagnostics: Vec::new(),
            raw: "".into(),
            raw_start: 0,
        };
        let mut h1 = hop(1);
        h1.from = Endpoint {
            helo: Some("mail.sender.example".into()),
            rdns: Some("mail.sender.example".into()),
            ip: Some("192.0.2.10".into()),
        };
        h1.by = Some("mx.recipient.example".into());
        h1.protocol = Some("ESMTPS".into());
        h1.verdict = Verdict::Encrypted;
        h1.tls = Some(Tls {
            version: Some("TLS1.3".into()),
            cipher: Some("TLS_AES_256_GCM_SHA384".into()),
            bits: Some(256),
            key_exchange: Some("X25519MLKEM768".into()),
            post_quantum: true,
            ..Tls::default()
        });
        h1.grade = Some(Grade::Strong);
        h1.grade_reason = Some("Modern TLS 1.3.".into());
        let mut h2 = hop(2);
        h2.from = Endpoint {
            helo: Some("evil|<b>x</b>`code`\u{202e}txt.exe".into()),
            rdns: None,
            ip: Some("198.51.100.7".into()),
        };
        h2.by = Some("relay.recipient.example\r\n\x1b[31mred".into());
        h2.protocol = Some("SMTP".into());
        h2.verdict = Verdict::Plaintext;
        h2.delay_seconds = Some(185);
        h2.diagnostics = vec!["Date could not be read.".into()];
        let mut h3 = hop(3);
        h3.by = Some("localhost".into());
        h3.scope = Scope::Local;
        h3.delay_seconds = Some(-4);
        Report {
            schema: SCHEMA_VERSION,
            looks_like_email: true,
            hops: vec![h1, h2, h3],
            summary: Summary {
                overall: Overall::Exposed,
                headline: "Hop 2 travelled in plaintext across the Internet.".into(),
                hops: 3,
                encrypted: 1,
                plaintext: 1,
                unknown: 1,
                local: 1,
                exposed_hops: vec![2],
                unknown_hops: vec![],
                weakest: Some(Weakest {
                    hop: 1,
                    grade: Grade::Strong,
                    reason: "Modern TLS 1.3.".into(),
                }),
                transit_seconds: Some(181),
                trusted_from: Some(1),
            },
            warnings: vec![
                Warning {
                    code: "clock_skew".into(),
                    severity: Severity::Warning,
                    message: "Clocks disagree between hop 2 and hop 3.".into(),
                    hops: vec![2, 3],
                },
                Warning {
                    code: "unverified_hops".into(),
                    severity: Severity::Info,
                    message: "Nothing to verify.".into(),
                    hops: vec![],
                },
            ],
            authentication: Authentication {
                results: vec![AuthResults {
                    authserv_id: "mx.recipient.example".into(),
                    results: vec![
                        AuthResult {
                            method: "spf".into(),
                            result: "pass".into(),
                            detail: Some("smtp.mailfrom=sender.example".into()),
                        },
                        AuthResult {
                            method: "dkim".into(),
                            result: "fail".into(),
                            detail: None,
                        },
                    ],
                }],
                arc_sets: 1,
            },
            message: MessageInfo {
                subject: Some("Quarterly *report* <script>".into()),
                from: Some("Alice <alice@sender.example>".into()),
                to: Some("bob@recipient.example".into()),
                date: Some("Fri, 22 Nov 2024 05:20:38 +0000".into()),
                message_id: Some("<abc@sender.example>".into()),
                tls_required: None,
            },
            diagnostics: vec![Diagnostic {
                message: "Skipped 2 lines before the headers.".into(),
                start: 0,
                end: 10,
            }],
            redaction: None,
            policy: None,
            part: 0,
            embedded: Vec::new(),
        }
    }
}

/// One vocabulary (issue 11): every value of every enum of the report reads the same in the
/// Markdown and the terminal text as `words` says (the page and the SVG route use `words`
/// directly and are checked in the app's tests).
#[cfg(test)]
mod vocabulary {
    use crate::model::*;
    use crate::words;

    /// A report holding every verdict, scope, grade, trust and certificate value.
    fn every_value() -> Vec<Report<'static>> {
        let mut out = Vec::new();
        let base = super::tests::sample_report();
        let verdicts = [Verdict::Encrypted, Verdict::Plaintext, Verdict::Unknown];
        let scopes = [Scope::Local, Scope::Internal, Scope::External];
        let grades = [Grade::Strong, Grade::Good, Grade::Weak, Grade::Broken];
        let certs = [CertCheck::Verified, CertCheck::NotVerified, CertCheck::None];
        for overall in ALL_OVERALLS {
            let mut r = base.clone();
            r.summary.overall = overall;
            r.summary.headline.clear();
            let template = r.hops[0].clone();
            r.hops = Vec::new();
            let mut index = 0;
            for (i, verdict) in verdicts.into_iter().enumerate() {
                for (j, scope) in scopes.into_iter().enumerate() {
                    index += 1;
                    let mut hop = template.clone();
                    hop.index = index;
                    hop.verdict = verdict;
                    hop.scope = scope;
                    hop.trust = if (i + j) % 2 == 0 {
                        Trust::Recipient
                    } else {
                        Trust::Unverified
                    };
                    if verdict == Verdict::Encrypted {
                        hop.grade = Some(grades[j % 4]);
                        hop.tls.as_mut().unwrap().peer_certificate = Some(certs[j]);
                    } else {
                        hop.tls = None;
                        hop.grade = None;
                    }
                    r.hops.push(hop);
                }
            }
            let mut hop = template.clone();
            index += 1;
            hop.index = index;
            hop.grade = Some(Grade::Broken);
            r.hops.push(hop);
            out.push(r);
        }
        out
    }

    #[test]
    fn markdown_and_text_use_the_same_words() {
        for report in every_value() {
            let md = super::markdown::markdown(&report);
            let text = super::text::text(&report, false);
            for rendered in [&md, &text] {
                assert!(
                    rendered.contains(words::overall_title(report.summary.overall)),
                    "{rendered}"
                );
                assert!(rendered.contains(words::headline(&report)), "{rendered}");
                for hop in &report.hops {
                    assert!(rendered.contains(words::verdict_word(hop.verdict)));
                    assert!(rendered.contains(words::scope_word(hop.scope)));
                    if let Some(badge) = words::trust_badge(hop.trust) {
                        assert!(rendered.contains(&badge.to_lowercase()));
                    }
                    if let Some(grade) = hop.grade {
                        assert!(rendered.contains(words::grade_word(grade)));
                    }
                    if hop.verdict == Verdict::Encrypted {
                        let check = hop.tls.as_ref().and_then(|t| t.peer_certificate);
                        let line = format!("Hop {}: {}.", hop.index, words::cert_statement(check));
                        assert!(rendered.contains(&line), "{line}");
                    }
                }
                // The other renderings' words never appear.
                for stale in ["Plaintext", "Unknown", "Weakest link"] {
                    assert!(!rendered.contains(stale), "{stale} in {rendered}");
                }
            }
        }
    }

    #[test]
    fn every_hidden_character_is_a_visible_token_in_markdown_and_text() {
        let mut report = super::tests::sample_report();
        let hidden: Vec<char> = crate::visible::table().collect();
        let text: String = hidden.iter().map(|c| format!("a{c}b ")).collect();
        report.message.subject = Some(text.clone());
        report.hops[0].by = Some(text.into());
        let md = super::markdown::markdown(&report);
        let plain = super::text::text(&report, false);
        for c in hidden {
            let token = crate::visible::token(c);
            for (name, rendered) in [("markdown", &md), ("text", &plain)] {
                assert!(
                    !rendered.contains(&format!("a{c}b")),
                    "{name}: {c:?} passed raw"
                );
                assert!(rendered.contains(&format!("a{token}b")), "{name}: {c:?}");
            }
        }
    }
}
