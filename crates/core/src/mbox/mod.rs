//! Splitting an mbox file into messages.
//!
//! An mbox file is messages one after the other, each introduced by a separator line that
//! starts with `From ` (`From alice@example.org Fri Nov 22 05:20:40 2024`). Writers are meant to
//! quote body lines that start with `From ` (`>From `), but mboxo writers only do it sometimes,
//! so a separator is recognised leniently: a line starting with `From ` at the very start of the
//! input or right after an empty line. Requiring a well-formed date after the address was
//! rejected: real files carry every date format, and a missed separator merges two messages,
//! which is worse for this tool than the rare split of a body that starts a paragraph with
//! `From `. Bodies do not matter to the analysis anyway; headers come first.
//!
//! Two ways in:
//!
//! - [`split_mbox`] borrows every message, body included, from bytes already in memory.
//! - [`MboxSplitter`] is fed chunks of any size and hands out, per message, its number, its
//!   byte offset and length in the file, and a copy of **only its header block**. Bodies are
//!   skipped without being kept, so memory stays bounded whatever the file size: this is what
//!   audits of multi-gigabyte mailboxes use, in the CLI and in the page's workers. Splitting the
//!   same bytes in any chunk sizes gives the same messages (a property test checks it).
//!
//! The splitter reads, beyond the rules above:
//!
//! - **mboxo and mboxrd** alike: `>From ` quoting only concerns bodies, which are skipped.
//! - **mboxcl2**: a `Content-Length:` header is followed only when the body it counts ends
//!   exactly at a `From ` line (optionally after one line break) or at the end of the input;
//!   otherwise the separators decide, as if the header were not there. A wrong count (edited
//!   files) therefore cannot swallow messages.
//! - **LF and CRLF** line ends, and a UTF-8 byte order mark.
//! - **Text before the first separator** (a lone `.eml`, which has no `From ` line) is a
//!   message of its own from its first non-blank line.
//! - **NUL bytes** (a crash leaves zero-filled blocks): they are counted
//!   ([`SplitStats::garbage_bytes`]) and end the line they are in, so a `From ` line right after
//!   them still starts a message; a header block with NUL bytes is noted
//!   ([`PartNote::NulBytes`]).
//! - **Not a mailbox at all**: the first bytes are sniffed ([`crate::sniff`]); a JPEG, ZIP, PDF,
//!   gzip file or other binary data is reported by [`MboxSplitter::not_a_mailbox`] after the
//!   first push, and nothing is split.
//! - **A truncated last message**: the file ending inside a header block, mid-line, after a
//!   separator, is noted ([`PartNote::Truncated`]); a body cut short cannot be told from a short
//!   body and is not noted.
//!
//! The messages of [`split_mbox`] are not unquoted (`>From ` stays as written).
//!
//! # Untrusted input
//!
//! Any bytes are accepted: no panic, time linear in the input, memory bounded by
//! [`MAX_HEADER_BYTES`] per header block kept (one, or up to [`splitter::MAX_TENTATIVE`] + 1
//! inside a Content-Length body) whatever the input. A fuzz target (`fuzz/fuzz_targets/
//! mbox_split.rs`) checks that chunking never changes the result.

mod splitter;

pub use splitter::{MboxSplitter, MAX_TENTATIVE};

use serde::{Deserialize, Serialize};

use crate::sniff::FileKind;

/// The most bytes of one header block [`MboxSplitter`] keeps (1 MiB). Real header blocks are a
/// few KB; a longer one is cut here and noted [`PartNote::HeaderTooLong`].
pub const MAX_HEADER_BYTES: usize = 1 << 20;

/// One message found by [`MboxSplitter`]: where it is in the file, and its header block.
///
/// `offset..offset + length` is the message without its `From ` line (and without the blank
/// line before the next separator): re-reading those bytes and analysing them gives the
/// message's full report again. `header` is a prefix of those bytes: the header block up to,
/// not including, the empty line that ends it (all of it for a message without a body), at
/// most [`MAX_HEADER_BYTES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessagePart {
    /// 1 for the first message of the file.
    pub number: u64,
    pub offset: u64,
    pub length: u64,
    pub header: Vec<u8>,
    /// Why the header block may not be the whole story, if it may not.
    pub note: Option<PartNote>,
}

/// Something wrong with a message's header block, found while splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartNote {
    /// Longer than [`MAX_HEADER_BYTES`]: only the start was kept.
    HeaderTooLong,
    /// The input ends in the middle of a header line: the file was cut short.
    Truncated,
    /// NUL bytes (damage) inside the header block; it was cut there.
    NulBytes,
}

/// What a splitter saw, besides the messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitStats {
    /// Bytes pushed.
    pub bytes: u64,
    /// Messages handed out.
    pub messages: u64,
    /// NUL bytes, anywhere (they belong to no message's text).
    pub garbage_bytes: u64,
    /// What the first bytes looked like, once known (after enough bytes, or at the end).
    pub kind: Option<FileKind>,
}

impl MessagePart {
    /// A file that is one message, not a mailbox (an Outlook `.msg`): message 1, the whole file,
    /// `header` (its transport headers) as the header block.
    pub fn whole_file(size: u64, header: &str) -> MessagePart {
        MessagePart {
            number: 1,
            offset: 0,
            length: size,
            header: header.as_bytes().to_vec(),
            note: None,
        }
    }
}

impl SplitStats {
    /// An Outlook `.msg` file of `size` bytes: one message when its reader took it (`read`),
    /// else an OLE file that is no mailbox. The CLI and the page's audit count it alike.
    pub fn msg_file(size: u64, read: bool) -> SplitStats {
        SplitStats {
            bytes: size,
            messages: u64::from(read),
            garbage_bytes: 0,
            kind: Some(if read { FileKind::Mail } else { FileKind::Ole }),
        }
    }
}

/// Checks what [`MboxSplitter`] promises on `input`, panicking if a promise is broken: chunks
/// of any size (drawn from `chunk_seed`) give the same messages and counts as one push;
/// messages are numbered from 1, in file order, inside the input, and (unless noted) start
/// with their header block; and deciding what to analyse ([`crate::aggregate::analyze_part`])
/// does not panic. Used by the fuzz target `mbox_split` and its seed replay.
pub fn check_split(input: &[u8], chunk_seed: u8) {
    let whole = split_parts(input);
    let mut splitter = MboxSplitter::new();
    let mut parts: Vec<MessagePart> = Vec::new();
    let mut rest = input;
    let mut size = usize::from(chunk_seed) % 64 + 1;
    while !rest.is_empty() {
        let n = size.min(rest.len());
        parts.extend(splitter.push(&rest[..n]));
        rest = &rest[n..];
        size = size * 7 % 61 + 1;
    }
    parts.extend(splitter.finish());
    assert_eq!(
        (&parts, splitter.stats()),
        (&whole.0, whole.1),
        "chunking changed the split"
    );
    let mut end = 0;
    for (i, part) in parts.iter().enumerate() {
        assert_eq!(part.number, i as u64 + 1);
        assert!(part.offset >= end, "messages overlap");
        end = part.offset + part.length;
        assert!(end <= input.len() as u64, "a message ends past the input");
        assert!(part.header.len() <= MAX_HEADER_BYTES);
        if part.note.is_none() {
            assert!(input[part.offset as usize..end as usize].starts_with(&part.header));
        }
        let _ = crate::aggregate::analyze_part(part);
    }
}

/// Splits bytes already in memory with [`MboxSplitter`] (in one push): the messages and the
/// counts.
pub fn split_parts(input: &[u8]) -> (Vec<MessagePart>, SplitStats) {
    let mut splitter = MboxSplitter::new();
    let mut parts: Vec<MessagePart> = splitter.push(input).collect();
    parts.extend(splitter.finish());
    (parts, splitter.stats())
}

/// Splits an mbox file into messages, without their `From ` separator lines.
///
/// A line that starts with `From ` at the start of the input (after an optional UTF-8 byte
/// order mark) or after an empty line starts a new message. The empty line before a separator
/// belongs to neither message. Text before the first separator is a message of its own unless
/// it is only whitespace; input without any separator is therefore one message. Empty input
/// gives one empty message, so that every input yields at least one message to report on.
///
/// ```
/// use hopscope_core::mbox::split_mbox;
///
/// let mbox = b"From a@example.org Fri Nov 22 05:20:40 2024\nSubject: one\n\nbody\n\n\
///              From b@example.org Fri Nov 22 05:21:00 2024\nSubject: two\n";
/// let messages = split_mbox(mbox);
/// assert_eq!(messages, [&b"Subject: one\n\nbody\n"[..], &b"Subject: two\n"[..]]);
/// ```
pub fn split_mbox(input: &[u8]) -> Vec<&[u8]> {
    let start = if input.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    let mut messages = Vec::new();
    // Where the current message's content begins, and where its last line ended.
    let mut content_start = start;
    let mut preamble = true;
    // Offset of the most recent empty line, if the previous line was empty.
    let mut blank_line_start: Option<usize> = None;
    let mut line_start = start;

    while line_start < input.len() {
        let line_end = match memchr_newline(&input[line_start..]) {
            Some(i) => line_start + i + 1,
            None => input.len(),
        };
        let line = &input[line_start..line_end];
        let at_separator_position = line_start == start || blank_line_start.is_some();
        if at_separator_position && line.starts_with(b"From ") {
            // The message before ends where the empty line before this separator began.
            let end = blank_line_start.unwrap_or(line_start);
            let previous = &input[content_start..end];
            if !preamble || !previous.iter().all(u8::is_ascii_whitespace) {
                messages.push(previous);
            }
            preamble = false;
            content_start = line_end;
            blank_line_start = None;
        } else if line == b"\n" || line == b"\r\n" {
            blank_line_start = Some(line_start);
        } else {
            blank_line_start = None;
        }
        line_start = line_end;
    }

    if preamble {
        // No separator at all: the whole input (possibly empty) is the one message.
        messages.push(input);
    } else {
        // After a separator the rest is always a message, even an empty one, so that the number
        // of messages matches the number of separators.
        messages.push(&input[content_start..]);
    }
    messages
}

/// Index of the first `\n` in `bytes`.
fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(input: &str) -> Vec<&str> {
        split_mbox(input.as_bytes())
            .into_iter()
            .map(|m| std::str::from_utf8(m).unwrap())
            .collect()
    }

    #[test]
    fn no_separator_is_one_message() {
        assert_eq!(split("Subject: x\n\nbody\n"), ["Subject: x\n\nbody\n"]);
        assert_eq!(split(""), [""]);
        assert_eq!(split("\n\n"), ["\n\n"]);
    }

    #[test]
    fn three_messages_lf() {
        let mbox = "From a Mon\nSubject: 1\n\nbody 1\n\nFrom b Tue\nSubject: 2\n\nbody 2\n\n\
                    From c Wed\nSubject: 3\n\nbody 3\n";
        assert_eq!(
            split(mbox),
            [
                "Subject: 1\n\nbody 1\n",
                "Subject: 2\n\nbody 2\n",
                "Subject: 3\n\nbody 3\n"
            ]
        );
    }

    #[test]
    fn three_messages_crlf() {
        let mbox = "From a Mon\r\nSubject: 1\r\n\r\nbody 1\r\n\r\nFrom b Tue\r\nSubject: 2\r\n\r\n\
                    body 2\r\n\r\nFrom c Wed\r\nSubject: 3\r\n";
        assert_eq!(
            split(mbox),
            [
                "Subject: 1\r\n\r\nbody 1\r\n",
                "Subject: 2\r\n\r\nbody 2\r\n",
                "Subject: 3\r\n"
            ]
        );
    }

    #[test]
    fn from_inside_a_paragraph_is_body() {
        let mbox = "From a Mon\nSubject: 1\n\nbody\nFrom here on\n>From quoted\n";
        assert_eq!(
            split(mbox),
            ["Subject: 1\n\nbody\nFrom here on\n>From quoted\n"]
        );
    }

    #[test]
    fn header_named_from_is_not_a_separator() {
        // `From:` has a colon, not a space.
        let mbox = "From a Mon\nFrom: alice@example.org\n\nFrom: not a separator either\n";
        assert_eq!(
            split(mbox),
            ["From: alice@example.org\n\nFrom: not a separator either\n"]
        );
    }

    #[test]
    fn preamble_before_first_separator() {
        assert_eq!(
            split("\n\nFrom a Mon\nSubject: 1\n"),
            ["Subject: 1\n"],
            "blank preamble is dropped"
        );
        assert_eq!(
            split("Subject: 0\n\nFrom a Mon\nSubject: 1\n"),
            ["Subject: 0\n", "Subject: 1\n"]
        );
    }

    #[test]
    fn empty_messages_and_missing_final_newline() {
        assert_eq!(split("From a Mon\n\nFrom b Tue\n"), ["", ""]);
        assert_eq!(split("From a Mon"), [""]);
        assert_eq!(split("From a Mon\nSubject: 1"), ["Subject: 1"]);
    }

    #[test]
    fn byte_order_mark_and_binary() {
        assert_eq!(split("\u{feff}From a Mon\nSubject: 1\n"), ["Subject: 1\n"]);
        let bytes = b"From a\n\xff\xfe\x00\n\nFrom b\n\x80";
        assert_eq!(split_mbox(bytes), [&b"\xff\xfe\x00\n"[..], &b"\x80"[..]]);
    }
}
