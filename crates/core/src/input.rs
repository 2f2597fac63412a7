//! Finding the header block in whatever a person pasted.
//!
//! We do not rewrite the input: every field keeps byte offsets into the original text, so
//! evidence spans can point at exactly what the person pasted. Line breaks may be LF, CRLF or a
//! lone CR; folding whitespace is left in place and treated as whitespace by later stages.
//!
//! mail-parser is not used for this step on purpose: it does not report where each field sits
//! in pasted text with a preamble or common indentation, and it parses every header fully,
//! while we need only a few of them.

use std::cell::Cell;
use std::ops::Range;

use crate::ascii::IgnoreCase;
use crate::model::Diagnostic;
use crate::reuse;

/// One header field: `name: value`, possibly folded over several lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    pub name: Range<usize>,
    /// From just after the colon to the end of the last continuation line (no line break).
    pub value: Range<usize>,
    /// Whether the field is a Received header: told once, while its name is being read (the
    /// analysis asks of every field several times, and a large paste's names are long out of
    /// the cache by then).
    pub received: bool,
}

impl Field {
    pub fn whole(&self) -> Range<usize> {
        self.name.start..self.value.end
    }

    /// Whether the field is called `name` (ASCII), ignoring case; lengths first, as most
    /// fields are not the one asked for.
    pub fn is(&self, text: &str, name: &str) -> bool {
        self.name.len() == name.len() && text.as_bytes()[self.name.clone()].eq_ignore_case(name)
    }
}

#[derive(Debug, Default)]
pub(crate) struct HeaderBlock {
    pub fields: Vec<Field>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The fields' list goes back to the thread for the next block (`reuse`).
#[cfg(feature = "speed")]
impl Drop for HeaderBlock {
    fn drop(&mut self) {
        reuse::keep(&FIELDS, std::mem::take(&mut self.fields));
    }
}

/// A line of the input, without its line break.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

/// The lines of `text`, ended by LF, CRLF or a lone CR.
fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let end = line_break(bytes, pos);
        let mut i = end;
        if i < bytes.len() {
            i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        }
        pos = i;
        Some(Line { start, end })
    })
}

/// The offset of the first CR or LF at or after `from`, or the end: every byte of a paste goes
/// through here, bodies included. memchr's vector search with the `speed` feature (2.3k fewer
/// instructions on the benchmark's typical block); eight bytes at a time without it (the page's
/// own wasm, where memchr's code would cost first-load bytes).
#[cfg(feature = "speed")]
fn line_break(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| memchr::memchr2(b'\n', b'\r', rest))
        .map_or(bytes.len(), |at| from + at)
}

#[cfg(not(feature = "speed"))]
fn line_break(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // A byte equal to LF or CR becomes zero in one of these; the lowest flagged byte is the
        // first match (flags above it may be false, never below).
        let found =
            zero_byte(v ^ (ONES * u64::from(b'\n'))) | zero_byte(v ^ (ONES * u64::from(b'\r')));
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
        i += 1;
    }
    i
}

/// Lines copied from Gmail's "Show original" page that precede the real headers.
const GMAIL_PREAMBLE_END: &[&str] = &["Download original", "Copy to clipboard"];

/// Length of a field name at the start of `line` (after `indent` bytes), if the line is
/// `Name:` shaped. Field names are printable ASCII without colon or space (RFC 5322 §2.2).
fn field_name_len(line: &[u8]) -> Option<usize> {
    let n = line
        .iter()
        .take_while(|&&b| b > b' ' && b < 127 && b != b':')
        .count();
    if n == 0 || n > 76 || line.get(n) != Some(&b':') {
        return None;
    }
    Some(n)
}

fn indentation(line: &[u8]) -> usize {
    line.iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count()
}

/// Splits the header block out of pasted text. Never fails: text without any header yields an
/// empty block with a diagnostic.
///
/// Pasted text may hold several `Name:` blocks: a web page's summary table before the real
/// headers, or a forwarded message after them. The first block with a Received header wins;
/// without any, the first block. A first block that declares a multipart body (`Content-Type:
/// multipart/…`) is a message's own header block, Received or not, and wins: what follows it
/// is its body, whose attached messages are found by `embedded` (a forward saved before it was
/// sent has no Received header of its own, only its attachment has).
pub(crate) fn header_block(text: &str) -> HeaderBlock {
    let mut all = reuse::take(&LINES);
    // Header lines run about 60 bytes: room for most pastes at once.
    all.reserve(text.len() / 48 + 1);
    all.extend(lines(text));
    let block = block_of_lines(text, &all);
    reuse::keep(&LINES, all);
    block
}

thread_local! {
    static LINES: Cell<Vec<Line>> = const { Cell::new(Vec::new()) };
    static FIELDS: Cell<Vec<Field>> = const { Cell::new(Vec::new()) };
}

/// [`header_block`] over the lines of `text`.
fn block_of_lines(text: &str, all: &[Line]) -> HeaderBlock {
    let mut diagnostics = Vec::new();

    // Skip a Gmail "Show original" preamble if its closing buttons are near the top.
    let mut first = 0;
    for (i, l) in all.iter().enumerate().take(60) {
        // Bytes, not a str slice: this runs on the first lines of every paste.
        let t = text.as_bytes()[l.start..l.end].trim_ascii_start();
        // Cheap first test, before the end is trimmed.
        if !matches!(t.first(), Some(b'D' | b'd' | b'C' | b'c')) {
            continue;
        }
        let t = t.trim_ascii_end();
        if GMAIL_PREAMBLE_END
            .iter()
            .any(|m| t.len() >= m.len() && t[..m.len()].eq_ignore_case(m))
            || t.ends_with(b"Copy to clipboard")
        {
            first = i + 1;
        }
    }
    if first > 0 {
        diagnostics.push(Diagnostic {
            message: format!(
                "Skipped {first} lines of Gmail's \"Show original\" page before the headers."
            ),
            start: 0,
            end: all[first - 1].end,
        });
    }

    let mut start = first;
    let mut fallback: Option<HeaderBlock> = None;
    let mut tries = 0;
    loop {
        let (mut block, next) = one_block(text, all, start);
        tries += 1;
        let has_received = block.fields.iter().any(|f| f.received);
        if has_received
            || next >= all.len()
            || tries > 20
            || (tries == 1 && multipart(text, &block))
        {
            let mut chosen = if has_received {
                block
            } else {
                fallback.take().unwrap_or(block)
            };
            diagnostics.append(&mut chosen.diagnostics);
            chosen.diagnostics = diagnostics;
            return chosen;
        }
        if fallback.is_none() {
            block.diagnostics.clear();
            fallback = Some(block);
        }
        start = next;
    }
}

/// The block declares a multipart body: `Content-Type: multipart/mixed; boundary=…`.
fn multipart(text: &str, block: &HeaderBlock) -> bool {
    block.fields.iter().any(|f| {
        f.is(text, "content-type")
            && text[f.value.clone()]
                .trim_start()
                .get(..10)
                .is_some_and(|v| v.eq_ignore_case("multipart/"))
    })
}

/// One block of `Name:` lines from line `from` on; returns it and the index of the first line
/// after it.
fn one_block(text: &str, all: &[Line], from: usize) -> (HeaderBlock, usize) {
    let bytes = text.as_bytes();
    // At most one field a line up to the blank line that ends the block: one allocation.
    let lines = all[from..].iter().take_while(|l| l.start < l.end).count();
    let mut fields = reuse::take(&FIELDS);
    fields.reserve(lines);
    let mut block = HeaderBlock {
        fields,
        diagnostics: Vec::new(),
    };

    // The block starts at the first `Name:` line; its indentation is the base indentation
    // (text pasted from a quote or an indented code block).
    let mut i = from;
    let mut skipped = 0..0;
    while i < all.len() {
        let l = all[i];
        let line = &bytes[l.start..l.end];
        let ind = indentation(line);
        if field_name_len(&line[ind..]).is_some() {
            break;
        }
        if !line[ind..].is_empty() {
            if skipped.is_empty() {
                skipped = l.start..l.end;
            }
            skipped.end = l.end;
        }
        i += 1;
    }
    if !skipped.is_empty() {
        block.diagnostics.push(Diagnostic {
            message: "Ignored text before the first header line.".into(),
            start: skipped.start,
            end: skipped.end,
        });
    }
    let Some(first_line) = all.get(i) else {
        return (block, all.len());
    };
    let base = indentation(&bytes[first_line.start..first_line.end]);

    let mut current: Option<Field> = None;
    while i < all.len() {
        let l = all[i];
        let line = &bytes[l.start..l.end];
        let ind = indentation(line);
        let rest = &line[ind.min(line.len())..];
        if rest.is_empty() {
            // A blank line ends the header block, unless more headers follow directly at the
            // base indentation (a paste with stray blank lines between fields).
            let next_is_field = all.get(i + 1).is_some_and(|n| {
                let nl = &bytes[n.start..n.end];
                indentation(nl) == base
                    && field_name_len(&nl[base.min(nl.len())..]).is_some_and(|len| {
                        // Require a known-looking header to avoid treating body text as headers.
                        looks_like_header_name(&text[n.start + base..n.start + base + len])
                    })
            });
            if next_is_field {
                i += 1;
                continue;
            }
            break;
        }
        if ind == base {
            if let Some(len) = field_name_len(rest) {
                if let Some(f) = current.take() {
                    block.fields.push(f);
                }
                let name_start = l.start + ind;
                current = Some(Field {
                    name: name_start..name_start + len,
                    value: name_start + len + 1..l.end,
                    received: rest[..len].eq_ignore_case(b"received"),
                });
                i += 1;
                continue;
            }
        }
        // A continuation: indented deeper than the fields, or a line broken without folding
        // by whatever the text was copied from. Lines that are neither, after the last field,
        // are trailing text.
        if ind > base || (current.is_some() && more_fields_follow(&all[i + 1..], bytes, base)) {
            if let Some(f) = current.as_mut() {
                f.value.end = l.end;
            }
            i += 1;
            continue;
        }
        break;
    }
    if let Some(f) = current.take() {
        block.fields.push(f);
    }
    // Whatever follows a blank line is a body; anything else left over is trailing text.
    if i < all.len()
        && !bytes[all[i].start..all[i].end]
            .iter()
            .all(|b| b.is_ascii_whitespace())
    {
        let end = all.last().map_or(text.len(), |l| l.end);
        block.diagnostics.push(Diagnostic {
            message: "Ignored text after the headers that is not a header line.".into(),
            start: all[i].start,
            end,
        });
    }
    (block, i.max(from + 1))
}

fn more_fields_follow(rest: &[Line], bytes: &[u8], base: usize) -> bool {
    for l in rest.iter().take(3) {
        let line = &bytes[l.start..l.end];
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            return false;
        }
        if indentation(line) == base && field_name_len(&line[base.min(line.len())..]).is_some() {
            return true;
        }
    }
    false
}

/// Header names common enough that a `Name:` line after a blank line is surely still part of
/// the header block.
fn looks_like_header_name(name: &str) -> bool {
    const KNOWN: &[&str] = &[
        "received",
        "return-path",
        "delivered-to",
        "x-received",
        "authentication-results",
        "arc-seal",
        "arc-message-signature",
        "arc-authentication-results",
        "dkim-signature",
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "mime-version",
        "content-type",
    ];
    KNOWN.iter().any(|k| k.eq_ignore_case(name))
        || name
            .as_bytes()
            .get(..2)
            .is_some_and(|p| p.eq_ignore_case(b"x-"))
            && name.len() > 2
}

/// Where the body starts: after the header block's last field (the blank line is in the body).
pub(crate) fn body_start(text: &str, block: &HeaderBlock) -> usize {
    block.fields.last().map_or(text.len(), |f| f.value.end)
}

/// True when a header block is email-like: a Received header, one field every message has
/// (`From:`, `To:`, `Subject:`, `Date:`, `Message-ID:`…: a message with a single such line is
/// still email, with no route to check), or two `X-` fields. A lone `Note: hello` line is not.
pub(crate) fn looks_like_email(text: &str, block: &HeaderBlock) -> bool {
    let mut extension = 0;
    for f in &block.fields {
        let name = &text[f.name.clone()];
        if name.eq_ignore_case("received") {
            return true;
        }
        if looks_like_header_name(name) {
            if name.len() > 2 && name.as_bytes()[..2].eq_ignore_case(b"x-") {
                extension += 1;
            } else {
                return true;
            }
        }
    }
    extension >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_values(text: &str) -> Vec<(String, String)> {
        header_block(text)
            .fields
            .iter()
            .map(|f| {
                (
                    text[f.name.clone()].to_string(),
                    text[f.value.clone()].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn received_fields_are_told_as_they_are_read() {
        let text = "Received: a\r\nRECEIVED: b\r\nreceived:c\r\nReceived-SPF: pass\r\nX-Received: d\r\nReceive: e\r\nReceivedX: f\r\n\r\nbody";
        let block = header_block(text);
        let told: Vec<bool> = block.fields.iter().map(|f| f.received).collect();
        let asked: Vec<bool> = block
            .fields
            .iter()
            .map(|f| f.is(text, "received"))
            .collect();
        assert_eq!(told, [true, true, true, false, false, false, false]);
        assert_eq!(told, asked);
    }

    #[test]
    fn line_breaks_are_found_at_every_position() {
        for len in 0..40 {
            for at in 0..=len {
                let mut text = vec![b'a'; len];
                if at < len {
                    text[at] = b'\r';
                }
                assert_eq!(line_break(&text, 0), at, "{len} {at}");
                if at < len {
                    text[at] = b'\n';
                    assert_eq!(line_break(&text, 0), at);
                }
            }
        }
        assert_eq!(
            line_break(b"\x8a\x8d\x0a", 0),
            2,
            "high bytes are not line breaks"
        );
    }

    #[test]
    fn splits_folded_fields_with_any_line_ending() {
        for nl in ["\n", "\r\n", "\r"] {
            let text =
                format!("Received: from a{nl}\tby b; date{nl}Subject: hi{nl}{nl}body: no{nl}");
            let got = names_values(&text);
            assert_eq!(got.len(), 2, "{nl:?}");
            assert_eq!(got[0].0, "Received");
            assert_eq!(got[0].1, format!(" from a{nl}\tby b; date"));
            assert_eq!(got[1], ("Subject".into(), " hi".into()));
        }
    }

    #[test]
    fn common_indentation_is_not_folding() {
        let text = "    Received: from a\n        by b; d\n    Subject: x\n";
        let got = names_values(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, " from a\n        by b; d");
    }

    #[test]
    fn gmail_preamble_is_skipped() {
        let text = "Original message\nMessage ID\t<a@b>\nCreated at:\tSun\nFrom:\tA\nDownload Original\nCopy to clipboard\nReceived: from x by y; z\nSubject: s\n";
        let block = header_block(text);
        assert_eq!(block.fields.len(), 2);
        assert_eq!(&text[block.fields[0].name.clone()], "Received");
        assert!(block.diagnostics[0].message.contains("Gmail"));
    }

    #[test]
    fn leading_and_trailing_junk_is_reported() {
        let text = "hello there\n\nReceived: from x by y; z\nSubject: s\nthanks!";
        let block = header_block(text);
        assert_eq!(block.fields.len(), 2);
        assert_eq!(block.diagnostics.len(), 2);
    }

    #[test]
    fn empty_and_junk_inputs_yield_no_fields() {
        for text in ["", "   \n\n", "just some words", "\u{0}\u{1}:"] {
            let block = header_block(text);
            assert!(
                block.fields.is_empty() || !looks_like_email(text, &block),
                "{text:?}"
            );
        }
    }
}
