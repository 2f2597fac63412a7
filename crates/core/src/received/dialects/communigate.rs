//! `with ESMTP-TLS` — CommuniGate Pro appends `-TLS` to the protocol.

use super::Dialect;
use crate::received::grammar::Keyword;
use crate::received::{Findings, Header};

pub(crate) struct CommuniGate;

impl Dialect for CommuniGate {
    fn name(&self) -> &'static str {
        "protocol-dash-tls"
    }

    fn detect(&self, h: &Header<'_>, f: &mut Findings) {
        for c in h.trace.clauses(Keyword::With) {
            if let Some((word, span)) = h.trace.first_word(h.text, c) {
                let upper = word.to_ascii_uppercase();
                if upper.ends_with("-TLS") && upper.contains("SMTP") {
                    f.tls(self.name(), h.text, c.keyword_span.start..span.end);
                }
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
        assert!(summary(&CommuniGate, "from a ([192.0.2.1] verified) by b (CommuniGate Pro SMTP 6.3.5) with ESMTP-TLS id 123; d").0);
        assert!(!summary(&CommuniGate, "from a by b with ESMTP id 123; d").0);
    }
}
