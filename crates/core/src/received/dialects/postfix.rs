//! `(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519MLKEM768 …)`
//!
//! Written by Postfix with `smtpd_tls_received_header = yes`, by Proofpoint Essentials (same
//! shape, OpenSSL cipher names) and by Stalwart (`TLS13_…` names, no bits). Postfix adds the
//! client certificate outcome in a separate comment.

use super::Dialect;
use crate::model::CertCheck;
use crate::received::{regex, Findings, Header};

pub(crate) struct Postfix;

impl Dialect for Postfix {
    fn name(&self) -> &'static str {
        "postfix-using"
    }

    fn detect(&self, h: &Header<'_>, f: &mut Findings) {
        if !h.contains("using") {
            return;
        }
        let re = regex!(
            r"(?i-u)\(using\s+((?:TLS|SSL)v?[0-9._]*)\s+with\s+cipher\s+([A-Z0-9_-]+)(?:\s+\(([0-9]+)/[0-9]+\s+bits\))?(?:\s+key-exchange\s+([A-Z0-9_-]+))?"
        );
        for m in h.matches(re) {
            f.tls(self.name(), h.text, m.span());
            f.version(m.group(1).unwrap_or(""));
            f.cipher(m.group(2).unwrap_or(""));
            f.bits(m.group(3).unwrap_or(""));
            f.key_exchange(m.group(4).unwrap_or(""));
        }
        let cert = regex!(
            r"(?i-u)\((?:Client did not present a certificate|No client certificate requested|Client CN [^()]*\((verified OK|not verified)\))\)"
        );
        for m in h.matches(cert) {
            let c = match m.group(1) {
                Some(v) if v.eq_ignore_ascii_case("verified OK") => CertCheck::Verified,
                Some(_) => CertCheck::NotVerified,
                None => CertCheck::None,
            };
            f.cert(c);
            f.evidence("postfix-client-certificate", h.text, m.span());
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
        assert_eq!((f.tls, f.version, f.cipher.as_deref(), f.bits), (true, Some("TLS1.3"), Some("TLS_AES_256_GCM_SHA384"), Some(256)));
        assert_eq!(f.key_exchange.as_deref(), Some("X25519MLKEM768"));
        assert_eq!(f.cert, Some(CertCheck::None));

        let pe = "from a (a [192.0.2.1]) (using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) by b";
        assert_eq!(summary(&Postfix, pe), (true, Some("TLS1.2"), Some("ECDHE-RSA-AES256-GCM-SHA384".into()), Some(256)));

        let stalwart = "from a (a [192.0.2.1]) (using TLSv1.3 with cipher TLS13_AES_256_GCM_SHA384) by b (Stalwart SMTP) with ESMTPS id x";
        assert_eq!(summary(&Postfix, stalwart), (true, Some("TLS1.3"), Some("TLS13_AES_256_GCM_SHA384".into()), None));

        let verified = "from a (using TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)) (Client CN \"a.example\", Issuer \"CA\" (verified OK)) by b";
        let f = run(&Postfix, verified);
        assert_eq!((f.version, f.cert), (Some("TLS1.0"), Some(CertCheck::Verified)));
        let f = run(&Postfix, "from a (using TLSv1.2 with cipher X (1/1 bits)) (Client CN \"a\", Issuer \"b\" (not verified)) by b");
        assert_eq!(f.cert, Some(CertCheck::NotVerified));

        assert!(!run(&Postfix, "from a by b (Postfix) with ESMTP id 1; date").tls);
        assert!(!run(&Postfix, "from a (using our relay) by b").tls);
    }
}
