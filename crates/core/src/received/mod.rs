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

use crate::model::{CertCheck, Evidence};
use crate::tls;
use grammar::Trace;

/// The rule `rule` read `text[span]`.
pub(crate) fn evidence(rule: &str, text: &str, span: Range<usize>) -> Evidence {
    Evidence {
        rule: rule.to_string(),
        start: span.start,
        end: span.end,
        text: text[span].to_string(),
    }
}

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
        self.evidence.push(evidence(rule, text, span));
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
    /// The value in ASCII lower case, for fast literal pre-filters.
    lower: String,
}

impl<'a> Header<'a> {
    pub fn new(text: &'a str, value: Range<usize>, trace: &'a Trace) -> Self {
        let lower = text[value.clone()].to_ascii_lowercase();
        Header {
            text,
            value,
            trace,
            lower,
        }
    }

    /// Absolute offsets of every occurrence of `needle` (lower case), ignoring ASCII case.
    pub fn find_all<'s>(&'s self, needle: &'s str) -> impl Iterator<Item = usize> + 's {
        self.lower
            .match_indices(needle)
            .map(move |(i, _)| self.value.start + i)
    }

    /// True when absolute offset `at` starts a word (the byte before is not a letter or digit).
    pub fn word_start(&self, at: usize) -> bool {
        at == 0 || !self.text.as_bytes()[at - 1].is_ascii_alphanumeric()
    }

    /// A scanner over the value, starting at absolute offset `at`.
    pub fn scan(&self, at: usize) -> Scan<'a> {
        Scan {
            text: self.text,
            pos: at,
            end: self.value.end,
        }
    }

    /// True when the value contains `needle` (written in lower case), ignoring ASCII case: a
    /// cheap filter before scanning.
    pub fn contains(&self, needle: &str) -> bool {
        debug_assert_eq!(
            needle,
            needle.to_ascii_lowercase(),
            "needles are written in lower case"
        );
        self.lower.contains(needle)
    }
}

/// A hand-written matcher for the notations every hop meets, where regex capture groups
/// cost more than the rest of the analysis (see the benchmark). Each step either advances and
/// returns success, or leaves the position where it was.
pub(crate) struct Scan<'a> {
    text: &'a str,
    pub pos: usize,
    end: usize,
}

impl<'a> Scan<'a> {
    fn bytes(&self) -> &'a [u8] {
        &self.text.as_bytes()[self.pos.min(self.end)..self.end]
    }

    /// Skips whitespace (folding included); true if there was any.
    pub fn ws(&mut self) -> bool {
        let n = self
            .bytes()
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        self.pos += n;
        n > 0
    }

    /// Optional whitespace, then `lit` ignoring ASCII case.
    pub fn lit(&mut self, lit: &str) -> bool {
        let save = self.pos;
        self.ws();
        let b = self.bytes();
        if b.len() >= lit.len() && b[..lit.len()].eq_ignore_ascii_case(lit.as_bytes()) {
            self.pos += lit.len();
            true
        } else {
            self.pos = save;
            false
        }
    }

    /// Optional whitespace, then one or more bytes accepted by `accept`.
    pub fn word(&mut self, accept: impl Fn(u8) -> bool) -> Option<&'a str> {
        let save = self.pos;
        self.ws();
        let n = self.bytes().iter().take_while(|&&b| accept(b)).count();
        if n == 0 {
            self.pos = save;
            return None;
        }
        let start = self.pos;
        self.pos += n;
        self.text.get(start..self.pos)
    }

    /// The first of `lits` that matches here (optional whitespace first), if any.
    pub fn lit_any(&mut self, lits: &[&'static str]) -> Option<&'static str> {
        lits.iter().copied().find(|l| self.lit(l))
    }

    /// Runs `f`; on failure restores the position.
    pub fn optional<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let save = self.pos;
        let r = f(self);
        if r.is_none() {
            self.pos = save;
        }
        r
    }
}

/// Bytes of cipher-suite and version names: `TLS_AES_256_GCM_SHA384`, `ECDHE-RSA-…`, `TLSv1.3`.
pub(crate) fn name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}
