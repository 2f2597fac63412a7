//! RFC 3848 protocol keywords that say TLS: `ESMTPS`, `ESMTPSA`, `LMTPS`, `LMTPSA`,
//! `UTF8SMTPS`, `UTF8SMTPSA`, `UTF8LMTPS`, `UTF8LMTPSA`; also `SMTPS` (implicit TLS, Google)
//! and `HTTPS`, and Exim's `local-esmtps`. Postfix's default, Yahoo, iCloud, Halon and maddy
//! write nothing else. The keyword may sit in `via` (older Yahoo, Scalix). The keyword list
//! itself is `protocol.rs`'s, shared with the hop rules.

use super::Notation;
use crate::received::grammar::Keyword;
use crate::received::protocol::is_tls_keyword;
use crate::received::{Findings, Header};

pub(crate) struct ProtocolKeyword;

impl Notation for ProtocolKeyword {
    fn name(&self) -> &'static str {
        "rfc3848-keyword"
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        for kw in [Keyword::With, Keyword::Via] {
            for c in h.trace.clauses(kw) {
                if let Some((word, span)) = h.trace.first_word(h.text, c) {
                    if is_tls_keyword(word) {
                        f.tls(self.name(), h.text, c.keyword_span.start..span.end);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::notations::testing::{run, summary};

    #[test]
    fn keywords() {
        for kw in [
            "ESMTPS",
            "esmtpsa",
            "LMTPS",
            "UTF8SMTPS",
            "UTF8SMTPSA",
            "UTF8LMTPS",
            "SMTPS",
            "local-esmtps",
            "HTTPS",
        ] {
            assert!(
                summary(&ProtocolKeyword, &format!("from a by b with {kw} id 1; d")).0,
                "{kw}"
            );
        }
        for kw in [
            "ESMTP", "SMTP", "ESMTPA", "LMTP", "LMTPA", "HTTP", "local", "mapi", "ESMTPSX",
        ] {
            assert!(
                !summary(&ProtocolKeyword, &format!("from a by b with {kw} id 1; d")).0,
                "{kw}"
            );
        }
        let value = "from a by b with ESMTPS id 1; d";
        let f = run(&ProtocolKeyword, value);
        assert_eq!(&value[f.evidence[0].span.clone()], "with ESMTPS");
        assert!(summary(&ProtocolKeyword, "from a by b via ESMTPS; d").0);
    }
}
