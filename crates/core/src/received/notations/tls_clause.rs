//! `tls TLS_AES_256_GCM_SHA384`: the Received clause RFC 8314 §7.4 added.
//!
//! Exim ≥ 4.93 writes it after a `(TLS1.3)` comment; Haraka 3.x writes it at the end of the
//! line, with the IANA suite and no version.

use super::Notation;
use crate::received::grammar::{Keyword, TokKind};
use crate::received::{Findings, Header};

pub(crate) struct TlsClause;

impl Notation for TlsClause {
    fn name(&self) -> &'static str {
        "rfc8314-tls-clause"
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        for c in h.trace.clauses(Keyword::Tls) {
            let Some(suite) = h
                .trace
                .toks_of(c)
                .first()
                .filter(|t| t.kind == TokKind::Word)
            else {
                continue;
            };
            let word = &h.text[suite.span.clone()];
            // The clause names a cipher suite (IANA's underscored name, or the OpenSSL name that
            // Haraka falls back to on old Node); a stray word "tls" followed by prose does not.
            let suite_like = word
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                && (word.contains('_') || crate::tls::parse_cipher(word).is_some());
            if !suite_like {
                continue;
            }
            f.tls(self.name(), h.text, c.keyword_span.start..suite.span.end);
            f.cipher(word);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::notations::testing::summary;

    #[test]
    fn shapes() {
        assert_eq!(
            summary(&TlsClause, "from a ([192.0.2.1] helo=a) by b with esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.97) (envelope-from <x@a>) id 1; date"),
            (true, None, Some("TLS_AES_256_GCM_SHA384".into()), None)
        );
        assert_eq!(
            summary(&TlsClause, "from a (a [192.0.2.1]) by b (Haraka/3.0.3) with ESMTPS id 8A envelope-from <x@a> tls TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA; date"),
            (true, None, Some("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA".into()), None)
        );
        assert!(!summary(&TlsClause, "from tls by b with ESMTP; d").0);
        assert!(
            !summary(&TlsClause, "from a by b with ESMTP (tls TLS_X) ; d").0,
            "inside a comment it is not the clause"
        );
    }
}
