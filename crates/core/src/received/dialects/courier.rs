//! `(TLS: TLS1.3,256bits,ECDHE_RSA_AES_256_GCM_SHA384)` — Courier.
//!
//! `TLS:` after STARTTLS, `SSL:` on implicit TLS (port 465); `AUTH: …` may stand in front.
//! Courier built on old OpenSSL writes `TLSv1/SSLv3` there: a cipher family, not a version.

use super::Dialect;
use crate::received::{name_byte, Findings, Header};

pub(crate) struct Courier;

impl Dialect for Courier {
    fn name(&self) -> &'static str {
        "courier-tls"
    }

    fn detect(&self, h: &Header<'_>, f: &mut Findings) {
        if !h.contains("bits,") {
            return;
        }
        for at in ["tls:", "ssl:"]
            .iter()
            .flat_map(|n| h.find_all(n))
            .filter(|&at| h.word_start(at))
        {
            // `version,NNNbits,suite` or, without a version, `NNNbits,suite`.
            let read = |with_version: bool| {
                let mut s = h.scan(at + 4);
                let version = if with_version {
                    let v = s.word(|b| name_byte(b) || b == b'/')?;
                    s.lit(",").then_some(v)?
                } else {
                    ""
                };
                let bits = s.word(|b| b.is_ascii_digit())?;
                (s.lit("bits") && s.lit(",")).then_some(())?;
                let suite = s.word(|b| name_byte(b) && b != b'.')?;
                Some((version, bits, suite, s.pos))
            };
            let Some((version, bits, suite, end)) = read(true).or_else(|| read(false)) else {
                continue;
            };
            f.tls(self.name(), h.text, at..end);
            f.version(version);
            f.bits(bits);
            f.cipher(suite);
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
