//! The verdict of one hop, decided once from everything the notation units found: any positive
//! TLS statement makes it *encrypted*; otherwise a protocol without TLS, on a line that records
//! who sent, makes it *plaintext*; otherwise it is *not stated* (`unknown`), with the rule that
//! says why. "Not stated" is never turned into plaintext.

use std::ops::Range;

use super::protocol::Class;
use super::{evidence, Findings, Header};
use crate::ascii::IgnoreCase;
use crate::model::{Evidence, Verdict};
use crate::rules;

/// What decides a verdict besides the findings.
pub(crate) struct Context<'a> {
    pub class: Class,
    /// The line names a sender (host, name or address).
    pub peer_recorded: bool,
    pub by: Option<&'a str>,
    /// The protocol as read (`with ESMTP`, `via HTTP`), if any.
    pub protocol_span: Option<Range<usize>>,
}

/// The verdict and its evidence (the units' evidence first, then the verdict's own rule).
pub(crate) fn decide<'a>(
    text: &'a str,
    h: &Header<'_, '_>,
    found: &mut Findings<'_>,
    c: &Context<'_>,
) -> (Verdict, Vec<Evidence<'a>>) {
    let mut proof: Vec<Evidence<'a>> = Vec::with_capacity(found.evidence.len() + 1);
    proof.extend(
        found
            .evidence
            .drain(..)
            .map(|m| evidence(m.rule, text, m.span)),
    );
    if found.tls {
        return (Verdict::Encrypted, proof);
    }
    let silent_provider = c.by.is_some_and(is_ses);
    if c.class == Class::Plain && c.peer_recorded && !silent_provider {
        let span = c.protocol_span.clone().unwrap_or(h.value.clone());
        proof.push(evidence(rules::PLAINTEXT_PROTOCOL, text, span));
        return (Verdict::Plaintext, proof);
    }
    let rule = match c.class {
        // A line that names no sender (Google's `by 2002:a05:… with SMTP id`) describes a
        // hand-off inside the receiving organisation, not a connection: its protocol keyword
        // says nothing about a wire.
        Class::Plain if !c.peer_recorded && is_google_handoff(c.by) => {
            rules::GOOGLE_INTERNAL_HANDOFF
        }
        Class::Plain if !c.peer_recorded => rules::NO_PEER_RECORDED,
        Class::Plain | Class::Silent => rules::WRITTEN_EITHER_WAY,
        Class::NoWire => rules::NO_WIRE_PROTOCOL,
        Class::Http => rules::HTTP_NOT_STATED,
        Class::Tls | Class::Other => rules::NO_TLS_STATEMENT,
    };
    let span = c
        .protocol_span
        .clone()
        .unwrap_or_else(|| super::grammar::trim(h.text, h.value.clone()));
    proof.push(evidence(rule, text, span));
    (Verdict::Unknown, proof)
}

/// Google's internal delivery line names its receiving machine by an address in
/// `2002:a…::/24` or a `*.google.com` name, and no sender.
fn is_google_handoff(by: Option<&str>) -> bool {
    by.is_some_and(|by| {
        let by = crate::net::without_final_dots(by);
        by.get(..6).is_some_and(|p| p.eq_ignore_case("2002:a"))
            || by.len() > 11
                && by
                    .get(by.len() - 11..)
                    .is_some_and(|s| s.eq_ignore_case(".google.com"))
    })
}

/// Amazon SES writes `with SMTP` on its SMTP interface (`email-smtp.…amazonaws.com`) and its
/// receiving endpoints (`inbound-smtp.…amazonaws.com`) whether or not the session used TLS
/// (docs/NOTATIONS.md, rows ses-01 and ses-02): the keyword says nothing there.
fn is_ses(by: &str) -> bool {
    let starts = |prefix: &str| {
        by.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_case(prefix))
    };
    (starts("email-smtp.") || starts("inbound-smtp."))
        && by.split('.').any(|label| label.eq_ignore_case("amazonaws"))
}

#[cfg(test)]
mod tests {
    use crate::model::Verdict;

    fn verdict(raw: &str) -> (Verdict, String) {
        let hop = crate::received::hop::read_one(raw);
        (hop.verdict, hop.evidence.last().unwrap().rule.to_string())
    }

    #[test]
    fn verdicts_are_honest() {
        let cases = [
            ("Received: from a.example (a.example [192.0.2.1]) by b.example (Postfix) with ESMTP id 1; Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Plaintext, "plaintext-protocol"),
            ("Received: from a.example by b.example with SMTP id 1 (version=TLS1.2, cipher=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256); Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Encrypted, "version-cipher-keyvalue"),
            ("Received: from a.example by b.example; Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Unknown, "no-tls-statement"),
            ("Received: (qmail 1234 invoked by uid 89); 22 Nov 2026 05:20:40 -0000", Verdict::Unknown, "no-tls-statement"),
            ("Received: from a by b with mapi id 15.20.1; Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Unknown, "no-wire-protocol"),
            ("Received: from a by b with XYZZY; Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Unknown, "no-tls-statement"),
            ("Received: from a by b via HTTP; Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Unknown, "http-not-stated"),
            ("Received: from a by b via SMTP; Sun, 22 Nov 2026 05:20:40 +0000", Verdict::Plaintext, "plaintext-protocol"),
            ("Received: by 2002:a05:6a10:1234:b0:5a1:2b3c:4d5e with SMTP id x; Sun, 22 Nov 2026 05:20:40 -0800 (PST)", Verdict::Unknown, "google-internal-handoff"),
            ("Received: by mail-qk1-f196.google.com with SMTP id x; Sun, 22 Nov 2026 05:20:40 -0800", Verdict::Unknown, "google-internal-handoff"),
            ("Received: by mail.example.net with ESMTP id x; Sun, 22 Nov 2026 05:20:40 -0800", Verdict::Unknown, "no-peer-recorded"),
            ("Received: by mail.example.net with ESMTPS id x; Sun, 22 Nov 2026 05:20:40 -0800", Verdict::Encrypted, "rfc3848-keyword"),
            ("Received: from a.example (a.example [192.0.2.1]) by b.example with Microsoft SMTP Server id 15.20.1; d", Verdict::Unknown, "written-either-way"),
            ("Received: from app.example.org (app.example.org [192.0.2.3]) by email-smtp.amazonaws.com with SMTP (SimpleEmailService-d-3KC9D75F2) id x; d", Verdict::Unknown, "written-either-way"),
            ("Received: from pop.example.net [198.51.100.200]\n\tby laptop.example.com with POP3 (fetchmail-6.4.38)\n\tfor <a@example.com> (single-drop); d", Verdict::Unknown, "written-either-way"),
            ("Received: from relay.example.com (10.0.0.7)\n  by hub.example.com with QMQP; 5 Dec 2026 10:00:01 -0000", Verdict::Plaintext, "plaintext-protocol"),
            ("Received: garbage ((( [[[", Verdict::Unknown, "no-tls-statement"),
        ];
        for (raw, want, rule) in cases {
            assert_eq!(verdict(raw), (want, rule.to_string()), "{raw}");
        }
    }
}
