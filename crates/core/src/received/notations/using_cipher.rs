//! `(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519MLKEM768 …)`
//!
//! Written by Postfix with `smtpd_tls_received_header = yes`, by Proofpoint Essentials (same
//! shape, OpenSSL cipher names) and by Stalwart (`TLS13_…` names, no bits). Postfix adds the
//! client certificate outcome in a separate comment.

use super::Notation;
use crate::ascii::IgnoreCase;
use crate::model::CertCheck;
use crate::received::{name_byte, Findings, Header, Word};

pub(crate) struct UsingCipher;

impl Notation for UsingCipher {
    fn name(&self) -> &'static str {
        "postfix-using"
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        // Scanned by hand: this runs on most Postfix hops, and regex capture groups here cost
        // more than all the rest of a hop's analysis.
        for word_at in h.at(Word::Using).filter(|&at| h.before(at) == Some(b'(')) {
            let at = word_at - 1;
            let mut s = h.scan(word_at + "using".len());
            let Some(version) = s.word(name_byte) else {
                continue;
            };
            if !(s.lit("with") && s.lit("cipher")) {
                continue;
            }
            let Some(cipher) = s.word(name_byte) else {
                continue;
            };
            f.version(version);
            f.cipher(crate::net::without_final_dots(cipher));
            if let Some(bits) = s.optional(|s| {
                let bits = s.lit("(").then(|| s.word(|b| b.is_ascii_digit()))??;
                (s.lit("/") && s.word(|b| b.is_ascii_digit()).is_some() && s.lit("bits)"))
                    .then_some(bits)
            }) {
                f.bits(bits);
            }
            if let Some(kex) = s.optional(|s| s.lit("key-exchange").then(|| s.word(name_byte))?) {
                f.key_exchange(kex);
            }
            f.tls(self.name(), h.text, at..s.pos);
        }
        // The certificate comments all name the client: read them where `client` starts.
        for client in h.at(Word::Client) {
            let bytes = h.text.as_bytes();
            let starts_with = |at: usize, s: &[u8]| {
                at >= h.value.start
                    && at + s.len() <= h.value.end
                    && bytes[at..at + s.len()].eq_ignore_case(s)
            };
            for (needle, cert) in [
                (
                    &b"(client did not present a certificate)"[..],
                    CertCheck::None,
                ),
                (&b"(no client certificate requested)"[..], CertCheck::None),
            ] {
                // `client` is the needle's first word, or its second after `(no `.
                let offset = if needle[1] == b'c' { 1 } else { 4 };
                if let Some(at) = client
                    .checked_sub(offset)
                    .filter(|&at| starts_with(at, needle))
                {
                    f.cert(cert);
                    f.evidence(
                        crate::rules::POSTFIX_CLIENT_CERTIFICATE,
                        h.text,
                        at..at + needle.len(),
                    );
                }
            }
            let Some(at) = client
                .checked_sub(1)
                .filter(|&at| starts_with(at, b"(client cn "))
            else {
                continue;
            };
            // `(Client CN "…", Issuer "…" (verified OK))`: the outcome is the inner comment.
            let rest = &h.text[at + 1..h.value.end];
            let Some(open) = rest
                .find(['(', ')'])
                .filter(|&i| rest.as_bytes()[i] == b'(')
            else {
                continue;
            };
            let mut s = h.scan(at + 1 + open);
            let Some(outcome) = s.lit_any(&["(verified ok)", "(not verified)"]) else {
                continue;
            };
            if !s.lit(")") {
                continue;
            }
            f.cert(if outcome == "(verified ok)" {
                CertCheck::Verified
            } else {
                CertCheck::NotVerified
            });
            f.evidence(crate::rules::POSTFIX_CLIENT_CERTIFICATE, h.text, at..s.pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::notations::testing::{run, summary};

    #[test]
    fn shapes() {
        let pq = "from a.example (a.example [192.0.2.1])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n\t key-exchange X25519MLKEM768 server-signature RSA-PSS (4096 bits) server-digest SHA256)\n\t(No client certificate requested)\n\tby b.example (Postfix) with ESMTPS id 4X; Sun, 22 Nov 2026 05:20:40 +0000";
        let f = run(&UsingCipher, pq);
        assert_eq!(
            (f.tls, f.version, f.cipher, f.bits),
            (
                true,
                Some("TLS1.3"),
                Some("TLS_AES_256_GCM_SHA384"),
                Some(256)
            )
        );
        assert_eq!(f.key_exchange, Some("X25519MLKEM768"));
        assert_eq!(f.cert, Some(CertCheck::None));

        let pe = "from a (a [192.0.2.1]) (using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) by b";
        assert_eq!(
            summary(&UsingCipher, pe),
            (
                true,
                Some("TLS1.2"),
                Some("ECDHE-RSA-AES256-GCM-SHA384".into()),
                Some(256)
            )
        );

        let stalwart = "from a (a [192.0.2.1]) (using TLSv1.3 with cipher TLS13_AES_256_GCM_SHA384) by b (Stalwart SMTP) with ESMTPS id x";
        assert_eq!(
            summary(&UsingCipher, stalwart),
            (
                true,
                Some("TLS1.3"),
                Some("TLS13_AES_256_GCM_SHA384".into()),
                None
            )
        );

        let verified = "from a (using TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)) (Client CN \"a.example\", Issuer \"CA\" (verified OK)) by b";
        let f = run(&UsingCipher, verified);
        assert_eq!(
            (f.version, f.cert),
            (Some("TLS1.0"), Some(CertCheck::Verified))
        );
        let f = run(&UsingCipher, "from a (using TLSv1.2 with cipher X (1/1 bits)) (Client CN \"a\", Issuer \"b\" (not verified)) by b");
        assert_eq!(f.cert, Some(CertCheck::NotVerified));

        assert!(
            !run(
                &UsingCipher,
                "from a by b (UsingCipher) with ESMTP id 1; date"
            )
            .tls
        );
        assert!(!run(&UsingCipher, "from a (using our relay) by b").tls);
    }
}
