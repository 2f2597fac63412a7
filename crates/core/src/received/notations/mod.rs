//! One unit per TLS notation found in real Received headers.
//!
//! Notations are shared across software (Google, Exchange, Mimecast and Mailgun all write
//! `version=… cipher=…`), so units are named after the notation's shape, and each says who
//! writes it; `docs/NOTATIONS.md` maps every surveyed server to the notation it writes. Every
//! unit carries the header shapes it must recognise as tests right below it, and the
//! per-server fixture files under `tests/fixtures/` exercise them on whole messages.
//!
//! A unit first checks that its trigger words are in the header ([`Header::has`]; the words
//! were indexed in one pass), and returns at once when they are not: most units find nothing
//! in most headers, and that must cost next to nothing.
//!
//! To add a notation: write `notations/NAME.rs` with a unit struct implementing [`Notation`],
//! list it in [`NOTATIONS`], add its rule name to `rules.rs` (with the sentence people read),
//! and add fixtures (see `tests/fixtures/README.md`).

mod cipher_comment;
mod colon_form;
mod encrypted_word;
mod key_value;
mod over_comment;
mod protocol_dash_tls;
mod protocol_keyword;
mod protocol_slash_tls;
mod tls_clause;
mod tls_colon_list;
mod tls_note;
mod transport_security;
mod using_cipher;
mod using_tls;
mod with_starttls;

use super::{Findings, Header};

/// A TLS notation: reads one header and records what it states.
pub(crate) trait Notation: Sync {
    /// Stable rule name, shown as evidence (`postfix-using`, `rfc3848-keyword`…); listed in
    /// `rules.rs`.
    fn name(&self) -> &'static str;
    fn read<'a>(&self, header: &Header<'a, '_>, found: &mut Findings<'a>);
}

/// Every notation, most specific first: the first unit to record a version or cipher wins.
pub(crate) const NOTATIONS: &[&dyn Notation] = &[
    &using_cipher::UsingCipher,
    &colon_form::ColonForm,
    &key_value::KeyValue,
    &tls_clause::TlsClause,
    &over_comment::OverComment,
    &tls_colon_list::TlsColonList,
    &protocol_slash_tls::ProtocolSlashTls,
    &encrypted_word::EncryptedWord,
    &cipher_comment::CipherComment,
    &tls_note::TlsNote,
    &transport_security::TransportSecurity,
    &with_starttls::WithStartTls,
    &using_tls::UsingTls,
    &protocol_dash_tls::ProtocolDashTls,
    &protocol_keyword::ProtocolKeyword,
];

pub(crate) fn read_all<'a>(header: &Header<'a, '_>, found: &mut Findings<'a>) {
    for n in NOTATIONS {
        n.read(header, found);
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::received::grammar::lex;

    /// Runs one notation over a Received value and returns its findings.
    pub fn run<'v>(n: &dyn Notation, value: &'v str) -> Findings<'v> {
        let trace = lex(value, 0..value.len());
        let header = Header::new(value, 0..value.len(), &trace);
        let mut f = Findings::default();
        n.read(&header, &mut f);
        for e in &f.evidence {
            assert!(
                value.get(e.span.clone()).is_some(),
                "evidence span must be text of the value"
            );
        }
        f
    }

    /// `(tls, version, cipher, bits)` of a run, for compact table tests.
    pub fn summary(
        n: &dyn Notation,
        value: &str,
    ) -> (bool, Option<&'static str>, Option<String>, Option<u32>) {
        let f = run(n, value);
        (f.tls, f.version, f.cipher.map(String::from), f.bits)
    }

    #[test]
    fn rule_names_are_unique_and_listed() {
        let mut names: Vec<_> = NOTATIONS.iter().map(|n| n.name()).collect();
        for name in &names {
            assert!(
                crate::rules::describe(name).is_some(),
                "{name} is not in rules.rs"
            );
        }
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }
}
