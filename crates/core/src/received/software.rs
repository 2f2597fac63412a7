//! The receiving software, when the header names it: `(Postfix)`, `(Exim 4.98)`,
//! `(8.17.1/8.17.1)` (Sendmail's version pair), `Microsoft SMTP Server`…

use super::endpoint::comment_inner;
use super::grammar::TokKind;
use super::{Header, Word};
use crate::ascii::{lower, trim, IgnoreCase};
use crate::model::Text;

/// Receiving software named in a comment: `(Postfix)`, `(Exim 4.98)`, `(8.17.1/8.17.1)`…,
/// borrowed from `text` (the input `h` reads) where the header writes it.
pub(crate) fn software<'a>(text: &'a str, h: &Header<'_, '_>) -> Option<Text<'a>> {
    const NAMES: &[&str] = &[
        "Postfix",
        "Exim ",
        "Stalwart SMTP",
        "Haraka/",
        "OpenSMTPD",
        "Dovecot",
        "amavisd-new",
        "amavis",
        "Cyrus",
        "CommuniGate Pro",
        "ecelerity ",
        "Courier",
        "qmail ",
        "MailEnable",
        "Zimbra",
        "Halon",
        "maddy",
    ];
    // Whether `s` starts with one of the names, ignoring case; the first letter first: it rules
    // out all names but one or two.
    let named = |s: &str, first: u8| {
        NAMES.iter().any(|n| {
            lower(n.as_bytes()[0]) == lower(first)
                && s.as_bytes()
                    .get(..n.len())
                    .is_some_and(|p| p.eq_ignore_case(n.as_bytes()))
        })
    };
    for t in h.trace.toks.iter().filter(|t| t.kind == TokKind::Comment) {
        let inner = trim(comment_inner(&text[t.span.clone()]));
        // Every name starts with a letter or (Sendmail's version) a digit, and a name can
        // only be read where the comment starts with it: most comments of a hop (`(using …)`,
        // `(mail.example.org [192.0.2.1])`) are passed over on their first bytes, before the
        // name is cut out of them.
        let Some(&first) = inner.as_bytes().first() else {
            continue;
        };
        if !(first.is_ascii_digit() || first.is_ascii_alphabetic() && named(inner, first)) {
            continue;
        }
        let end = inner
            .bytes()
            .position(|b| matches!(b, b',' | b'(' | b')'))
            .unwrap_or(inner.len());
        let name = trim(&inner[..end]);
        if name.is_empty() || name.len() > 40 {
            continue;
        }
        if first.is_ascii_alphabetic() && named(name, first) {
            let name = if name.starts_with("qmail ") {
                "qmail"
            } else {
                name
            };
            return Some(name.into());
        }
        // Sendmail writes its version pair: `(8.17.1/8.17.1)`.
        if let Some((v, _)) = first
            .is_ascii_digit()
            .then(|| name.split_once('/'))
            .flatten()
        {
            if v.split('.').count() == 3
                && v.split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            {
                return Some(format!("Sendmail {v}").into());
            }
        }
    }
    let bytes = h.text.as_bytes();
    let at = |at: usize, s: &[u8]| {
        at >= h.value.start
            && at + s.len() <= h.value.end
            && bytes[at..at + s.len()].eq_ignore_case(s)
    };
    if h.at(Word::Microsoft)
        .any(|m| at(m, b"microsoft smtp server"))
    {
        return Some("Microsoft Exchange".into());
    }
    let google = |g: usize| {
        at(g, b"google transport security")
            || g.checked_sub(6)
                .is_some_and(|by| at(by, b"by mx.google.com"))
    };
    if h.at(Word::Google).any(google) {
        return Some("Google".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::grammar::lex;

    #[test]
    fn names() {
        let cases = [
            ("from a by b (Postfix) with ESMTP; d", Some("Postfix")),
            ("from a by b (Exim 4.98) with esmtps; d", Some("Exim 4.98")),
            (
                "from a by b (8.17.1/8.17.1) with ESMTP; d",
                Some("Sendmail 8.17.1"),
            ),
            ("(qmail 1234 invoked by uid 89); d", Some("qmail")),
            (
                "from a by b with Microsoft SMTP Server id 15.20.1; d",
                Some("Microsoft Exchange"),
            ),
            (
                "from a by mx.google.com with ESMTPS id x; d",
                Some("Google"),
            ),
            ("from a by b (hello) with ESMTP; d", None),
        ];
        for (text, want) in cases {
            let trace = lex(text, 0..text.len());
            let h = Header::new(text, 0..text.len(), &trace);
            assert_eq!(software(text, &h).as_deref(), want, "{text}");
        }
    }
}
