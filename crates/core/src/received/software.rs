//! The receiving software, when the header names it: `(Postfix)`, `(Exim 4.98)`,
//! `(8.17.1/8.17.1)` (Sendmail's version pair), `Microsoft SMTP Server`…

use super::endpoint::comment_inner;
use super::grammar::TokKind;
use super::{Header, Word};
use crate::ascii::{lower, trim, IgnoreCase};
use crate::model::Text;

/// Receiving software named in a comment: `(Postfix)`, `(Exim 4.98)`, `(8.17.1/8.17.1)`…,
/// borrowed from `text` (the input `h` reads) where the header writes it.
/// The names read in comments, ignoring case (`Exim ` and `qmail ` with the space that follows
/// them, `Haraka/` with its slash).
const NAMES: [&str; 17] = [
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

/// For each letter, the names starting with it (a bit per name): a comment's first letter
/// picks the one or two names worth comparing, and rules out every name for most comments
/// (`(using …)`, `(No client certificate requested)`).
const BY_FIRST: [u32; 26] = {
    let mut t = [0u32; 26];
    let mut n = 0;
    while n < NAMES.len() {
        t[(NAMES[n].as_bytes()[0].to_ascii_lowercase() - b'a') as usize] |= 1 << n;
        n += 1;
    }
    t
};

/// Whether `s` starts with one of [`NAMES`], ignoring case.
fn named(s: &str) -> bool {
    let Some(letter) = s
        .as_bytes()
        .first()
        .and_then(|b| lower(*b).checked_sub(b'a'))
    else {
        return false;
    };
    let mut candidates = BY_FIRST.get(usize::from(letter)).copied().unwrap_or(0);
    while candidates != 0 {
        let n = NAMES[candidates.trailing_zeros() as usize];
        candidates &= candidates - 1;
        if s.as_bytes()
            .get(..n.len())
            .is_some_and(|p| p.eq_ignore_case(n.as_bytes()))
        {
            return true;
        }
    }
    false
}

pub(crate) fn software<'a>(text: &'a str, h: &Header<'_, '_>) -> Option<Text<'a>> {
    for t in h.trace.toks.iter().filter(|t| t.kind == TokKind::Comment) {
        let inner = trim(comment_inner(&text[t.span.clone()]));
        // Every name starts with a letter or (Sendmail's version) a digit, and a name can
        // only be read where the comment starts with it: most comments of a hop (`(using …)`,
        // `(mail.example.org [192.0.2.1])`) are passed over on their first bytes, before the
        // name is cut out of them.
        let Some(&first) = inner.as_bytes().first() else {
            continue;
        };
        if !(first.is_ascii_digit() || first.is_ascii_alphabetic() && named(inner)) {
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
        if first.is_ascii_alphabetic() && named(name) {
            let name = if name.starts_with("qmail ") {
                "qmail"
            } else {
                name
            };
            return Some(name.into());
        }
        // Sendmail writes its version pair: `(8.17.1/8.17.1)`. The version is what comes before
        // the first `/`, all digits and dots: most comments starting with a digit (addresses,
        // `(256/256 bits)`) fail that on their first bytes.
        if first.is_ascii_digit() {
            let v = &name[..name
                .bytes()
                .take_while(|&b| b.is_ascii_digit() || b == b'.')
                .count()];
            if name.as_bytes().get(v.len()) == Some(&b'/')
                && v.split('.').count() == 3
                && v.split('.').all(|p| !p.is_empty())
            {
                return Some(["Sendmail ", v].concat().into());
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
            (
                "from a by b (8.15.2/8.15.2/Submit) id x; d",
                Some("Sendmail 8.15.2"),
            ),
            ("from a (b [192.0.2.1]) (256/256 bits) by b; d", None),
            ("from a by b (8.17/8.17.1) with ESMTP; d", None),
            ("from a by b (8..1/8.17.1) with ESMTP; d", None),
            ("from a by b (8.17.1) with ESMTP; d", None),
            ("from a by b (8.17.1a/8.17.1) with ESMTP; d", None),
            ("from a by b (POSTFIX) with ESMTP; d", Some("POSTFIX")),
            ("from a by b (Zimbra) with ESMTP; d", Some("Zimbra")),
            ("from a by b (maddy) with ESMTP; d", Some("maddy")),
            ("from a by b (amavis) with ESMTP; d", Some("amavis")),
            ("from a by b (Haraka) with ESMTP; d", None),
            (
                "from a by b (Courier 1.0) with ESMTP; d",
                Some("Courier 1.0"),
            ),
        ];
        for (text, want) in cases {
            let trace = lex(text, 0..text.len());
            let h = Header::new(text, 0..text.len(), &trace);
            assert_eq!(software(text, &h).as_deref(), want, "{text}");
        }
    }
}
