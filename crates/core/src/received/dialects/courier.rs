//! `(TLS: TLS1.3,256bits,ECDHE_RSA_AES_256_GCM_SHA384)` — Courier.
//!
//! `TLS:` after STARTTLS, `SSL:` on implicit TLS (port 465); `AUTH: …` may stand in front.
//! Courier built on old OpenSSL writes `TLSv1/SSLv3` there: a cipher family, not a version.

use super::Dialect;
use crate::received::{regex, Findings, Header};

pub(crate) struct Courier;

impl Dialect for Courier {
    fn name(&self) -> &'static str {
        "courier-tls"
    }

    fn detect(&self, h: &Header<'_>, f: &mut Findings) {
        if !h.contains("bits,") {
            return;
        }
        let re = regex!(
            r"(?i-u)\b(?:TLS|SSL):\s*(?:([A-Z0-9./_]+)\s*,\s*)?([0-9]+)\s*bits\s*,\s*([A-Z0-9_-]+)"
        );
        for m in h.matches(re) {
            f.tls(self.name(), h.text, m.span());
            f.version(m.group(1).unwrap_or(""));
            f.bits(m.group(2).unwrap_or(""));
            f.cipher(m.group(3).unwrap_or(""));
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
            summary(&Courier, "from a (a [::ffff:192.0.2.7])\n  (TLS: TLS1.3,256bits,ECDHE_RSA_AES_256_GCM_SHA384)\n  by b with ESMTPS; d"),
            (true, Some("TLS1.3"), Some("ECDHE_RSA_AES_256_GCM_SHA384".into()), Some(256))
        );
        assert_eq!(
            summary(&Courier, "from a (AUTH: LOGIN alice, SSL: TLSv1/SSLv3,256bits,AES256-SHA) by b with ESMTPSA; d"),
            (true, None, Some("AES256-SHA".into()), Some(256))
        );
        assert!(!summary(&Courier, "from a (AUTH: LOGIN alice) by b with ESMTPA; d").0);
    }
}
