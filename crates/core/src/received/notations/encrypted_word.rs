//! `with (DHE-RSA-AES256-SHA encrypted) SMTP` (qmail with the TLS patch),
//! `with DHE-RSA-AES256-SHA encrypted SMTP` (MessageLabs / Symantec, no parentheses) and
//! `with (TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384 encrypted) esmtp` (Deutsche Telekom's
//! mailout servers: the version, a colon, then the cipher), and the comment after the keyword:
//! `with ESMTPS (ECDHE-RSA-AES256-GCM-SHA384 encrypted)` (qmail-tls, qpsmtpd), with
//! `, authenticated` when the qmail auth patch is applied too.

use super::Notation;
use crate::ascii::IgnoreCase;
use crate::received::{name_byte, Findings, Header, Word};

pub(crate) struct EncryptedWord;

impl Notation for EncryptedWord {
    fn name(&self) -> &'static str {
        "cipher-encrypted-smtp"
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        if !h.has(Word::Encrypted) {
            return;
        }
        for c in h.trace.clauses(crate::received::grammar::Keyword::With) {
            let at = c.keyword_span.start;
            let mut s = h.scan(c.keyword_span.end);
            if !s.ws() {
                continue;
            }
            // Keyword first, cipher in the comment after it.
            let after = s.optional(|s| {
                let protocol = s.word(|b| b.is_ascii_alphanumeric())?;
                let smtp = protocol
                    .as_bytes()
                    .windows(4)
                    .any(|w| w.eq_ignore_case(b"smtp"));
                (smtp && s.lit("(")).then_some(())?;
                let cipher = s
                    .word(|b| name_byte(b) && b != b'.')
                    .filter(|c| c.contains(['-', '_']))?;
                (s.ws() && s.lit("encrypted")).then_some(())?;
                s.optional(|s| (s.lit(",") && s.lit("authenticated")).then_some(()));
                s.lit(")").then_some(cipher)
            });
            if let Some(cipher) = after {
                f.tls(self.name(), h.text, at..s.pos);
                f.cipher(cipher);
                continue;
            }
            s.lit("(");
            let version = s.optional(|s| {
                let v = s.word(name_byte)?;
                (s.lit(":") && crate::tls::normalise_version(v).is_some()).then_some(v)
            });
            let Some(cipher) = s.word(|b| name_byte(b) && b != b'.') else {
                continue;
            };
            if !(s.ws() && s.lit("encrypted")) {
                continue;
            }
            s.lit(")");
            if !(s.ws() && s.lit_any(&["esmtp", "smtp"]).is_some()) {
                continue;
            }
            f.tls(self.name(), h.text, at..s.pos);
            if let Some(v) = version {
                f.version(v);
            }
            f.cipher(cipher);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::notations::testing::summary;

    #[test]
    fn shapes() {
        let want = (true, None, Some("DHE-RSA-AES256-SHA".to_string()), None);
        assert_eq!(
            summary(
                &EncryptedWord,
                "from a (HELO a) (192.0.2.1) by b with (DHE-RSA-AES256-SHA encrypted) SMTP; d"
            ),
            want
        );
        assert_eq!(summary(&EncryptedWord, "from [192.0.2.1] by server-3.tower-1.example with DHE-RSA-AES256-SHA encrypted SMTP; d"), want);
        assert!(!summary(&EncryptedWord, "from a by b with SMTP (not encrypted); d").0);
        assert_eq!(
            summary(&EncryptedWord, "from a (HELO a) (192.0.2.82)\n  by mx.example.com with ESMTPS (ECDHE-RSA-AES256-GCM-SHA384 encrypted); d"),
            (true, None, Some("ECDHE-RSA-AES256-GCM-SHA384".to_string()), None)
        );
        assert_eq!(
            summary(&EncryptedWord, "by smtp.example.com with UTF8SMTPSA (TLS_AES_256_GCM_SHA384 encrypted, authenticated); d"),
            (true, None, Some("TLS_AES_256_GCM_SHA384".to_string()), None)
        );
        assert_eq!(
            summary(&EncryptedWord, "from mailout01.example.de ([192.0.2.9]) by fwd.example.de\n\twith (TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384 encrypted)\n\tesmtp id 1a2B3c; d"),
            (true, Some("TLS1.2"), Some("ECDHE-RSA-AES256-GCM-SHA384".to_string()), None)
        );
    }
}
