//! `(Google Transport Security)`: Google's own hops between its data centres, written with
//! `with SMTPS` (implicit TLS) and no cipher.

use super::Dialect;
use crate::received::{Findings, Header};

pub(crate) struct GoogleTransportSecurity;

impl Dialect for GoogleTransportSecurity {
    fn name(&self) -> &'static str {
        "google-transport-security"
    }

    fn detect(&self, h: &Header<'_>, f: &mut Findings) {
        if !h.contains("transport security") {
            return;
        }
        for at in h.find_all("(google") {
            let mut s = h.scan(at);
            if s.lit("(google")
                && s.ws()
                && s.lit("transport")
                && s.ws()
                && s.lit("security")
                && s.lit(")")
            {
                f.tls(self.name(), h.text, at..s.pos);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::dialects::testing::summary;

    #[test]
    fn shapes() {
        assert!(summary(&GoogleTransportSecurity, "from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])\n        by mx.google.com with SMTPS id x\n        for <b@example.com>\n        (Google Transport Security);\n        Sun, 22 Nov 2026 05:20:40 -0800 (PST)").0);
        assert!(
            !summary(
                &GoogleTransportSecurity,
                "from a by mx.google.com with ESMTP id x; d"
            )
            .0
        );
    }
}
