//! From one Received header to one [`Hop`]: the rules of this module's siblings, run in order.
//!
//! lex → index the trigger words → the notation units record what the header states → the
//! sender, the receiver and the protocol → the verdict → the TLS details and grade → the scope
//! → the date. Neighbours (index, delay, trust) are set later by `summary.rs`.

use std::cell::Cell;
use std::ops::Range;

use super::endpoint::{clause_ip, sender};
use super::findings::Mark;
use super::grammar::{lex_into, Clause, Keyword, Tok, Trace};
use super::protocol::{self, Class};
use super::scope::{scope, Facts};
use super::software::software;
use super::verdict::{decide, Context};
use super::{evidence, notations, Findings, Header};
use crate::input::Field;
use crate::model::{Hop, Text, Tls, Trust, Verdict};
use crate::{ascii, date, reuse, tls};

/// Buffers reused from one header to the next, so reading a hop allocates only what the
/// report keeps; and from one analysis to the next on a thread (`reuse`), given back when the
/// scratch is dropped.
#[derive(Default)]
pub(crate) struct Scratch {
    trace: Trace,
    /// The notation units' marks: `decide` drains them into the hop's evidence.
    marks: Vec<Mark>,
}

thread_local! {
    static TOKS: Cell<Vec<Tok>> = const { Cell::new(Vec::new()) };
    static CLAUSES: Cell<Vec<Clause>> = const { Cell::new(Vec::new()) };
    static MARKS: Cell<Vec<Mark>> = const { Cell::new(Vec::new()) };
}

impl Scratch {
    /// Sized for the longest header (`len` bytes), so no later header grows the buffers.
    pub(crate) fn for_longest(len: usize) -> Self {
        let mut trace = Trace {
            toks: reuse::take(&TOKS),
            clauses: reuse::take(&CLAUSES),
            ..Trace::default()
        };
        trace.reserve(len);
        Self {
            trace,
            marks: reuse::take(&MARKS),
        }
    }
}

#[cfg(feature = "speed")]
impl Drop for Scratch {
    fn drop(&mut self) {
        reuse::keep(&TOKS, std::mem::take(&mut self.trace.toks));
        reuse::keep(&CLAUSES, std::mem::take(&mut self.trace.clauses));
        reuse::keep(&MARKS, std::mem::take(&mut self.marks));
    }
}

/// Everything about one hop except what depends on its neighbours (index, delay, trust).
pub(crate) fn read<'a>(text: &'a str, field: &Field, scratch: &mut Scratch) -> Hop<'a> {
    lex_into(&mut scratch.trace, text, field.value.clone());
    read_lexed(text, field, &scratch.trace, &mut scratch.marks)
}

fn read_lexed<'a>(text: &'a str, field: &Field, trace: &Trace, marks: &mut Vec<Mark>) -> Hop<'a> {
    let value = field.value.clone();
    let header = Header::new(text, value.clone(), trace);
    let mut found = Findings {
        evidence: std::mem::take(marks),
        ..Findings::default()
    };
    notations::read_all(&header, &mut found);
    let mut diagnostics = trace.diagnostics.clone();

    let from_clause = trace.clause(Keyword::From);
    let from = from_clause
        .map(|c| sender(text, trace, c))
        .unwrap_or_default();
    let by_clause = trace.clause(Keyword::By);
    let by = by_clause
        .and_then(|c| trace.first_word(text, c))
        .map(|(w, _)| w);
    let by_ip = by_clause.and_then(|c| clause_ip(text, trace, c));

    // The protocol: `with` as written, else a protocol named in `via` (older Yahoo, Scalix).
    // qmail writes the cipher in a comment before the keyword: `with (… encrypted) SMTP`.
    let with = trace
        .clause(Keyword::With)
        .and_then(|c| trace.leading_words(c).map(|s| (c, s)));
    let via = trace
        .clause(Keyword::Via)
        .and_then(|c| trace.first_word(text, c).map(|(w, s)| (c, w, s)));
    let (protocol_text, protocol_span): (Option<Text<'a>>, Option<Range<usize>>) =
        match (&with, &via) {
            (Some((c, span)), _) => (
                Some(ascii::squash(&text[span.clone()])),
                Some(c.keyword_span.start..span.end),
            ),
            (None, Some((c, w, span))) if protocol::classify(w) != Class::Other => (
                Some(Text::Borrowed(w)),
                Some(c.keyword_span.start..span.end),
            ),
            _ => (None, None),
        };
    let protocol = protocol_text.as_deref();
    let class = protocol.map_or(Class::Other, protocol::classify);
    if let (Some(p), Class::Other) = (protocol, class) {
        // Shown to the reader: the protocol is not one the rules know, so it counts as unknown.
        if !found.tls {
            diagnostics.push(format!(
                "The protocol \"{p}\" is not one Hopscope knows; it is not counted as plaintext."
            ));
        }
    }
    if trace.clauses.is_empty() && trace.leading.is_empty() {
        diagnostics.push("This Received header has no clause Hopscope can read.".into());
    }

    let provider_transport = found.provider_transport;
    let (verdict, proof) = decide(
        text,
        &header,
        &mut found,
        &Context {
            class,
            peer_recorded: from.recorded(),
            by,
            protocol_span,
        },
    );
    // Drained: the buffer goes back to the scratch for the next header.
    *marks = std::mem::take(&mut found.evidence);

    let (tls_info, graded) = if verdict == Verdict::Encrypted {
        let suite = found.cipher.and_then(tls::parse_cipher);
        let graded = tls::grade(found.version, suite.as_ref());
        (Some(tls_details(&found, suite)), graded)
    } else {
        (None, None)
    };

    let (scope, scope_rule, scope_span) = scope(&Facts {
        header: &header,
        from_clause,
        sender: from,
        by,
        by_ip,
        protocol,
        class,
        provider_transport,
    });

    // The date: after the last `;`, or a SendGrid-style timestamp at the end of the line.
    let timestamp = match &trace.date {
        Some(d) => {
            let ts = date::parse(&text[d.clone()]);
            if ts.is_none() {
                let written = ascii::squash(&text[d.clone()]);
                diagnostics.push(format!("The date \"{written}\" could not be read."));
            }
            ts
        }
        None => {
            let found = date::find_go_date(&text[value.clone()]).map(|(_, ts)| ts);
            if found.is_none() {
                diagnostics.push("This Received header has no date.".into());
            }
            found
        }
    };

    let clause_word = |kw| {
        trace
            .clause(kw)
            .and_then(|c| trace.first_word(text, c))
            .map(|(w, _)| w)
    };
    Hop {
        index: 0,
        from: from.to_model(),
        by: by.map(Into::into),
        software: software(text, &header),
        via: via.map(|(_, w, _)| w.into()),
        protocol: protocol_text,
        id: clause_word(Keyword::Id).map(Into::into),
        for_: clause_word(Keyword::For).map(|w| w.trim_matches(|c| c == '<' || c == '>').into()),
        date: timestamp.map(date::rfc3339),
        timestamp,
        delay_seconds: None,
        verdict,
        scope,
        scope_evidence: evidence(scope_rule, text, scope_span),
        // Until the analysis, with every hop made, walks back from the newest (`set_trust`).
        trust: Trust::Unverified,
        tls: tls_info,
        grade: graded.as_ref().map(|g| g.0),
        grade_reason: graded.map(|g| g.1),
        evidence: proof,
        diagnostics,
        raw: text[field.whole()].into(),
        raw_start: field.name.start,
    }
}

/// The suite is taken by value: its IANA name moves into the report (borrowed from the suite
/// table for TLS 1.3).
fn tls_details<'a>(found: &Findings<'a>, suite: Option<tls::CipherSuite>) -> Tls<'a> {
    let key_exchange = found.key_exchange.map(Text::Borrowed).or_else(|| {
        suite
            .as_ref()
            .and_then(|s| s.kex)
            .filter(|k| *k != "RSA")
            .map(Text::Borrowed)
    });
    Tls {
        version: found.version.map(Text::Borrowed),
        cipher: found.cipher.map(Text::Borrowed),
        cipher_iana: suite.map(|s| s.iana),
        // Only what the header writes; the suite's own key size is shown through its name.
        bits: found.bits,
        post_quantum: key_exchange.as_deref().is_some_and(tls::is_post_quantum),
        key_exchange,
        peer_certificate: found.cert,
    }
}

/// Reads one header standing alone (tests of the rules in this module's siblings).
#[cfg(test)]
pub(crate) fn read_one(raw: &str) -> Hop<'_> {
    let block = crate::input::header_block(raw);
    read(raw, &block.fields[0], &mut Scratch::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Grade, Scope};

    #[test]
    fn postfix_pq_hop() {
        let h = read_one("Received: from mail.example.org (mail.example.org [203.0.113.5])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n\t key-exchange X25519MLKEM768 server-signature RSA-PSS (4096 bits) server-digest SHA256)\n\t(No client certificate requested)\n\tby mx.example.net (Postfix) with ESMTPS id 4Xy1Zt2abcz9sVq\n\tfor <bob@example.net>; Sun, 22 Nov 2026 05:20:40 +0000 (UTC)\n");
        assert_eq!(h.verdict, Verdict::Encrypted);
        assert_eq!(h.scope, Scope::External);
        assert_eq!(h.from.helo.as_deref(), Some("mail.example.org"));
        assert_eq!(h.from.rdns.as_deref(), Some("mail.example.org"));
        assert_eq!(h.from.ip.as_deref(), Some("203.0.113.5"));
        assert_eq!(h.by.as_deref(), Some("mx.example.net"));
        assert_eq!(h.software.as_deref(), Some("Postfix"));
        assert_eq!(h.protocol.as_deref(), Some("ESMTPS"));
        assert_eq!(h.id.as_deref(), Some("4Xy1Zt2abcz9sVq"));
        assert_eq!(h.for_.as_deref(), Some("bob@example.net"));
        assert_eq!(h.date.as_deref(), Some("2026-11-22T05:20:40Z"));
        let tls = h.tls.unwrap();
        assert_eq!(tls.version.as_deref(), Some("TLS1.3"));
        assert_eq!(tls.key_exchange.as_deref(), Some("X25519MLKEM768"));
        assert!(tls.post_quantum);
        assert_eq!(h.grade, Some(Grade::Strong));
    }

    #[test]
    fn a_protocol_nobody_knows_is_diagnosed_not_guessed() {
        let h = read_one("Received: from a by b with XYZZY; Sun, 22 Nov 2026 05:20:40 +0000");
        assert_eq!(h.verdict, Verdict::Unknown);
        assert_eq!(
            h.diagnostics,
            ["The protocol \"XYZZY\" is not one Hopscope knows; it is not counted as plaintext."]
        );
    }

    #[test]
    fn folded_protocols_are_squashed() {
        let h = read_one("Received: from a (a [192.0.2.1]) by b with\n Microsoft SMTP Server (version=TLS1_2,\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8158.12; Sun, 22 Nov\n 2026 05:20:37 +0000");
        assert_eq!(h.protocol.as_deref(), Some("Microsoft SMTP Server"));
        assert_eq!(h.verdict, Verdict::Encrypted);
    }
}
