//! Messages inside messages: the attached message is analysed by default, the outer one on
//! request, and each report's spans refer to its own message's text.

use hopscope_core::{analyze, analyze_part, check_invariants, part_text, EmbeddedKind, Verdict};

const FORWARD: &str = include_str!("fixtures/input-shapes/whole-message-forwarded-attachment.eml");

#[test]
fn the_attached_message_is_analysed_and_the_report_says_so() {
    let inner = analyze(FORWARD);
    check_invariants(FORWARD, &inner);
    assert_eq!(inner.part, 1);
    assert_eq!(inner.embedded.len(), 1);
    assert_eq!(inner.embedded[0].kind, EmbeddedKind::Attached);
    assert!(inner.embedded[0].has_route);
    assert_eq!(inner.hops.len(), 2);
    assert_eq!(
        inner.message.subject.as_deref(),
        Some("Verify your account now")
    );
    assert!(
        inner.diagnostics[0]
            .message
            .starts_with("These are the headers of the attached message"),
        "{:?}",
        inner.diagnostics
    );
    assert!(part_text(FORWARD, 1)
        .starts_with("Return-Path: <security@bank.example.com>\nReceived: from unknown"));
}

#[test]
fn the_outer_message_on_request() {
    let outer = analyze_part(FORWARD, 0);
    check_invariants(FORWARD, &outer);
    assert_eq!(outer.part, 0);
    assert_eq!(outer.embedded.len(), 1, "the attachment is still listed");
    let verdicts: Vec<Verdict> = outer.hops.iter().map(|h| h.verdict).collect();
    assert_eq!(
        verdicts,
        [Verdict::Unknown, Verdict::Encrypted, Verdict::Plaintext]
    );
    // A part that does not exist gives the outer message.
    assert_eq!(analyze_part(FORWARD, 9), outer);
}

#[test]
fn a_forward_without_received_headers_of_its_own_is_still_the_outer_message() {
    // The same forward saved before it was sent (a draft, the Sent folder): only the attached
    // message has Received headers. Its headers are analysed, and the report says so, rather
    // than treating the forward's own headers as text to ignore.
    let (head, body) = FORWARD.split_once("\n\n").unwrap();
    let own: Vec<&str> = head
        .lines()
        .skip_while(|l| !l.starts_with("Date:"))
        .collect();
    let saved = format!("{}\n\n{body}", own.join("\n"));
    let inner = analyze(&saved);
    check_invariants(&saved, &inner);
    assert_eq!(inner.part, 1, "{:?}", inner.diagnostics);
    assert_eq!(inner.hops.len(), 2);
    assert!(inner.diagnostics[0]
        .message
        .starts_with("These are the headers of the attached message “suspicious.eml”"));
    assert!(!inner
        .diagnostics
        .iter()
        .any(|d| d.message.starts_with("Ignored text")));
    let outer = analyze_part(&saved, 0);
    assert!(outer.hops.is_empty() && outer.looks_like_email);
    assert_eq!(
        outer.message.subject.as_deref(),
        Some("Fwd: suspicious mail - look at the headers")
    );
}

#[test]
fn one_or_two_header_lines_are_still_email() {
    for text in [
        "From: Alice <alice@example.org>\n",
        "Subject: hello\nDate: Sun, 22 Nov 2026 05:20:40 +0000\n",
    ] {
        let r = analyze(text);
        assert!(r.looks_like_email, "{text}");
        assert!(r.hops.is_empty());
        assert_eq!(
            r.summary.headline,
            "No Received headers: there is no route to check."
        );
    }
    assert!(!analyze("Note: hello\n").looks_like_email);
}
