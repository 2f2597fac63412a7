//! `(Google Transport Security)`: Google's own hops between its data centres, written with
//! `with SMTPS` (implicit TLS) and no cipher.

use super::Notation;
use crate::received::{Findings, Header, Word};

pub(crate) struct TransportSecurity;

impl Notation for TransportSecurity {
    fn name(&self) -> &'static str {
        "google-transport-security"
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        for at in h
            .at(Word::Google)
            .filter(|&at| h.before(at) == Some(b'('))
            .map(|at| at - 1)
        {
            let mut s = h.scan(at);
            if s.lit("(google")
                && s.ws()
                && s.lit("transport")
                && s.ws()
                && s.lit("security")
                && s.lit(")")
            {
                f.tls(self.name(), h.text, at..s.pos);
                f.provider_transport = true;
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
        assert!(summary(&TransportSecurity, "from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])\n        by mx.google.com with SMTPS id x\n        for <b@example.com>\n        (Google Transport Security);\n        Sun, 22 Nov 2026 05:20:40 -0800 (PST)").0);
        assert!(
            !summary(
                &TransportSecurity,
                "from a by mx.google.com with ESMTP id x; d"
            )
            .0
        );
    }
}
