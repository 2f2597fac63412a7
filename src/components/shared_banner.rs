//! The shared-report view's banner: says plainly where the report on screen came from, what
//! the sender hid (and that what stands in its place is made up), or why the link could not be
//! opened, and always offers the way back to the person's own headers.

use hopscope_core::share::Redaction;
use yew::prelude::*;

use crate::format::and_list;
use crate::visible::visible_text;

#[derive(Properties, PartialEq)]
pub struct SharedBannerProps {
    /// Why the link could not be opened; `None` when the report below is the link's.
    pub error: Option<AttrValue>,
    /// What the link's report says was hidden (`Report::redaction`): `None` for links made
    /// before links recorded it (format r1).
    pub redaction: Option<Redaction>,
    pub on_leave: Callback<()>,
}

/// What replaces hidden values, for every kind: made-up values that cannot be mistaken for
/// real ones (see `hopscope_core::share` on redaction).
const STAND_INS: &str = "Stand-ins are made up, not real: addresses from the ranges kept for \
documentation and private networks (192.0.2.x, 2001:db8::…, 10.0.0.x), names like \
host-1.domain-1.example, ip-hidden-1 where a name spelt an address, mailboxes like user-1@….";

/// The banner's sentence about redaction, and its `data-redaction` hook.
pub fn redaction_sentence(redaction: Option<Redaction>) -> (String, &'static str) {
    match redaction {
        None => (
            format!(
                "This link does not record what the sender hid (it was made by an earlier \
                 version of Hopscope), so names and addresses may be stand-ins. {STAND_INS}"
            ),
            "unrecorded",
        ),
        Some(redaction) if redaction.kinds().is_empty() => (
            "The sender hid nothing: names and addresses are as the headers had them.".to_owned(),
            "none",
        ),
        Some(redaction) => (
            format!(
                "The sender hid {}: each was replaced by a stand-in. {STAND_INS}",
                and_list(&redaction.kinds())
            ),
            "some",
        ),
    }
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
                { redaction_note(props.redaction) }
            }
            <button type="button" class="button" data-action="own-headers" onclick={props.on_leave.reform(|_| ())}>
                { "Analyse your own headers" }
            </button>
        </section>
    }
}

fn redaction_note(redaction: Option<Redaction>) -> Html {
    let (sentence, hook) = redaction_sentence(redaction);
    html! { <p class="shared-redaction" data-redaction={hook}>{ sentence }</p> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recipient_is_told_what_was_hidden_and_that_stand_ins_are_not_real() {
        let ips = Redaction {
            ips: true,
            ..Redaction::default()
        };
        let (sentence, hook) = redaction_sentence(Some(ips));
        assert!(
            sentence.starts_with("The sender hid email addresses and IP addresses:"),
            "{sentence}"
        );
        assert!(sentence.contains("192.0.2.x") && sentence.contains("not real"));
        assert_eq!(hook, "some");
        let (sentence, hook) = redaction_sentence(None);
        assert!(sentence.contains("does not record what the sender hid"));
        assert_eq!(hook, "unrecorded");
        assert_eq!(redaction_sentence(Some(Redaction::NONE)).1, "none");
    }
}
