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

use crate::model::{Grade, Overall, Scope, Severity, Verdict};

pub mod markdown;
pub mod text;

/// Makes header-derived text safe to show on one line.
///
/// Line breaks and tabs (folding) become single spaces; control characters, bidirectional
/// controls and invisible formatting characters become visible escapes like `\u{202e}`.
/// Everything else, including ordinary non-ASCII text, is kept.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| needs_escape(c) || matches!(c, '\r' | '\n' | '\t'))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut pending_space = false;
    for c in text.chars() {
        if matches!(c, '\r' | '\n' | '\t') {
            pending_space = true;
            continue;
        }
        if pending_space {
            // A folded header continues with whitespace: keep a single space for the whole fold.
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            pending_space = false;
            if c == ' ' {
                continue;
            }
        }
        if needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Characters that could act on a terminal or a page instead of being read.
fn needs_escape(c: char) -> bool {
    if matches!(c, '\r' | '\n' | '\t') {
        return false;
    }
    c.is_control()
        || matches!(
            c,
            '\u{00ad}'                  // soft hyphen
            | '\u{061c}'                // Arabic letter mark
            | '\u{180e}'                // Mongolian vowel separator
            | '\u{200b}'..='\u{200f}'   // zero-width space, joiners, LRM, RLM
            | '\u{2028}'..='\u{202e}'   // line/paragraph separators, embeddings, overrides
            | '\u{2060}'..='\u{2064}'   // word joiner and invisible operators
            | '\u{2066}'..='\u{2069}'   // isolates
            | '\u{feff}'                // zero-width no-break space (BOM)
            | '\u{fff9}'..='\u{fffb}'   // interlinear annotation
            | '\u{e0000}'..='\u{e007f}' // tag characters
        )
}

/// A duration for people: `42 s`, `3 min 5 s`, `2 h 3 min`, `1 d 2 h`; negative stays negative.
pub(crate) fn duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    let (d, h, m, sec) = (s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60, s % 60);
    let body = if d > 0 {
        if h > 0 {
            format!("{d} d {h} h")
        } else {
            format!("{d} d")
        }
    } else if h > 0 {
        if m > 0 {
            format!("{h} h {m} min")
        } else {
            format!("{h} h")
        }
    } else if m > 0 {
        if sec > 0 {
            format!("{m} min {sec} s")
        } else {
            format!("{m} min")
        }
    } else {
        format!("{sec} s")
    };
    format!("{sign}{body}")
}

pub(crate) fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Encrypted => "Encrypted",
        Verdict::Plaintext => "Plaintext",
        Verdict::Unknown => "Unknown",
    }
}

pub(crate) fn scope_word(scope: Scope) -> &'static str {
    match scope {
        Scope::Local => "Local",
        Scope::Internal => "Internal",
        Scope::External => "External",
    }
}

pub(crate) fn grade_word(grade: Grade) -> &'static str {
    match grade {
        Grade::Strong => "Strong",
        Grade::Good => "Good",
        Grade::Weak => "Weak",
        Grade::Broken => "Broken",
    }
}

pub(crate) fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "Note",
        Severity::Warning => "Warning",
    }
}

/// The headline to show: the report's own, or a plain sentence from `overall` when it is empty.
pub(crate) fn headline(report: &crate::Report) -> Cow<'_, str> {
    if !report.looks_like_email {
        return Cow::Borrowed("This does not look like email headers.");
    }
    let own = report.summary.headline.trim();
    if !own.is_empty() {
        return Cow::Borrowed(own);
    }
    Cow::Borrowed(match report.summary.overall {
        Overall::AllEncrypted => "Every hop that left a machine was encrypted.",
        Overall::Exposed => "At least one hop travelled without encryption.",
        Overall::PlaintextInternal => {
            "Every hop across the Internet was encrypted, but a hop inside one organisation was not."
        }
        Overall::Incomplete => {
            "No hop shows plaintext, but some hops do not say whether they were encrypted."
        }
        Overall::NoHops => "No Received header was found.",
    })
}

/// What to tell someone whose input was not recognised as headers.
pub(crate) const NOT_EMAIL_HELP: &str = "Paste the message source: in Gmail use Show original, \
in Outlook use File > Properties > Internet headers.";

/// `3 hops: 2 encrypted, 0 plaintext, 1 unknown (1 local).`
pub(crate) fn counts_sentence(report: &crate::Report) -> String {
    let s = &report.summary;
    let mut out = format!(
        "{} {}: {} encrypted, {} plaintext, {} unknown",
        s.hops,
        if s.hops == 1 { "hop" } else { "hops" },
        s.encrypted,
        s.plaintext,
        s.unknown
    );
    if s.local > 0 {
        let _ = write!(out, " ({} local)", s.local);
    }
    out.push('.');
    if let Some(t) = s.transit_seconds {
        let _ = write!(out, " Transit time: {}.", duration(t));
    }
    out
}

/// `1, 2, 5` for a list of hop numbers.
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

/// The sending side as one short string: `helo (rdns) [ip]`, leaving out what is unknown or
/// repeated. `None` when nothing at all is known.
pub(crate) fn endpoint(from: &crate::Endpoint) -> Option<String> {
    let mut out = String::new();
    let helo = from
        .helo
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let rdns = from
        .rdns
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let ip = from.ip.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(h) = helo {
        out.push_str(h);
    }
    if let Some(r) = rdns {
        if helo.is_none_or(|h| !h.eq_ignore_ascii_case(r)) {
            if out.is_empty() {
                out.push_str(r);
            } else {
                let _ = write!(out, " ({r})");
            }
        }
    }
    if let Some(ip) = ip {
        if helo != Some(ip) {
            if !out.is_empty() {
                out.push(' ');
            }
            let _ = write!(out, "[{ip}]");
        }
    }
    (!out.is_empty()).then_some(out)
}

/// TLS details that fit one cell: `TLS1.3, X25519MLKEM768 (post-quantum)`.
pub(crate) fn tls_cell(tls: Option<&crate::Tls>) -> Option<String> {
    let tls = tls?;
    let mut parts: Vec<String> = Vec::new();
    if let Some(v) = &tls.version {
        parts.push(v.clone());
    }
    if let Some(kx) = &tls.key_exchange {
        parts.push(kx.clone());
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

/// The cipher as written, with its key size: `ECDHE-RSA-AES256-GCM-SHA384 (256 bits)`.
pub(crate) fn cipher_cell(tls: Option<&crate::Tls>) -> Option<String> {
    let tls = tls?;
    match (&tls.cipher, tls.bits) {
        (Some(c), Some(b)) => Some(format!("{c} ({b} bits)")),
        (Some(c), None) => Some(c.clone()),
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
        assert_eq!(one_line("\x1b[2Jclear"), "\\u{1b}[2Jclear");
        assert_eq!(one_line("evil\u{202e}gnp.exe"), "evil\\u{202e}gnp.exe");
        assert_eq!(one_line("zero\u{200b}width"), "zero\\u{200b}width");
        assert_eq!(
            one_line("bell\x07 del\x7f c1\u{9b}"),
            "bell\\u{7} del\\u{7f} c1\\u{9b}"
        );
        assert_eq!(
            one_line("iso\u{2066}late\u{2069}"),
            "iso\\u{2066}late\\u{2069}"
        );
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(0), "0 s");
        assert_eq!(duration(42), "42 s");
        assert_eq!(duration(185), "3 min 5 s");
        assert_eq!(duration(120), "2 min");
        assert_eq!(duration(7_380), "2 h 3 min");
        assert_eq!(duration(93_600), "1 d 2 h");
        assert_eq!(duration(-5), "-5 s");
        assert_eq!(duration(i64::MIN), "-106751991167300 d 15 h");
    }

    #[test]
    fn endpoint_leaves_out_repeats() {
        let e = |h: Option<&str>, r: Option<&str>, i: Option<&str>| Endpoint {
            helo: h.map(String::from),
            rdns: r.map(String::from),
            ip: i.map(String::from),
        };
        assert_eq!(endpoint(&e(None, None, None)), None);
        assert_eq!(
            endpoint(&e(Some("a.example"), Some("A.example"), Some("192.0.2.1"))).as_deref(),
            Some("a.example [192.0.2.1]")
        );
        assert_eq!(
            endpoint(&e(Some("helo"), Some("rdns.example"), None)).as_deref(),
            Some("helo (rdns.example)")
        );
        assert_eq!(
            endpoint(&e(None, None, Some("2001:db8::1"))).as_deref(),
            Some("[2001:db8::1]")
        );
    }

    /// A report with one hop of each verdict, a warning and authentication results, shared by
    /// the renderer tests.
    pub(crate) fn sample_report() -> Report {
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
                text: String::new(),
            },
            trust: Trust::Recipient,
            tls: None,
            grade: None,
            grade_reason: None,
            evidence: Vec::new(),
            diagnostics: Vec::new(),
            raw: String::new(),
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
        }
    }
}
