//! The view of one Received header that the notation units and the hop rules read: the input,
//! the value's range, its tokens, and an index of the trigger words it contains.
//!
//! The index is the reason analysis is fast. Each notation unit needs a word or two to be
//! present before it has anything to read (`using` for Postfix's notation, `version=` for the
//! key-value one, `encrypted` for qmail's…). Rather than each unit searching the header for its
//! words (fifteen searches, each setting up a substring searcher over a lower-case copy), one
//! pass over the value records where every trigger word starts, and a unit whose words are
//! absent returns at once. Words are matched at word starts only, ignoring ASCII case.

use std::ops::Range;

use super::grammar::Trace;
use crate::ascii::IgnoreCase;

/// A trigger word: `Word::Tls` matches any word starting with `tls` (`TLSv1.3`, `tls_cipher`,
/// `TLS:`); the `=` or `:` in a pattern is part of it (`version=`, `unknown:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    Using,
    Version,
    Cipher,
    Tls,
    Ssl,
    Unknown,
    Encrypted,
    Google,
    Microsoft,
    Secured,
    Userid,
    Invoked,
    Client,
    Bits,
    Over,
    Uid,
}

const WORDS: usize = 16;

/// Patterns in lower case, in the order of [`Word`].
const PATTERNS: [&[u8]; WORDS] = [
    b"using",
    b"version=",
    b"cipher",
    b"tls",
    b"ssl",
    b"unknown:",
    b"encrypted",
    b"google",
    b"microsoft",
    b"secured",
    b"userid",
    b"invoked",
    b"client",
    b"bits",
    b"over",
    b"uid",
];

/// `bits` follows digits in Courier's `256bits,`: it is the one word indexed also after a digit.
#[cfg(test)]
fn is_bits_after_digit(bytes: &[u8], i: usize) -> bool {
    i > 0 && bytes[i - 1].is_ascii_digit() && bytes[i] | 0x20 == b'b'
}

/// Whether some trigger word starts with the letter `b` (the lexer's class table asks).
pub(crate) const fn starts_a_trigger(b: u8) -> bool {
    let l = b | 0x20;
    l >= b'a' && l <= b'z' && FIRST[(l - b'a') as usize] != 0
}

/// For each letter, the words whose pattern starts with it (a bit per [`Word`]): the pass looks
/// only at the words a position could start.
const FIRST: [u16; 26] = {
    let mut first = [0u16; 26];
    let mut w = 0;
    while w < WORDS {
        first[(PATTERNS[w][0] - b'a') as usize] |= 1 << w;
        w += 1;
    }
    first
};

/// For each pair of letters, the words whose pattern starts with them (a bit per [`Word`]; every
/// pattern's first two bytes are letters).
#[cfg(feature = "speed")]
const PAIRS: [u16; 26 * 26] = {
    let mut pairs = [0u16; 26 * 26];
    let mut w = 0;
    while w < WORDS {
        let p = PATTERNS[w];
        pairs[(p[0] - b'a') as usize * 26 + (p[1] - b'a') as usize] |= 1 << w;
        w += 1;
    }
    pairs
};

/// Positions kept per word; a header with more occurrences (only hostile ones) falls back to
/// a scan of the value when that word's positions are asked for.
const KEPT: usize = 6;

/// Where each trigger word starts in one header value.
#[derive(Debug, Clone)]
pub(crate) struct Words {
    positions: [[u32; KEPT]; WORDS],
    counts: [u8; WORDS],
}

impl Default for Words {
    fn default() -> Self {
        Words::new()
    }
}

impl Words {
    pub fn new() -> Words {
        Words {
            positions: [[0; KEPT]; WORDS],
            counts: [0; WORDS],
        }
    }

    /// One pass over `text[value]` (the lexer indexes as it goes; this is for tests and the
    /// odd caller without a lexer).
    #[cfg(test)]
    pub fn index(text: &str, value: Range<usize>) -> Words {
        let mut words = Words::new();
        let bytes = text.as_bytes();
        let mut previous_alnum = value.start > 0 && bytes[value.start - 1].is_ascii_alphanumeric();
        for i in value.clone() {
            let b = bytes[i];
            if b.is_ascii_alphabetic() && (!previous_alnum || is_bits_after_digit(bytes, i)) {
                words.mark(bytes, i, value.end);
            }
            previous_alnum = b.is_ascii_alphanumeric();
        }
        words
    }

    /// Forgets every word (the positions are only read up to the counts).
    pub fn clear(&mut self) {
        self.counts = [0; WORDS];
    }

    /// Records the trigger words that start at `i` (a letter at a word start), reading no
    /// further than `end`. With the `speed` feature, the first two letters pick the candidates,
    /// inlined into the lexer: most word starts (`by`, `mail`, `example`) share a first letter
    /// with some trigger word but not the first two, and end here. Without it (the page's own
    /// wasm), the first letter does, and the table is smaller.
    #[cfg(feature = "speed")]
    #[inline(always)]
    pub fn mark(&mut self, bytes: &[u8], i: usize, end: usize) {
        if i + 1 >= end {
            return;
        }
        let first = (bytes[i] | 0x20).wrapping_sub(b'a');
        let second = (bytes[i + 1] | 0x20).wrapping_sub(b'a');
        if first >= 26 || second >= 26 {
            return;
        }
        let candidates = PAIRS[first as usize * 26 + second as usize];
        if candidates != 0 {
            self.record(bytes, i, end, candidates, 2);
        }
    }

    /// See above: the first letter picks the candidates.
    #[cfg(not(feature = "speed"))]
    pub fn mark(&mut self, bytes: &[u8], i: usize, end: usize) {
        let candidates = FIRST[((bytes[i] | 0x20).wrapping_sub(b'a') as usize).min(25)];
        if candidates != 0 {
            self.record(bytes, i, end, candidates, 1);
        }
    }

    /// Records which of `candidates` (words whose first `known` letters are at `i`) start
    /// there.
    #[inline(never)]
    fn record(&mut self, bytes: &[u8], i: usize, end: usize, mut candidates: u16, known: usize) {
        while candidates != 0 {
            let w = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let pattern = PATTERNS[w];
            // Every pattern byte has bit 0x20 set (lower-case letters, `=`, `:`), so OR-ing it
            // into the input compares without case. A control byte can pass for `=` or `:`:
            // harmless, as the units read the text again before recording anything.
            if i + pattern.len() <= end
                && bytes[i + known..i + pattern.len()]
                    .iter()
                    .zip(&pattern[known..])
                    .all(|(&b, &p)| b | 0x20 == p)
            {
                let n = &mut self.counts[w];
                if (*n as usize) < KEPT {
                    self.positions[w][*n as usize] = i as u32;
                }
                *n = n.saturating_add(1);
            }
        }
    }

    pub fn has(&self, word: Word) -> bool {
        self.counts[word as usize] > 0
    }

    /// Every start of `word` in `text[value]`, by the same rule as [`Words::index`].
    fn index_all(text: &str, value: Range<usize>, word: Word) -> Vec<u32> {
        let bytes = text.as_bytes();
        let pattern = PATTERNS[word as usize];
        (value.start..value.end.saturating_sub(pattern.len() - 1))
            .filter(|&i| {
                let b = bytes[i];
                let previous_alnum = i > 0 && bytes[i - 1].is_ascii_alphanumeric();
                let starts =
                    !previous_alnum || (word == Word::Bits && bytes[i - 1].is_ascii_digit());
                starts
                    && b.is_ascii_alphabetic()
                    && bytes[i..i + pattern.len()].eq_ignore_case(pattern)
            })
            .map(|i| i as u32)
            .collect()
    }
}

/// The positions of one trigger word.
pub(crate) enum At<'h> {
    Kept(std::slice::Iter<'h, u32>),
    All(std::vec::IntoIter<u32>),
}

impl Iterator for At<'_> {
    type Item = usize;

    #[inline(always)]
    fn next(&mut self) -> Option<usize> {
        match self {
            At::Kept(kept) => kept.next().map(|&p| p as usize),
            At::All(all) => all.next().map(|p| p as usize),
        }
    }
}

/// The header a notation unit or a hop rule reads. The text (`'a`) outlives the lexer's
/// trace (`'t`, reused for the next header), so what is read from it can be kept.
pub(crate) struct Header<'a, 't> {
    pub text: &'a str,
    pub value: Range<usize>,
    pub trace: &'t Trace,
}

impl<'a, 't> Header<'a, 't> {
    /// The header of a lexed value; the lexer indexed its trigger words.
    pub fn new(text: &'a str, value: Range<usize>, trace: &'t Trace) -> Self {
        Header { text, value, trace }
    }

    /// Whether the value contains `word` at a word start.
    pub fn has(&self, word: Word) -> bool {
        self.trace.words.has(word)
    }

    /// Absolute offsets where `word` starts, in order. Inlined with the `speed` feature: every
    /// notation unit asks, mostly for words that are absent.
    #[cfg_attr(feature = "speed", inline(always))]
    pub fn at(&self, word: Word) -> At<'_> {
        let w = word as usize;
        let words = &self.trace.words;
        let n = words.counts[w] as usize;
        if n <= KEPT {
            return At::Kept(words.positions[w][..n].iter());
        }
        self.all(word)
    }

    /// More than the index keeps: only hostile headers get here, so a list is fine.
    #[cold]
    #[inline(never)]
    fn all(&self, word: Word) -> At<'_> {
        At::All(Words::index_all(self.text, self.value.clone(), word).into_iter())
    }

    /// True when absolute offset `at` starts a word (the byte before is not a letter or digit).
    pub fn word_start(&self, at: usize) -> bool {
        at == 0 || !self.text.as_bytes()[at - 1].is_ascii_alphanumeric()
    }

    /// The byte before absolute offset `at`, inside the value.
    pub fn before(&self, at: usize) -> Option<u8> {
        (at > self.value.start).then(|| self.text.as_bytes()[at - 1])
    }

    /// A scanner over the value, starting at absolute offset `at`.
    pub fn scan(&self, at: usize) -> Scan<'a> {
        Scan {
            text: self.text,
            pos: at,
            end: self.value.end,
        }
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
        if b.len() >= lit.len() && b[..lit.len()].eq_ignore_case(lit.as_bytes()) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::received::grammar::lex;

    fn header(text: &str) -> (Trace, Words) {
        let trace = lex(text, 0..text.len());
        let words = Words::index(text, 0..text.len());
        assert_eq!(
            trace.words.counts, words.counts,
            "the lexer indexes as the pass does"
        );
        (trace, words)
    }

    #[test]
    fn trigger_words_are_found_at_word_starts_in_any_case() {
        let text = "from a (using TLSv1.3 with cipher X) by b with ESMTP/TLS/x (TLS: TLS1.2,256bits,Y) VERSION=1";
        let (trace, _) = header(text);
        let h = Header {
            text,
            value: 0..text.len(),
            trace: &trace,
        };
        assert!(h.has(Word::Using) && h.has(Word::Cipher) && h.has(Word::Version));
        assert!(h.has(Word::Bits), "after digits");
        assert!(!h.has(Word::Encrypted) && !h.has(Word::Google));
        let tls: Vec<usize> = h.at(Word::Tls).collect();
        assert_eq!(
            tls.iter().map(|&i| &text[i..i + 3]).collect::<Vec<_>>(),
            ["TLS", "TLS", "TLS", "TLS"]
        );
        // `ESMTPS` does not contain the word `tls`; `xtls` is not a word start.
        let (_, words) = header("with ESMTPS xtls");
        assert!(!words.has(Word::Tls));
    }

    #[test]
    fn many_occurrences_are_all_found() {
        let text = "(TLS1.3) ".repeat(20);
        let (trace, _) = header(&text);
        let h = Header {
            text: &text,
            value: 0..text.len(),
            trace: &trace,
        };
        assert_eq!(h.at(Word::Tls).count(), 20);
    }

    /// The lexer indexes trigger words in runs and skips escaped bytes by hand; whatever the
    /// bytes, it must find exactly the words the plain per-byte pass finds, at the same places.
    #[cfg(not(target_arch = "wasm32"))]
    mod same_as_the_plain_pass {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]
            #[test]
            fn lexer_index_equals_pass(
                pieces in proptest::collection::vec(
                    prop::sample::select(vec![
                        "using", "USING", "version=", "cipher", "tls", "TLSv1.3", "ssl", "unknown:",
                        "encrypted", "google", "Microsoft", "secured", "userid", "invoked",
                        "client", "bits", "256bits", "over", "uid", "b", "x", "1", "2", " ",
                        "\t", "\\", "(", ")", "[", "]", "<", ">", "\"", ";", "=", ":", ".", "-",
                        "from", "by", "with", "\r\n\t", "é",
                    ]),
                    0..40,
                ),
                lead in 0usize..3,
            ) {
                let text: String = pieces.concat();
                // Sometimes start the value past the first byte, as a header's value does.
                let start = text
                    .char_indices()
                    .map(|(i, _)| i)
                    .nth(lead)
                    .unwrap_or(text.len());
                let trace = lex(&text, start..text.len());
                let words = Words::index(&text, start..text.len());
                prop_assert_eq!(trace.words.counts, words.counts);
                for w in 0..WORDS {
                    let n = (words.counts[w] as usize).min(KEPT);
                    prop_assert_eq!(
                        &trace.words.positions[w][..n],
                        &words.positions[w][..n]
                    );
                }
            }
        }
    }
}
