//! `(version=TLSv1.3 cipher=TLS_AES_128_GCM_SHA256 bits=128 verify=NOT)`
//!
//! The most widespread notation: Sendmail and Proofpoint PPS (space separated, `verify=` is
//! client-certificate verification), Google (`version=TLS1_3 … bits=128/128`), Exchange and
//! Exchange Online (`(version=TLS1_2, cipher=…)`), Mimecast and Mailgun (comma separated), and
//! OpenSMTPD before 2016 (`TLS version=… cipher=… bits=… verify=…`, no parentheses).
//! `(authenticated bits=0)` is an authentication note, not a cipher, and is not matched.

use super::Notation;
use crate::ascii::IgnoreCase;
use crate::model::CertCheck;
use crate::received::{name_byte, Findings, Header, Word};

pub(crate) struct KeyValue;

impl Notation for KeyValue {
    fn name(&self) -> &'static str {
        "version-cipher-keyvalue"
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        // Scanned by hand, like Postfix's notation: most hops in real mail carry this one. The
        // word index only holds `version=` at word starts: `myversion=` is not this notation.
        for at in h.at(Word::Version) {
            let mut s = h.scan(at + "version=".len());
            let Some(version) = s.word(|b| name_byte(b) || b == b'/') else {
                continue;
            };
            s.lit(",");
            if !s.lit("cipher=") {
                continue;
            }
            let Some(cipher) = s.word(name_byte) else {
                continue;
            };
            f.version(version);
            f.cipher(cipher);
            if let Some(bits) = s.optional(|s| {
                s.lit(",");
                let bits = s.lit("bits=").then(|| s.word(|b| b.is_ascii_digit()))??;
                s.optional(|s| s.lit("/").then(|| s.word(|b| b.is_ascii_digit()))?);
                Some(bits)
            }) {
                f.bits(bits);
            }
            if let Some(v) = s.optional(|s| {
                s.lit(",");
                s.lit("verify=")
                    .then(|| s.word(|b| b.is_ascii_alphabetic()))?
            }) {
                // OpenSMTPD before 6.0 wrote `TLS version=…` outside parentheses, and its
                // `verify=` is a plain yes/no "was the certificate verified", with or without parentheses.
                let before = h.text[h.value.start..at].trim_end();
                let b = before.as_bytes();
                let opensmtpd = b.len() >= 4
                    && b[b.len() - 3..].eq_ignore_case(b"tls")
                    && !b[b.len() - 4].is_ascii_alphanumeric();
                f.cert(if opensmtpd {
                    opensmtpd_verify(v)
                } else {
                    verify(v)
                });
            }
            f.tls(self.name(), h.text, at..s.pos);
        }
    }
}

/// Sendmail's `${verify}` macro: OK verified; FAIL and errors not verified; NO (no
/// certificate), NOT (not requested) and NONE (no STARTTLS) mean no certificate was checked.
fn verify(v: &str) -> CertCheck {
    let is = |word: &str| v.eq_ignore_case(word);
    if is("OK") || is("TRUSTED") {
        CertCheck::Verified
    } else if is("NO") || is("NOT") || is("NONE") {
        CertCheck::None
    } else {
        CertCheck::NotVerified
    }
}

/// OpenSMTPD's `verify=YES|NO`.
fn opensmtpd_verify(v: &str) -> CertCheck {
    if v.eq_ignore_case("YES") {
        CertCheck::Verified
    } else {
        CertCheck::NotVerified
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::notations::testing::{run, summary};

    #[test]
    fn shapes() {
        let cases: &[(&str, Option<&str>, &str, Option<u32>)] = &[
            ("from a by b (8.17.1/8.17.1) with ESMTPS id 3abc (version=TLSv1.3 cipher=TLS_AES_128_GCM_SHA256 bits=128 verify=NOT)", Some("TLS1.3"), "TLS_AES_128_GCM_SHA256", Some(128)),
            ("from a by mx.google.com with ESMTPSA id x\n        (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128);", Some("TLS1.3"), "TLS_AES_128_GCM_SHA256", Some(128)),
            ("from a by b with Microsoft SMTP Server (version=TLS1_2,\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.1143.11", Some("TLS1.2"), "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", None),
            ("from a by b with ESMTP with STARTTLS (version=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384) id x", Some("TLS1.3"), "TLS_AES_256_GCM_SHA384", None),
            ("from a by b with SMTP id x (version=TLS1.2, cipher=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)", Some("TLS1.2"), "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", None),
            ("from a by b (8.14.4/8.14.4) with ESMTP id x (version=TLSv1/SSLv3 cipher=DHE-RSA-AES256-SHA bits=256 verify=NO)", None, "DHE-RSA-AES256-SHA", Some(256)),
            ("from a by b with ESMTP id 1 TLS version=TLSv1/SSLv3 cipher=ECDHE-RSA-AES256-SHA bits=256 verify=NO;", None, "ECDHE-RSA-AES256-SHA", Some(256)),
        ];
        for (value, version, cipher, bits) in cases {
            assert_eq!(
                summary(&KeyValue, value),
                (true, *version, Some(cipher.to_string()), *bits),
                "{value}"
            );
        }
        assert_eq!(
            run(&KeyValue, "(version=TLSv1.2 cipher=X bits=1 verify=OK)").cert,
            Some(CertCheck::Verified)
        );
        assert_eq!(
            run(&KeyValue, "(version=TLSv1.2 cipher=X bits=1 verify=FAIL)").cert,
            Some(CertCheck::NotVerified)
        );
        assert!(
            !run(
                &KeyValue,
                "from a (authenticated bits=0) by b with ESMTPSA id x"
            )
            .tls
        );
        let old_opensmtpd = "from a by b (OpenSMTPD) with ESMTPS id 1 TLS version=TLSv1.2 cipher=ECDHE-RSA-AES256-SHA384 bits=256 verify=NO;";
        assert_eq!(
            run(&KeyValue, old_opensmtpd).cert,
            Some(CertCheck::NotVerified)
        );
        assert!(!run(&KeyValue, "from a by b with ESMTP (myversion=2)").tls);
    }
}
