//! `(TLS1.3)`, `(TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256)`, `(TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO)`
//!
//! Exim writes the version alone in a comment (≥ 4.93, with the suite in a `tls` clause) or
//! `version:suite:bits` (older; GnuTLS or OpenSSL suite names; `UNKNOWN` when Exim could not
//! tell the version; Exim 3 prefixed `Cipher `). OpenSMTPD ≥ 6.0 writes the same triple plus a
//! fourth field saying whether the client certificate was verified (`YES`/`NO`). Odd Exim
//! builds write `(tls_cipher TLS-1.0:suite:bits)`. mox writes the version and the suite with a
//! space between them: `(TLS1.3 TLS_AES_128_GCM_SHA256)`.

use super::Notation;
use crate::ascii::IgnoreCase;
use crate::model::CertCheck;
use crate::received::{name_byte, Findings, Header, Word};

pub(crate) struct ColonForm;

impl Notation for ColonForm {
    fn name(&self) -> &'static str {
        "version-colon-cipher"
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        // `(TLS…`, `(SSL…`, `(Cipher …`, `(tls_cipher …`, `(UNKNOWN:…`: a comment that starts
        // with one of the trigger words.
        // Loops, not `flat_map`: the flattened iterator's state costs more than the search.
        for word in [Word::Tls, Word::Ssl, Word::Cipher, Word::Unknown] {
            for word_at in h.at(word) {
                if h.before(word_at) != Some(b'(') {
                    continue;
                }
                let at = word_at - 1;
                let mut s = h.scan(word_at);
                s.optional(|s| s.lit_any(&["cipher", "tls_cipher"]).filter(|_| s.ws()));
                let Some(version) = s.word(|b| name_byte(b) || b == b'/') else {
                    continue;
                };
                let version_like = ["tls", "ssl", "unknown"].iter().any(|p| {
                    version.len() >= p.len()
                        && version.as_bytes()[..p.len()].eq_ignore_case(p.as_bytes())
                });
                if !version_like {
                    continue;
                }
                if s.lit(")") {
                    // Exim ≥ 4.93: the version alone, `(TLS1.3)`, with the suite in a `tls` clause.
                    if crate::tls::normalise_version(version).is_some() {
                        f.tls(crate::rules::EXIM_VERSION_COMMENT, h.text, at..s.pos);
                        f.version(version);
                    }
                    continue;
                }
                // mox: `(TLS1.3 TLS_AES_128_GCM_SHA256)`.
                if crate::tls::normalise_version(version).is_some() {
                    let suite = s.optional(|s| {
                        let suite = s.word(|b| name_byte(b) && b != b'.')?;
                        (s.lit(")") && crate::tls::parse_cipher(suite).is_some()).then_some(suite)
                    });
                    if let Some(suite) = suite {
                        f.tls(crate::rules::VERSION_SUITE_COMMENT, h.text, at..s.pos);
                        f.version(version);
                        f.cipher(suite);
                        continue;
                    }
                }
                // `(version:suite:bits)`, OpenSMTPD adding `:YES`/`:NO`.
                let triple = s.optional(|s| {
                    s.lit(":").then_some(())?;
                    let suite = s.word(|b| name_byte(b) && b != b'.')?;
                    s.lit(":").then_some(())?;
                    let bits = s.word(|b| b.is_ascii_digit())?;
                    let verified = s.optional(|s| s.lit(":").then(|| s.lit_any(&["yes", "no"]))?);
                    s.lit(")").then_some((suite, bits, verified))
                });
                let Some((suite, bits, verified)) = triple else {
                    continue;
                };
                f.tls(self.name(), h.text, at..s.pos);
                f.version(version);
                f.cipher(suite);
                f.bits(bits);
                match verified {
                    Some("yes") => f.cert(CertCheck::Verified),
                    Some(_) => f.cert(CertCheck::NotVerified),
                    None => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::notations::testing::{run, summary};

    /// Header value, then the expected version, cipher and bits.
    type Case = (
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        Option<u32>,
    );

    #[test]
    fn shapes() {
        assert_eq!(
            summary(&ColonForm, "from a (a [192.0.2.120]) by\n\tmx.example.com ([198.51.100.10]) via tcp with ESMTPS id 2kJ8\n\t(TLS1.3 TLS_AES_128_GCM_SHA256) for <b@example.com>; d"),
            (true, Some("TLS1.3"), Some("TLS_AES_128_GCM_SHA256".into()), None)
        );
        assert!(!summary(&ColonForm, "from a by b with ESMTP (TLS is nice) ; d").0);
        let cases: &[Case] = &[
            ("from a by b with esmtps (TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256) (Exim 4.92) id 1", Some("TLS1.2"), Some("ECDHE_RSA_AES_256_GCM_SHA384"), Some(256)),
            ("from a by b with esmtps (TLSv1.3:TLS_AES_256_GCM_SHA384:256) (Exim 4.90)", Some("TLS1.3"), Some("TLS_AES_256_GCM_SHA384"), Some(256)),
            ("from a by b with esmtp (Cipher TLSv1:DES-CBC3-SHA:168) (Exim 3.36)", Some("TLS1.0"), Some("DES-CBC3-SHA"), Some(168)),
            ("from a by b with esmtps (UNKNOWN:ECDHE-RSA-AES256-GCM-SHA384:256)", None, Some("ECDHE-RSA-AES256-GCM-SHA384"), Some(256)),
            ("from a by b with local-esmtps (tls_cipher TLS-1.0:RSA_AES_256_CBC_SHA1:32)", Some("TLS1.0"), Some("RSA_AES_256_CBC_SHA1"), Some(32)),
            ("from a by b with esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384", Some("TLS1.3"), None, None),
        ];
        for (value, version, cipher, bits) in cases {
            assert_eq!(
                summary(&ColonForm, value),
                (true, *version, cipher.map(String::from), *bits),
                "{value}"
            );
        }
        let f = run(&ColonForm, "from a by b (OpenSMTPD) with ESMTPS id 8c3a1b2f (TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO)");
        assert_eq!(
            (f.version, f.cert),
            (Some("TLS1.3"), Some(CertCheck::NotVerified))
        );
        let f = run(
            &ColonForm,
            "from a by b with ESMTPS id 1 (TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256:YES)",
        );
        assert_eq!(f.cert, Some(CertCheck::Verified));
        assert!(!run(&ColonForm, "from a (HELO x:y:1) by b with ESMTP").tls);
    }
}
