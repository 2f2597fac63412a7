//! Hopscope's engine: the page's second WebAssembly module, loaded only when it is first
//! needed, in a module Web Worker (or, in a browser without workers, on the page's thread).
//! It holds what the first paint of the page does not need: the analysis the page asks for
//! while the person types (run here so that a 5 MB paste never blocks the page), reading
//! Outlook `.msg` files and other dropped files, making share links (redaction and
//! compression) and opening them (inflating), the Markdown and SVG exports, the texts of
//! the built-in examples, and the opt-in lookups of a message's domains (MTA-STS, DANE,
//! TLS-RPT over DNS-over-HTTPS, only when the person asks: [`lookup`]).
//!
//! ```
//! let pieces = hopscope_engine::analyze(
//!     "Received: from a.example.org (a.example.org [203.0.113.5])\r\n\
//!      \tby mx.example.net with ESMTPS id 1A2B for <bob@example.net>;\r\n\
//!      \tSun, 22 Nov 2026 05:20:40 +0000\r\n",
//!     None,
//! );
//! // What the page does with the pieces it receives, one message each:
//! let slices: Vec<&[u8]> = pieces.iter().map(Vec::as_slice).collect();
//! let report = hopscope_core::share::transfer::decode(&slices).unwrap();
//! assert_eq!(report.hops[0].verdict, hopscope_core::Verdict::Encrypted);
//! let markdown = hopscope_engine::markdown(&slices).unwrap();
//! assert!(markdown.contains("mx.example.net"));
//! ```
//!
//! The functions here are plain Rust over bytes and strings, tested natively; `wasm.rs` is the
//! JavaScript boundary (`serve`, one request in, its replies out), and `static/engine-worker.js`
//! the few lines that start it in a worker. The protocol is described in ARCHITECTURE.md
//! ("The engine").
//!
//! Reports travel as `hopscope_core::share::transfer` pieces: a head, then the hops in batches
//! of [`HOPS_PER_PIECE`], each posted as its own message so that the page decodes a large
//! report in many short tasks rather than one long one.
//!
//! # Untrusted input
//!
//! Everything here reads what a person pasted or dropped, and nothing may panic (a panic
//! aborts the worker; the page then says the request failed and replaces it). Files are
//! bounded before they are read: text files to [`text::MAX_FILE_BYTES`], `.msg` files to
//! `hopscope_msg`'s limit, and a `.msg` is read only where its directory points (never an
//! attachment that is not a message).

pub mod audit;
pub mod examples;
pub mod file;
pub mod lookup;
mod svg;
pub mod text;
#[cfg(target_arch = "wasm32")]
mod wasm;
#[cfg(target_arch = "wasm32")]
mod wasm_audit;

use hopscope_core::share::transfer::{self, TransferError};
use hopscope_core::share::{self, Redaction};
use hopscope_core::Report;

pub use svg::route_svg;

/// Hops per transferred piece. Measured in headless Chromium on a 2-core machine (README,
/// "What the page loads"): the page decodes 500 hops in a few milliseconds, so even on a busy
/// machine a 28,000-hop report arrives in short tasks, while a typical report is one head and
/// one piece.
pub const HOPS_PER_PIECE: usize = 500;

/// The report of `text` (or of the message `part` inside it, as `hopscope_core::analyze_part`),
/// as transfer pieces.
pub fn analyze(text: &str, part: Option<u32>) -> Vec<Vec<u8>> {
    let report = match part {
        Some(part) => hopscope_core::analyze_part(text, part),
        None => hopscope_core::analyze(text),
    };
    transfer::encode(&report, HOPS_PER_PIECE)
}

/// The report a share link holds, as transfer pieces; or why it cannot be opened, in one
/// sentence for the person who opened it (`share::ShareError`).
pub fn open_link(payload: &str) -> Result<Vec<Vec<u8>>, String> {
    share::decode(payload)
        .map(|report| transfer::encode(&report, HOPS_PER_PIECE))
        .map_err(|error| error.to_string())
}

/// A share link's payload, and the report it shows (as transfer pieces), for a report given as
/// transfer pieces.
pub struct SharedPieces {
    /// The fragment payload, without `#` (`r2.…`).
    pub payload: String,
    /// `share::prepare(report, redaction)`: what the recipient will see, for the preview and
    /// the share panel's files.
    pub pieces: Vec<Vec<u8>>,
}

/// Redacts and encodes the report for a share link.
pub fn share(report: &[&[u8]], redaction: Redaction) -> Result<SharedPieces, TransferError> {
    let report = transfer::decode(report)?;
    let shared = share::Shared::new(&report, redaction);
    Ok(SharedPieces {
        payload: shared.payload,
        pieces: transfer::encode(&shared.report, HOPS_PER_PIECE),
    })
}

/// The report as Markdown (`hopscope_core::render::markdown`), for "Copy as Markdown".
pub fn markdown(report: &[&[u8]]) -> Result<String, TransferError> {
    transfer::decode(report).map(|report| hopscope_core::render::markdown::markdown(&report))
}

/// The report's route as an SVG document, for "Download route as SVG".
pub fn svg(report: &[&[u8]]) -> Result<String, TransferError> {
    transfer::decode(report).map(|report: Report| route_svg(&report))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAIN: &str = "Received: from a.example.org (a.example.org [203.0.113.5])\r\n\
        \tby mx.example.net with ESMTPS id 1A2B for <bob@example.net>;\r\n\
        \tSun, 22 Nov 2026 05:20:40 +0000\r\n";

    fn slices(pieces: &[Vec<u8>]) -> Vec<&[u8]> {
        pieces.iter().map(Vec::as_slice).collect()
    }

    #[test]
    fn the_page_gets_the_report_the_core_makes() {
        let pieces = analyze(CHAIN, None);
        assert_eq!(pieces.len(), 2, "a head and one piece");
        let report = transfer::decode(&slices(&pieces)).unwrap();
        assert_eq!(report, hopscope_core::analyze(CHAIN));
        let outer = transfer::decode(&slices(&analyze(CHAIN, Some(0)))).unwrap();
        assert_eq!(outer, hopscope_core::analyze_part(CHAIN, 0));
        let big = CHAIN.repeat(2500);
        let pieces = analyze(&big, None);
        assert_eq!(pieces.len(), 1 + 5, "2,500 hops in pieces of 500");
        assert_eq!(
            transfer::decode(&slices(&pieces)).unwrap(),
            hopscope_core::analyze(&big)
        );
    }

    #[test]
    fn a_shared_report_is_the_one_the_link_opens() {
        let report = hopscope_core::analyze(CHAIN);
        let sent = transfer::encode(&report, HOPS_PER_PIECE);
        for redaction in [Redaction::NONE, Redaction::default(), Redaction::ALL] {
            let shared = share(&slices(&sent), redaction).unwrap();
            assert_eq!(
                shared.payload,
                share::encode(&report, redaction),
                "the core's link"
            );
            let preview = transfer::decode(&slices(&shared.pieces)).unwrap();
            assert_eq!(Ok(preview.clone()), share::decode(&shared.payload));
            assert_eq!(preview, share::prepare(&report, redaction));
        }
        assert!(share(&[b"nonsense"], Redaction::NONE).is_err());
    }

    #[test]
    fn a_link_opens_to_its_report_or_says_what_is_wrong() {
        let report = hopscope_core::analyze(CHAIN);
        let payload = share::encode(&report, Redaction::default());
        let pieces = open_link(&format!("https://x.example/#{payload}")).unwrap();
        assert_eq!(
            transfer::decode(&slices(&pieces)).unwrap(),
            share::prepare(&report, Redaction::default())
        );
        let damaged = open_link("r2.<b>x</b>").unwrap_err();
        assert!(damaged.starts_with("This link is damaged"), "{damaged}");
        assert!(open_link("r9.x").unwrap_err().contains("newer version"));
    }

    #[test]
    fn exports_are_the_cores_renderings() {
        let report = hopscope_core::analyze(CHAIN);
        let sent = transfer::encode(&report, 1);
        assert_eq!(
            markdown(&slices(&sent)).unwrap(),
            hopscope_core::render::markdown::markdown(&report)
        );
        assert_eq!(svg(&slices(&sent)).unwrap(), route_svg(&report));
        assert!(markdown(&[]).is_err());
    }
}
