//! Hostile input: each case has an asserted outcome. The promise (see the crate docs, "Untrusted
//! input"): no panic, a report for everything, linear cost, header text kept as plain text.
//! Sizes are real (20 MB, 100,000 Received headers); no test here measures time.

use hopscope_core::{Overall, Report, Scope, Verdict};

/// The analysis, with every report checked against the model's promises.
fn analyze(text: &str) -> Report {
    let report = hopscope_core::analyze(text);
    hopscope_core::check_invariants(text, &report);
    report
}

fn analyze_bytes(bytes: &[u8]) -> Report {
    analyze(&String::from_utf8_lossy(bytes))
}

fn received(i: usize) -> String {
    format!("Received: from h{i}.example.org (h{i}.example.org [192.0.2.{}]) by mx.example.net with ESMTPS id {i}; Sun, 22 Nov 2026 05:20:40 +0000\r\n", i % 250)
}

#[test]
fn empty_and_whitespace() {
    for input in ["", " ", "\n\n\n", "\r\n\t \r\n"] {
        let r = analyze(input);
        assert!(!r.looks_like_email, "{input:?}");
        assert!(r.hops.is_empty());
        assert_eq!(r.summary.overall, Overall::NoHops);
        assert_eq!(r.summary.headline, "This does not look like email headers.");
    }
}

#[test]
fn a_jpeg_is_not_email() {
    let mut jpeg = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00,
    ];
    jpeg.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let r = analyze_bytes(&jpeg);
    assert!(!r.looks_like_email);
    assert!(r.hops.is_empty());
}

#[test]
fn twenty_megabytes_of_text() {
    let line = "lorem ipsum dolor sit amet, consectetur adipiscing elit\n";
    let text = line.repeat(20 * 1024 * 1024 / line.len());
    assert!(text.len() > 20_000_000);
    let r = analyze(&text);
    assert!(!r.looks_like_email);
}

#[test]
fn a_hundred_thousand_received_headers() {
    let text: String = (0..100_000).map(received).collect();
    let r = analyze(&text);
    assert_eq!(r.hops.len(), 100_000);
    assert_eq!(r.summary.encrypted, 100_000);
    assert_eq!(r.hops[0].index, 1);
    assert_eq!(
        r.hops[99_999].id.as_deref(),
        Some("0"),
        "the top header is the newest hop"
    );
}

#[test]
fn one_five_megabyte_line() {
    let text = format!("Received: from a.example.org by b.example.net with ESMTP id {}; Sun, 22 Nov 2026 05:20:40 +0000\n", "x".repeat(5 * 1024 * 1024));
    let r = analyze(&text);
    assert_eq!(r.hops.len(), 1);
    assert_eq!(r.hops[0].verdict, Verdict::Plaintext);
    let junk = format!("Subject: {}\n", "(<[\"".repeat(1024 * 1024));
    assert!(analyze(&junk).hops.is_empty());
}

#[test]
fn invalid_utf8_and_nul_bytes() {
    let mut bytes = received(1).into_bytes();
    bytes.splice(10..10, [0xC3, 0x28, 0xFF, 0x00, 0xFE]);
    bytes.extend_from_slice(b"Subject: \x00\x00\xff nul\r\n");
    let r = analyze_bytes(&bytes);
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
    let deep = format!(
        "Received: from a {}x{} by b with ESMTPS; Sun, 22 Nov 2026 05:20:40 +0000\n",
        "(".repeat(200_000),
        ")".repeat(200_000)
    );
    let r = analyze(&deep);
    assert_eq!(r.hops.len(), 1);
    assert_eq!(r.hops[0].verdict, Verdict::Encrypted);
    for text in [
        "Received: from a (b [192.0.2.1 by c with ESMTP; d\n",
        "Received: from a ((((((( by c with ESMTP\n",
        "Received: from a <<<<[[[\"\"( by c\n",
        "Received: ))))]]]]>>>> from a by b; Sun, 22 Nov 2026 05:20:40 +0000\n",
    ] {
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
    let text = "Received: from b.example.org by c.example.net with ESMTPS; Fri, 31 Dec 9999 23:59:59 +0000\n\
                Received: from a.example.org by b.example.org with ESMTPS; Sat, 1 Jan 0000 00:00:00 +0000\n";
    let r = analyze(text);
    assert_eq!(r.hops.len(), 2);
    assert_eq!(r.hops[1].date.as_deref(), Some("9999-12-31T23:59:59Z"));
    let delay = r.hops[1].delay_seconds.expect("both dates read");
    // RFC 5322's obsolete-year rule reads "0000" as 2000; either way the delay is absurd.
    assert!(delay > 100 * 365 * 86_400, "centuries: {delay}");
    assert!(r.warnings.iter().any(|w| w.code == "long_delay"));
    let backwards = "Received: from b.example.org by c.example.net with ESMTPS; Sun, 22 Nov 2026 05:00:00 +0000\n\
                     Received: from a.example.org by b.example.org with ESMTPS; Sun, 22 Nov 2026 06:00:00 +0000\n";
    let r = analyze(backwards);
    assert_eq!(r.hops[1].delay_seconds, Some(-3600));
    assert!(r.warnings.iter().any(|w| w.code == "clock_skew"));
    let nonsense = "Received: from a by b with ESMTPS; Sun, 99 Foo 2026 99:99:99 +9999\n";
    let r = analyze(nonsense);
    assert_eq!(r.hops[0].date, None);
    assert!(r.hops[0]
        .diagnostics
        .iter()
        .any(|d| d.contains("could not be read")));
}

#[test]
fn ipv6_and_ipv4_mapped_addresses() {
    let text = "Received: from a.example.org (a.example.org [IPv6:2001:db8::25]) by b.example.net with ESMTPS; Sun, 22 Nov 2026 05:20:40 +0000\n\
                Received: from c.example.org (c.example.org [::ffff:10.0.0.7]) by a.example.org with ESMTP; Sun, 22 Nov 2026 05:20:39 +0000\n\
                Received: from d.example.org ([::1]) by c.example.org with ESMTP; Sun, 22 Nov 2026 05:20:38 +0000\n";
    let r = analyze(text);
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
    let text = "Received: from pay\u{202E}lpt.example (x\u{200B}y.example [192.0.2.9]) by <script>alert(1)</script> with ESMTPS id <img src=x onerror=alert(1)>; Sun, 22 Nov 2026 05:20:40 +0000\n\
                Subject: <b>hello</b> =?UTF-8?B?PHNjcmlwdD4=?=\n";
    let r = analyze(text);
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
