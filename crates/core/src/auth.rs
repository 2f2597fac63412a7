//! Context that is not a hop: Authentication-Results (RFC 8601), ARC (RFC 8617), and a few
//! descriptive headers.

use mail_parser::parsers::MessageStream;
use mail_parser::HeaderValue;

use crate::ascii::{self, lowercase, IgnoreCase};
use crate::model::{AuthResult, AuthResults, MessageInfo};

/// Reads one Authentication-Results value: `authserv-id [version]; method=result … ; …`.
pub(crate) fn authentication_results(value: &str) -> Option<AuthResults> {
    let clean = strip_comments(value);
    let mut parts = clean.split(';').peekable();
    let first = parts.peek()?.trim();
    // Microsoft writes no authserv-id at all: the header starts with `spf=pass …`.
    let authserv_id = if first.split_ascii_whitespace().next()?.contains('=') {
        "(not named)".to_string()
    } else {
        let id = first.split_ascii_whitespace().next()?.to_string();
        parts.next();
        id
    };
    let mut results = Vec::new();
    for statement in parts {
        let Some(first) = statement.split_ascii_whitespace().next() else {
            continue;
        };
        let Some((method, result)) = first.split_once('=') else {
            continue;
        };
        let method = lowercase(method.split('/').next().unwrap_or(method));
        // The other words, joined by single spaces (one copy, none when there are none).
        let rest = statement.trim_ascii_start()[first.len()..].trim_ascii();
        results.push(AuthResult {
            method,
            result: lowercase(result),
            detail: (!rest.is_empty()).then(|| ascii::squash(rest).into_owned()),
        });
    }
    Some(AuthResults {
        authserv_id,
        results,
    })
}

/// Removes RFC 5322 comments (nested, with quoted pairs); quoted strings are kept.
///
/// The search jumps from one byte that matters to the next (`\\`, `"` and `(` outside
/// comments; `\\`, `(` and `)` inside), and the text outside comments is copied a run at a time.
/// Every byte that matters is ASCII, so runs start and end on character boundaries (an escape
/// may step into a character's middle, but no run starts or ends there).
fn strip_comments(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // Where the text being kept started.
    let mut run = 0;
    let mut quoted = false;
    let mut i = 0;
    while let Some(at) = ascii::find_any(b'\\', b'"', b'(', b, i) {
        match b[at] {
            // A quoted pair: the escaped byte is never a delimiter.
            b'\\' => i = at + 2,
            b'"' => {
                quoted = !quoted;
                i = at + 1;
            }
            _ if quoted => i = at + 1,
            _ => {
                out.push_str(&s[run..at]);
                // Nested comments are counted; an unclosed one runs to the end.
                let mut depth = 0usize;
                i = at;
                while let Some(c) = ascii::find_any(b'\\', b'(', b')', b, i) {
                    i = c + 1;
                    match b[c] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        _ => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                    }
                }
                if depth > 0 {
                    i = b.len();
                }
                run = i.min(b.len());
            }
        }
    }
    out.push_str(&s[run..]);
    out
}

/// The `i=` instance of an ARC-Seal header.
pub(crate) fn arc_instance(value: &str) -> Option<u32> {
    value
        .split(';')
        .map(str::trim)
        .find_map(|tag| tag.strip_prefix("i=").and_then(|v| v.trim().parse().ok()))
}

/// Decodes RFC 2047 encoded words and unfolds, through mail-parser.
pub(crate) fn decode_unstructured(raw_value: &str) -> String {
    // Plain one-line ASCII with single spaces (most Date, Message-ID and many Subject values)
    // decodes to itself, trimmed: mail-parser is only needed for encoded words and folding.
    let trimmed = raw_value.trim_matches(|c| c == ' ' || c == '\t');
    let b = trimmed.as_bytes();
    // One pass: printable, and no `=?` or double space (the byte before a `?` or a space is
    // looked at only there).
    let plain = b.iter().enumerate().all(|(i, &c)| {
        (b' '..0x7f).contains(&c)
            && !(matches!(c, b'?' | b' ')
                && i > 0
                && b[i - 1] == if c == b'?' { b'=' } else { b' ' })
    });
    if plain {
        return trimmed.to_owned();
    }
    let mut with_end = String::with_capacity(raw_value.len() + 2);
    with_end.push_str(raw_value);
    with_end.push_str("\n\n");
    match MessageStream::new(with_end.as_bytes()).parse_unstructured() {
        HeaderValue::Text(t) => t.trim().to_string(),
        _ => raw_value
            .split_ascii_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

pub(crate) fn set_message_field(info: &mut MessageInfo, name: &str, raw_value: &str) {
    let is = |n: &str| name.len() == n.len() && name.eq_ignore_case(n);
    let slot = if is("subject") {
        &mut info.subject
    } else if is("from") {
        &mut info.from
    } else if is("to") {
        &mut info.to
    } else if is("date") {
        &mut info.date
    } else if is("message-id") {
        &mut info.message_id
    } else if is("tls-required") {
        &mut info.tls_required
    } else {
        return;
    };
    if slot.is_none() {
        *slot = Some(decode_unstructured(raw_value));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_values_decode_as_mail_parser_would() {
        use mail_parser::parsers::MessageStream;
        use mail_parser::HeaderValue;
        for value in [
            " Quarterly report",
            "Sun, 22 Nov 2026 05:20:30 +0000",
            " <20261122052030.1A2B3C@example.com>",
            "Alice <alice@example.com>",
            "a, b; c (d) \"e\" [f]",
            "\tNo",
            "a ?b = ?c ?= d?",
            "=?",
            "a =?utf-8?q?b?= c",
            "a  b",
            " ?",
        ] {
            let mut with_end = value.to_owned();
            with_end.push_str("\n\n");
            let HeaderValue::Text(t) = MessageStream::new(with_end.as_bytes()).parse_unstructured()
            else {
                panic!("{value}");
            };
            assert_eq!(super::decode_unstructured(value), t.trim(), "{value:?}");
        }
    }

    use super::*;

    #[test]
    fn reads_authentication_results() {
        let r = authentication_results(
            " mx.example.net;\n  dkim=pass (2048-bit key) header.d=example.org header.s=s1;\n  spf=pass (mx.example.net: domain of a@example.org designates 192.0.2.1 as permitted sender) smtp.mailfrom=a@example.org;\n  dmarc=pass (p=REJECT) header.from=example.org",
        )
        .unwrap();
        assert_eq!(r.authserv_id, "mx.example.net");
        let got: Vec<_> = r
            .results
            .iter()
            .map(|x| (x.method.as_str(), x.result.as_str()))
            .collect();
        assert_eq!(got, [("dkim", "pass"), ("spf", "pass"), ("dmarc", "pass")]);
        assert_eq!(
            r.results[1].detail.as_deref(),
            Some("smtp.mailfrom=a@example.org")
        );
        assert_eq!(
            authentication_results(" mx.example.net; none")
                .unwrap()
                .results
                .len(),
            0
        );
        assert!(authentication_results("").is_none());
        let microsoft = authentication_results(" spf=pass (sender IP is 192.0.2.1)\n smtp.mailfrom=example.org; dkim=pass (signature was verified)\n header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass reason=100").unwrap();
        assert_eq!(microsoft.authserv_id, "(not named)");
        let methods: Vec<_> = microsoft
            .results
            .iter()
            .map(|r| r.method.as_str())
            .collect();
        assert_eq!(methods, ["spf", "dkim", "dmarc", "compauth"]);
    }

    /// The character-at-a-time reading `strip_comments` replaced, as the reference.
    fn strip_comments_by_char(s: &str) -> String {
        let mut out = String::new();
        let (mut depth, mut quoted, mut escaped) = (0usize, false, false);
        for ch in s.chars() {
            if escaped {
                escaped = false;
                if depth == 0 {
                    out.push(ch);
                }
                continue;
            }
            match ch {
                '\\' => {
                    escaped = true;
                    if depth == 0 {
                        out.push(ch);
                    }
                }
                '"' if depth == 0 => {
                    quoted = !quoted;
                    out.push(ch);
                }
                '(' if !quoted => depth += 1,
                ')' if !quoted && depth > 0 => depth -= 1,
                _ if depth == 0 => out.push(ch),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn comments_are_stripped_as_by_the_character_reading() {
        let pieces = ["a", "(", ")", "\\", "\"", " ", "é", "=", ";", "\\(", "\\é"];
        for case in &crate::ascii::every_joining(&pieces, 4) {
            assert_eq!(
                strip_comments(case),
                strip_comments_by_char(case),
                "{case:?}"
            );
        }
    }

    #[test]
    fn decodes_encoded_words() {
        assert_eq!(
            decode_unstructured(" =?UTF-8?B?SGVsbG8g8J+Ukg==?=\n =?UTF-8?Q?w=C3=B6rld?="),
            "Hello 🔒wörld"
        );
        assert_eq!(arc_instance(" i=2; a=rsa-sha256; cv=pass"), Some(2));
    }
}
