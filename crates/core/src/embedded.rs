//! Messages inside a message: a forward with the original attached (`message/rfc822`, or an
//! attached `.eml` file), or a body that quotes the original's headers.
//!
//! People forward a suspicious message to their administrator *as an attachment*; the file the
//! administrator opens is then the forward, and the headers that matter are the attached
//! message's. [`find`] lists every message found inside the input's body, each with where it
//! came from and whether it carries a route (Received headers); `analyze` analyses the first
//! one that does, says so, and lets the person switch back to the outer message
//! (`analyze_part`).
//!
//! Attachments in base64 or quoted-printable are decoded; the report of such a message then
//! refers to the decoded text (its hops carry their raw header text, as always).
//!
//! # Untrusted input
//!
//! Time linear in the input (each part header is read once), at most [`MAX_PARTS`] messages,
//! and decoded sizes bounded by the input's.

use std::borrow::Cow;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// Messages listed at most: a mailbox pasted whole is not a forward.
pub const MAX_PARTS: usize = 20;

/// How a message came to be inside the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmbeddedKind {
    /// A `message/rfc822` part: a message forwarded as an attachment.
    Attached,
    /// An attached file whose name ends in `.eml`.
    AttachedFile,
    /// Header lines quoted in the body (`Received:` lines, perhaps after `> `).
    Quoted,
}

/// One message found inside the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbeddedMessage {
    /// 1 = the first found; 0 is the outer message.
    pub part: u32,
    pub kind: EmbeddedKind,
    /// The attached file's name, or the message's subject, for people to tell them apart.
    pub label: Option<String>,
    /// It has Received headers.
    pub has_route: bool,
}

/// A message found in the input, with its text.
pub(crate) struct Found<'a> {
    pub message: EmbeddedMessage,
    pub text: Cow<'a, str>,
}

const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Every message inside the body of `text` (which starts at `body`), in order.
pub(crate) fn find(text: &str, body: usize) -> Vec<Found<'_>> {
    let mut out = Vec::new();
    let Some(rest) = text.get(body..) else {
        return out;
    };
    let mut at = 0;
    // MIME parts: a part header block that names a message, then a blank line, then the
    // message (encoded or not) up to the next boundary line (`--…`) or the end.
    while out.len() < MAX_PARTS {
        let Some(found) = rest.get(at..).and_then(next_part) else {
            break;
        };
        let (start, end) = (at + found.start, at + found.end);
        // Always forward, and always to a character boundary.
        at = end.max(at + 1);
        while !rest.is_char_boundary(at) {
            at += 1;
        }
        let raw = &rest[start..end];
        let message: Cow<'_, str> = match found.encoding {
            Encoding::Base64 => {
                let compact: String = raw.chars().filter(|c| !c.is_ascii_whitespace()).collect();
                match BASE64.decode(compact.as_bytes()) {
                    Ok(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
                    Err(_) => continue,
                }
            }
            Encoding::QuotedPrintable => Cow::Owned(quoted_printable(raw)),
            Encoding::Plain => Cow::Borrowed(raw),
        };
        let has_route = has_route(&message);
        let label = found
            .file_name
            .map(str::to_owned)
            .or_else(|| subject(&message));
        out.push(Found {
            message: EmbeddedMessage {
                part: out.len() as u32 + 1,
                kind: found.kind,
                label,
                has_route,
            },
            text: message,
        });
    }
    // Headers quoted in the body: only when no attachment was found, and from the first line
    // that starts a Received header (after `> ` quoting, if any).
    if out.is_empty() {
        if let Some(quoted) = quoted_headers(rest) {
            let label = subject(&quoted);
            out.push(Found {
                message: EmbeddedMessage {
                    part: 1,
                    kind: EmbeddedKind::Quoted,
                    label,
                    has_route: true,
                },
                text: quoted,
            });
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Plain,
    Base64,
    QuotedPrintable,
}

struct Part<'a> {
    kind: EmbeddedKind,
    encoding: Encoding,
    file_name: Option<&'a str>,
    /// The message's bytes inside the searched text.
    start: usize,
    end: usize,
}

/// The next part whose headers say it holds a message.
fn next_part(text: &str) -> Option<Part<'_>> {
    let bytes = text.as_bytes();
    let mut search = 0;
    loop {
        // A part header names its content type on a line of its own.
        let at = search + find_ci(&bytes[search..], b"content-type:")?;
        search = at + 1;
        if at > 0 && bytes[at - 1] != b'\n' {
            continue;
        }
        // The part's header block: up to the first empty line.
        let block_end = blank_line(bytes, at)?;
        let block = &text[at..block_end.0];
        let lower = block.to_ascii_lowercase();
        let file_name = file_name(block);
        let kind = if lower.contains("message/rfc822") {
            EmbeddedKind::Attached
        } else if file_name.is_some_and(|n| n.to_ascii_lowercase().ends_with(".eml")) {
            EmbeddedKind::AttachedFile
        } else {
            continue;
        };
        let encoding = if lower.contains("content-transfer-encoding: base64")
            || lower.contains("content-transfer-encoding:base64")
        {
            Encoding::Base64
        } else if lower.contains("quoted-printable") {
            Encoding::QuotedPrintable
        } else {
            Encoding::Plain
        };
        let start = block_end.1;
        // The part ends at the next MIME boundary line (`--…` at a line start) or the end.
        let end = boundary(bytes, start).unwrap_or(bytes.len());
        return Some(Part {
            kind,
            encoding,
            file_name,
            start,
            end,
        });
    }
}

/// Byte offset of `needle` (lower case) in `hay`, ignoring ASCII case.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    (0..hay.len().saturating_sub(needle.len() - 1)).find(|&i| {
        hay[i].to_ascii_lowercase() == first
            && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
    })
}

/// The end of the header block starting at `from` and the start of what follows its blank line.
fn blank_line(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i < bytes.len() {
        let line_end = bytes[i..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |n| i + n);
        let line = &bytes[i..line_end];
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            return Some((i, (line_end + 1).min(bytes.len())));
        }
        i = line_end + 1;
    }
    None
}

/// The first MIME boundary line (`--` at a line start) at or after `from`.
fn boundary(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"--") && (i == 0 || bytes[i - 1] == b'\n') {
            // Trim the line break before it: it belongs to the boundary.
            let mut end = i;
            if end > from && bytes[end - 1] == b'\n' {
                end -= 1;
            }
            if end > from && bytes[end - 1] == b'\r' {
                end -= 1;
            }
            return Some(end);
        }
        i += bytes[i..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len() - i, |n| n + 1);
    }
    None
}

/// `name="x.eml"` or `filename=x.eml` in a part header block.
fn file_name(block: &str) -> Option<&str> {
    let lower = block.to_ascii_lowercase();
    for key in ["filename=", "name="] {
        if let Some(at) = lower.find(key) {
            let rest = &block[at + key.len()..];
            let rest = rest.trim_start();
            let name = if let Some(quoted) = rest.strip_prefix('"') {
                quoted.split('"').next()
            } else {
                rest.split(|c: char| c == ';' || c.is_ascii_whitespace())
                    .next()
            };
            if let Some(name) = name.filter(|n| !n.is_empty()) {
                return Some(name);
            }
        }
    }
    None
}

/// Quoted-printable decoding (RFC 2045 §6.7): soft line breaks and `=XX` escapes.
fn quoted_printable(raw: &str) -> String {
    let b = raw.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            if b.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') {
                i += 3;
                continue;
            }
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Header lines quoted in a body: from the first line that starts a Received header (after
/// `>` quoting and whitespace), with the quoting removed, up to the first line that is neither
/// a header line nor a folded continuation.
fn quoted_headers(body: &str) -> Option<Cow<'_, str>> {
    let mut lines = body.split_inclusive('\n');
    let mut out = String::new();
    let mut started = false;
    for line in &mut lines {
        let unquoted = line.trim_start_matches(['>', ' ', '\t']);
        let content = unquoted.trim_end();
        if !started {
            // `get`: the ninth byte may fall inside a character (`ESMTPS \u{202e}`).
            if content.len() > 9
                && content
                    .get(..9)
                    .is_some_and(|p| p.eq_ignore_ascii_case("received:"))
            {
                started = true;
            } else {
                continue;
            }
        } else if content.is_empty() {
            break;
        }
        // Keep folding: a continuation line keeps one leading space.
        let folded = line.trim_start_matches('>');
        if folded.starts_with([' ', '\t']) && !out.is_empty() && !looks_like_field(unquoted) {
            out.push(' ');
            out.push_str(unquoted.trim_start());
        } else {
            out.push_str(unquoted);
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    started.then_some(Cow::Owned(out))
}

fn looks_like_field(line: &str) -> bool {
    let name_len = line
        .bytes()
        .take_while(|&b| b > b' ' && b < 127 && b != b':')
        .count();
    name_len > 0 && line.as_bytes().get(name_len) == Some(&b':')
}

fn has_route(message: &str) -> bool {
    let block = crate::input::header_block(message);
    block
        .fields
        .iter()
        .any(|f| message[f.name.clone()].eq_ignore_ascii_case("received"))
}

fn subject(message: &str) -> Option<String> {
    let block = crate::input::header_block(message);
    block
        .fields
        .iter()
        .find(|f| message[f.name.clone()].eq_ignore_ascii_case("subject"))
        .map(|f| crate::auth::decode_unstructured(&message[f.value.clone()]))
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const INNER: &str = "Received: from mail.example.org (mail.example.org [192.0.2.7])\n\tby mx.example.net with ESMTP id 1; Sun, 22 Nov 2026 05:20:40 +0000\nFrom: Mallory <m@example.org>\nSubject: Invoice overdue\n\nPay now.\n";

    fn forward(part_headers: &str, inner: &str) -> String {
        format!("Received: from laptop.example.net ([198.51.100.9]) by mx.example.net with ESMTPSA id 2; Sun, 22 Nov 2026 06:00:00 +0000\nFrom: Bob <bob@example.net>\nSubject: Fwd: Invoice overdue\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\nSee attached.\n\n--b1\n{part_headers}\n\n{inner}\n--b1--\n")
    }

    fn body_start(text: &str) -> usize {
        text.find("\n\n").unwrap() + 2
    }

    #[test]
    fn a_message_attached_as_rfc822() {
        let text = forward("Content-Type: message/rfc822", INNER);
        let found = find(&text, body_start(&text));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message.kind, EmbeddedKind::Attached);
        assert!(found[0].message.has_route);
        assert_eq!(found[0].message.label.as_deref(), Some("Invoice overdue"));
        assert!(found[0].text.starts_with("Received: from mail.example.org"));
        assert!(
            matches!(found[0].text, Cow::Borrowed(_)),
            "not copied when not encoded"
        );
    }

    #[test]
    fn an_attached_eml_file_in_base64() {
        let encoded = BASE64.encode(INNER.as_bytes());
        let wrapped: String = encoded
            .as_bytes()
            .chunks(76)
            .map(|c| format!("{}\n", std::str::from_utf8(c).unwrap()))
            .collect();
        let text = forward(
            "Content-Type: application/octet-stream; name=\"invoice.eml\"\nContent-Disposition: attachment; filename=\"invoice.eml\"\nContent-Transfer-Encoding: base64",
            &wrapped,
        );
        let found = find(&text, body_start(&text));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message.kind, EmbeddedKind::AttachedFile);
        assert_eq!(found[0].message.label.as_deref(), Some("invoice.eml"));
        assert!(found[0].text.starts_with("Received: from mail.example.org"));
    }

    #[test]
    fn quoted_printable_parts_are_decoded() {
        assert_eq!(quoted_printable("a=3Db=\nc=E2=80=94"), "a=bc—");
    }

    #[test]
    fn headers_quoted_in_a_body() {
        let text = format!("From: Bob <bob@example.net>\nSubject: look at this\n\nHi, the headers:\n\n> {}> Subject: Invoice overdue\n\nthanks\n", INNER.lines().take(3).map(|l| format!("{l}\n> ")).collect::<String>());
        let found = find(&text, body_start(&text));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message.kind, EmbeddedKind::Quoted);
        assert!(
            found[0].text.starts_with("Received: from mail.example.org"),
            "{}",
            found[0].text
        );
        assert!(has_route(&found[0].text));
    }

    #[test]
    fn ordinary_bodies_hold_no_message() {
        for body in [
            "Hello\n",
            "Content-Type: text/plain\n\nhi\n",
            "",
            "--b\n--b--\n",
        ] {
            assert!(find(body, 0).is_empty(), "{body}");
        }
    }

    #[test]
    fn a_line_whose_ninth_byte_is_inside_a_character_is_no_trouble() {
        // Found by the property tests: slicing `content[..9]` panicked here.
        for text in [
            "Received: \r\n\t\r\n\tESMTPS \u{202e}\n",
            "From: a@example.org\n\n> ESMTPS \u{202e}\n",
            "From: a@example.org\n\néééééééé\n",
        ] {
            let report = crate::analyze(text);
            crate::check_invariants(text, &report);
        }
    }

    #[test]
    fn hostile_bodies_stay_bounded() {
        let many = "Content-Type: message/rfc822\n\n--\n".repeat(10_000);
        assert!(find(&many, 0).len() <= MAX_PARTS);
        let unterminated = "Content-Type: message/rfc822\n".repeat(1000);
        assert!(find(&unterminated, 0).is_empty());
    }

    /// Found by the property tests: a multi-byte character where a field name or a part
    /// ends must not split the text mid-character.
    #[test]
    fn non_ascii_where_names_end_never_panics() {
        for body in [
            "Receivedé: from a by b; Sun, 22 Nov 2026 05:20:40 +0000\n",
            "> Receivé\n",
            "Content-Type: message/rfc822\n\né\n",
            "Content-Type: message/rfc822\n\nReceived: x\n\n--é\nContent-Type: message/rfc822\n\né",
            "é€Content-Type: message/rfc822\n\n€\n--€",
        ] {
            let _ = find(body, 0);
            let _ = crate::analyze(body);
        }
    }
}
