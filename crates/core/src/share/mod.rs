//! Share links: a whole report in the URL fragment, which browsers never send to a server.
//!
//! ```
//! use hopscope_core::share::{self, Redaction};
//! let report = hopscope_core::analyze(
//!     "Received: from a.example.org (a.example.org [203.0.113.5])\r\n\
//!      \tby mx.example.net with ESMTPS id 1A2B for <bob@example.net>;\r\n\
//!      \tSun, 22 Nov 2026 05:20:40 +0000\r\n",
//! );
//! let link = share::link("https://hopscope.example/", &report, Redaction::default());
//! assert!(link.starts_with("https://hopscope.example/#r2."));
//! let shared = share::decode(&link).unwrap();
//! assert_eq!(shared, share::prepare(&report, Redaction::default()));
//! assert_eq!(shared.hops[0].for_.as_deref(), Some("user-1@example.net"));
//! assert_eq!(shared.redaction, Some(Redaction::default()));
//! ```
//!
//! # The payload
//!
//! The canonical form is the fragment without its `#`: `r2.` followed by the unpadded URL-safe
//! base64 (RFC 4648 §5) of the zlib stream (RFC 1950: deflate with an Adler-32 checksum, which
//! makes a damaged link an error rather than a different report) of the report in the compact
//! binary layout of format `r2` (see `r2.rs`: `r1.rs`'s layout plus tagged extensions, the
//! first of which records what was redacted). No `share=` or other key: the `r<N>.` prefix
//! itself says what the fragment is, and cannot be mistaken for the page's other fragments
//! (`example=…`).
//!
//! [`decode`] also accepts a whole link (it reads after the first `#`), a leading `#`, ASCII
//! whitespace anywhere (mail programs wrap long links) and trailing punctuation that the link
//! was quoted with (`.,;:!?)]}>'"`), none of which base64 uses.
//!
//! What is shared is [`prepare`]'s result: the report as the sender saw it, redacted, without
//! the raw header text. Headline, grade reasons and warnings are stored, not recomputed, so a
//! later change of Hopscope's rules never changes what an old link shows.
//!
//! # Compatibility promise
//!
//! Formats `r1` and `r2` are frozen. A change to the layout makes a new format (`r3`, …) with a
//! new prefix (data that fits `r2`'s tagged extensions needs none); [`encode`] writes the
//! newest, and [`decode`] keeps reading every earlier format,
//! filling fields that did not exist yet with their "unknown" values. A link made today opens
//! in every later version of Hopscope. The test `r1_test_vector_still_decodes` holds a real
//! `r1` payload; a change that breaks it breaks that promise. A page that meets a *newer* format
//! than it knows says so ([`ShareErrorKind::UnknownVersion`]).
//!
//! # Untrusted links
//!
//! A link is input from anyone. [`decode`] never panics; it refuses payloads longer than
//! [`MAX_PAYLOAD`] before decoding anything and stops inflating at [`MAX_DECODED`] bytes (a
//! "zip bomb" is [`ShareErrorKind::TooLarge`]); counts and lengths inside are checked against
//! the bytes actually present. The strings it returns are data: front ends render them as text,
//! never as markup, like every string of a [`Report`].

mod audit;
mod r1;
mod r2;
mod redact;
pub mod transfer;

use std::fmt;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

use crate::model::{Report, Text};

pub use audit::{
    decode_audit, encode_audit, is_audit_link, prepare_audit, AuditRedaction, SharedAudit,
    AUDIT_FORMAT, SHARED_NAMES, SHARED_ROWS,
};
pub use redact::Redaction;

/// The format [`encode`] writes.
pub const FORMAT: u32 = 2;

/// Longest payload [`decode`] reads (characters after the `#`); longer ones are refused before
/// any decoding. A typical redacted report takes 1–2 KB.
pub const MAX_PAYLOAD: usize = 64 * 1024;

/// Most bytes a payload may inflate to.
pub const MAX_DECODED: usize = 256 * 1024;

/// Base64url without padding. Decoding allows set bits after the last full byte: a damaged
/// last character is then caught by the checksum and said to be damaged, not cut off.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

/// The report as it will be shared: `report` with `redaction` applied and the raw header text
/// dropped.
///
/// Each hop's `raw` becomes `""` and `raw_start` 0. Evidence (including `scope_evidence`) keeps
/// its rule and its (redacted) text, and its span becomes `0..text.len()`: a span of the text
/// itself, as the input is not shared. The report's diagnostics keep their messages, with spans
/// `0..0`. Everything else is kept as it is, apart from what redaction replaces (see
/// [`Redaction`]): verdicts, scopes, grades, TLS details, headline and reasons are unchanged.
///
/// `decode(&encode(r, red))` returns exactly `prepare(r, red)`.
pub fn prepare<'a>(report: &Report<'a>, redaction: Redaction) -> Report<'a> {
    let mut shared = report.clone();
    // Which part of the input a report is about means nothing without the input; the note
    // that says so ("These are the headers of the attached message …") stays.
    shared.part = 0;
    shared.embedded.clear();
    for hop in &mut shared.hops {
        hop.raw = Text::Borrowed("");
        hop.raw_start = 0;
    }
    redact::apply(&mut shared, redaction);
    // A report opened from a link and shared again keeps saying what was hidden the first time.
    shared.redaction = Some(report.redaction.map_or(redaction, |r| r.union(redaction)));
    for hop in &mut shared.hops {
        for evidence in hop.evidence.iter_mut().chain([&mut hop.scope_evidence]) {
            evidence.start = 0;
            evidence.end = evidence.text.len();
        }
    }
    for diagnostic in &mut shared.diagnostics {
        diagnostic.start = 0;
        diagnostic.end = 0;
    }
    shared
}

/// A report made ready to share: the report the recipient will see, and its link payload.
/// Built once, so the page can show the redacted preview, its link and its length from one
/// redaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared<'a> {
    /// [`prepare`]'s result: exactly what [`decode`] gives back from [`Shared::payload`].
    pub report: Report<'a>,
    /// The fragment payload, without `#`: `r2.` + base64url(zlib(r2(report))).
    pub payload: String,
}

impl<'a> Shared<'a> {
    pub fn new(report: &Report<'a>, redaction: Redaction) -> Shared<'a> {
        let report = prepare(report, redaction);
        let payload = format!("r{FORMAT}.{}", deflate_base64(&r2::write(&report)));
        Shared { report, payload }
    }

    /// `base_url` (without any fragment it has) + `#` + the payload.
    pub fn link(&self, base_url: &str) -> String {
        let base = base_url.split('#').next().unwrap_or(base_url);
        format!("{base}#{}", self.payload)
    }
}

/// The fragment payload (without `#`) of `report` shared with `redaction`.
///
/// Reports of thousands of hops can give payloads longer than [`MAX_PAYLOAD`], which
/// [`decode`] refuses; callers that accept such input compare the length first.
pub fn encode(report: &Report, redaction: Redaction) -> String {
    Shared::new(report, redaction).payload
}

/// `base_url` (without any fragment it has) + `#` + [`encode`]`(report, redaction)`.
pub fn link(base_url: &str, report: &Report, redaction: Redaction) -> String {
    Shared::new(report, redaction).link(base_url)
}

/// Reads a payload back into the shared report: `r1.…`, `#r1.…`, or a whole link.
pub fn decode(payload: &str) -> Result<Report<'static>, ShareError> {
    let compact = fragment_of(payload)?;
    let (version, data) = split_version(&compact)?;
    let read = match version {
        1 => r1::read,
        2 => r2::read,
        _ => return Err(ShareError::unknown_version(version)),
    };
    let bytes = decode_data(data)?;
    read(&bytes).map_err(|_| ShareError::new(ShareErrorKind::Corrupt))
}

/// The payload of a link as people paste it: after the first `#`, without the whitespace mail
/// programs wrap links with and the punctuation they are quoted with. Refused before any
/// copying when longer than [`MAX_PAYLOAD`].
fn fragment_of(payload: &str) -> Result<String, ShareError> {
    let fragment = payload.split_once('#').map_or(payload, |(_, f)| f);
    if fragment.len() > MAX_PAYLOAD {
        return Err(ShareError::new(ShareErrorKind::TooLarge));
    }
    let mut compact: String = fragment
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let kept = compact
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '\'', '"'])
        .len();
    compact.truncate(kept);
    Ok(compact)
}

/// `r<N>.<data>` → `(N, data)`.
fn split_version(payload: &str) -> Result<(u32, &str), ShareError> {
    let Some(rest) = payload.strip_prefix('r') else {
        return Err(ShareError::new(ShareErrorKind::NotAShareLink));
    };
    split_number(rest, FORMAT).map_err(|e| e.with_letter('r'))
}

/// `<N>.<data>` (after a format's letter) → `(N, data)`; `newest` is the newest format of that
/// letter this version reads, which tells a cut-off link from a newer one.
fn split_number(rest: &str, newest: u32) -> Result<(u32, &str), ShareError> {
    let not_a_link = ShareError::new(ShareErrorKind::NotAShareLink);
    let truncated = ShareError::new(ShareErrorKind::Truncated);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (number, after) = rest.split_at(digits);
    if number.is_empty() {
        // `#r`: the start of a link, cut off.
        return Err(if after.is_empty() {
            truncated
        } else {
            not_a_link
        });
    }
    if number.starts_with('0') || number.len() > 9 {
        return Err(not_a_link);
    }
    let version: u32 = number.parse().map_err(|_| not_a_link.clone())?;
    match after.strip_prefix('.') {
        Some(data) if version <= newest && data.is_empty() => Err(truncated),
        Some(data) => Ok((version, data)),
        None if after.is_empty() && version <= newest => Err(truncated),
        None if after.is_empty() => Err(ShareError::unknown_version(version)),
        None => Err(not_a_link),
    }
}

/// zlib (best compression) then unpadded base64url: the data of every link format.
fn deflate_base64(bytes: &[u8]) -> String {
    BASE64.encode(miniz_oxide::deflate::compress_to_vec_zlib(bytes, 10))
}

/// base64url → inflated bytes, at most [`MAX_DECODED`] of them.
fn decode_data(data: &str) -> Result<Vec<u8>, ShareError> {
    let valid = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    if !data.bytes().all(valid) {
        return Err(ShareError::new(ShareErrorKind::NotBase64));
    }
    let compressed = BASE64.decode(data).map_err(|e| {
        ShareError::new(match e {
            // Every character is valid: a length no base64 text has means the end is missing.
            base64::DecodeError::InvalidLength(_) => ShareErrorKind::Truncated,
            _ => ShareErrorKind::Corrupt,
        })
    })?;
    inflate(&compressed, MAX_DECODED)
}

/// Inflates a zlib stream that must end exactly where `input` ends.
fn inflate(mut input: &[u8], limit: usize) -> Result<Vec<u8>, ShareError> {
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0u8; input.len().saturating_mul(4).clamp(64, limit)];
    let mut state = Box::<DecompressorOxide>::default();
    let mut out_pos = 0;
    loop {
        let (status, consumed, written) = decompress(&mut state, input, &mut out, out_pos, flags);
        out_pos += written;
        input = input.get(consumed..).unwrap_or_default();
        match status {
            TINFLStatus::Done if input.is_empty() => {
                out.truncate(out_pos);
                return Ok(out);
            }
            // Bytes after the end of the stream: not something `encode` writes.
            TINFLStatus::Done => return Err(ShareError::new(ShareErrorKind::Corrupt)),
            TINFLStatus::HasMoreOutput if out.len() >= limit => {
                return Err(ShareError::new(ShareErrorKind::TooLarge))
            }
            TINFLStatus::HasMoreOutput => {
                let grown = out.len().saturating_mul(2).min(limit);
                out.resize(grown, 0);
            }
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                return Err(ShareError::new(ShareErrorKind::Truncated))
            }
            _ => return Err(ShareError::new(ShareErrorKind::Corrupt)),
        }
    }
}

/// What kind of problem a link has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShareErrorKind {
    /// The link ends too early: cut off when copied.
    Truncated,
    /// The data holds characters base64url does not use.
    NotBase64,
    /// A format newer than this version reads.
    UnknownVersion,
    /// Longer than [`MAX_PAYLOAD`], or inflating past [`MAX_DECODED`].
    TooLarge,
    /// Well-formed text whose data is not a report (altered, or not made by Hopscope).
    Corrupt,
    /// Not a share link at all.
    NotAShareLink,
}

/// Why a link could not be opened. Its `Display` is one plain English sentence for the person
/// who opened the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareError {
    kind: ShareErrorKind,
    /// The format number, for `UnknownVersion`.
    version: Option<u32>,
    /// The format's letter: `r` for message reports, `a` for audits.
    letter: char,
}

impl ShareError {
    fn new(kind: ShareErrorKind) -> Self {
        ShareError {
            kind,
            version: None,
            letter: 'r',
        }
    }

    fn unknown_version(version: u32) -> Self {
        ShareError {
            version: Some(version),
            ..ShareError::new(ShareErrorKind::UnknownVersion)
        }
    }

    fn with_letter(self, letter: char) -> Self {
        ShareError { letter, ..self }
    }

    pub fn kind(&self) -> ShareErrorKind {
        self.kind
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ShareErrorKind::Truncated => {
                f.write_str("This link is incomplete: it was probably cut off when it was copied.")
            }
            ShareErrorKind::NotBase64 => f.write_str(
                "This link is damaged: it contains characters that a Hopscope link never has.",
            ),
            ShareErrorKind::UnknownVersion => {
                let (letter, newest) = match self.letter {
                    'a' => ('a', audit::AUDIT_FORMAT),
                    _ => ('r', FORMAT),
                };
                write!(
                    f,
                    "This link was made by a newer version of Hopscope (format {letter}{}); \
                     this page reads formats up to {letter}{newest}.",
                    self.version.unwrap_or(0)
                )
            }
            ShareErrorKind::TooLarge => f.write_str("This link is too large to open safely."),
            ShareErrorKind::Corrupt => f.write_str("This link is damaged: its data is not valid."),
            ShareErrorKind::NotAShareLink => f.write_str("This is not a Hopscope share link."),
        }
    }
}

impl std::error::Error for ShareError {}

#[cfg(test)]
mod tests;
