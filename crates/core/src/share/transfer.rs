//! The whole report as bytes, in pieces: how the page's engine worker hands a report to the
//! page, and the page hands one back (for a share link, Markdown or SVG).
//!
//! ```
//! use hopscope_core::share::transfer;
//! let report = hopscope_core::analyze(
//!     "Received: from a.example.org (a.example.org [203.0.113.5])\r\n\
//!      \tby mx.example.net with ESMTPS id 1A2B for <bob@example.net>;\r\n\
//!      \tSun, 22 Nov 2026 05:20:40 +0000\r\n",
//! );
//! let pieces = transfer::encode(&report, 1000);
//! let mut decoder = transfer::Decoder::new(&pieces[0]).unwrap();
//! for piece in &pieces[1..] {
//!     decoder.push(piece).unwrap();
//! }
//! assert_eq!(decoder.finish().unwrap(), report);
//! ```
//!
//! Not a link format: nothing here is frozen, both ends are always the same build (the page and
//! its engine are loaded from one `dist/`, by content-hashed names), and a transfer carries
//! what a link never does (the raw header text and the spans into it). Unlike a link it is
//! lossless: `decode(encode(report)) == report`, every field, including `part`, `embedded`,
//! `policy` and `redaction`.
//!
//! Why a binary layout and not JSON or serde-wasm-bindgen objects: the page already carries the
//! reader of the link formats (to open links), and this is that layout (`r2`'s body and
//! extensions) plus what links leave out, so the page adds a few hundred bytes rather than a
//! deserializer; and a 5 MB paste makes a report of 28,000 hops, which the page must take in
//! without a long task. Hence the pieces: a head (everything but the hops, and their count)
//! then the hops in batches, each decoded in its own task as its message arrives.
//!
//! Layout. Head: the `r2` layout of the report with no hops (body, then extensions), then
//! `uint hop count, uint part, list<(uint part, kind, opt<str> label, bool has_route)>
//! embedded, list<(uint start, uint end)>` the diagnostics' spans, one per diagnostic. Kind
//! codes: `0` attached, `1` attached file, `2` quoted. Each following piece: `list<hop>`, each
//! hop being `r1`'s hop (timestamps relative within the piece) then `str raw, uint raw_start`,
//! the scope evidence's span and `list<span>` of the evidence's spans, one per evidence.

use super::r1::{Invalid, Reader, Writer};
use super::r2;
use crate::embedded::{EmbeddedKind, EmbeddedMessage};
use crate::model::{Evidence, Hop, Report};

/// Why transferred bytes could not be read: they were not written by [`encode`] of the same
/// build, or were cut short.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferError;

impl std::fmt::Display for TransferError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the report could not be read back (damaged or from another version)")
    }
}

impl std::error::Error for TransferError {}

impl From<Invalid> for TransferError {
    fn from(_: Invalid) -> Self {
        TransferError
    }
}

type Result<T> = std::result::Result<T, TransferError>;

/// The report as a head and then pieces of at most `hops_per_piece` hops (at least one piece,
/// possibly empty, follows the head).
pub fn encode(report: &Report, hops_per_piece: usize) -> Vec<Vec<u8>> {
    let mut pieces = vec![head(report)];
    let mut batches = report.hops.chunks(hops_per_piece.max(1)).peekable();
    if batches.peek().is_none() {
        pieces.push(hops(&[]));
    }
    pieces.extend(batches.map(hops));
    pieces
}

/// Reads a whole transfer at once.
pub fn decode(pieces: &[&[u8]]) -> Result<Report<'static>> {
    let (head, rest) = pieces.split_first().ok_or(TransferError)?;
    let mut decoder = Decoder::new(head)?;
    for piece in rest {
        decoder.push(piece)?;
    }
    decoder.finish()
}

/// Reads a transfer piece by piece, so that a front end can take each in a task of its own.
#[derive(Debug)]
pub struct Decoder {
    report: Report<'static>,
    hops: usize,
}

impl Decoder {
    /// Starts with the head (the first piece).
    pub fn new(head: &[u8]) -> Result<Decoder> {
        let mut r = Reader::new(head, true);
        let mut report = r2::read_from(&mut r)?;
        if !report.hops.is_empty() {
            return Err(TransferError);
        }
        let hops = usize::try_from(r.uint()?).map_err(|_| TransferError)?;
        report.part = r.u32()?;
        report.embedded = r.list(|r| {
            Ok(EmbeddedMessage {
                part: r.u32()?,
                kind: match r.byte()? {
                    0 => EmbeddedKind::Attached,
                    1 => EmbeddedKind::AttachedFile,
                    2 => EmbeddedKind::Quoted,
                    _ => return Err(Invalid),
                },
                label: r.opt_str()?,
                has_route: r.bool()?,
            })
        })?;
        let spans = r.list(span)?;
        if spans.len() != report.diagnostics.len() || !r.at_end() {
            return Err(TransferError);
        }
        for (diagnostic, (start, end)) in report.diagnostics.iter_mut().zip(spans) {
            diagnostic.start = start;
            diagnostic.end = end;
        }
        Ok(Decoder { report, hops })
    }

    /// Adds the next piece's hops.
    pub fn push(&mut self, piece: &[u8]) -> Result<()> {
        let mut r = Reader::new(piece, true);
        let batch = r.list(|r| {
            let mut hop = r.hop()?;
            hop.raw = r.str()?.into();
            hop.raw_start = usize_(r)?;
            set_span(&mut hop.scope_evidence, span(r)?);
            let spans = r.list(span)?;
            if spans.len() != hop.evidence.len() {
                return Err(Invalid);
            }
            for (evidence, s) in hop.evidence.iter_mut().zip(spans) {
                set_span(evidence, s);
            }
            Ok(hop)
        })?;
        if !r.at_end() || self.report.hops.len() + batch.len() > self.hops {
            return Err(TransferError);
        }
        self.report.hops.extend(batch);
        Ok(())
    }

    /// How many hops the head announced, and how many have arrived.
    pub fn progress(&self) -> (usize, usize) {
        (self.report.hops.len(), self.hops)
    }

    /// The report, once every announced hop has arrived.
    pub fn finish(self) -> Result<Report<'static>> {
        if self.report.hops.len() != self.hops {
            return Err(TransferError);
        }
        Ok(self.report)
    }
}

fn head(report: &Report) -> Vec<u8> {
    // Every field by name, so that a new field of the report fails to compile here until the
    // transfer carries it.
    let Report {
        schema,
        looks_like_email,
        hops,
        summary,
        warnings,
        authentication,
        message,
        diagnostics,
        redaction,
        policy,
        part,
        embedded,
    } = report;
    let without_hops = Report {
        schema: *schema,
        looks_like_email: *looks_like_email,
        hops: Vec::new(),
        summary: summary.clone(),
        warnings: warnings.clone(),
        authentication: authentication.clone(),
        message: message.clone(),
        diagnostics: diagnostics.clone(),
        redaction: *redaction,
        policy: policy.clone(),
        part: 0,
        embedded: Vec::new(),
    };
    let mut w = Writer::new();
    w.out = r2::write(&without_hops);
    w.uint(hops.len() as u64);
    w.uint((*part).into());
    w.list(embedded, |w, e| {
        w.uint(e.part.into());
        w.byte(match e.kind {
            EmbeddedKind::Attached => 0,
            EmbeddedKind::AttachedFile => 1,
            EmbeddedKind::Quoted => 2,
        });
        w.opt_str(&e.label);
        w.bool(e.has_route);
    });
    w.list(diagnostics, |w, d| write_span(w, d.start, d.end));
    w.out
}

fn hops(batch: &[Hop]) -> Vec<u8> {
    let mut w = Writer::new();
    w.list(batch, |w, hop| {
        w.hop(hop);
        w.str(&hop.raw);
        w.uint(hop.raw_start as u64);
        let e = &hop.scope_evidence;
        write_span(w, e.start, e.end);
        w.list(&hop.evidence, |w, e| write_span(w, e.start, e.end));
    });
    w.out
}

fn write_span(w: &mut Writer, start: usize, end: usize) {
    w.uint(start as u64);
    w.uint(end as u64);
}

fn usize_(r: &mut Reader<'_>) -> std::result::Result<usize, Invalid> {
    usize::try_from(r.uint()?).map_err(|_| Invalid)
}

fn span(r: &mut Reader<'_>) -> std::result::Result<(usize, usize), Invalid> {
    Ok((usize_(r)?, usize_(r)?))
}

fn set_span(evidence: &mut Evidence, (start, end): (usize, usize)) {
    evidence.start = start;
    evidence.end = end;
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORWARD: &str = "Received: from laptop.example.net ([198.51.100.9]) by mx.example.net \
        with ESMTPSA id 2; Sun, 22 Nov 2026 06:00:00 +0000\nFrom: Bob <bob@example.net>\n\
        Subject: Fwd: Invoice\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\n\
        Content-Type: text/plain\n\nSee attached.\n\n--b1\nContent-Type: message/rfc822\n\n\
        Received: from mail.example.org (mail.example.org [192.0.2.7])\n\tby mx.example.net with \
        ESMTP id 1; Sun, 22 Nov 2026 05:20:40 +0000\nFrom: Mallory <m@example.org>\n\
        Subject: Invoice\n\nPay now.\n\n--b1--\n";

    fn round_trip(report: &Report, per_piece: usize) -> Report<'static> {
        let pieces = encode(report, per_piece);
        let slices: Vec<&[u8]> = pieces.iter().map(Vec::as_slice).collect();
        decode(&slices).unwrap()
    }

    #[test]
    fn every_field_comes_back_in_any_piece_size() {
        let mut report = crate::analyze(FORWARD);
        assert!(report.part > 0 && !report.embedded.is_empty(), "{report:?}");
        assert!(!report.diagnostics.is_empty());
        report.policy = Some(crate::policy::check(
            &report,
            &crate::policy::Policy::modern(),
            None,
        ));
        for per_piece in [1, 2, 1000] {
            assert_eq!(round_trip(&report, per_piece), report);
        }
        let outer = crate::analyze_part(FORWARD, 0);
        assert_eq!(round_trip(&outer, 1), outer);
        let shared = super::super::prepare(&report, super::super::Redaction::ALL);
        assert_eq!(round_trip(&shared, 1), shared, "a shared report too");
        let empty = crate::analyze("");
        assert_eq!(encode(&empty, 10).len(), 2, "a head and one empty piece");
        assert_eq!(round_trip(&empty, 10), empty);
    }

    #[test]
    fn pieces_must_all_arrive_and_fit() {
        let report = crate::analyze(FORWARD);
        let pieces = encode(&report, 1);
        assert_eq!(pieces.len(), 1 + report.hops.len());
        let mut decoder = Decoder::new(&pieces[0]).unwrap();
        decoder.push(&pieces[1]).unwrap();
        assert_eq!(decoder.progress(), (1, report.hops.len()));
        assert_eq!(
            Decoder::new(&pieces[0]).unwrap().finish(),
            Err(TransferError),
            "hops missing"
        );
        let mut twice = Decoder::new(&pieces[0]).unwrap();
        for piece in pieces[1..].iter().chain(&pieces[1..]) {
            let _ = twice.push(piece);
        }
        assert_eq!(
            twice.progress().0,
            report.hops.len(),
            "never more than announced"
        );
        for cut in 0..pieces[0].len() {
            assert!(
                Decoder::new(&pieces[0][..cut]).is_err(),
                "head cut at {cut}"
            );
        }
        for cut in 0..pieces[1].len() {
            let mut decoder = Decoder::new(&pieces[0]).unwrap();
            assert!(
                decoder.push(&pieces[1][..cut]).is_err(),
                "piece cut at {cut}"
            );
        }
        assert!(Decoder::new(&pieces[1]).is_err(), "a piece is not a head");
        assert_eq!(decode(&[]), Err(TransferError));
    }
}
