//! `with ESMTP-TLS` — CommuniGate Pro appends `-TLS` to the protocol.

use super::Notation;
use crate::ascii::IgnoreCase;
use crate::received::grammar::Keyword;
use crate::received::{Findings, Header};

pub(crate) struct ProtocolDashTls;

impl Notation for ProtocolDashTls {
    fn name(&self) -> &'static str {
        "protocol-dash-tls"
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        for c in h.trace.clauses(Keyword::With) {
            if let Some((word, span)) = h.trace.first_word(h.text, c) {
                let b = word.as_bytes();
                let dash_tls = b.len() > 4 && b[b.len() - 4..].eq_ignore_case(b"-tls");
                if dash_tls && b.windows(4).any(|w| w.eq_ignore_case(b"smtp")) {
                    f.tls(self.name(), h.text, c.keyword_span.start..span.end);
                }
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
        assert!(summary(&ProtocolDashTls, "from a ([192.0.2.1] verified) by b (ProtocolDashTls Pro SMTP 6.3.5) with ESMTP-TLS id 123; d").0);
        assert!(!summary(&ProtocolDashTls, "from a by b with ESMTP id 123; d").0);
    }
}
