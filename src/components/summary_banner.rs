//! The answer first: overall status (icon, colour and words), the headline, the hop counts and
//! links to the hops that matter. All words are the core's (`hopscope_core::words`), so the
//! summary reads as the Markdown, the terminal and a shared link do.
//!
//! With a policy chosen (or in a shared report checked against one), the message's answer is
//! `[data-policy][data-outcome]` (`pass`, `fail`, `cannot-tell`).
//!
//! The banner is `#summary`, focusable (`tabindex="-1"`): the skip link lands on it, and after
//! a paste, an example or a file the app brings it into view and focuses it.

use super::ReportRef;

use hopscope_core::words::{self, count, duration};
use hopscope_core::{Report, Summary, Verdict};
use yew::prelude::*;

use super::header_sources::header_sources;
use super::icons::{tone_icon, verdict_icon};
use crate::visible::visible_text;

#[derive(Properties, PartialEq)]
pub struct SummaryBannerProps {
    pub report: Option<ReportRef>,
    pub has_input: bool,
    /// The report on screen is about to change: the input changed since `report` was made, or
    /// an example or a file is on its way from the engine.
    pub stale: bool,
    /// Why the analysis failed, when it did.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Shown first in a report's summary: which message of a forward it is about
    /// (`PartSwitch`).
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn SummaryBanner(props: &SummaryBannerProps) -> Html {
    let (slug, body) = match (&props.report, props.has_input) {
        // An example or a file on its way into the empty box.
        (_, false) if props.stale => (
            "pending",
            html! { <p class="summary-prompt">{ "Loading…" }</p> },
        ),
        (_, false) => (
            "empty",
            html! {
                <p class="summary-prompt">
                    { "Paste the headers of an email above" }
                    <span class="drop-only">{ ", drop a .eml or .msg file on the box," }</span>
                    { " or try an example. The report shows, hop by hop, whether each server passed the \
                       message on encrypted." }
                </p>
            },
        ),
        (None, true) if props.error.is_some() && !props.stale => (
            "failed",
            html! { <p class="summary-prompt notice-error" role="alert">{ props.error.clone() }</p> },
        ),
        (None, true) => (
            "pending",
            html! { <p class="summary-prompt">{ "Reading the headers…" }</p> },
        ),
        (Some(report), true) if !report.looks_like_email => ("not_email", not_email()),
        (Some(report), true) => (
            words::overall_slug(report.summary.overall),
            html! { <>{ props.children.clone() }{ status(report) }</> },
        ),
    };
    html! {
        <section id="summary" tabindex="-1" class={classes!("panel", "summary", format!("summary-{slug}"))}
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
            <p class="headline">{ visible_text(words::headline(report)) }</p>
            if let Some(check) = &report.policy {
                <p class={classes!("policy-result", format!("policy-{}", check.outcome.hook()))}
                    data-policy={check.policy.name.clone()} data-outcome={check.outcome.hook()}>
                    { "Policy “" }{ visible_text(&check.policy.name) }{ "”: " }{ visible_text(&check.reason) }
                </p>
            }
            { counts(report) }
            { hop_links(words::verdict_word(Verdict::Plaintext), &summary.exposed_hops) }
            { hop_links(words::verdict_word(Verdict::Unknown), &summary.unknown_hops) }
            if let Some(weakest) = &summary.weakest {
                <p class="weakest">
                    { words::weakest_label(weakest.hop, weakest.grade) }{ ". " }
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

/// The hop count and its partition (`words::hop_counts`: every hop in exactly one kind, zeros
/// left out), so the numbers add up to the hops shown.
fn counts(report: &Report) -> Html {
    let summary: &Summary = &report.summary;
    html! {
        <ul class="counts">
            <li class="count-hops">{ count(report.hops.len() as u64, "hop", "hops") }</li>
            { for words::hop_counts(&report.hops).into_iter().map(|(kind, n)| html! {
                <li class={kind.slug()} data-count={kind.slug()}>{ format!("{n} {}", kind.word()) }</li>
            }) }
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
            { format!("{label}:") }
            { super::hop_links::hop_links(hops) }
        </p>
    }
}

fn not_email() -> Html {
    html! {
        <div class="not-email" role="status">
            <p class="status">
                { verdict_icon(Verdict::Unknown) }
                <span class="status-words">{ words::NOT_EMAIL }</span>
            </p>
            <p>{ "Hopscope needs the message's raw headers, the lines starting with “Received:”. Your text is \
                  still in the box above; replace it with the headers:" }</p>
            { header_sources() }
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
