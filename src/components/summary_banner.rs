//! The answer first: overall status (icon, colour and words), the core's headline, counts.

use std::rc::Rc;

use hopscope_core::{Report, Summary};
use yew::prelude::*;

use super::icons::{tone_icon, verdict_icon};
use crate::visible::visible_text;
use hopscope_core::words;
use hopscope_core::words::{count, duration};

#[derive(Properties, PartialEq)]
pub struct SummaryBannerProps {
    pub report: Option<Rc<Report>>,
    pub has_input: bool,
    /// The input changed since `report` was made.
    pub stale: bool,
}

#[function_component]
pub fn SummaryBanner(props: &SummaryBannerProps) -> Html {
    let (slug, body) = match (&props.report, props.has_input) {
        (_, false) => (
            "empty",
            html! {
                <p class="summary-prompt">
                    { "Paste the headers of an email above, drop a .eml file on the box, or try an example. \
                       The report shows, hop by hop, whether each server passed the message on encrypted." }
                </p>
            },
        ),
        (None, true) => (
            "pending",
            html! { <p class="summary-prompt">{ "Reading the headers…" }</p> },
        ),
        (Some(report), true) if !report.looks_like_email => ("not_email", not_email()),
        (Some(report), true) => (words::overall_slug(report.summary.overall), status(report)),
    };
    html! {
        <section id="summary" class={classes!("panel", "summary", format!("summary-{slug}"))}
            data-overall={slug} aria-busy={if props.stale { "true" } else { "false" }}
            aria-labelledby="summary-title">
            <h2 id="summary-title" class="visually-hidden">{ "Summary" }</h2>
            { body }
            if props.stale && props.report.is_some() {
                <p class="updating" aria-hidden="true">{ "Updating…" }</p>
            }
        </section>
    }
}

fn status(report: &Report) -> Html {
    let summary = &report.summary;
    let message = &report.message;
    html! {
        <>
            <p class="status" role="status">
                { tone_icon(words::overall_tone(summary.overall)) }
                <span class="status-words">{ words::overall_title(summary.overall) }</span>
            </p>
            if !summary.headline.is_empty() {
                <p class="headline">{ visible_text(&summary.headline) }</p>
            }
            { counts(summary) }
            { hop_links("Not encrypted:", &summary.exposed_hops) }
            { hop_links("Not stated:", &summary.unknown_hops) }
            if let Some(weakest) = &summary.weakest {
                <p class="weakest">
                    { format!("Weakest link: hop {} ({}). ", weakest.hop, words::grade_word(weakest.grade).to_ascii_lowercase()) }
                    { visible_text(&weakest.reason) }
                </p>
            }
            if let Some(note) = summary.trusted_from.and_then(unverified_note) {
                <p class="trust-note">{ note }</p>
            }
            if message.subject.is_some() || message.from.is_some() {
                <dl class="message-info">
                    if let Some(subject) = &message.subject {
                        <dt>{ "Subject" }</dt><dd>{ visible_text(subject) }</dd>
                    }
                    if let Some(from) = &message.from {
                        <dt>{ "From" }</dt><dd>{ visible_text(from) }</dd>
                    }
                    if let Some(date) = &message.date {
                        <dt>{ "Date" }</dt><dd>{ visible_text(date) }</dd>
                    }
                </dl>
            }
        </>
    }
}

/// Says which hops were written before the recipient's own servers (`first` is the oldest
/// trusted hop).
fn unverified_note(first: u32) -> Option<String> {
    let hops = match first {
        0 | 1 => return None,
        2 => "Hop 1 was".to_owned(),
        _ => format!("Hops 1–{} were", first - 1),
    };
    Some(format!(
        "{hops} recorded before the message reached the recipient's own servers and cannot be verified."
    ))
}

fn counts(summary: &Summary) -> Html {
    html! {
        <ul class="counts">
            <li class="count-hops">{ count(summary.hops, "hop", "hops") }</li>
            <li class={classes!("count-encrypted", (summary.encrypted > 0).then_some("count-lit"))}>
                { format!("{} encrypted", summary.encrypted) }
            </li>
            // Red only when a plaintext hop crossed a network; local plaintext is no exposure.
            <li class={classes!("count-plaintext", (!summary.exposed_hops.is_empty()).then_some("count-lit"))}>
                { format!("{} not encrypted", summary.plaintext) }
            </li>
            <li class={classes!("count-unknown", (!summary.unknown_hops.is_empty()).then_some("count-lit"))}>
                { format!("{} not stated", summary.unknown) }
            </li>
            <li class="count-local">{ format!("{} local", summary.local) }</li>
            if let Some(seconds) = summary.transit_seconds {
                <li class="count-transit">{ format!("in transit {}", duration(seconds)) }</li>
            }
        </ul>
    }
}

fn hop_links(label: &'static str, hops: &[u32]) -> Html {
    if hops.is_empty() {
        return html! {};
    }
    html! {
        <p class="hop-links">
            { label }
            { super::hop_links::hop_links(hops) }
        </p>
    }
}

fn not_email() -> Html {
    html! {
        <div class="not-email" role="status">
            <p class="status">
                { verdict_icon(hopscope_core::Verdict::Unknown) }
                <span class="status-words">{ "This doesn't look like email headers…" }</span>
            </p>
            <p>{ "Hopscope needs the message's raw headers, the lines starting with “Received:”. Your text is \
                  still in the box above; replace it with the headers:" }</p>
            <ul class="how-to">
                <li><strong>{ "Gmail: " }</strong>{ "open the message, click ⋮ (More), then “Show original”, and copy everything above the message text." }</li>
                <li><strong>{ "Outlook on the web: " }</strong>{ "open the message, click … (More actions), then View → “View message source”." }</li>
                <li><strong>{ "Outlook for Windows: " }</strong>{ "open the message, then File → Properties, and copy “Internet headers”." }</li>
                <li><strong>{ "Apple Mail: " }</strong>{ "select the message, then View → Message → “All Headers” (or “Raw Source”)." }</li>
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::unverified_note;

    #[test]
    fn unverified_hops_are_named_in_the_right_number() {
        assert_eq!(unverified_note(1), None);
        assert!(unverified_note(2)
            .unwrap()
            .starts_with("Hop 1 was recorded"));
        assert!(unverified_note(4)
            .unwrap()
            .starts_with("Hops 1–3 were recorded"));
    }
}
