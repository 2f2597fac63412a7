//! "Where do I find the headers?": the core's list of mail programs (`words::HEADER_SOURCES`),
//! shown by the input and by the summary when the text is not headers. The page opens every
//! kind of file the list mentions (`.eml`, `.txt`, Outlook's `.msg`), so it is shown as it is.

use hopscope_core::words::HEADER_SOURCES;
use yew::prelude::*;

pub fn header_sources() -> Html {
    html! {
        <ul class="how-to">
            { for HEADER_SOURCES.iter().map(|(program, how)| html! {
                <li><strong>{ format!("{program}: ") }</strong>{ *how }</li>
            }) }
        </ul>
    }
}
