//! The page's built-in examples: realistic headers, so the page can be tried without real
//! mail. Here are their ids (the URL fragment `#example=<id>`) and button labels; their texts
//! are loaded with the engine (`crates/engine/src/examples.rs`, from the `.txt` files next to
//! this one), which analyses them anyway, so the page's first load does not carry them.

/// One example: its URL-fragment id and the button label.
#[derive(Debug, PartialEq, Eq)]
pub struct Example {
    pub id: &'static str,
    pub label: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "gmail",
        label: "Gmail",
    },
    Example {
        id: "microsoft365",
        label: "Microsoft 365",
    },
    Example {
        id: "postfix-pq",
        label: "Post-quantum TLS",
    },
    Example {
        id: "plaintext-hop",
        label: "Unencrypted hop",
    },
    Example {
        id: "local-only",
        label: "Local only",
    },
];

pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|example| example.id == id)
}

/// The example a URL fragment names: `#example=gmail`.
pub fn from_fragment(fragment: &str) -> Option<&'static Example> {
    find(
        fragment
            .strip_prefix('#')
            .unwrap_or(fragment)
            .strip_prefix("example=")?,
    )
}

/// The URL fragment that names an example.
pub fn fragment(example: &Example) -> String {
    format!("#example={}", example.id)
}

/// The text of an example, as the engine gives it (tests only: the page asks the engine).
#[cfg(test)]
pub fn text(example: &Example) -> &'static str {
    hopscope_engine::examples::text(example.id).expect("every example has a text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip_through_the_fragment() {
        for example in EXAMPLES {
            assert_eq!(from_fragment(&fragment(example)), Some(example));
            assert!(example
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            assert_eq!(EXAMPLES.iter().filter(|e| e.id == example.id).count(), 1);
        }
        assert_eq!(from_fragment("example=gmail").map(|e| e.id), Some("gmail"));
        assert_eq!(from_fragment("#example=nope"), None);
        assert_eq!(from_fragment(""), None);
    }

    #[test]
    fn the_engine_has_the_text_of_every_example_and_no_other() {
        let ids: Vec<&str> = EXAMPLES.iter().map(|e| e.id).collect();
        let texts: Vec<&str> = hopscope_engine::examples::EXAMPLES
            .iter()
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(ids, texts);
    }
}
