//! `with (DHE-RSA-AES256-SHA encrypted) SMTP` (qmail with the TLS patch),
//! `with DHE-RSA-AES256-SHA encrypted SMTP` (MessageLabs / Symantec, no parentheses) and
//! `with (TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384 encrypted) esmtp` (Deutsche Telekom's
//! mailout servers: the version, a colon, then the cipher).

use super::Dialect;
use crate::received::{name_byte, Findings, Header};

pub(crate) struct EncryptedWord;

impl Dialect for EncryptedWord {
    fn name(&self) -> &'static str {
        "cipher-encrypted-smtp"
    }

    fn detect(&self, h: &Header<'_>, f: &mut Findings) {
        if !h.contains("encrypted") {
            return;
        }
        for at in h.find_all("with").filter(|&at| h.word_start(at)) {
            let mut s = h.scan(at + "with".len());
            if !s.ws() {
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
    use crate::received::dialects::testing::summary;

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
            summary(&EncryptedWord, "from mailout01.example.de ([192.0.2.9]) by fwd.example.de\n\twith (TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384 encrypted)\n\tesmtp id 1a2B3c; d"),
            (true, Some("TLS1.2"), Some("ECDHE-RSA-AES256-GCM-SHA384".to_string()), None)
        );
    }
}
