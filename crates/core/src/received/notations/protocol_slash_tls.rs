//! `with ESMTP/TLS/ECDHE-RSA-AES128-GCM-SHA256` — Cisco Secure Email (IronPort), also seen
//! from a few other MTAs: protocol, `TLS`, suite in one slash-separated word.

use super::Notation;
use crate::ascii::IgnoreCase;
use crate::received::{name_byte, Findings, Header, Word};

pub(crate) struct ProtocolSlashTls;

impl Notation for ProtocolSlashTls {
    fn name(&self) -> &'static str {
        "protocol-slash-tls"
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        let bytes = h.text.as_bytes();
        for at in h.at(Word::Tls).filter(|&at| h.before(at) == Some(b'/')) {
            let at = at - 1;
            // The word before must be a protocol: `ESMTP`, `SMTP`, `ESMTPA`…
            let start = (h.value.start..at)
                .rev()
                .take_while(|&i| bytes[i].is_ascii_alphanumeric())
                .last()
                .unwrap_or(at);
            if !bytes[start..at]
                .windows(4)
                .any(|w| w.eq_ignore_case(b"smtp"))
            {
                continue;
            }
            let mut s = h.scan(at + "/tls".len());
            s.optional(|s| {
                s.word(|b| b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'v' | b'V'))
            });
            let cipher =
                s.optional(|s| s.lit("/").then(|| s.word(|b| name_byte(b) && b != b'.'))?);
            f.tls(self.name(), h.text, start..s.pos);
            f.cipher(cipher.unwrap_or(""));
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
            summary(
                &ProtocolSlashTls,
                "from a ([192.0.2.1]) by b with ESMTP/TLS/ECDHE-RSA-AES128-GCM-SHA256; d"
            ),
            (true, None, Some("ECDHE-RSA-AES128-GCM-SHA256".into()), None)
        );
        assert_eq!(
            summary(
                &ProtocolSlashTls,
                "from a by b with ESMTP/TLS/DHE-RSA-AES256-SHA; d"
            )
            .2
            .as_deref(),
            Some("DHE-RSA-AES256-SHA")
        );
        assert!(!summary(&ProtocolSlashTls, "from a by b with ESMTP; d /tls").0);
    }
}
