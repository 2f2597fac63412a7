//! Received headers: the grammar, then one small unit per TLS notation that real MTAs write.
//!
//! Each dialect reads one lexed header and records what it finds in [`Findings`]; it never
//! decides the verdict itself. The verdict is decided once, in `hop.rs`, from all findings:
//! any positive TLS statement makes a hop *encrypted*; otherwise an unencrypted protocol
//! keyword makes it *plaintext*; otherwise it is *unknown*.

pub(crate) mod dialects;
pub(crate) mod grammar;
pub(crate) mod hop;

use std::ops::Range;

use regex::bytes::{Captures, Regex};

use crate::model::{CertCheck, Evidence};
use crate::tls;
use grammar::Trace;

/// What the dialects found in one header.
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
    /// Receiving software named in the header.
    pub software: Option<String>,
    pub evidence: Vec<Evidence>,
}

impl Findings {
    pub fn evidence(&mut self, rule: &str, text: &str, span: Range<usize>) {
        self.evidence.push(Evidence {
            rule: rule.to_string(),
            start: span.start,
            end: span.end,
            text: text[span].to_string(),
        });
    }

    /// Records a positive TLS statement.
    pub fn tls(&mut self, rule: &str, text: &str, span: Range<usize>) {
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

/// The header a dialect reads: the whole input, the value's range and its tokens.
pub(crate) struct Header<'a> {
    pub text: &'a str,
    pub value: Range<usize>,
    pub trace: &'a Trace,
}

impl Header<'_> {
    pub fn bytes(&self) -> &[u8] {
        &self.text.as_bytes()[self.value.clone()]
    }

    /// Every match of `re` in the value, with absolute spans.
    pub fn matches<'r>(&'r self, re: &'r Regex) -> impl Iterator<Item = Match<'r>> + 'r {
        re.captures_iter(self.bytes()).map(move |caps| Match {
            caps,
            base: self.value.start,
            text: self.text,
        })
    }

    /// True when the value contains `needle`, ignoring ASCII case: a cheap filter before
    /// running a dialect's regex.
    pub fn contains(&self, needle: &str) -> bool {
        let n = needle.as_bytes();
        self.bytes()
            .windows(n.len())
            .any(|w| w.eq_ignore_ascii_case(n))
    }
}

/// A regex match in a header, with helpers that return absolute spans and `&str` groups.
pub(crate) struct Match<'a> {
    caps: Captures<'a>,
    base: usize,
    text: &'a str,
}

impl Match<'_> {
    /// The span of the whole match.
    pub fn span(&self) -> Range<usize> {
        let m = self.caps.get(0).expect("group 0 always matches");
        self.base + m.start()..self.base + m.end()
    }

    /// Group `i` as text, if it matched. Groups are written to match ASCII only, so the
    /// slice is valid UTF-8; a lossy fallback keeps this panic-free regardless.
    pub fn group(&self, i: usize) -> Option<&str> {
        let m = self.caps.get(i)?;
        self.text.get(self.base + m.start()..self.base + m.end())
    }
}

/// Compiles a pattern once. Patterns are literals in this crate, tested below each dialect.
macro_rules! regex {
    ($re:literal $(,)?) => {{
        static RE: std::sync::OnceLock<regex::bytes::Regex> = std::sync::OnceLock::new();
        RE.get_or_init(|| regex::bytes::Regex::new($re).expect("valid pattern"))
    }};
}
pub(crate) use regex;
