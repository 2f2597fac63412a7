//! What the notation units found in one header: TLS or not, and the parameters as written.
//! Units only record; `verdict.rs` decides.

use std::ops::Range;

use crate::model::{CertCheck, Evidence};
use crate::tls;

/// What the notation units found in one header.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    /// At least one rule positively showed TLS.
    pub tls: bool,
    pub version: Option<&'static str>,
    /// Cipher suite as written.
    pub cipher: Option<String>,
    pub bits: Option<u32>,
    pub key_exchange: Option<String>,
    pub cert: Option<CertCheck>,
    /// The provider wrote that the hop used its own transport between its data centres
    /// (`(Google Transport Security)`): the scope rules read this, not the rule's name.
    pub provider_transport: bool,
    pub evidence: Vec<Evidence>,
}

impl Findings {
    pub fn evidence(&mut self, rule: &'static str, text: &str, span: Range<usize>) {
        self.evidence.push(super::evidence(rule, text, span));
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

    pub fn cipher(&mut self, written: &str) {
        if self.cipher.is_none() && !written.is_empty() {
            self.cipher = Some(written.to_string());
        }
    }

    pub fn bits(&mut self, written: &str) {
        if self.bits.is_none() {
            self.bits = written.parse().ok().filter(|&b| b > 0);
        }
    }

    pub fn key_exchange(&mut self, written: &str) {
        if self.key_exchange.is_none() && !written.is_empty() {
            self.key_exchange = Some(written.to_string());
        }
    }

    pub fn cert(&mut self, c: CertCheck) {
        if self.cert.is_none() {
            self.cert = Some(c);
        }
    }
}
