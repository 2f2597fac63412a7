//! `(Using TLS)`: Mimecast's comment on hops it received over TLS (`from mx.example.com
//! (mx.example.com [192.0.2.4]) (Using TLS) by relay.mimecast.com with ESMTP id …`). A TLS
//! statement without version or cipher.

use super::Notation;
use crate::received::{Findings, Header, Word};

pub(crate) struct UsingTls;

impl Notation for UsingTls {
    fn name(&self) -> &'static str {
        crate::rules::USING_TLS_COMMENT
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        for at in h.at(Word::Using).filter(|&at| h.before(at) == Some(b'(')) {
            let mut s = h.scan(at + "using".len());
            if s.ws() && s.lit("tls") && s.lit(")") {
                f.tls(self.name(), h.text, at - 1..s.pos);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::notations::testing::{run, summary};

    #[test]
    fn shapes() {
        let value = "from mx1.example.com (mx1.example.com\n [192.0.2.4]) (Using TLS) by relay.mimecast.com with ESMTP id\n us-mta-402-AbC-1; Tue, 14 Jan 2026 06:55:49 -0500";
        assert_eq!(summary(&UsingTls, value), (true, None, None, None));
        let span = run(&UsingTls, value).evidence[0].span.clone();
        assert_eq!(&value[span], "(Using TLS)");
        assert!(
            !summary(
                &UsingTls,
                "from a by b with ESMTP (using TLSv1.2 with cipher X); d"
            )
            .0
        );
        assert!(!summary(&UsingTls, "from a by b with ESMTP (not using TLS); d").0);
    }
}
