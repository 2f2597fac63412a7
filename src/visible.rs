//! Header text on screen: every character that could hide or reorder text is shown as a token.
//!
//! Email headers are written by strangers. A Received line can carry a right-to-left override
//! (U+202E) that makes `moc.elpmaxe` display as `example.com`, or zero-width characters that
//! make two different hostnames look identical. Everything the page shows from the input goes
//! through [`visible_text`]: ordinary characters stay ordinary text nodes, and each hidden or
//! reordering character becomes a visible `⟨U+202E⟩` token.
//!
//! Nothing from the input is ever parsed as HTML: yew text nodes are escaped by construction,
//! and this module never builds markup from strings.

use yew::prelude::*;

/// A run of input text: either ordinary characters or one character shown as a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Hidden(char),
}

/// Splits `text` into ordinary runs and hidden characters, in order.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut run_start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        // A CR that ends a line (CRLF input) is part of the text's shape, not a trick.
        let crlf = c == '\r' && matches!(chars.peek(), Some((_, '\n')));
        if is_hidden(c) && !crlf {
            if run_start < at {
                out.push(Piece::Text(&text[run_start..at]));
            }
            out.push(Piece::Hidden(c));
            run_start = at + c.len_utf8();
        }
    }
    if run_start < text.len() {
        out.push(Piece::Text(&text[run_start..]));
    }
    out
}

/// Whether `c` is invisible, a control character, or changes the direction of text around it.
///
/// Tab and line feed are kept: folded headers need them. Variation selectors are not listed:
/// they only change how the character before them is drawn (emoji in a Subject).
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        | '\u{AD}'                      // soft hyphen
        | '\u{34F}'                     // combining grapheme joiner
        | '\u{61C}'                     // Arabic letter mark
        | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers
        | '\u{17B4}' | '\u{17B5}'       // Khmer inherent vowels
        | '\u{180B}'..='\u{180F}'       // Mongolian selectors and vowel separator
        | '\u{200B}'..='\u{200F}'       // zero width space/joiners, LRM, RLM
        | '\u{2028}'..='\u{202E}'       // line/paragraph separators, bidi embeddings/overrides
        | '\u{2060}'..='\u{206F}'       // word joiner, invisible operators, bidi isolates
        | '\u{FEFF}'                    // zero width no-break space (BOM)
        | '\u{FFF9}'..='\u{FFFB}'       // interlinear annotations
        | '\u{1D173}'..='\u{1D17A}'     // musical formatting
        | '\u{E0000}'..='\u{E007F}' // tag characters
    )
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
        _ => "Invisible character",
    }
}

/// Header-derived text as yew nodes, with hidden characters shown as tokens.
pub fn visible_text(text: &str) -> Html {
    pieces(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(run) => Html::from(run.to_owned()),
            Piece::Hidden(c) => html! {
                <span class="hidden-char" title={describe(c)}>{ token(c) }</span>
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use yew::virtual_dom::VNode;

    /// The text with hidden characters written as tokens, as the page shows it.
    fn visible_plain(text: &str) -> String {
        pieces(text)
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(run) => run.to_owned(),
                Piece::Hidden(c) => token(c),
            })
            .collect()
    }

    #[test]
    fn ordinary_text_is_one_piece() {
        assert_eq!(
            pieces("mx.example.com"),
            vec![Piece::Text("mx.example.com")]
        );
        assert_eq!(pieces("Grüße 日本 ✓"), vec![Piece::Text("Grüße 日本 ✓")]);
        assert!(pieces("").is_empty());
    }

    #[test]
    fn bidi_overrides_and_isolates_become_tokens() {
        assert_eq!(
            visible_plain("a\u{202E}moc\u{202C}b"),
            "a⟨U+202E⟩moc⟨U+202C⟩b"
        );
        for c in ('\u{202A}'..='\u{202E}').chain('\u{2066}'..='\u{2069}') {
            assert!(is_hidden(c), "{c:?}");
        }
    }

    #[test]
    fn zero_width_characters_become_tokens() {
        for c in ('\u{200B}'..='\u{200F}').chain(['\u{FEFF}', '\u{2060}', '\u{AD}']) {
            assert_eq!(visible_plain(&format!("x{c}y")), format!("x{}y", token(c)));
        }
        assert_eq!(token('\u{FEFF}'), "⟨U+FEFF⟩");
        assert_eq!(token('\u{E0041}'), "⟨U+E0041⟩");
    }

    #[test]
    fn controls_are_shown_but_folding_whitespace_is_kept() {
        assert_eq!(
            visible_plain("a\u{1}b\u{7F}c\u{85}"),
            "a⟨U+0001⟩b⟨U+007F⟩c⟨U+0085⟩"
        );
        assert_eq!(
            visible_plain("Received: a\r\n\tb\n c"),
            "Received: a\r\n\tb\n c"
        );
        assert_eq!(visible_plain("a\rb"), "a⟨U+000D⟩b");
        assert_eq!(visible_plain("a\r"), "a⟨U+000D⟩");
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

    #[test]
    fn markup_in_input_stays_text() {
        // Rendered as a text node, never parsed: the node holds the characters as written.
        let html = visible_text("<img src=x onerror=alert(1)>");
        let texts = text_nodes(&html);
        assert_eq!(texts, vec!["<img src=x onerror=alert(1)>".to_owned()]);
    }

    #[test]
    fn html_marks_hidden_characters_with_a_span() {
        let html = visible_text("ab\u{202E}cd");
        let VNode::VList(list) = &html else {
            panic!("expected a list: {html:?}")
        };
        assert_eq!(list.len(), 3);
        let VNode::VTag(tag) = &list[1] else {
            panic!("expected a tag")
        };
        assert_eq!(tag.tag(), "span");
        assert_eq!(text_nodes(&html), vec!["ab", "⟨U+202E⟩", "cd"]);
    }

    fn text_nodes(node: &Html) -> Vec<String> {
        match node {
            VNode::VText(text) => vec![text.text.to_string()],
            VNode::VList(list) => list.iter().flat_map(text_nodes).collect(),
            VNode::VTag(tag) => tag.children().map(text_nodes).unwrap_or_default(),
            other => panic!("unexpected node {other:?}"),
        }
    }
}
