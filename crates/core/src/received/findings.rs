//! What the notation units found in one header: TLS or not, and the parameters as written.
//! Units only record; `verdict.rs` decides.

use std::ops::Range;

use crate::model::CertCheck;
use crate::tls;

/// One rule that fired and the span of the input it read (made into an
/// [`Evidence`](crate::model::Evidence) with the text when the hop is made).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mark {
    pub rule: &'static str,
    pub span: Range<usize>,
}

/// What the notation units found in one header.
#[derive(Debug, Default)]
pub(crate) struct Findings<'a> {
    /// At least one rule positively showed TLS.
    pub tls: bool,
    pub version: Option<&'static str>,
    /// Cipher suite as written (borrowed from the input, as the report keeps it).
    pub cipher: Option<&'a str>,
    pub bits: Option<u32>,
    pub key_exchange: Option<&'a str>,
    pub cert: Option<CertCheck>,
    /// The provider wrote that the hop used its own transport between its data centres
    /// (`(Google Transport Security)`): the scope rules read this, not the rule's name.
    pub provider_transport: bool,
    /// What the units read, in order: the rule and the span of the input.
    pub evidence: Vec<Mark>,
}

impl<'a> Findings<'a> {
    /// Records that `rule` read `text[span]` (`text` is the whole input the spans index; the
    /// report's evidence borrows it when the hop is made).
    pub fn evidence(&mut self, rule: &'static str, text: &str, span: Range<usize>) {
        debug_assert!(text.get(span.clone()).is_some(), "{rule}: {span:?}");
        self.evidence.push(Mark { rule, span });
    }

    /// Records a positive TLS statement.
    pub fn tls(&mut self, rule: &'static str, text: &str, span: Range<usize>) {
        self.tls = true;
        self.evidence(rule, text, span);
    }

    /// Records a version as written; the first normalisable one wins.
    pub fn version(&mut self, written: &str) {
        if self.version.is_none() {
            self.version = tls::normalise_version(written);
        }
    }

    pub fn cipher(&mut self, written: &'a str) {
        if self.cipher.is_none() && !written.is_empty() {
            self.cipher = Some(written);
        }
    }

    pub fn bits(&mut self, written: &str) {
        if self.bits.is_none() {
            self.bits = written.parse().ok().filter(|&b| b > 0);
        }
    }

    pub fn key_exchange(&mut self, written: &'a str) {
        if self.key_exchange.is_none() && !written.is_empty() {
            self.key_exchange = Some(written);
        }
    }

    pub fn cert(&mut self, c: CertCheck) {
        if self.cert.is_none() {
            self.cert = Some(c);
        }
    }
}
