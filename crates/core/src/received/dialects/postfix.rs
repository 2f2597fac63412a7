//! `(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519MLKEM768 …)`
//!
//! Written by Postfix with `smtpd_tls_received_header = yes`, by Proofpoint Essentials (same
//! shape, OpenSSL cipher names) and by Stalwart (`TLS13_…` names, no bits). Postfix adds the
//! client certificate outcome in a separate comment.

use super::Dialect;
use crate::model::CertCheck;
use crate::received::{name_byte, Findings, Header};

pub(crate) struct Postfix;

impl Dialect for Postfix {
    fn name(&self) -> &'static str {
        "postfix-using"
    }

    fn detect(&self, h: &Header<'_>, f: &mut Findings) {
        if !h.contains("using") {
            return;
        }
        // Scanned by hand: this runs on most Postfix hops, and regex capture groups here cost
        // more than all the rest of a hop's analysis.
        for at in h.find_all("(using") {
            let mut s = h.scan(at + "(using".len());
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
            f.cipher(cipher.trim_end_matches('.'));
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
        for (needle, cert) in [
            ("(client did not present a certificate)", CertCheck::None),
            ("(no client certificate requested)", CertCheck::None),
        ] {
            for at in h.find_all(needle) {
                f.cert(cert);
                f.evidence("postfix-client-certificate", h.text, at..at + needle.len());
            }
        }
        // `(Client CN "…", Issuer "…" (verified OK))`: the outcome is the inner comment.
        for at in h.find_all("(client cn ") {
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
            f.evidence("postfix-client-certificate", h.text, at..s.pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::dialects::testing::{run, summary};

    #[test]
    fn shapes() {
        let pq = "from a.example (a.example [192.0.2.1])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n\t key-exchange X25519MLKEM768 server-signature RSA-PSS (4096 bits) server-digest SHA256)\n\t(No client certificate requested)\n\tby b.example (Postfix) with ESMTPS id 4X; Sun, 22 Nov 2026 05:20:40 +0000";
        let f = run(&Postfix, pq);
        assert_eq!(
            (f.tls, f.version, f.cipher.as_deref(), f.bits),
            (
                true,
                Some("TLS1.3"),
                Some("TLS_AES_256_GCM_SHA384"),
                Some(256)
            )
        );
        assert_eq!(f.key_exchange.as_deref(), Some("X25519MLKEM768"));
        assert_eq!(f.cert, Some(CertCheck::None));

        let pe = "from a (a [192.0.2.1]) (using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) by b";
        assert_eq!(
            summary(&Postfix, pe),
            (
                true,
                Some("TLS1.2"),
                Some("ECDHE-RSA-AES256-GCM-SHA384".into()),
                Some(256)
            )
        );

        let stalwart = "from a (a [192.0.2.1]) (using TLSv1.3 with cipher TLS13_AES_256_GCM_SHA384) by b (Stalwart SMTP) with ESMTPS id x";
        assert_eq!(
            summary(&Postfix, stalwart),
            (
                true,
                Some("TLS1.3"),
                Some("TLS13_AES_256_GCM_SHA384".into()),
                None
            )
        );

        let verified = "from a (using TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)) (Client CN \"a.example\", Issuer \"CA\" (verified OK)) by b";
        let f = run(&Postfix, verified);
        assert_eq!(
            (f.version, f.cert),
            (Some("TLS1.0"), Some(CertCheck::Verified))
        );
        let f = run(&Postfix, "from a (using TLSv1.2 with cipher X (1/1 bits)) (Client CN \"a\", Issuer \"b\" (not verified)) by b");
        assert_eq!(f.cert, Some(CertCheck::NotVerified));

        assert!(!run(&Postfix, "from a by b (Postfix) with ESMTP id 1; date").tls);
        assert!(!run(&Postfix, "from a (using our relay) by b").tls);
    }
}
