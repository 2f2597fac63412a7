//! `(TLS: TLS1.3,256bits,ECDHE_RSA_AES_256_GCM_SHA384)` — Courier.
//!
//! `TLS:` after STARTTLS, `SSL:` on implicit TLS (port 465); `AUTH: …` may stand in front.
//! Courier built on old OpenSSL writes `TLSv1/SSLv3` there: a cipher family, not a version.

use super::Notation;
use crate::received::{name_byte, Findings, Header, Word};

pub(crate) struct TlsColonList;

impl Notation for TlsColonList {
    fn name(&self) -> &'static str {
        "courier-tls"
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        if !h.has(Word::Bits) {
            return;
        }
        // Loops, not `flat_map` (see `colon_form.rs`).
        for word in [Word::Tls, Word::Ssl] {
            for at in h.at(word) {
                if h.text.as_bytes().get(at + 3) != Some(&b':') {
                    continue;
                }
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::notations::testing::summary;

    #[test]
    fn shapes() {
        assert_eq!(
            summary(&TlsColonList, "from a (a [::ffff:192.0.2.7])\n  (TLS: TLS1.3,256bits,ECDHE_RSA_AES_256_GCM_SHA384)\n  by b with ESMTPS; d"),
            (true, Some("TLS1.3"), Some("ECDHE_RSA_AES_256_GCM_SHA384".into()), Some(256))
        );
        assert_eq!(
            summary(&TlsColonList, "from a (AUTH: LOGIN alice, SSL: TLSv1/SSLv3,256bits,AES256-SHA) by b with ESMTPSA; d"),
            (true, None, Some("AES256-SHA".into()), Some(256))
        );
        assert!(
            !summary(
                &TlsColonList,
                "from a (AUTH: LOGIN alice) by b with ESMTPA; d"
            )
            .0
        );
    }
}
