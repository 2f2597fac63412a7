//! Hostile input: each case has an asserted outcome. The promise (see the crate docs, "Untrusted
//! input"): no panic, a report for everything, linear cost, header text kept as plain text.
//! Sizes are real (20 MB, 100,000 Received headers); no test here measures time.

use hopscope_core::{Overall, Report, Scope, Verdict};

mod common;
use common::hostile::{self, received};

/// The analysis, with every report checked against the model's promises.
fn analyze(text: &str) -> Report<'_> {
    let report = hopscope_core::analyze(text);
    hopscope_core::check_invariants(text, &report);
    report
}

fn analyze_bytes(bytes: &[u8]) -> Report<'static> {
    analyze(&String::from_utf8_lossy(bytes)).into_owned()
}

#[test]
fn empty_and_whitespace() {
    for input in hostile::BLANK {
        let r = analyze(input);
        assert!(!r.looks_like_email, "{input:?}");
        assert!(r.hops.is_empty());
        assert_eq!(r.summary.overall, Overall::NoHops);
        assert_eq!(r.summary.headline, "This does not look like email headers.");
    }
}

#[test]
fn a_jpeg_is_not_email() {
    let input = hostile::jpeg();
    let r = analyze_bytes(&input);
    assert!(!r.looks_like_email);
    assert!(r.hops.is_empty());
}

#[test]
fn twenty_megabytes_of_text() {
    let text = hostile::twenty_megabytes();
    assert!(text.len() > 20_000_000);
    let r = analyze(&text);
    assert!(!r.looks_like_email);
}

#[test]
fn a_hundred_thousand_received_headers() {
    let input = hostile::hundred_thousand_received();
    let r = analyze(&input);
    assert_eq!(r.hops.len(), 100_000);
    assert_eq!(r.summary.encrypted, 100_000);
    assert_eq!(r.hops[0].index, 1);
    assert_eq!(
        r.hops[99_999].id.as_deref(),
        Some("0"),
        "the top header is the newest hop"
    );
}

/// The headline names hops by number from lists made of each other; made by searching one list
/// for each member of another, this took minutes (the square of the hops) before they were made
/// from the hops' marks in one pass.
#[test]
fn a_hundred_thousand_hops_of_every_kind() {
    let input = hostile::hundred_thousand_mixed();
    let r = analyze(&input);
    assert_eq!(r.hops.len(), 100_000);
    assert_eq!(r.summary.overall, Overall::Exposed);
    assert_eq!(r.summary.plaintext, 50_000);
    assert_eq!(r.summary.unknown, 50_000);
    assert_eq!(r.summary.exposed_hops.len(), 50_000);
    assert_eq!(r.summary.unknown_hops.len(), 50_000);
    let h = &r.summary.headline;
    assert!(h.contains("crossed the Internet in plaintext"), "{h}");
    assert!(h.contains("plaintext on a private network"), "{h}");
    assert!(h.len() < 400, "a handful of hops named, not all: {h}");

    let input = hostile::hundred_thousand_unsaid();
    let r = analyze(&input);
    assert_eq!(r.summary.overall, Overall::Incomplete);
    assert_eq!(r.summary.unknown, 100_000);
    let h = &r.summary.headline;
    assert!(h.contains("50000 hops don't say"), "{h}");
}

#[test]
fn one_five_megabyte_line() {
    let input = hostile::five_megabyte_line();
    let r = analyze(&input);
    assert_eq!(r.hops.len(), 1);
    assert_eq!(r.hops[0].verdict, Verdict::Plaintext);
    assert!(analyze(&hostile::megabyte_of_brackets()).hops.is_empty());
}

#[test]
fn invalid_utf8_and_nul_bytes() {
    let input = hostile::invalid_utf8();
    let r = analyze_bytes(&input);
    assert_eq!(r.hops.len(), 1);
    assert!(r.hops[0].raw.contains('\u{FFFD}'));
    assert!(r
        .message
        .subject
        .as_deref()
        .is_some_and(|s| s.contains('\0')));
}

#[test]
fn deeply_nested_and_unbalanced_brackets() {
    let input = hostile::deep_nesting();
    let r = analyze(&input);
    assert_eq!(r.hops.len(), 1);
    assert_eq!(r.hops[0].verdict, Verdict::Encrypted);
    for text in hostile::UNBALANCED {
        let r = analyze(text);
        assert_eq!(r.hops.len(), 1, "{text}");
        assert_ne!(
            r.hops[0].verdict,
            Verdict::Plaintext,
            "an unreadable header is never plaintext: {text}"
        );
        assert!(
            !r.hops[0].diagnostics.is_empty() || r.hops[0].verdict == Verdict::Unknown,
            "{text}"
        );
    }
}

#[test]
fn dates_at_the_edges_and_absurd_delays() {
    let r = analyze(hostile::EDGE_DATES);
    assert_eq!(r.hops.len(), 2);
    assert_eq!(r.hops[1].date.as_deref(), Some("9999-12-31T23:59:59Z"));
    let delay = r.hops[1].delay_seconds.expect("both dates read");
    // RFC 5322's obsolete-year rule reads "0000" as 2000; either way the delay is absurd.
    assert!(delay > 100 * 365 * 86_400, "centuries: {delay}");
    assert!(r.warnings.iter().any(|w| w.code == "long_delay"));
    let r = analyze(hostile::BACKWARDS);
    assert_eq!(r.hops[1].delay_seconds, Some(-3600));
    assert!(r.warnings.iter().any(|w| w.code == "clock_skew"));
    let r = analyze(hostile::NONSENSE_DATE);
    assert_eq!(r.hops[0].date, None);
    assert!(r.hops[0]
        .diagnostics
        .iter()
        .any(|d| d.contains("could not be read")));
}

#[test]
fn ipv6_and_ipv4_mapped_addresses() {
    let r = analyze(hostile::ADDRESSES);
    let ips: Vec<_> = r
        .hops
        .iter()
        .map(|h| h.from.ip.clone().unwrap_or_default())
        .collect();
    assert_eq!(ips, ["::1", "10.0.0.7", "2001:db8::25"]);
    let scopes: Vec<_> = r.hops.iter().map(|h| h.scope).collect();
    assert_eq!(scopes, [Scope::Local, Scope::Internal, Scope::External]);
}

#[test]
fn bidi_zero_width_and_markup_stay_plain_text() {
    let r = analyze(hostile::BIDI_AND_MARKUP);
    let hop = &r.hops[0];
    assert_eq!(hop.from.helo.as_deref(), Some("pay\u{202E}lpt.example"));
    assert!(hop.raw.contains("by <script>alert(1)</script> with"));
    assert_eq!(
        hop.by.as_deref(),
        Some("<script>"),
        "the lexer reads <…> as a path, as RFC 5321 does"
    );
    assert_eq!(r.message.subject.as_deref(), Some("<b>hello</b> <script>"));
    // The JSON keeps them as data; rendering as text is the front ends' promise (tested there).
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains("<script>alert(1)</script>"));
}

#[test]
fn analysis_is_deterministic() {
    let text: String = (0..50).map(received).collect();
    assert_eq!(analyze(&text), analyze(&text));
}
