//! Comparing ASCII text without regard to case, for the words and names the analysis looks
//! for in every header.
//!
//! The standard library's `eq_ignore_ascii_case` compares slices of eight bytes or more in
//! chunks, lowering every byte before it looks at any; the analysis mostly compares a word
//! with a keyword it is not, where the first byte or two already differ. This comparison
//! stops at the first difference. Same answers, fewer instructions (see the benchmark). Without
//! the `speed` feature (the page's own wasm) it is the standard library's, which is smaller.

use std::borrow::Cow;

/// Every byte in ASCII lower case, as a table: a compared byte costs two loads instead of the
/// range tests `to_ascii_lowercase` compiles to.
#[cfg(feature = "speed")]
const LOWER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    table
};

/// Equality ignoring ASCII case, for `str` and byte slices alike.
pub(crate) trait IgnoreCase {
    fn eq_ignore_case(&self, other: impl AsRef<[u8]>) -> bool;
}

impl IgnoreCase for [u8] {
    #[cfg(feature = "speed")]
    #[inline]
    fn eq_ignore_case(&self, other: impl AsRef<[u8]>) -> bool {
        let other = other.as_ref();
        self.len() == other.len()
            && self
                .iter()
                .zip(other)
                .all(|(&a, &b)| LOWER[usize::from(a)] == LOWER[usize::from(b)])
    }

    #[cfg(not(feature = "speed"))]
    #[inline]
    fn eq_ignore_case(&self, other: impl AsRef<[u8]>) -> bool {
        self.eq_ignore_ascii_case(other.as_ref())
    }
}

impl IgnoreCase for str {
    #[inline]
    fn eq_ignore_case(&self, other: impl AsRef<[u8]>) -> bool {
        self.as_bytes().eq_ignore_case(other)
    }
}

/// `text` in ASCII lower case: as `str::to_ascii_lowercase`, whose chunked conversion costs
/// hundreds of instructions on a short word in the size-optimised build.
pub(crate) fn lowercase(text: &str) -> String {
    let mut lower = text.to_owned();
    lower.make_ascii_lowercase();
    lower
}

/// Whether `text` starts and ends with an ASCII letter or digit, so that trimming whitespace
/// or punctuation cannot change it: a shortcut before `str::trim` and `trim_matches`, which
/// decode characters from both ends (Unicode whitespace included) at every call.
pub(crate) fn alphanumeric_ends(text: &str) -> bool {
    let b = text.as_bytes();
    b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
}

/// `text.trim()`, without decoding characters in the usual case: once ASCII whitespace is
/// trimmed, ends that are visible ASCII characters are where Unicode trimming stops too.
pub(crate) fn trim(text: &str) -> &str {
    let ascii = text.trim_ascii();
    let visible = |b: Option<&u8>| b.is_none_or(u8::is_ascii_graphic);
    if visible(ascii.as_bytes().first()) && visible(ascii.as_bytes().last()) {
        ascii
    } else {
        text.trim()
    }
}

/// `text.trim_end()`, without decoding characters in the usual case (see [`trim`]).
pub(crate) fn trim_end(text: &str) -> &str {
    let ascii = text.trim_ascii_end();
    if ascii.as_bytes().last().is_none_or(u8::is_ascii_graphic) {
        ascii
    } else {
        text.trim_end()
    }
}

/// `b` in ASCII lower case, from the table.
#[cfg(feature = "speed")]
#[inline(always)]
pub(crate) fn lower(b: u8) -> u8 {
    LOWER[usize::from(b)]
}

/// `b` in ASCII lower case.
#[cfg(not(feature = "speed"))]
#[inline(always)]
pub(crate) fn lower(b: u8) -> u8 {
    b.to_ascii_lowercase()
}

/// Up to four bytes of `word` as one number, the first in the low byte, with bit 0x20 set in
/// each: short words compared without case against constants made the same way. Setting the
/// bit lower-cases ASCII letters and turns no other byte into one, and no byte becomes zero, so
/// equal numbers are the same word ignoring case, of the same length.
pub(crate) const fn folded(word: &[u8]) -> u32 {
    let mut key = 0u32;
    let mut i = 0;
    while i < word.len() && i < 4 {
        key |= ((word[i] | 0x20) as u32) << (8 * i);
        i += 1;
    }
    key
}

/// The words of `s` joined by single spaces: folding collapsed for display (`Microsoft\n SMTP
/// Server` → `Microsoft SMTP Server`), borrowed when `s` is already written that way, as it
/// nearly always is.
pub(crate) fn squash(s: &str) -> Cow<'_, str> {
    // Already so when every byte is above the space (ASCII whitespace is not), or a space
    // with such a byte on each side. (A control byte sends the text the long way, which
    // keeps it as it is.)
    let b = s.as_bytes();
    let mut previous = b' ';
    let single_spaced = b.iter().all(|&c| {
        let kept = c > b' ' || (c == b' ' && previous != b' ');
        previous = c;
        kept
    }) && b.last() != Some(&b' ');
    if single_spaced {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// The first `b` in `hay` at or after `from`: memchr's word-at-a-time search with the `speed`
/// feature, a plain loop without (the page's own wasm, where memchr's code would cost
/// first-load bytes).
#[inline]
pub(crate) fn find_byte(b: u8, hay: &[u8], from: usize) -> Option<usize> {
    let rest = hay.get(from..)?;
    #[cfg(feature = "speed")]
    let at = memchr::memchr(b, rest);
    #[cfg(not(feature = "speed"))]
    let at = rest.iter().position(|&c| c == b);
    at.map(|at| from + at)
}

/// The first `a`, `b` or `c` in `hay` at or after `from`, as [`find_byte`].
#[inline]
pub(crate) fn find_any(a: u8, b: u8, c: u8, hay: &[u8], from: usize) -> Option<usize> {
    let rest = hay.get(from..)?;
    #[cfg(feature = "speed")]
    let at = memchr::memchr3(a, b, c, rest);
    #[cfg(not(feature = "speed"))]
    let at = rest.iter().position(|&x| x == a || x == b || x == c);
    at.map(|at| from + at)
}

/// Every string of up to `n` of `pieces` one after another, for the tests that hold a quick
/// reading against a plain one.
#[cfg(test)]
pub(crate) fn every_joining(pieces: &[&str], n: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut longest = vec![String::new()];
    for _ in 0..n {
        longest = longest
            .iter()
            .flat_map(|c| pieces.iter().map(move |p| format!("{c}{p}")))
            .collect();
        all.extend(longest.iter().cloned());
    }
    all
}

#[cfg(test)]
mod tests {
    use super::IgnoreCase;

    #[test]
    fn squashed_as_the_words_joined_by_single_spaces() {
        let pieces = ["a", " ", "\t", "\r\n", "\x01", "é", "\x0b", "\x0c"];
        for case in &super::every_joining(&pieces, 4) {
            let joined = case.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
            let squashed = super::squash(case);
            assert_eq!(squashed, joined, "{case:?}");
            // Borrowed exactly when nothing had to change.
            assert_eq!(
                matches!(squashed, std::borrow::Cow::Borrowed(_)),
                *case == joined && !case.bytes().any(|b| b < b' '),
                "{case:?}"
            );
        }
    }

    #[test]
    fn agrees_with_the_standard_library() {
        let words = [
            "", "a", "A", "received", "Received", "RECEIVED", "receiver", "é", "É", "[", "{",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    a.eq_ignore_case(b),
                    a.eq_ignore_ascii_case(b),
                    "{a:?} {b:?}"
                );
            }
        }
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                assert_eq!(
                    [a].eq_ignore_case([b]),
                    a.eq_ignore_ascii_case(&b),
                    "{a} {b}"
                );
            }
        }
        let long = "Copy to clipboard";
        assert!(
            long.eq_ignore_case("COPY TO CLIPBOARD") && !long.eq_ignore_case("Copy to clipboarx")
        );
    }

    #[test]
    fn trims_as_the_standard_library() {
        for text in [
            "",
            " ",
            "helo ",
            "helo\t\r\n",
            "helo\x0b",
            "helo\u{a0} ",
            " é ",
            "a\x0c",
            "a\x1f",
        ] {
            assert_eq!(super::trim_end(text), text.trim_end(), "{text:?}");
            assert_eq!(super::trim(text), text.trim(), "{text:?}");
        }
    }
}
