//! Characters that hide or reorder text, and the visible token every front end shows instead.
//!
//! Email headers are written by strangers. A Received line can carry a right-to-left override
//! (U+202E) that makes `moc.elpmaxe` display as `example.com`, zero-width characters that make
//! two different host names look identical, or a Hangul filler that looks like nothing at all.
//! The page, the Markdown and terminal renderers, the SVG route and the CLI all use this one
//! table, so a copy of a report can never hide what the page exposed: each such character is
//! shown as a token like `⟨U+202E⟩`.
//!
//! The table covers Unicode's `Default_Ignorable_Code_Point` set (Unicode 15.1), the bidi
//! controls, the C0 and C1 controls (except tab and line feed, which folded headers need), the
//! line and paragraph separators, and characters that draw as blank space without being one
//! (U+2800 BRAILLE PATTERN BLANK, the typographic spaces U+2000–U+200A, U+202F, U+205F, U+3000,
//! U+1680). An ordinary space and U+00A0 NO-BREAK SPACE are kept: they hide nothing.
//!
//! Variation selectors are ignorable too, but after an emoji or an ideograph they only choose
//! how it is drawn (`❤️` is U+2764 U+FE0F), so there they are kept; after ASCII text, or at
//! the start, they hide nothing legitimate and are shown.
//!
//! ```
//! use hopscope_core::visible::{escape, token};
//! assert_eq!(escape("evil\u{202e}gnp.exe"), "evil⟨U+202E⟩gnp.exe");
//! assert_eq!(token('\u{200b}'), "⟨U+200B⟩");
//! assert_eq!(escape("Grüße ❤\u{fe0f}"), "Grüße ❤\u{fe0f}");
//! ```

use std::borrow::Cow;

/// Whether `c` is invisible, a control character, blank-looking, or changes the direction of
/// text around it. `previous` is the character before it (variation selectors depend on it).
/// Tab and line feed are not hidden: folded headers need them.
pub fn is_hidden(c: char, previous: Option<char>) -> bool {
    match c {
        '\t' | '\n' => false,
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => {
            previous.is_none_or(|p| p.is_ascii() || is_hidden(p, None))
        }
        _ => is_always_hidden(c),
    }
}

/// The table, without the context rule for variation selectors.
fn is_always_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}' // C0 (but tab, LF), DEL, C1
        | '\u{AD}'                      // soft hyphen
        | '\u{34F}'                     // combining grapheme joiner
        | '\u{61C}'                     // Arabic letter mark
        | '\u{115F}' | '\u{1160}'       // Hangul choseong/jungseong fillers
        | '\u{1680}'                    // Ogham space mark
        | '\u{17B4}' | '\u{17B5}'       // Khmer inherent vowels
        | '\u{180B}'..='\u{180F}'       // Mongolian selectors and vowel separator
        | '\u{2000}'..='\u{200A}'       // typographic spaces
        | '\u{200B}'..='\u{200F}'       // zero width space/joiners, LRM, RLM
        | '\u{2028}'..='\u{202F}'       // line/paragraph separators, bidi embeddings, narrow NBSP
        | '\u{205F}'..='\u{206F}'       // medium math space, word joiner, invisible operators, isolates
        | '\u{2800}'                    // braille pattern blank
        | '\u{3000}'                    // ideographic space
        | '\u{3164}'                    // Hangul filler
        | '\u{FEFF}'                    // zero width no-break space (BOM)
        | '\u{FFA0}'                    // halfwidth Hangul filler
        | '\u{FFF0}'..='\u{FFFB}'       // unassigned specials, interlinear annotations
        | '\u{1BCA0}'..='\u{1BCA3}'     // shorthand format controls
        | '\u{1D173}'..='\u{1D17A}'     // musical symbol formatting
        | '\u{E0000}'..='\u{E00FF}'     // tags and unassigned ignorables
        | '\u{E01F0}'..='\u{E0FFF}'     // unassigned ignorables
    )
}

/// Every hidden character, for tests that run them through every renderer. Variation
/// selectors are listed too: they are hidden after ASCII text, which is how tests use them.
pub fn table() -> impl Iterator<Item = char> {
    ('\0'..='\u{E0FFF}').filter(|&c| {
        is_always_hidden(c)
            || ('\u{FE00}'..='\u{FE0F}').contains(&c)
            || ('\u{E0100}'..='\u{E01EF}').contains(&c)
    })
}

/// The token shown in place of a hidden character: `⟨U+202E⟩`.
pub fn token(c: char) -> String {
    format!("⟨U+{:04X}⟩", u32::from(c))
}

/// A short description for the token's tooltip.
pub fn describe(c: char) -> &'static str {
    match c {
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{61C}' => {
            "Text-direction control: it can make text display in a different order than it is written"
        }
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            "Zero-width character: invisible, but it makes two names that look the same different"
        }
        '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' => "Control character",
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{2800}' | '\u{1680}'
        | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            "Blank-looking character: it looks like empty space but is a different character"
        }
        _ => "Invisible character",
    }
}

/// A run of text: ordinary characters, or one hidden character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Hidden(char),
}

/// Splits `text` into ordinary runs and hidden characters, in order. A CR that ends a line
/// (CRLF input) is part of the text's shape and stays in the run.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut run_start = 0;
    let mut previous = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let crlf = c == '\r' && matches!(chars.peek(), Some((_, '\n')));
        if !crlf && is_hidden(c, previous) {
            if run_start < at {
                out.push(Piece::Text(&text[run_start..at]));
            }
            out.push(Piece::Hidden(c));
            run_start = at + c.len_utf8();
        }
        previous = Some(c);
    }
    if run_start < text.len() {
        out.push(Piece::Text(&text[run_start..]));
    }
    out
}

/// `text` with every hidden character written as its token; borrowed when there is none.
pub fn escape(text: &str) -> Cow<'_, str> {
    // Printable ASCII hides nothing: most text is that, and needs no look at each character.
    if text.bytes().all(|b| matches!(b, b' '..=b'~')) {
        return Cow::Borrowed(text);
    }
    match pieces(text).as_slice() {
        [] => Cow::Borrowed(""),
        [Piece::Text(run)] => Cow::Borrowed(run),
        pieces => Cow::Owned(
            pieces
                .iter()
                .map(|piece| match piece {
                    Piece::Text(run) => Cow::Borrowed(*run),
                    Piece::Hidden(c) => Cow::Owned(token(*c)),
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_hides_nothing() {
        let ascii: String = (' '..='~').collect();
        assert!(pieces(&ascii) == vec![Piece::Text(&ascii)]);
        assert!(matches!(escape(&ascii), Cow::Borrowed(t) if t == ascii));
        assert_eq!(escape("a\u{7f}b"), "a⟨U+007F⟩b");
        assert_eq!(escape("a\u{1f}b"), "a⟨U+001F⟩b");
    }

    #[test]
    fn ordinary_text_is_one_piece() {
        assert_eq!(
            pieces("mx.example.com"),
            vec![Piece::Text("mx.example.com")]
        );
        assert_eq!(
            pieces("Grüße 日本 ✓ a\u{a0}b"),
            vec![Piece::Text("Grüße 日本 ✓ a\u{a0}b")]
        );
        assert!(pieces("").is_empty());
        assert!(matches!(escape("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn the_table_covers_what_the_issue_names() {
        for c in [
            '\u{3164}',
            '\u{115F}',
            '\u{1160}',
            '\u{FFA0}',
            '\u{34F}',
            '\u{2800}',
            '\u{1D173}',
            '\u{1D17A}',
            '\u{202E}',
            '\u{2066}',
            '\u{200B}',
            '\u{AD}',
            '\u{85}',
            '\u{1B}',
            '\u{E0041}',
            '\u{1BCA0}',
            '\u{FE0F}',
        ] {
            assert!(table().any(|t| t == c), "{c:?}");
            assert_eq!(
                escape(&format!("a{c}b")),
                format!("a{}b", token(c)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn variation_selectors_are_kept_after_emoji() {
        assert_eq!(escape("❤\u{FE0F}"), "❤\u{FE0F}");
        assert_eq!(escape("x\u{FE0F}"), "x⟨U+FE0F⟩");
        assert_eq!(escape("\u{FE0F}"), "⟨U+FE0F⟩");
        assert_eq!(escape("\u{200B}\u{FE0F}"), "⟨U+200B⟩⟨U+FE0F⟩");
    }

    #[test]
    fn controls_are_shown_but_folding_whitespace_is_kept() {
        assert_eq!(
            escape("a\u{1}b\u{7F}c\u{85}"),
            "a⟨U+0001⟩b⟨U+007F⟩c⟨U+0085⟩"
        );
        assert_eq!(escape("Received: a\r\n\tb\n c"), "Received: a\r\n\tb\n c");
        assert_eq!(escape("a\rb"), "a⟨U+000D⟩b");
        assert_eq!(escape("a\r"), "a⟨U+000D⟩");
    }

    #[test]
    fn adjacent_hidden_characters_are_separate_tokens() {
        assert_eq!(
            pieces("\u{202E}\u{200B}x"),
            vec![
                Piece::Hidden('\u{202E}'),
                Piece::Hidden('\u{200B}'),
                Piece::Text("x")
            ]
        );
    }
}
