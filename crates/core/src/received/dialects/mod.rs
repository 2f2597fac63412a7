//! One unit per TLS notation found in real Received headers.
//!
//! Notations are shared across software (Google, Exchange, Mimecast and Mailgun all write
//! `version=… cipher=…`), so units are named after the notation and each says who writes it.
//! Every unit carries the header shapes it must recognise as tests right below it, and the
//! per-MTA fixture files under `tests/fixtures/` exercise them on whole messages.
//!
//! To add a notation: write `dialects/NAME.rs` with a unit struct implementing [`Dialect`], list
//! it in [`DIALECTS`], and add fixtures (see `tests/fixtures/README.md`).

mod cipher_comment;
mod colon_form;
mod communigate;
mod courier;
mod encrypted_word;
mod exchange;
mod google;
mod ironport;
mod keyvalue;
mod postfix;
mod rfc3848;
mod rfc8314;
mod starttls_word;
mod using_tls;

pub(crate) use rfc3848::is_tls_keyword;

use super::{Findings, Header};

/// A TLS notation: reads one header and records what it states.
pub(crate) trait Dialect: Sync {
    /// Stable rule name, shown as evidence (`postfix-using`, `rfc3848-keyword`…).
    fn name(&self) -> &'static str;
    fn detect(&self, header: &Header<'_>, found: &mut Findings);
}

/// Every notation, most specific first: the first unit to record a version or cipher wins.
pub(crate) const DIALECTS: &[&dyn Dialect] = &[
    &postfix::Postfix,
    &colon_form::ColonForm,
    &keyvalue::KeyValue,
    &rfc8314::TlsClause,
    &courier::Courier,
    &ironport::IronPort,
    &encrypted_word::EncryptedWord,
    &cipher_comment::CipherComment,
    &exchange::Exchange,
    &google::GoogleTransportSecurity,
    &starttls_word::StartTlsWord,
    &using_tls::UsingTls,
    &communigate::CommuniGate,
    &rfc3848::Rfc3848,
];

pub(crate) fn detect_all(header: &Header<'_>, found: &mut Findings) {
    for d in DIALECTS {
        d.detect(header, found);
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::received::grammar::lex;

    /// Runs one dialect over a Received value and returns its findings.
    pub fn run(d: &dyn Dialect, value: &str) -> Findings {
        let trace = lex(value, 0..value.len());
        let header = Header::new(value, 0..value.len(), &trace);
        let mut f = Findings::default();
        d.detect(&header, &mut f);
        for e in &f.evidence {
            assert_eq!(
                &value[e.start..e.end],
                e.text,
                "evidence span must match its text"
            );
        }
        f
    }

    /// `(tls, version, cipher, bits)` of a run, for compact table tests.
    pub fn summary(
        d: &dyn Dialect,
        value: &str,
    ) -> (bool, Option<&'static str>, Option<String>, Option<u32>) {
        let f = run(d, value);
        (f.tls, f.version, f.cipher, f.bits)
    }

    #[test]
    fn rule_names_are_unique() {
        let mut names: Vec<_> = DIALECTS.iter().map(|d| d.name()).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }
}
