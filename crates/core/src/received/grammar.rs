//! The RFC 5321 §4.4 trace-line grammar, read leniently.
//!
//! `from <domain> (<tcp-info>) by <domain> via <link> with <protocol> id <id> for <path>
//! tls <suite> ; <date-time>` — every clause optional, comments anywhere, keywords in any case.
//! The lexer works on the raw, still folded value and keeps byte offsets into the whole input,
//! so each later rule can point at exactly the text it read. It never fails: unbalanced
//! brackets run to the end of the value and are reported as diagnostics.

use std::ops::Range;

use super::header::{starts_a_trigger, Words};
use crate::ascii::folded;

/// Byte classes for the lexer, from one table lookup per byte.
const ALPHA: u16 = 1;
const ALNUM: u16 = 2;
const SPACE: u16 = 4;
/// Ends a word: whitespace, `(`, `;`, `<`, `"`.
const ENDS_WORD: u16 = 8;
const DIGIT: u16 = 16;
/// A letter that starts some trigger word (see `header.rs`).
const TRIGGER: u16 = 32;
/// `\`, `(` and `)`: the bytes a comment's scan must stop at.
const NESTS: u16 = 64;
/// `\`: escapes the next byte inside comments, literals, paths and quoted strings.
const ESCAPE: u16 = 128;
/// The bytes that close a literal, a path and a quoted string.
const CLOSES_LITERAL: u16 = 256;
const CLOSES_ANGLE: u16 = 512;
const CLOSES_QUOTED: u16 = 1024;

const CLASSES: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphabetic() {
            t[b] |= ALPHA | ALNUM;
        }
        if c.is_ascii_digit() {
            t[b] |= ALNUM | DIGIT;
        }
        if c.is_ascii_alphabetic() && starts_a_trigger(c) {
            t[b] |= TRIGGER;
        }
        if c.is_ascii_whitespace() {
            t[b] |= SPACE | ENDS_WORD;
        }
        if matches!(c, b'(' | b';' | b'<' | b'"') {
            t[b] |= ENDS_WORD;
        }
        if matches!(c, b'\\' | b'(' | b')') {
            t[b] |= NESTS;
        }
        match c {
            b'\\' => t[b] |= ESCAPE,
            b']' => t[b] |= CLOSES_LITERAL,
            b'>' => t[b] |= CLOSES_ANGLE,
            b'"' => t[b] |= CLOSES_QUOTED,
            _ => {}
        }
        b += 1;
    }
    t
};

#[inline(always)]
fn class(b: u8) -> u16 {
    CLASSES[b as usize]
}

/// Whether a letter of class `c` at `b` starts a trigger word after a byte of class
/// `previous`: after anything but a letter or digit, and `bits` also after digits
/// (Courier's `256bits`).
#[inline(always)]
fn starts_word(c: u16, previous: u16, b: u8) -> bool {
    c & TRIGGER != 0 && (previous & ALNUM == 0 || (previous & DIGIT != 0 && b | 0x20 == b'b'))
}

/// Scans `bytes[i..end]` up to the first byte whose class meets `stop` (or the end),
/// indexing the trigger words on the way; returns where it stopped and the class of the last
/// byte passed. Letters and digits go by in runs: only the first letter of a run can start a
/// word, so the per-byte work inside a run is one table lookup.
#[inline(always)]
fn scan(
    words: &mut Words,
    bytes: &[u8],
    mut i: usize,
    end: usize,
    stop: u16,
    mut previous: u16,
) -> (usize, u16) {
    while i < end {
        let b = bytes[i];
        let c = class(b);
        if c & stop != 0 {
            break;
        }
        i += 1;
        if c & ALPHA != 0 {
            if starts_word(c, previous, b) {
                words.mark(bytes, i - 1, end);
            }
            while i < end && class(bytes[i]) & ALPHA != 0 {
                i += 1;
            }
        } else if c & DIGIT != 0 {
            while i < end && class(bytes[i]) & DIGIT != 0 {
                i += 1;
            }
        }
        previous = c;
    }
    (i, previous)
}

/// Passes the `\` at `i` and the byte it escapes (indexed like any other, and never read as a
/// delimiter); returns where the scan goes on and the class of the last byte passed. Escapes
/// are rare: left to the compiler to inline or not.
fn escaped(words: &mut Words, bytes: &[u8], mut i: usize, end: usize) -> (usize, u16) {
    let mut previous = class(b'\\');
    i += 1;
    if i < end {
        let c = class(bytes[i]);
        if starts_word(c, previous, bytes[i]) {
            words.mark(bytes, i, end);
        }
        previous = c;
        i += 1;
    }
    (i, previous)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// An atom or anything else up to whitespace or a delimiter.
    Word,
    /// `( … )`, nested comments included; the span covers the parentheses.
    Comment,
    /// `[ … ]`: an address literal.
    Literal,
    /// `< … >`: a path.
    Angle,
    /// `" … "`.
    Quoted,
    /// `;`
    Semicolon,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok {
    pub kind: TokKind,
    /// Absolute byte range in the input.
    pub span: Range<usize>,
}

/// The clause keywords of RFC 5321 plus RFC 8314's `tls`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keyword {
    From,
    By,
    Via,
    With,
    Id,
    For,
    Tls,
}

/// How many keywords there are (`Tls` is the last).
const KEYWORDS: usize = Keyword::Tls as usize + 1;

fn keyword(b: &[u8]) -> Option<Keyword> {
    // Called for every word of every header: the word's two to four bytes as one number
    // (`ascii::folded`), compared with the keywords' numbers.
    if !(2..=4).contains(&b.len()) {
        return None;
    }
    const FROM: u32 = folded(b"from");
    const BY: u32 = folded(b"by");
    const VIA: u32 = folded(b"via");
    const WITH: u32 = folded(b"with");
    const ID: u32 = folded(b"id");
    const FOR: u32 = folded(b"for");
    const TLS: u32 = folded(b"tls");
    Some(match folded(b) {
        FROM => Keyword::From,
        BY => Keyword::By,
        VIA => Keyword::Via,
        WITH => Keyword::With,
        ID => Keyword::Id,
        FOR => Keyword::For,
        TLS => Keyword::Tls,
        _ => return None,
    })
}

/// A clause: its keyword and the tokens that follow it (indices into `Trace::toks`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Clause {
    pub keyword: Keyword,
    pub keyword_span: Range<usize>,
    pub toks: Range<usize>,
}

/// A lexed Received value.
#[derive(Debug, Default)]
pub(crate) struct Trace {
    pub toks: Vec<Tok>,
    pub clauses: Vec<Clause>,
    /// Tokens before the first keyword (qmail's comment-only lines).
    pub leading: Range<usize>,
    /// The date after the last top-level `;`, trimmed.
    pub date: Option<Range<usize>>,
    pub diagnostics: Vec<String>,
    /// Where the trigger words of the notation units start (`header.rs`).
    pub words: Words,
    /// For each keyword, 1 + the index of its first clause, or 0: the rules ask for clauses by
    /// keyword a dozen times a header.
    pub first: [usize; KEYWORDS],
}

impl Trace {
    /// Room for a header of `len` bytes: about one token per eight bytes in real headers, and
    /// rarely more than eight clauses.
    pub fn reserve(&mut self, len: usize) {
        self.toks.reserve(len / 8 + 4);
        self.clauses.reserve(8);
    }

    pub fn clause(&self, kw: Keyword) -> Option<&Clause> {
        let first = self.first[kw as usize];
        first.checked_sub(1).map(|i| &self.clauses[i])
    }

    /// Every clause with `kw`, in order (a header may repeat a keyword).
    pub fn clauses(&self, kw: Keyword) -> impl Iterator<Item = &Clause> {
        let first = self.first[kw as usize].checked_sub(1);
        self.clauses[first.unwrap_or(self.clauses.len())..]
            .iter()
            .filter(move |c| c.keyword == kw)
    }

    /// Tokens of a clause.
    pub fn toks_of(&self, c: &Clause) -> &[Tok] {
        &self.toks[c.toks.clone()]
    }

    /// The first word of a clause, if the clause starts with one.
    pub fn first_word<'t>(&self, text: &'t str, c: &Clause) -> Option<(&'t str, Range<usize>)> {
        self.toks_of(c)
            .iter()
            .find(|t| t.kind != TokKind::Comment)
            .filter(|t| matches!(t.kind, TokKind::Word | TokKind::Literal | TokKind::Angle))
            .map(|t| (&text[t.span.clone()], t.span.clone()))
    }

    /// Consecutive words at the start of a clause, as one span (`Microsoft SMTP Server`).
    /// Comments in front are skipped (qmail: `with (DHE-RSA-AES256-SHA encrypted) SMTP`).
    pub fn leading_words(&self, c: &Clause) -> Option<Range<usize>> {
        let mut span: Option<Range<usize>> = None;
        let toks = self.toks_of(c);
        let skip = toks
            .iter()
            .take_while(|t| t.kind == TokKind::Comment)
            .count();
        for t in &toks[skip..] {
            if t.kind != TokKind::Word {
                break;
            }
            span = Some(match span {
                None => t.span.clone(),
                Some(s) => s.start..t.span.end,
            });
        }
        span
    }
}

/// Lexes `text[value]`, a Received header's value (tests; the analysis reuses its buffers with
/// [`lex_into`]).
#[cfg(test)]
pub(crate) fn lex(text: &str, value: Range<usize>) -> Trace {
    let mut trace = Trace::default();
    lex_into(&mut trace, text, value);
    trace
}

/// Lexes `text[value]` into `trace`, reusing its buffers: reading a whole header block then
/// allocates the token lists once, not once per header. Never inlined: inlined into the loop
/// over the headers, it made that loop slower (the typical block 4% slower against
/// mail-parser in alternating benchmark runs, 0.93-0.96x against 0.98-1.03x), though it saves
/// about 1k instructions; the likely cause is register pressure in one large function.
#[inline(never)]
pub(crate) fn lex_into(trace: &mut Trace, text: &str, value: Range<usize>) {
    // Cut at the value's end, so the compiler sees every `i < end` as in bounds.
    let bytes = &text.as_bytes()[..value.end];
    trace.toks.clear();
    trace.clauses.clear();
    trace.diagnostics.clear();
    trace.date = None;
    trace.leading = 0..0;
    trace.words.clear();
    trace.first = [0; KEYWORDS];
    trace.reserve(value.end - value.start);
    let end = bytes.len();
    // Trigger words are indexed on the way (see `header.rs`): a letter after anything but a
    // letter or digit starts a word, and so does `bits` after digits.
    let mut previous = if value.start > 0 {
        class(bytes[value.start - 1])
    } else {
        0
    };
    let words = &mut trace.words;
    let mut i = value.start;
    while i < end {
        let b = bytes[i];
        if class(b) & SPACE != 0 {
            previous = class(b);
            i += 1;
            continue;
        }
        let start = i;
        let kind = match b {
            b'(' => {
                // Nested comments are counted, not recursed into: depth is unbounded.
                let mut depth = 0usize;
                while i < end {
                    (i, previous) = scan(words, bytes, i, end, NESTS, previous);
                    if i >= end {
                        break;
                    }
                    match bytes[i] {
                        b'\\' => {
                            (i, previous) = escaped(words, bytes, i, end);
                            continue;
                        }
                        b'(' => depth += 1,
                        _ => {
                            depth -= 1;
                            if depth == 0 {
                                previous = 0;
                                i += 1;
                                break;
                            }
                        }
                    }
                    previous = class(bytes[i]);
                    i += 1;
                }
                if depth > 0 {
                    trace
                        .diagnostics
                        .push("A comment '(' is never closed.".into());
                }
                TokKind::Comment
            }
            b'[' | b'<' | b'"' => {
                let (close, kind) = match b {
                    b'[' => (CLOSES_LITERAL, TokKind::Literal),
                    b'<' => (CLOSES_ANGLE, TokKind::Angle),
                    _ => (CLOSES_QUOTED, TokKind::Quoted),
                };
                previous = 0;
                i += 1;
                loop {
                    (i, previous) = scan(words, bytes, i, end, close | ESCAPE, previous);
                    if i >= end || bytes[i] != b'\\' {
                        break;
                    }
                    (i, previous) = escaped(words, bytes, i, end);
                }
                if i >= end {
                    trace
                        .diagnostics
                        .push(format!("A '{}' is never closed.", b as char));
                } else {
                    previous = 0;
                    i += 1;
                }
                kind
            }
            b';' => {
                previous = 0;
                i += 1;
                TokKind::Semicolon
            }
            _ => {
                (i, previous) = scan(words, bytes, i, end, ENDS_WORD, previous);
                // A keyword starts a clause here, while its bytes are at hand; one that turns
                // out to be in the date is dropped below.
                if let Some(keyword) = keyword(&bytes[start..i]) {
                    let idx = trace.toks.len();
                    trace.clauses.push(Clause {
                        keyword,
                        keyword_span: start..i,
                        toks: idx + 1..idx + 1,
                    });
                }
                TokKind::Word
            }
        };
        let span = start..i.min(end);
        trace.toks.push(Tok { kind, span });
    }

    // The date follows the last top-level semicolon.
    let semi = trace
        .toks
        .iter()
        .rposition(|t| t.kind == TokKind::Semicolon);
    let body_end = semi.unwrap_or(trace.toks.len());
    if let Some(s) = semi {
        let from = trace.toks[s].span.end;
        let d = trim(text, from..end);
        if !d.is_empty() {
            trace.date = Some(d);
        }
    }

    // The clauses are the keywords before the date, each running to the next.
    while trace
        .clauses
        .last()
        .is_some_and(|c| c.toks.start > body_end)
    {
        trace.clauses.pop();
    }
    let mut next_start = body_end;
    for (k, c) in trace.clauses.iter_mut().enumerate().rev() {
        c.toks.end = next_start;
        next_start = c.toks.start - 1;
        trace.first[c.keyword as usize] = k + 1;
    }
    trace.leading = 0..next_start;
}

/// `r` without surrounding whitespace.
pub(crate) fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text.as_bytes()[r.clone()];
    let lead = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let trail = s[lead..]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    r.start + lead..r.end - trail
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, t: &Trace, kw: Keyword) -> Vec<String> {
        t.clause(kw)
            .map(|c| {
                t.toks_of(c)
                    .iter()
                    .map(|tok| text[tok.span.clone()].to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn clauses_comments_and_date() {
        let text = "from a.example (a.example [192.0.2.1]) (using TLSv1.3 (x))\n\tby B.example (Postfix) WITH ESMTPS id 4X for <b@c>; Sun, 22 Nov 2026 05:20:40 +0000";
        let t = lex(text, 0..text.len());
        assert_eq!(
            words(text, &t, Keyword::From),
            [
                "a.example",
                "(a.example [192.0.2.1])",
                "(using TLSv1.3 (x))"
            ]
        );
        assert_eq!(words(text, &t, Keyword::By), ["B.example", "(Postfix)"]);
        assert_eq!(words(text, &t, Keyword::With), ["ESMTPS"]);
        assert_eq!(words(text, &t, Keyword::For), ["<b@c>"]);
        assert_eq!(
            &text[t.date.clone().unwrap()],
            "Sun, 22 Nov 2026 05:20:40 +0000"
        );
        assert!(t.diagnostics.is_empty());
    }

    #[test]
    fn keywords_in_any_case_and_nothing_else() {
        for (word, want) in [
            ("from", Some(Keyword::From)),
            ("FROM", Some(Keyword::From)),
            ("By", Some(Keyword::By)),
            ("vIa", Some(Keyword::Via)),
            ("WITH", Some(Keyword::With)),
            ("iD", Some(Keyword::Id)),
            ("For", Some(Keyword::For)),
            ("TLS", Some(Keyword::Tls)),
            ("fro", None),
            ("froms", None),
            ("b", None),
            ("", None),
            ("by\0", None),
            ("b\0", None),
            ("FROm\u{0}", None),
            ("id\0\0", None),
            ("tl", None),
            ("wit@", None),
            ("F\u{12}OM", None),
        ] {
            assert_eq!(keyword(word.as_bytes()), want, "{word:?}");
        }
        // Every pair of bytes beside `by` and `id` (a zero byte must not pass for a missing one).
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let want = match [a.to_ascii_lowercase(), b.to_ascii_lowercase()] {
                    [b'b', b'y'] => Some(Keyword::By),
                    [b'i', b'd'] => Some(Keyword::Id),
                    _ => None,
                };
                assert_eq!(keyword(&[a, b]), want, "{a} {b}");
            }
        }
    }

    /// Clauses start as their keywords are lexed; the date's words are none, however they
    /// read, and a repeated keyword is found in order.
    #[test]
    fn keywords_after_the_last_semicolon_are_the_date() {
        let text = "(qmail 1) from a; by x with y; id 7 by b with SMTP; Sun, 22 Nov 2026 for by id";
        let t = lex(text, 0..text.len());
        let kws: Vec<_> = t.clauses.iter().map(|c| c.keyword).collect();
        assert_eq!(
            kws,
            [
                Keyword::From,
                Keyword::By,
                Keyword::With,
                Keyword::Id,
                Keyword::By,
                Keyword::With
            ]
        );
        assert_eq!(t.leading, 0..1, "the comment before `from`");
        assert_eq!(words(text, &t, Keyword::From), ["a", ";"]);
        // `words` reads the first clause with the keyword; the second is found after it.
        assert_eq!(t.clause(Keyword::By).unwrap().keyword_span.start, 18);
        let bys: Vec<_> = t
            .clauses(Keyword::By)
            .map(|c| &text[c.keyword_span.start..t.toks[c.toks.end - 1].span.end])
            .collect();
        assert_eq!(bys, ["by x", "by b"]);
        assert_eq!(words(text, &t, Keyword::With), ["y", ";"]);
        assert_eq!(t.clause(Keyword::Tls), None);
        assert_eq!(t.clauses(Keyword::For).count(), 0);
        assert_eq!(&text[t.date.clone().unwrap()], "Sun, 22 Nov 2026 for by id");
        // The last clause ends at the last semicolon.
        let last = t.clauses.last().unwrap();
        assert_eq!(t.toks[last.toks.end].kind, TokKind::Semicolon);
    }

    #[test]
    fn comment_only_line() {
        let text = "(qmail 1234 invoked by uid 89); 22 Nov 2026 05:20:40 -0000";
        let t = lex(text, 0..text.len());
        assert!(t.clauses.is_empty());
        assert_eq!(t.leading, 0..1);
        assert!(t.date.is_some());
    }

    #[test]
    fn unbalanced_brackets_are_diagnosed_not_fatal() {
        for text in [
            "from a (b [c",
            "from a [192.0.2.1",
            "((((((((",
            "<<<",
            "\"",
            ")))) by x",
        ] {
            let t = lex(text, 0..text.len());
            assert!(
                t.toks.iter().all(|tok| tok.span.end <= text.len()),
                "{text}"
            );
        }
        let t = lex("from a (b", 0..9);
        assert_eq!(t.diagnostics.len(), 1);
    }

    #[test]
    fn deep_nesting_is_linear() {
        let text = format!("from a {}{} by b", "(".repeat(100_000), ")".repeat(100_000));
        let t = lex(&text, 0..text.len());
        assert_eq!(t.clauses.len(), 2);
    }
}
