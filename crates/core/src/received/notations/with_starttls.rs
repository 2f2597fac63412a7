//! `with ESMTP with STARTTLS` — Mimecast names the upgrade as a second `with` clause.

use super::Notation;
use crate::ascii::IgnoreCase;
use crate::received::grammar::Keyword;
use crate::received::{Findings, Header};

pub(crate) struct WithStartTls;

impl Notation for WithStartTls {
    fn name(&self) -> &'static str {
        "with-starttls"
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        for c in h.trace.clauses(Keyword::With) {
            if let Some((word, span)) = h.trace.first_word(h.text, c) {
                if word.eq_ignore_case("STARTTLS") {
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
        assert!(summary(&WithStartTls, "from a (a [192.0.2.1]) by b with ESMTP with STARTTLS (version=TLSv1.3, cipher=X) id 1; d").0);
        assert!(!summary(&WithStartTls, "from a by b with ESMTP id STARTTLS; d").0);
    }
}
