//! Received headers: the trace-line grammar, the notation units that read what servers wrote
//! about TLS, and the rules that make one [`Hop`](crate::model::Hop) of each header.
//!
//! The words used here, and in file names:
//!
//! - A **notation** is one way of writing TLS facts into a Received header: Postfix's
//!   `(using TLSv1.3 with cipher …)`, the `version=… cipher=…` key-value form that Sendmail,
//!   Google, Microsoft and Mimecast share, RFC 3848's `with ESMTPS`… Each has one unit in
//!   `notations/`, named after the shape it reads, that only *records* what the header states
//!   ([`findings::Findings`]).
//! - A **server** (Postfix, Exim, Gmail…) writes one or more notations. Which server writes
//!   which notation is recorded in `docs/NOTATIONS.md`, and each server has a fixture folder
//!   `tests/fixtures/<server>/`. Support for a new server that writes a known notation is
//!   fixtures only; a new notation is a new unit.
//! - The **hop rules** turn findings into a hop: `protocol.rs` (what a protocol keyword says by
//!   itself), `endpoint.rs` (who sent), `verdict.rs` (encrypted, plaintext or not stated, with
//!   evidence), `scope.rs` (local, internal or external: an ordered table of named rules),
//!   `software.rs` (the receiving software named in the header), and `hop.rs`, which runs them
//!   in that order. Only `verdict.rs` decides a verdict: any positive TLS statement makes a hop
//!   *encrypted*; otherwise an unencrypted protocol with a recorded sender makes it
//!   *plaintext*; otherwise it is *not stated*.

pub(crate) mod endpoint;
pub(crate) mod findings;
pub(crate) mod grammar;
pub(crate) mod header;
pub(crate) mod hop;
pub(crate) mod notations;
pub(crate) mod protocol;
pub(crate) mod scope;
pub(crate) mod software;
pub(crate) mod verdict;

use std::ops::Range;

use crate::model::Evidence;

pub(crate) use findings::Findings;
pub(crate) use header::{name_byte, Header, Word};

/// The rule `rule` read `text[span]`.
pub(crate) fn evidence<'a>(rule: &'static str, text: &'a str, span: Range<usize>) -> Evidence<'a> {
    Evidence {
        rule: rule.into(),
        start: span.start,
        end: span.end,
        text: text[span].into(),
    }
}
