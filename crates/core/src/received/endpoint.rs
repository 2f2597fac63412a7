//! The sending side of a hop: HELO name, reverse-DNS name and address, from the shapes
//! `from helo (rdns [ip])` (Postfix, Sendmail), `from rdns ([ip] helo=helo)` (Exim),
//! `from rdns (HELO helo) (ip)` (qmail), `from helo (ip)` (Exchange), `from [ip]`.
//!
//! These run on every hop, so they scan tokens by hand and borrow from the input: the
//! benchmark showed regex captures here costing more than the whole of mail-parser's parse.

use std::net::IpAddr;

use super::grammar::{Clause, TokKind, Trace};
use crate::ascii::{self, IgnoreCase};
use crate::net;

/// Who sent, as the receiving server recorded it, borrowed from the input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sender<'a> {
    pub helo: Option<&'a str>,
    pub rdns: Option<&'a str>,
    pub ip: Option<IpAddr>,
    /// The address as written, which the report borrows when it is written canonically.
    pub ip_written: &'a str,
}

impl<'a> Sender<'a> {
    /// True when the line records anyone at all.
    pub fn recorded(&self) -> bool {
        self.helo.is_some() || self.rdns.is_some() || self.ip.is_some()
    }

    /// The model's endpoint (names borrowed from the input; the address as the standard
    /// library writes it, borrowed when the input wrote it so).
    pub fn to_model(self) -> crate::model::Endpoint<'a> {
        crate::model::Endpoint {
            helo: self.helo.map(Into::into),
            rdns: self.rdns.map(Into::into),
            ip: self.ip.map(|ip| net::ip_text(ip, self.ip_written)),
        }
    }
}

pub(crate) fn sender<'a>(text: &'a str, trace: &Trace, c: &Clause) -> Sender<'a> {
    let toks = trace.toks_of(c);
    let first_word = toks
        .first()
        .filter(|t| matches!(t.kind, TokKind::Word | TokKind::Literal))
        .map(|t| &text[t.span.clone()]);
    let (ip, ip_written) = clause_ip_written(text, trace, c).unzip();
    let comments = || {
        toks.iter()
            .filter(|t| t.kind == TokKind::Comment)
            .map(|t| comment_inner(&text[t.span.clone()]))
    };

    let explicit_helo = comments().find_map(explicit_helo);
    // Read only when no comment names the HELO explicitly.
    let rdns_in_comment = || {
        comments().find_map(|inner| {
            let mut words = inner.split_ascii_whitespace();
            let name = words.next()?;
            let next = words.next()?;
            let plausible =
                name.as_bytes()[0].is_ascii_alphanumeric() && !name.bytes().any(|b| b == b'=');
            (plausible && next.as_bytes()[0] == b'[').then(|| net::without_final_dots(name))
        })
    };

    let is_name = |w: &&str| {
        !w.starts_with('[') && net::parse_ip(w).is_none() && !w.eq_ignore_case("unknown")
    };
    let (helo, rdns) = match explicit_helo {
        Some(h) => (
            Some(h),
            first_word.filter(is_name).map(net::without_final_dots),
        ),
        None => (
            first_word,
            rdns_in_comment().filter(|r| !r.eq_ignore_case("unknown")),
        ),
    };
    Sender {
        helo,
        rdns,
        ip,
        ip_written: ip_written.unwrap_or_default(),
    }
}

/// A comment without its outer parentheses.
pub(crate) fn comment_inner(comment: &str) -> &str {
    let b = comment.as_bytes();
    let start = usize::from(b.first() == Some(&b'('));
    let end = if b.len() > start && b[b.len() - 1] == b')' {
        b.len() - 1
    } else {
        b.len()
    };
    &comment[start..end]
}

/// `helo=NAME` (Exim) or a comment starting `HELO NAME` / `EHLO NAME` (qmail, Courier).
fn explicit_helo(inner: &str) -> Option<&str> {
    let after = if let Some(at) = find_helo_equals(inner) {
        &inner[at + 5..]
    } else if inner.len() > 5
        && (inner.as_bytes()[..5].eq_ignore_case(b"helo ")
            || inner.as_bytes()[..5].eq_ignore_case(b"ehlo "))
    {
        // The five bytes are ASCII, so byte 5 is a character boundary.
        inner[5..].trim_start()
    } else {
        return None;
    };
    let end = after
        .find(|c: char| c.is_ascii_whitespace() || matches!(c, ')' | ']' | '('))
        .unwrap_or(after.len());
    (end > 0).then(|| &after[..end])
}

/// Byte offset of the first `helo=` in `hay`, ignoring ASCII case. The `=` is searched
/// (`ascii::find_byte`, memchr) and the four bytes before it compared: this runs over every
/// comment of every sender, and a comment holds fewer `=` than `h`.
fn find_helo_equals(hay: &str) -> Option<usize> {
    let hay = hay.as_bytes();
    let mut from = 4;
    while let Some(eq) = ascii::find_byte(b'=', hay, from) {
        if hay[eq - 4..eq].eq_ignore_case(b"helo") {
            return Some(eq - 4);
        }
        from = eq + 1;
    }
    None
}

/// The address the server saw: the first `[address literal]` or bare address inside the
/// clause's comments (`from [192.168.1.20] (gw.example [203.0.113.77])`: the literal in front is
/// only what the client claimed), else a literal standing as the clause's first word.
pub(crate) fn clause_ip(text: &str, trace: &Trace, c: &Clause) -> Option<IpAddr> {
    clause_ip_written(text, trace, c).map(|(ip, _)| ip)
}

/// [`clause_ip`] and the text it was read from.
fn clause_ip_written<'a>(text: &'a str, trace: &Trace, c: &Clause) -> Option<(IpAddr, &'a str)> {
    let parsed = |w: &'a str| net::parse_ip(w).map(|ip| (ip, w));
    let toks = trace.toks_of(c);
    toks.iter()
        .filter(|t| t.kind == TokKind::Comment)
        .find_map(|t| ip_in_comment(&text[t.span.clone()]))
        .or_else(|| {
            toks.iter()
                .filter(|t| t.kind == TokKind::Literal)
                .find_map(|t| parsed(text[t.span.clone()].trim_matches(|c| c == '[' || c == ']')))
        })
        .or_else(|| toks.first().and_then(|t| parsed(&text[t.span.clone()])))
}

/// An address in a comment: `[192.0.2.1]`, `[IPv6:2001:db8::1]`, `[192.0.2.1]:4123`, or bare
/// (`(192.0.2.9)`, Exchange's `(2603:10a6:20b:1::1)`). Literals win over bare words.
fn ip_in_comment(comment: &str) -> Option<(IpAddr, &str)> {
    let inner = comment_inner(comment);
    let mut rest = inner;
    // Bytes, not `str::find`: the char searcher's setup costs more than these short scans. The
    // `[` is searched with `ascii::find_byte`, memchr (a name or a whole comment may come
    // first); the `]` is a few bytes on, where a plain loop costs less than memchr's setup.
    while let Some(open) = ascii::find_byte(b'[', rest.as_bytes(), 0) {
        // `helo=[192.168.2.14]` is what the client claimed, not the address the server saw.
        let before = ascii::trim_end(&rest[..open]);
        let claimed = before.len() >= 4
            && before.as_bytes()[before.len() - 4..].eq_ignore_case(b"helo")
            || before.len() >= 5 && before.as_bytes()[before.len() - 5..].eq_ignore_case(b"helo=");
        let after = &rest[open + 1..];
        let close = after.bytes().position(|b| b == b']')?;
        if !claimed {
            if let Some(ip) = net::parse_ip(&after[..close]) {
                return Some((ip, &after[..close]));
            }
        }
        rest = &after[close + 1..];
    }
    // Bare words, split by hand on whitespace and `( ) , ;`. qmail with the auth patch writes
    // the login before the address: `(alice@example.com@192.0.2.9)`.
    let bytes = inner.as_bytes();
    let separator = |b: u8| b.is_ascii_whitespace() || matches!(b, b'(' | b')' | b',' | b';');
    let mut i = 0;
    while i < bytes.len() {
        if separator(bytes[i]) {
            i += 1;
            continue;
        }
        // The word starts after its last `@`, noted in the same pass.
        let mut start = i;
        while i < bytes.len() && !separator(bytes[i]) {
            if bytes[i] == b'@' {
                start = i + 1;
            }
            i += 1;
        }
        let word = &inner[start..i];
        let w = word.as_bytes();
        let candidate = w.len() >= 2
            && (w[0].is_ascii_hexdigit() || w[0] == b':')
            && w.iter().any(|&b| b == b'.' || b == b':');
        if let Some(ip) = candidate.then(|| net::parse_ip(word)).flatten() {
            return Some((ip, word));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::grammar::{lex, Keyword};

    #[test]
    fn helo_equals_is_found_as_a_search_without_case_finds_it() {
        let pieces = [
            "h", "E", "l", "o", "=", "HELO", "helo=", "x", "é", "Helo=", " ",
        ];
        for case in crate::ascii::every_joining(&pieces, 3) {
            assert_eq!(
                find_helo_equals(&case),
                case.to_ascii_lowercase().find("helo="),
                "{case:?}"
            );
        }
    }

    #[test]
    fn endpoints() {
        let cases = [
            ("from mail.example ([192.0.2.1] helo=smtp.example) by b; d", (Some("smtp.example"), Some("mail.example"), Some("192.0.2.1"))),
            ("from [192.0.2.1] (helo=smtp.example) by b; d", (Some("smtp.example"), None, Some("192.0.2.1"))),
            ("from unknown (HELO smtp.example) (192.0.2.9) by b with SMTP; d", (Some("smtp.example"), None, Some("192.0.2.9"))),
            ("from AM6PR04MB1.eurprd04.prod.outlook.com (2603:10a6:20b:1::1) by AM0PR04MB2.eurprd04.prod.outlook.com with HTTPS; d", (Some("AM6PR04MB1.eurprd04.prod.outlook.com"), None, Some("2603:10a6:20b:1::1"))),
            ("from smtp.example (unknown [IPv6:2001:db8::5]) by b; d", (Some("smtp.example"), None, Some("2001:db8::5"))),
            ("from mail.example.org (mail.example.org. [203.0.113.5]) by b; d", (Some("mail.example.org"), Some("mail.example.org"), Some("203.0.113.5"))),
            ("from ([10.1.2.3:49601] helo=mail523.example.net) by b; d", (Some("mail523.example.net"), None, Some("10.1.2.3"))),
            ("from unknown (HELO laptop) (alice@example.com@198.51.100.83) by b with ESMTPSA; d", (Some("laptop"), None, Some("198.51.100.83"))),
        ];
        for (text, (helo, rdns, ip)) in cases {
            let trace = lex(text, 0..text.len());
            let c = trace.clause(Keyword::From).unwrap();
            let s = sender(text, &trace, c);
            assert_eq!(
                (s.helo, s.rdns, s.ip.map(|ip| ip.to_string())),
                (helo, rdns, ip.map(String::from)),
                "{text}"
            );
        }
    }
}
