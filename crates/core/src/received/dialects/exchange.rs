//! Microsoft Exchange without the `version=… cipher=…` comment: `with Microsoft SMTP Server
//! (TLS) id 15.0.1497.32` (Exchange 2013/2016), and `over TLS secured channel` (older
//! Exchange and Hotmail). `id 15.20.x.y` is a build number, not an address.

use super::Dialect;
use crate::received::{Findings, Header};

pub(crate) struct Exchange;

impl Dialect for Exchange {
    fn name(&self) -> &'static str {
        "exchange-tls"
    }

    fn detect(&self, h: &Header<'_>, f: &mut Findings) {
        if !(h.contains("(tls)") || h.contains("secured")) {
            return;
        }
        for at in h.find_all("microsoft") {
            let mut s = h.scan(at);
            if s.lit("microsoft")
                && s.ws()
                && s.lit("smtp")
                && s.ws()
                && s.lit("server")
                && s.lit("(tls)")
            {
                f.tls(self.name(), h.text, at..s.pos);
            }
        }
        for at in h.find_all("over").filter(|&at| h.word_start(at)) {
            let mut s = h.scan(at);
            if s.lit("over")
                && s.ws()
                && s.lit("tls")
                && s.ws()
                && s.lit("secured")
                && s.ws()
                && s.lit("channel")
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
        assert!(summary(&Exchange, "from a (192.0.2.1) by b (10.0.0.2) with Microsoft SMTP Server (TLS) id 15.0.1497.32; d").0);
        assert!(summary(&Exchange, "from a ([192.0.2.1]) by b over TLS secured channel with Microsoft SMTPSVC(6.0.3790.4675); d").0);
        assert!(
            !summary(
                &Exchange,
                "from a by b with Microsoft SMTP Server id 15.0.1497.32; d"
            )
            .0
        );
    }
}
