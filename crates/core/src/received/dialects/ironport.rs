//! `with ESMTP/TLS/ECDHE-RSA-AES128-GCM-SHA256` — Cisco Secure Email (IronPort), also seen
//! from a few other MTAs: protocol, `TLS`, suite in one slash-separated word.

use super::Dialect;
use crate::received::{name_byte, Findings, Header};

pub(crate) struct IronPort;

impl Dialect for IronPort {
    fn name(&self) -> &'static str {
        "protocol-slash-tls"
    }

    fn detect(&self, h: &Header<'_>, f: &mut Findings) {
        if !h.contains("/tls") {
            return;
        }
        let bytes = h.text.as_bytes();
        for at in h.find_all("/tls") {
            // The word before must be a protocol: `ESMTP`, `SMTP`, `ESMTPA`…
            let start = (h.value.start..at)
                .rev()
                .take_while(|&i| bytes[i].is_ascii_alphanumeric())
                .last()
                .unwrap_or(at);
            if !h.text[start..at].to_ascii_lowercase().contains("smtp") {
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
    use crate::received::dialects::testing::summary;

    #[test]
    fn shapes() {
        assert_eq!(
            summary(
                &IronPort,
                "from a ([192.0.2.1]) by b with ESMTP/TLS/ECDHE-RSA-AES128-GCM-SHA256; d"
            ),
            (true, None, Some("ECDHE-RSA-AES128-GCM-SHA256".into()), None)
        );
        assert_eq!(
            summary(
                &IronPort,
                "from a by b with ESMTP/TLS/DHE-RSA-AES256-SHA; d"
            )
            .2
            .as_deref(),
            Some("DHE-RSA-AES256-SHA")
        );
        assert!(!summary(&IronPort, "from a by b with ESMTP; d /tls").0);
    }
}
