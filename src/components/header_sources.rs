//! "Where do I find the headers?": the core's list of mail programs (`words::HEADER_SOURCES`),
//! shown by the input and by the summary when the text is not headers.

use std::borrow::Cow;

use hopscope_core::words::HEADER_SOURCES;
use yew::prelude::*;

/// Whether the page can read an Outlook `.msg` file. It cannot yet (`load.rs` refuses them),
/// so advice to drop one is left out of the core's list.
const ACCEPTS_MSG: bool = false;

pub fn header_sources() -> Html {
    html! {
        <ul class="how-to">
            { for HEADER_SOURCES.iter().map(|(program, how)| html! {
                <li><strong>{ format!("{program}: ") }</strong>{ advice(how) }</li>
            }) }
        </ul>
    }
}

/// `how` without a parenthesis that offers a `.msg` drop, while the page cannot read one.
fn advice(how: &'static str) -> Cow<'static, str> {
    if ACCEPTS_MSG || !how.contains(".msg") {
        return Cow::Borrowed(how);
    }
    // The parenthesis around the mention, and the space before it.
    let at = how.find(".msg").unwrap_or(0);
    match (how[..at].rfind('('), how[at..].find(')')) {
        (Some(open), Some(close)) => {
            let open = how[..open].trim_end().len();
            Cow::Owned(format!("{}{}", &how[..open], &how[at + close + 1..]))
        }
        _ => Cow::Borrowed(how),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_advice_offers_a_file_the_page_cannot_read() {
        for (program, how) in HEADER_SOURCES {
            let shown = advice(how);
            assert!(!shown.contains(".msg"), "{program}: {shown}");
            assert!(shown.ends_with('.'), "{program}: {shown}");
        }
        assert_eq!(
            advice("open it, then copy “Internet headers” (or drop the saved .msg file here)."),
            "open it, then copy “Internet headers”."
        );
    }
}
