//! The report's words: one vocabulary for every front end.
//!
//! The page, the Markdown and terminal renderers, the SVG route and the CLI all name verdicts,
//! scopes, grades and overall states with the functions below, so a report reads the same on
//! screen as in the copy someone shares. The words were chosen for a reader who is not a mail
//! administrator: "Not encrypted" rather than "Plaintext", and "Not stated" rather than
//! "Unknown", which readers took for "probably bad". JSON keeps its slugs (`plaintext`,
//! `unknown`): they are a contract, these are prose.
//!
//! ```
//! use hopscope_core::{words, Verdict};
//! assert_eq!(words::verdict_word(Verdict::Unknown), "Not stated");
//! assert_eq!(words::verdict_slug(Verdict::Unknown), "unknown");
//! assert_eq!(words::duration(185), "3 min 5 s");
//! ```

use std::fmt::Write as _;

use crate::model::{
    CertCheck, Endpoint, Evidence, Grade, Hop, Overall, Scope, Severity, Trust, Verdict,
};

/// `text` with its first letter capitalised (the words here are ASCII; a first character that
/// is not is left as it is, which keeps Unicode's case tables out of the page).
pub fn capitalised(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

/// `encrypted`, `plaintext`, `unknown`: the JSON names, also used as CSS classes and test hooks.
pub fn verdict_slug(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Encrypted => "encrypted",
        Verdict::Plaintext => "plaintext",
        Verdict::Unknown => "unknown",
    }
}

pub fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Encrypted => "Encrypted",
        Verdict::Plaintext => "Not encrypted",
        Verdict::Unknown => "Not stated",
    }
}

/// One sentence under a hop's details.
pub fn verdict_meaning(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Encrypted => "The receiving server recorded that this connection used TLS.",
        Verdict::Plaintext => {
            "The receiving server recorded a protocol without TLS, and nothing in its line says \
             otherwise: this hop travelled unencrypted."
        }
        Verdict::Unknown => {
            "This header does not say whether TLS was used. That is not the same as unencrypted: \
             many servers simply do not record it."
        }
    }
}

pub fn scope_slug(scope: Scope) -> &'static str {
    match scope {
        Scope::Local => "local",
        Scope::Internal => "internal",
        Scope::External => "external",
    }
}

pub fn scope_word(scope: Scope) -> &'static str {
    match scope {
        Scope::Local => "Local",
        Scope::Internal => "Internal",
        Scope::External => "External",
    }
}

/// What a scope badge means, in one sentence.
pub fn scope_meaning(scope: Scope) -> &'static str {
    match scope {
        Scope::Local => {
            "Inside one machine (loopback, a content filter, or final delivery): it never \
             crossed a network."
        }
        Scope::Internal => {
            "On a private network (private, loopback or link-local addresses) or inside one \
             provider's own transport: it did not cross the public Internet."
        }
        Scope::External => {
            "Over public addresses: it crossed the Internet, even when both servers belong to \
             one organisation."
        }
    }
}

pub fn grade_slug(grade: Grade) -> &'static str {
    match grade {
        Grade::Strong => "strong",
        Grade::Good => "good",
        Grade::Weak => "weak",
        Grade::Broken => "broken",
    }
}

pub fn grade_word(grade: Grade) -> &'static str {
    match grade {
        Grade::Strong => "Strong",
        Grade::Good => "Good",
        Grade::Weak => "Weak",
        Grade::Broken => "Broken",
    }
}

/// What a grade badge means, in one sentence.
pub fn grade_meaning(grade: Grade) -> &'static str {
    match grade {
        Grade::Strong => "TLS 1.3, or equally modern: nothing to improve.",
        Grade::Good => "Modern encryption with forward secrecy; TLS 1.3 would be better still.",
        Grade::Weak => {
            "Encrypted, but with an outdated version or cipher that experts advise against."
        }
        Grade::Broken => "Encrypted with something known to be breakable: treat it as exposed.",
    }
}

pub fn cert_slug(check: CertCheck) -> &'static str {
    match check {
        CertCheck::Verified => "verified",
        CertCheck::NotVerified => "not verified",
        CertCheck::None => "none",
    }
}

/// What the receiving server wrote about the sending client's certificate.
pub fn cert_word(check: CertCheck) -> &'static str {
    match check {
        CertCheck::Verified => "Client certificate verified",
        CertCheck::NotVerified => "Client certificate presented but not verified",
        CertCheck::None => "No client certificate presented or requested",
    }
}

/// What a hop's header says about the sending client's certificate, `None` included.
pub fn cert_statement(check: Option<CertCheck>) -> &'static str {
    match check {
        Some(check) => cert_word(check),
        None => "Client certificate not stated",
    }
}

/// Said once wherever certificates are shown: what MTA-STS and DANE enforce is not in headers.
pub const SERVER_AUTHENTICATION_NOT_RECORDED: &str = "Whether the sending server checked the \
receiving server's certificate (what MTA-STS and DANE enforce) is not recorded in Received \
headers.";

pub fn trust_slug(trust: Trust) -> &'static str {
    match trust {
        Trust::Recipient => "recipient",
        Trust::Unverified => "unverified",
    }
}

/// The badge of a hop written before the recipient's servers; `None` for trusted hops.
pub fn trust_badge(trust: Trust) -> Option<&'static str> {
    match trust {
        Trust::Recipient => None,
        Trust::Unverified => Some("Unverified"),
    }
}

pub fn trust_meaning(trust: Trust) -> &'static str {
    match trust {
        Trust::Recipient => "Written by the recipient's own servers.",
        Trust::Unverified => {
            "Written before the message reached the recipient's servers: it cannot be verified \
             and could have been made up by the sender."
        }
    }
}

/// Post-quantum badge and its explanation.
pub const POST_QUANTUM: &str = "Post-quantum";
pub const POST_QUANTUM_MEANING: &str = "A hybrid key exchange: recorded traffic stays protected \
even against a future quantum computer.";

pub fn overall_slug(overall: Overall) -> &'static str {
    match overall {
        Overall::AllEncrypted => "all_encrypted",
        Overall::Exposed => "exposed",
        Overall::PlaintextInternal => "plaintext_internal",
        Overall::Incomplete => "incomplete",
        Overall::NoHops => "no_hops",
        Overall::LocalOnly => "local_only",
    }
}

/// The status line above the headline.
pub fn overall_title(overall: Overall) -> &'static str {
    match overall {
        Overall::AllEncrypted => "Encrypted on every hop between servers",
        Overall::Exposed => "Not encrypted on at least one hop across the Internet",
        Overall::PlaintextInternal => {
            "Encrypted across the Internet; not encrypted on a private network"
        }
        Overall::Incomplete => "No unencrypted hop found, but some hops do not say",
        Overall::NoHops => "No Received headers found",
        Overall::LocalOnly => "Never left one machine: no network hop to judge",
    }
}

/// How an overall state should look: each front end maps tones to its colours and symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Everything judged was encrypted (a lock).
    Good,
    /// Something crossed the Internet unencrypted.
    Bad,
    /// Unencrypted, but not on the Internet.
    Caution,
    /// The headers do not say enough.
    Unstated,
    /// Nothing to judge, nothing wrong: no lock, no alarm.
    Neutral,
}

pub fn overall_tone(overall: Overall) -> Tone {
    match overall {
        Overall::AllEncrypted => Tone::Good,
        Overall::Exposed => Tone::Bad,
        Overall::PlaintextInternal => Tone::Caution,
        Overall::Incomplete | Overall::NoHops => Tone::Unstated,
        Overall::LocalOnly => Tone::Neutral,
    }
}

/// The headline to show: the report's own, or a sentence from `overall` when it is empty (a
/// report made by hand, or an old shared link without one).
pub fn headline<'r>(report: &'r crate::Report<'_>) -> &'r str {
    if !report.looks_like_email {
        return NOT_EMAIL;
    }
    let own = report.summary.headline.trim();
    if !own.is_empty() {
        return own;
    }
    match report.summary.overall {
        Overall::AllEncrypted => "Every hop between servers was encrypted.",
        Overall::Exposed => "At least one hop crossed the Internet without encryption.",
        Overall::PlaintextInternal => {
            "Every hop across the Internet was encrypted, but a hop on a private network was not."
        }
        Overall::Incomplete => {
            "No hop shows plaintext, but some hops do not say whether they were encrypted."
        }
        Overall::NoHops => "No Received header was found.",
        Overall::LocalOnly => {
            "This message never left one machine: there is no network hop to judge."
        }
    }
}

pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "Note",
        Severity::Warning => "Warning",
    }
}

/// What the page, Markdown and the terminal say about input that is not email headers.
pub const NOT_EMAIL: &str = "This does not look like email headers.";

/// Where people find the raw headers, per mail program: `(program, how)`.
pub const HEADER_SOURCES: &[(&str, &str)] = &[
    (
        "Gmail",
        "open the message, click ⋮ (More), then “Show original”, and copy everything above the message text.",
    ),
    (
        "Outlook on the web",
        "open the message, click … (More actions), then View → “View message source”.",
    ),
    (
        "Outlook for Windows",
        "open the message, then File → Properties, and copy “Internet headers” (or drop the saved .msg file here).",
    ),
    (
        "Apple Mail",
        "select the message, then View → Message → “All Headers” (or “Raw Source”).",
    ),
    (
        "Thunderbird",
        "open the message, then View → Message Source (Ctrl+U).",
    ),
];

/// The kinds a report's hops are counted in. They partition the hops: every hop is in
/// exactly one, so the numbers shown add up to the hop count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountKind {
    /// Crossed a network (internal or external) and was encrypted.
    Encrypted,
    /// Crossed a network and was not encrypted.
    Plaintext,
    /// Crossed a network, or was handed over, without saying how.
    Unknown,
    /// Stayed inside one machine, whatever its verdict.
    Local,
}

impl CountKind {
    pub fn slug(self) -> &'static str {
        match self {
            CountKind::Encrypted => "encrypted",
            CountKind::Plaintext => "plaintext",
            CountKind::Unknown => "unknown",
            CountKind::Local => "local",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            CountKind::Encrypted => "encrypted",
            CountKind::Plaintext => "not encrypted",
            CountKind::Unknown => "not stated",
            CountKind::Local => "on one machine",
        }
    }
}

/// The hops counted by kind, zeros left out, in a fixed order.
pub fn hop_counts(hops: &[Hop]) -> Vec<(CountKind, u32)> {
    let mut counts = [
        (CountKind::Encrypted, 0u32),
        (CountKind::Plaintext, 0),
        (CountKind::Unknown, 0),
        (CountKind::Local, 0),
    ];
    for hop in hops {
        let kind = match (hop.scope, hop.verdict) {
            (Scope::Local, _) => 3,
            (_, Verdict::Encrypted) => 0,
            (_, Verdict::Plaintext) => 1,
            (_, Verdict::Unknown) => 2,
        };
        counts[kind].1 += 1;
    }
    counts.into_iter().filter(|(_, n)| *n > 0).collect()
}

/// `1 hop`, `3 hops`.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `ARC: 2 sets`: how many ARC sets forwarding servers added (Markdown, text and the page).
pub fn arc_sets(n: u32) -> String {
    format!("ARC: {}", count(n, "set", "sets"))
}

/// `3 hops: 2 encrypted, 1 not stated. In transit 4 s.`
pub fn counts_sentence(report: &crate::Report) -> String {
    let mut out = count(report.hops.len() as u64, "hop", "hops");
    for (i, (kind, n)) in hop_counts(&report.hops).into_iter().enumerate() {
        out.push_str(if i == 0 { ": " } else { ", " });
        let _ = write!(out, "{n} {}", kind.word());
    }
    out.push('.');
    if let Some(t) = report.summary.transit_seconds {
        let _ = write!(out, " In transit {}.", duration(t));
    }
    out
}

/// `Weakest encrypted hop: hop 3 (Good)` — the weakest of the encrypted hops only, so the name
/// says so: a hop without encryption is weaker still, and is listed on its own.
pub fn weakest_label(hop: u32, grade: Grade) -> String {
    format!("Weakest encrypted hop: hop {hop} ({})", grade_word(grade))
}

/// A duration for people: `42 s`, `3 min 5 s`, `2 h 3 min`, `1 d 2 h`; negative durations
/// (clocks that disagree) keep a minus sign.
pub fn duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    let (d, h, m, sec) = (s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60, s % 60);
    let body = match (d, h, m) {
        (0, 0, 0) => format!("{sec} s"),
        (0, 0, _) if sec == 0 => format!("{m} min"),
        (0, 0, _) => format!("{m} min {sec} s"),
        (0, _, _) if m == 0 => format!("{h} h"),
        (0, _, _) => format!("{h} h {m} min"),
        _ if h == 0 => format!("{d} d"),
        _ => format!("{d} d {h} h"),
    };
    format!("{sign}{body}")
}

/// What stands for a sending side the header does not name.
pub const SENDER_NOT_RECORDED: &str = "sender not recorded";

/// The sending side as one short string: `helo (rdns) [ip]`, leaving out what is unknown or
/// repeated. `None` when nothing at all is known.
pub fn endpoint(from: &Endpoint) -> Option<String> {
    let clean = |v: &Option<crate::Text<'_>>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let (helo, rdns, ip) = (clean(&from.helo), clean(&from.rdns), clean(&from.ip));
    let mut out = String::new();
    if let Some(h) = &helo {
        out.push_str(h);
    }
    if let Some(r) = &rdns {
        if helo.as_deref().is_none_or(|h| !h.eq_ignore_ascii_case(r)) {
            if out.is_empty() {
                out.push_str(r);
            } else {
                let _ = write!(out, " ({r})");
            }
        }
    }
    if let Some(ip) = &ip {
        let bare = |s: &str| s.trim_matches(|c| c == '[' || c == ']').to_owned();
        if helo.as_deref().map(bare).as_deref() != Some(ip.as_str()) {
            if !out.is_empty() {
                out.push(' ');
            }
            let _ = write!(out, "[{ip}]");
        }
    }
    (!out.is_empty()).then_some(out)
}

/// `sender → receiver` of a hop, for lists and route labels.
pub fn route(hop: &Hop) -> String {
    let from = endpoint(&hop.from).unwrap_or_else(|| SENDER_NOT_RECORDED.to_owned());
    let by = hop
        .by
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("an unnamed server");
    format!("{from} → {by}")
}

/// A plain sentence saying what a rule found in the header text it read (`evidence.text`).
/// Rule names stay in the JSON for machines; people read these. A rule this version does not
/// know (from a newer shared link) is shown by its name.
pub fn evidence_sentence(evidence: &Evidence) -> String {
    let quoted = || quote(&evidence.text);
    match crate::rules::describe(&evidence.rule) {
        Some(crate::rules::Describe::Quoting(before, after)) => {
            format!("{before}{}{after}", quoted())
        }
        Some(crate::rules::Describe::Plain(sentence)) => sentence.to_owned(),
        None => format!("{}: {}", evidence.rule, quoted()),
    }
}

/// Header text in quotation marks, on one line, cut to a readable length.
fn quote(text: &str) -> String {
    const MAX: usize = 80;
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = if one.chars().count() > MAX {
        let mut s: String = one.chars().take(MAX - 1).collect();
        s.push('…');
        s
    } else {
        one
    };
    format!("“{cut}”")
}

/// What a message found inside the input is, as the sentence about it names it: "the attached
/// message", "the message quoted in the body".
pub fn embedded_what(kind: crate::EmbeddedKind) -> &'static str {
    match kind {
        crate::EmbeddedKind::Quoted => "the message quoted in the body",
        crate::EmbeddedKind::Attached | crate::EmbeddedKind::AttachedFile => "the attached message",
    }
}

/// Said first when a report is about a message found inside the input: `These are the headers
/// of the attached message “Invoice”, not of the message it came in` (front ends end the
/// sentence: the CLI's JSON adds how to choose the outer message, `(which is part 0).`).
pub fn embedded_note(message: &crate::EmbeddedMessage) -> String {
    let label = message
        .label
        .as_deref()
        .map(|l| format!(" “{l}”"))
        .unwrap_or_default();
    format!(
        "These are the headers of {}{label}, not of the message it came in",
        embedded_what(message.kind)
    )
}

/// A message to choose among those of the input: `The message itself` for part 0, else what
/// it is and its label, and whether it has a route to check.
pub fn part_choice(message: Option<&crate::EmbeddedMessage>) -> String {
    let Some(message) = message else {
        return "The message itself".to_owned();
    };
    let what = match message.kind {
        crate::EmbeddedKind::Attached => "Attached message",
        crate::EmbeddedKind::AttachedFile => "Attached file",
        crate::EmbeddedKind::Quoted => "Headers quoted in the body",
    };
    let mut out = what.to_owned();
    if let Some(label) = &message.label {
        let _ = write!(out, " “{label}”");
    }
    if !message.has_route {
        out.push_str(" (no Received headers)");
    }
    out
}

/// Said when the outer message is shown and others were found inside it.
pub fn outer_note(found: usize) -> String {
    format!(
        "These are the headers of the message itself. It holds {}: choose one below to see its route.",
        count(found as u64, "other message", "other messages")
    )
}

/// Opportunistic versus enforced TLS, in the terms of what headers can and cannot show: a
/// heading and a paragraph, for the page's "What does this mean?" (and any front end that
/// explains it).
pub const ENFORCED_TLS: (&str, &str) = (
    "Opportunistic or enforced TLS: what the headers can show",
    "Most mail servers use opportunistic TLS (STARTTLS): they encrypt when the other side \
     offers it and otherwise send in plaintext, so an attacker on the path can strip the offer \
     and neither server complains. Enforced TLS means the sending server refuses to deliver \
     unless the connection is encrypted and the receiving server's certificate checks out: \
     MTA-STS, DANE, REQUIRETLS or a private “TLS required” rule. The headers show that a hop \
     was encrypted. Whether it had to be, and so could not have been stripped, depends on the \
     recipient domain's MTA-STS or DANE policy and on the sending server honouring it, which \
     Received headers do not record. What the receiving server can record is the sending \
     client's certificate (shown as “Client certificate verified” and the like); whether the \
     sender checked the receiving server's certificate is never in the headers.",
);

/// A short label of an overall state, for table columns (the audit's per-organisation rows).
pub fn overall_label(overall: Overall) -> &'static str {
    match overall {
        Overall::AllEncrypted => "All encrypted",
        Overall::Exposed => "Exposed",
        Overall::PlaintextInternal => "Plaintext inside",
        Overall::Incomplete => "Some hops not stated",
        Overall::NoHops => "No Received",
        Overall::LocalOnly => "Local only",
    }
}

/// Why an audit skipped a message, as a short phrase: "Skipped 3 messages: 2 {word}; …".
pub fn skip_reason_word(reason: crate::aggregate::SkipReason) -> &'static str {
    use crate::aggregate::SkipReason;
    match reason {
        SkipReason::NoHeaders => "without header lines (empty, or a body without headers)",
        SkipReason::NotEmail => "not email headers",
        SkipReason::HeaderTooLong => "with a header block over 1 MiB",
        SkipReason::Truncated => "cut off inside the headers (the file ends there)",
        SkipReason::Damaged => "with NUL bytes in the headers (a damaged file)",
    }
}

/// Why a message is among an audit's worst, as a short label.
pub fn concern_word(concern: crate::aggregate::Concern) -> &'static str {
    use crate::aggregate::Concern;
    match concern {
        Concern::Exposed => "Not encrypted across the Internet",
        Concern::BrokenTls => "Encrypted with breakable TLS",
        Concern::PlaintextInternal => "Not encrypted on a private network",
        Concern::WeakTls => "Encrypted with outdated TLS",
        Concern::Incomplete => "Some hops do not say",
    }
}

/// What a file that is not a mailbox looks like: "it looks like {word}".
pub fn file_kind_word(kind: crate::sniff::FileKind) -> &'static str {
    use crate::sniff::FileKind;
    match kind {
        FileKind::Mail => "mail",
        FileKind::Empty => "an empty file",
        FileKind::Text => "text that is not mail",
        FileKind::Jpeg => "a JPEG image",
        FileKind::Png => "a PNG image",
        FileKind::Gif => "a GIF image",
        FileKind::Webp => "a WebP image",
        FileKind::Pdf => "a PDF document",
        FileKind::Zip => "a ZIP archive (or a .docx, .xlsx… document); unzip it first",
        FileKind::Gzip => "a gzip-compressed file; decompress it first (gunzip)",
        FileKind::Bzip2 => "a bzip2-compressed file; decompress it first (bunzip2)",
        FileKind::Xz => "an xz-compressed file; decompress it first (unxz)",
        FileKind::Zstd => "a zstd-compressed file; decompress it first (unzstd)",
        FileKind::SevenZip => "a 7-Zip archive; extract it first",
        FileKind::Rar => "a RAR archive; extract it first",
        FileKind::Ole => "an Outlook .msg or an old Office document",
        FileKind::Tnef => "a winmail.dat (TNEF) attachment",
        FileKind::Binary => "binary data",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_name<T: serde::Serialize>(value: T) -> String {
        let json = serde_json::to_string(&value).unwrap();
        json.trim_matches('"').to_owned()
    }

    #[test]
    fn slugs_are_the_schema_names() {
        for v in [Verdict::Encrypted, Verdict::Plaintext, Verdict::Unknown] {
            assert_eq!(verdict_slug(v), json_name(v));
        }
        for s in [Scope::Local, Scope::Internal, Scope::External] {
            assert_eq!(scope_slug(s), json_name(s));
        }
        for g in [Grade::Strong, Grade::Good, Grade::Weak, Grade::Broken] {
            assert_eq!(grade_slug(g), json_name(g));
        }
        for c in [CertCheck::Verified, CertCheck::NotVerified, CertCheck::None] {
            assert_eq!(cert_slug(c), json_name(c));
        }
        for t in [Trust::Recipient, Trust::Unverified] {
            assert_eq!(trust_slug(t), json_name(t));
        }
        for o in crate::model::ALL_OVERALLS {
            assert_eq!(overall_slug(o), json_name(o));
        }
    }

    #[test]
    fn unknown_is_never_called_plaintext() {
        let word = verdict_word(Verdict::Unknown).to_lowercase();
        assert!(!word.contains("not encrypted") && !word.contains("plain"));
        assert!(!verdict_meaning(Verdict::Unknown).contains("travelled unencrypted"));
        assert_eq!(CountKind::Unknown.word(), "not stated");
    }

    #[test]
    fn messages_inside_messages_are_named() {
        use crate::{EmbeddedKind, EmbeddedMessage};
        let attached = EmbeddedMessage {
            part: 1,
            kind: EmbeddedKind::Attached,
            label: Some("Invoice".into()),
            has_route: true,
        };
        assert_eq!(
            embedded_note(&attached),
            "These are the headers of the attached message “Invoice”, not of the message it came in"
        );
        assert_eq!(part_choice(Some(&attached)), "Attached message “Invoice”");
        assert_eq!(part_choice(None), "The message itself");
        let quoted = EmbeddedMessage {
            kind: EmbeddedKind::Quoted,
            label: None,
            has_route: false,
            ..attached
        };
        assert_eq!(
            embedded_note(&quoted),
            "These are the headers of the message quoted in the body, not of the message it came in"
        );
        assert_eq!(
            part_choice(Some(&quoted)),
            "Headers quoted in the body (no Received headers)"
        );
        assert!(outer_note(1).contains("It holds 1 other message:"));
        assert!(outer_note(2).contains("It holds 2 other messages:"));
    }

    #[test]
    fn enforced_tls_is_explained_in_the_terms_headers_allow() {
        let (_, text) = ENFORCED_TLS;
        for needed in [
            "opportunistic",
            "strip",
            "MTA-STS",
            "DANE",
            "had to be",
            "never in the headers",
        ] {
            assert!(text.contains(needed), "{needed}");
        }
    }

    #[test]
    fn durations_read_naturally() {
        let cases = [
            (0, "0 s"),
            (42, "42 s"),
            (60, "1 min"),
            (185, "3 min 5 s"),
            (3600, "1 h"),
            (7_380, "2 h 3 min"),
            (86_400, "1 d"),
            (93_600, "1 d 2 h"),
            (-5, "-5 s"),
            (i64::MIN, "-106751991167300 d 15 h"),
        ];
        for (seconds, expected) in cases {
            assert_eq!(duration(seconds), expected, "{seconds}");
        }
    }

    #[test]
    fn endpoints_leave_out_repeats() {
        let e =
            |h: Option<&'static str>, r: Option<&'static str>, i: Option<&'static str>| Endpoint {
                helo: h.map(Into::into),
                rdns: r.map(Into::into),
                ip: i.map(Into::into),
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
        assert_eq!(
            endpoint(&e(Some("[192.0.2.1]"), None, Some("192.0.2.1"))).as_deref(),
            Some("[192.0.2.1]")
        );
    }
}
