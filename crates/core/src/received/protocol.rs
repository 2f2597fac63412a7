//! Protocol keywords, in one place: what the word after `with` (or in `via`) says by itself.
//!
//! RFC 3848 registers the keywords that say TLS (`ESMTPS`, `ESMTPSA`, `LMTPS`…, each also with
//! a `UTF8` prefix, RFC 6531). A keyword without TLS (`SMTP`, `ESMTP`…) means plaintext only if
//! nothing else in the line says TLS and the line records who sent (`verdict.rs` decides
//! that). Some words name no wire at all (`local`, `mapi`), some are written whatever happened
//! (`HTTP` for HTTPS too, Exchange's `Microsoft SMTP Server` without its `(TLS)` note), and
//! everything else is unknown.

use crate::ascii::IgnoreCase;

/// What a protocol keyword says by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// `ESMTPS` and friends: TLS by the keyword alone.
    Tls,
    /// A wire protocol without TLS: `SMTP`, `ESMTP`, `ESMTPA`, `LMTP`, `QMQP`, `QMTP`…
    Plain,
    /// `HTTP` from a webmail or API front end: servers write it for HTTPS too, so it is no
    /// evidence either way.
    Http,
    /// No wire at all: `local`, `mapi`, `ECSTREAM`, pickup…
    NoWire,
    /// Written by software that states nothing about TLS when it did not use it, or that
    /// writes the same word either way (`Microsoft SMTP Server` without `(TLS)`, IIS's
    /// `SMTPSVC`, fetchmail's `POP3`/`IMAP`): not evidence either way.
    Silent,
    /// A word Hopscope does not know.
    Other,
}

/// `word` without `prefix` (ASCII, not empty), ignoring ASCII case. The first letters are compared
/// first: most words do not start with the prefix.
fn strip_prefix_ci<'a>(word: &'a str, prefix: &str) -> Option<&'a str> {
    let (w, p) = (word.as_bytes(), prefix.as_bytes());
    let starts = w.len() >= p.len()
        // A quick test that never refuses a match: bytes equal ignoring case stay equal with
        // bit 0x20 set.
        && w[0] | 0x20 == p[0] | 0x20
        && w[..p.len()].eq_ignore_case(p);
    // The prefix is ASCII, so its length is a character boundary of `word`.
    starts.then(|| &word[p.len()..])
}

/// The keyword without the prefixes that do not change its meaning: Exim's `local-` (for TLS
/// keywords) and RFC 6531's `UTF8`.
fn core_word(word: &str) -> &str {
    let word = strip_prefix_ci(word, "local-").unwrap_or(word);
    strip_prefix_ci(word, "UTF8").unwrap_or(word)
}

/// True when a protocol keyword by itself says the session used TLS: the RFC 3848 `S`
/// keywords, `SMTPS` (implicit TLS, Google), `HTTPS` (Exchange Online's mailbox hop), Exim's
/// `local-esmtps`, and getmail's `POP3-SSL`/`IMAP4-SSL`.
pub(crate) fn is_tls_keyword(word: &str) -> bool {
    let w = core_word(word);
    // By length first: this runs on every protocol word.
    let candidates: &[&str] = match w.len() {
        5 => &["SMTPS", "LMTPS", "HTTPS"],
        6 => &["ESMTPS", "LMTPSA", "SMTPSA"],
        7 => &["ESMTPSA"],
        8 => &["POP3-SSL"],
        9 => &["IMAP4-SSL"],
        _ => return false,
    };
    candidates.iter().any(|k| w.eq_ignore_case(k))
}

/// An authenticated submission by RFC 3848's `A` suffix (`ESMTPA`, `ESMTPSA`, `LMTPA`…): a
/// user's program that logged in, not a server relaying.
pub(crate) fn is_authenticated(words: &str) -> bool {
    let first = words.split_ascii_whitespace().next().unwrap_or("");
    let w = core_word(first);
    ["ESMTPA", "ESMTPSA", "SMTPSA", "LMTPA", "LMTPSA"]
        .iter()
        .any(|k| w.eq_ignore_case(k))
}

/// LMTP delivery to a mailbox store (`LMTP`, `LMTPA`, `LMTPS`, `UTF8LMTP`…).
pub(crate) fn is_lmtp(word: &str) -> bool {
    strip_prefix_ci(strip_prefix_ci(word, "UTF8").unwrap_or(word), "LMTP").is_some()
}

/// Exim's `local-…` protocols: submissions on the machine itself (`local-esmtp`, `local-smtp`,
/// `local-bsmtp`).
pub(crate) fn is_exim_local(word: &str) -> bool {
    strip_prefix_ci(word, "local-").is_some_and(|rest| !rest.is_empty())
}

/// The class of the protocol `words` (the words after `with`, folding squashed:
/// `ESMTPS`, `Microsoft SMTP Server`, `POP3 getmail6 msgid:…`).
pub(crate) fn classify(words: &str) -> Class {
    let mut parts = words.split_ascii_whitespace();
    let first = parts.next().unwrap_or("");
    if is_tls_keyword(first) {
        return Class::Tls;
    }
    if is_exim_local(first) {
        return Class::NoWire;
    }
    let w = strip_prefix_ci(first, "UTF8").unwrap_or(first);
    let is = |k: &str| w.eq_ignore_case(k);
    if ["SMTP", "ESMTP", "ESMTPA", "LMTP", "LMTPA", "QMQP", "QMTP"]
        .iter()
        .any(|k| is(k))
    {
        return Class::Plain;
    }
    if is("HTTP") {
        return Class::Http;
    }
    if ["local", "mapi", "ECSTREAM", "HTTPREST", "PICKUP", "BSMTP"]
        .iter()
        .any(|k| is(k))
        || words.eq_ignore_case("Internet Mail Service")
    {
        return Class::NoWire;
    }
    if ["POP3", "IMAP", "IMAP4"].iter().any(|k| is(k)) {
        // getmail6 writes `POP3`/`IMAP4` only for sessions without TLS (it names the others
        // `POP3-SSL`/`IMAP4-SSL`); fetchmail writes the same word whatever the session was.
        let getmail = parts
            .next()
            .is_some_and(|next| strip_prefix_ci(next, "getmail").is_some());
        return if getmail { Class::Plain } else { Class::Silent };
    }
    if words
        .get(..21)
        .is_some_and(|head| head.eq_ignore_case("Microsoft SMTP Server"))
        || strip_prefix_ci(first, "Microsoft").is_some()
            && parts
                .next()
                .is_some_and(|next| strip_prefix_ci(next, "SMTPSVC").is_some())
    {
        return Class::Silent;
    }
    Class::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        let cases = [
            ("ESMTPS", Class::Tls),
            ("esmtpsa", Class::Tls),
            ("UTF8SMTPSA", Class::Tls),
            ("LMTPS", Class::Tls),
            ("local-esmtps", Class::Tls),
            ("HTTPS", Class::Tls),
            ("POP3-SSL getmail6", Class::Tls),
            ("ESMTP", Class::Plain),
            ("SMTP", Class::Plain),
            ("utf8smtp", Class::Plain),
            ("LMTPA", Class::Plain),
            ("QMQP", Class::Plain),
            ("QMTP", Class::Plain),
            ("POP3 getmail6 msgid:1", Class::Plain),
            ("HTTP", Class::Http),
            ("local", Class::NoWire),
            ("local-esmtp", Class::NoWire),
            ("mapi", Class::NoWire),
            ("Internet Mail Service", Class::NoWire),
            ("Microsoft SMTP Server", Class::Silent),
            ("Microsoft SMTPSVC(6.0.3790.4675)", Class::Silent),
            ("POP3", Class::Silent),
            ("IMAP", Class::Silent),
            ("ESMTPSX", Class::Other),
            ("XYZZY", Class::Other),
            ("", Class::Other),
        ];
        for (words, class) in cases {
            assert_eq!(classify(words), class, "{words}");
        }
    }

    #[test]
    fn lmtp_and_local() {
        assert!(is_lmtp("LMTP") && is_lmtp("lmtpa") && is_lmtp("UTF8LMTPS"));
        assert!(!is_lmtp("ESMTP") && !is_lmtp("LM"));
        assert!(
            is_exim_local("local-esmtp") && !is_exim_local("local") && !is_exim_local("local-")
        );
    }
}
