//! Header text on screen: every character that could hide or reorder text is shown as a token.
//!
//! The table of such characters, and the token, are the core's ([`hopscope_core::visible`]),
//! shared with the Markdown, terminal and SVG renderings, so a copy never hides what the page
//! exposes. This module only turns the core's pieces into yew nodes.
//!
//! Nothing from the input is ever parsed as HTML: yew text nodes are escaped by construction,
//! and this module never builds markup from strings.

use hopscope_core::visible::{describe, pieces, token, Piece};
use yew::prelude::*;

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

    #[test]
    fn every_hidden_character_becomes_a_token_on_the_page() {
        for c in hopscope_core::visible::table() {
            let html = visible_text(&format!("a{c}b"));
            assert_eq!(
                text_nodes(&html),
                vec!["a".to_owned(), token(c), "b".to_owned()],
                "{c:?}"
            );
        }
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
