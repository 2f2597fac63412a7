//! Microsoft Exchange without the `version=… cipher=…` comment: `with Microsoft SMTP Server
//! (TLS) id 15.0.1497.32` (Exchange 2013/2016), and `over TLS secured channel` (older
//! Exchange and Hotmail). `id 15.20.x.y` is a build number, not an address.

use super::Notation;
use crate::received::{Findings, Header, Word};

pub(crate) struct TlsNote;

impl Notation for TlsNote {
    fn name(&self) -> &'static str {
        "exchange-tls"
    }

    fn read<'a>(&self, h: &Header<'a, '_>, f: &mut Findings<'a>) {
        for at in h.at(Word::Microsoft) {
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
        let secured = h.at(Word::Secured).filter_map(|secured| {
            // `over TLS secured channel`: two words back from `secured`.
            let before = h.text[h.value.start..secured].trim_end();
            let before = before.get(..before.len().checked_sub(3)?)?.trim_end();
            let at = h.value.start + before.len().checked_sub(4)?;
            h.word_start(at).then_some(at)
        });
        for at in secured {
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
    use crate::received::notations::testing::summary;

    #[test]
    fn shapes() {
        assert!(summary(&TlsNote, "from a (192.0.2.1) by b (10.0.0.2) with Microsoft SMTP Server (TLS) id 15.0.1497.32; d").0);
        assert!(summary(&TlsNote, "from a ([192.0.2.1]) by b over TLS secured channel with Microsoft SMTPSVC(6.0.3790.4675); d").0);
        assert!(
            !summary(
                &TlsNote,
                "from a by b with Microsoft SMTP Server id 15.0.1497.32; d"
            )
            .0
        );
    }
}
