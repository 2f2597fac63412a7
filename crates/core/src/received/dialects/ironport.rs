//! `with ESMTP/TLS/ECDHE-RSA-AES128-GCM-SHA256` — Cisco Secure Email (IronPort), also seen
//! from a few other MTAs: protocol, `TLS`, suite in one slash-separated word.

use super::Dialect;
use crate::received::{regex, Findings, Header};

pub(crate) struct IronPort;

impl Dialect for IronPort {
    fn name(&self) -> &'static str {
        "protocol-slash-tls"
    }

    fn detect(&self, h: &Header<'_>, f: &mut Findings) {
        if !h.contains("/tls") {
            return;
        }
        let re = regex!(r"(?i-u)\b[A-Z0-9]*SMTP[A-Z]*/TLS(?:v?[0-9._]+)?(?:/([A-Z0-9_-]+))?");
        for m in h.matches(re) {
            f.tls(self.name(), h.text, m.span());
            f.cipher(m.group(1).unwrap_or(""));
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
