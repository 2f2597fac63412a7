//! The shared-report view's banner: says plainly where the report on screen came from, or why
//! the link could not be opened, and always offers the way back to the person's own headers.

use yew::prelude::*;

use crate::visible::visible_text;

#[derive(Properties, PartialEq)]
pub struct SharedBannerProps {
    /// Why the link could not be opened; `None` when the report below is the link's.
    pub error: Option<AttrValue>,
    pub on_leave: Callback<()>,
}

#[function_component]
pub fn SharedBanner(props: &SharedBannerProps) -> Html {
    let state = if props.error.is_some() {
        "error"
    } else {
        "report"
    };
    html! {
        <section id="shared-banner" class={classes!("panel", "shared-banner", format!("shared-{state}"))}
            data-shared={state} aria-labelledby="shared-title">
            if let Some(message) = &props.error {
                <h2 id="shared-title">{ "This share link could not be opened" }</h2>
                <p class="share-error" data-share-error="" role="alert">{ visible_text(message) }</p>
                <p class="help">
                    { "Ask the sender to copy the whole link again, or to send the report as a file. \
                       Nothing from the link was shown or sent anywhere." }
                </p>
            } else {
                <h2 id="shared-title">{ "Shared report" }</h2>
                <p class="shared-lead">
                    { "Shared report — decoded in your browser from the link; nothing was uploaded. \
                       This is what the sender's Hopscope showed; the original headers are not included." }
                </p>
            }
            <button type="button" class="button" data-action="own-headers" onclick={props.on_leave.reform(|_| ())}>
                { "Analyse your own headers" }
            </button>
        </section>
    }
}
