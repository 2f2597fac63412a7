//! Hopscope core: reads the Received chain of an email and tells, hop by hop, whether it
//! travelled encrypted, with the exact header text that proves each verdict.
//!
//! Give [`analyze`] whatever a person pasted — headers alone or a whole message, any line
//! endings, with Gmail's or Outlook's extra lines around it — and get a [`Report`]: every hop
//! in time order with its verdict (*encrypted*, *plaintext* or *unknown*), TLS details and
//! grade where the header writes them, its scope (local, internal, external), and the rule and
//! byte span of the input behind each verdict. Analysis never fails; what could not be read is
//! reported as a diagnostic on the hop concerned.
//!
//! ```
//! let headers = "Received: from mail.example.org (mail.example.org [203.0.113.5])\r\n\
//!     \t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n\
//!     \tby mx.example.net (Postfix) with ESMTPS id 4Xy1Zt2abcz9sVq\r\n\
//!     \tfor <bob@example.net>; Sun, 22 Nov 2026 05:20:40 +0000 (UTC)\r\n\
//!     Received: from laptop.example.org (laptop.example.org [198.51.100.7])\r\n\
//!     \tby mail.example.org with ESMTP id 1A2B; Sun, 22 Nov 2026 05:20:38 +0000\r\n";
//! let report = hopscope_core::analyze(headers);
//! assert_eq!(report.hops.len(), 2);
//! let first = &report.hops[0]; // the oldest hop: the bottom Received header
//! assert_eq!(first.verdict, hopscope_core::Verdict::Plaintext);
//! let second = &report.hops[1];
//! assert_eq!(second.verdict, hopscope_core::Verdict::Encrypted);
//! assert_eq!(second.tls.as_ref().unwrap().version.as_deref(), Some("TLS1.3"));
//! assert_eq!(second.delay_seconds, Some(2));
//! let proof = &second.evidence[0];
//! assert_eq!(&headers[proof.start..proof.end], proof.text);
//! ```
//!
//! # Untrusted input
//!
//! Pasted headers come from strangers and attackers. For any input, [`analyze`] promises:
//! no panic; time linear in the input size (notations are matched by forward scanners that
//! never backtrack, and nothing recurses: nested comments are counted, not recursed into);
//! memory bounded by a small multiple of the input; and a report whose
//! strings are plain text, which every front end must render as text, never as markup. These
//! promises are tested by the hostile-input tests in `tests/hostile.rs` and by fuzzing.
//!
//! # Scope
//!
//! Hopscope reads what servers wrote. It does not check DNS, DKIM signatures, MTA-STS or DANE
//! policies, and it cannot know whether a hop that says nothing used TLS: that is *unknown*.

pub mod aggregate;
mod ascii;
mod auth;
pub mod date;
pub mod domains;
pub mod embedded;
mod input;
mod invariants;
pub mod mbox;
pub mod model;
mod net;
pub mod policy;
mod received;
pub mod render;
mod reuse;
pub mod rules;
pub mod share;
pub mod sniff;
mod summary;
pub mod tls;
pub mod visible;
pub mod words;

pub use embedded::{EmbeddedKind, EmbeddedMessage};
pub use invariants::check_invariants;
pub use model::*;

use ascii::IgnoreCase;
use std::borrow::Cow;

/// Analyses pasted text: headers alone or a whole message. Never fails.
///
/// When the message holds another message (a forward with the original attached, or headers
/// quoted in its body), the first such message that carries a route is analysed instead, and
/// the report says so (`part`, `embedded` and a note first among its diagnostics);
/// [`analyze_part`] chooses another.
pub fn analyze(text: &str) -> Report<'_> {
    analyze_chosen(text, None)
}

/// Like [`analyze`], for one message of the input: `0` the outer message, `1`… the messages
/// found inside it (as listed in [`Report::embedded`]). A part that does not exist gives the
/// outer message.
pub fn analyze_part(text: &str, part: u32) -> Report<'_> {
    analyze_chosen(text, Some(part))
}

/// The text a report with `part` was made from: the input itself, or the message found inside
/// it (decoded when it was attached in base64 or quoted-printable).
pub fn part_text(text: &str, part: u32) -> Cow<'_, str> {
    if part == 0 {
        return Cow::Borrowed(text);
    }
    let body = input::body_start(text, &input::header_block(text));
    embedded::find(text, body)
        .into_iter()
        .find(|f| f.message.part == part)
        .map_or(Cow::Borrowed(text), |f| f.text)
}

fn analyze_chosen(text: &str, part: Option<u32>) -> Report<'_> {
    let block = input::header_block(text);
    let body = input::body_start(text, &block);
    let outer = analyze_block(text, block);
    let found = embedded::find(text, body);
    if found.is_empty() {
        return outer;
    }
    let listed: Vec<EmbeddedMessage> = found.iter().map(|f| f.message.clone()).collect();
    let chosen = match part {
        Some(0) => None,
        Some(n) => found.iter().position(|f| f.message.part == n),
        None => found.iter().position(|f| f.message.has_route),
    };
    let Some(i) = chosen else {
        let mut outer = outer;
        outer.embedded = listed;
        return outer;
    };
    let inner = &found[i];
    let mut report = analyze_block(&inner.text, input::header_block(&inner.text));
    report.diagnostics.insert(
        0,
        Diagnostic {
            message: format!(
                "{} (which is part 0).",
                words::embedded_note(&inner.message)
            ),
            start: 0,
            end: 0,
        },
    );
    report.part = inner.message.part;
    report.embedded = listed;
    // The message found inside was decoded into a text of its own: the report keeps copies.
    report.into_owned()
}

fn analyze_block(text: &str, mut block: input::HeaderBlock) -> Report<'_> {
    let looks_like_email = input::looks_like_email(text, &block);

    let (received, longest) = block
        .fields
        .iter()
        .filter(|f| f.received)
        .fold((0, 0), |(n, longest), f| {
            (n + 1, longest.max(f.value.len()))
        });
    // Servers prepend: the first Received is the newest. Time order is the reverse, so the
    // headers are read from the last one (reversing the hops afterwards moved every one).
    let mut hops: Vec<Hop> = Vec::with_capacity(received);
    let mut marks = summary::Marks::with_capacity(received);
    let mut scratch = received::hop::Scratch::for_longest(longest);
    // Each hop is numbered, given its delay and marked as it is made (a mailbox-sized paste's
    // hops are out of the cache by the time a second pass would come back to them). Every hop
    // is made unverified, until `set_trust` walks back from the newest.
    let mut previous_time = None;
    for field in block.fields.iter().rev() {
        if field.received {
            let mut hop = received::hop::read(text, field, &mut scratch);
            hop.index = hops.len() as u32 + 1;
            summary::set_delay(&mut hop, &mut previous_time);
            marks.push(&hop, hops.last());
            hops.push(hop);
        }
    }
    let mut authentication = Authentication::default();
    let mut message = MessageInfo::default();
    for field in &block.fields {
        if field.received {
            continue;
        }
        let name = &text[field.name.clone()];
        let value = &text[field.value.clone()];
        if name.eq_ignore_case("authentication-results") {
            authentication
                .results
                .extend(auth::authentication_results(value));
        } else if name.eq_ignore_case("arc-seal") {
            let i = auth::arc_instance(value).unwrap_or(0);
            authentication.arc_sets = authentication.arc_sets.max(i);
        } else {
            auth::set_message_field(&mut message, name, value);
        }
    }

    let trusted_from = summary::set_trust(&mut hops, &mut marks);
    let warnings = summary::warnings(&marks, message.tls_required.as_deref(), hops.len());
    let warnings = if looks_like_email {
        warnings
    } else {
        Vec::new()
    };
    let summary = summary::summarise(&hops, &marks, trusted_from, looks_like_email);

    Report {
        schema: SCHEMA_VERSION,
        looks_like_email,
        hops,
        summary,
        warnings,
        authentication,
        message,
        diagnostics: std::mem::take(&mut block.diagnostics),
        redaction: None,
        policy: None,
        part: 0,
        embedded: Vec::new(),
    }
}

/// Like [`analyze`], for bytes that may not be valid UTF-8 (files). Invalid sequences become
/// U+FFFD; spans in the report refer to that decoded text. The report borrows `input` when it
/// is valid UTF-8 (nearly always), else it owns its strings.
pub fn analyze_bytes(input: &[u8]) -> Report<'_> {
    match decode(input) {
        Cow::Borrowed(text) => analyze(text),
        Cow::Owned(text) => analyze(&text).into_owned(),
    }
}

/// `bytes` as text: borrowed when they are valid UTF-8, else with each invalid sequence
/// replaced by U+FFFD (`String::from_utf8_lossy`'s answer). Valid text is checked by
/// `str::from_utf8`, which reads ASCII a word at a time: the lossy decoder alone reads byte by
/// byte, and was 7% of the CLI's instructions per file.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}
