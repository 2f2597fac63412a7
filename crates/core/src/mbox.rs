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
//! The slices are borrowed from the input and are not unquoted (`>From ` stays as written).
//!
//! # Untrusted input
//!
//! Any bytes are accepted: no panic, time linear in the input, LF and CRLF line ends alike.

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

    #[test]
    fn never_panics_on_odd_input() {
        let pieces: [&[u8]; 7] = [b"From ", b"\n", b"\r\n", b"\r", b"x", b"\xef\xbb\xbf", b""];
        // Every sequence of up to four pieces.
        let mut total = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let input = [a, b, c, d].concat();
                        let messages = split_mbox(&input);
                        assert!(!messages.is_empty());
                        total += messages.len();
                    }
                }
            }
        }
        assert!(total > 0);
    }
}
