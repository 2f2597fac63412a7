//! `(over SMTP, TLS-1.3, envelope from "…")`: chasquid's comment on how the message came in,
//! after its `tls <IANA suite>` clause (chasquid/internal/smtpsrv/conn.go, `addReceivedHeader`).
//! The second item is the TLS version as Go names it (`TLS-1.3`), or `plain text!` for a
//! session without TLS, which states nothing positive here: the `with ESMTP` keyword decides.

use super::Notation;
use crate::received::{Findings, Header, Word};

pub(crate) struct OverComment;

impl Notation for OverComment {
    fn name(&self) -> &'static str {
        crate::rules::OVER_COMMENT
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        for word_at in h.at(Word::Over).filter(|&at| h.before(at) == Some(b'(')) {
            let mut s = h.scan(word_at + "over".len());
            // The listening mode (`SMTP`, `submission`, `submission+TLS`), then a comma.
            if !(s.ws()
                && s.word(|b| b.is_ascii_alphanumeric() || b == b'+').is_some()
                && s.lit(","))
            {
                continue;
            }
            let Some(version) = s.word(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'))
            else {
                continue;
            };
            if crate::tls::normalise_version(version).is_some() && s.lit(",") {
                f.tls(self.name(), h.text, word_at - 1..s.pos - 1);
                f.version(version);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::notations::testing::summary;

    #[test]
    fn shapes() {
        assert_eq!(
            summary(&OverComment, "from mail.example.org ([192.0.2.100])\n\tby mx.example.com (chasquid) with ESMTPS\n\ttls TLS_AES_128_GCM_SHA256\n\t(over SMTP, TLS-1.3, envelope from \"a@example.org\")\n\t; d"),
            (true, Some("TLS1.3"), None, None)
        );
        assert_eq!(
            summary(&OverComment, "from laptop\n\tby mail.example.com (chasquid) with ESMTPSA\n\ttls X\n\t(over submission+TLS, TLS-1.2, envelope from \"a@example.com\")\n\t; d").1,
            Some("TLS1.2")
        );
        assert!(!summary(&OverComment, "from a by b (chasquid) with ESMTP\n\t(over SMTP, plain text!, envelope from \"a@example.org\")\n\t; d").0);
        assert!(
            !summary(
                &OverComment,
                "from a by b with ESMTP (over the hills, far away); d"
            )
            .0
        );
    }
}
