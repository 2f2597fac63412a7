//! Messages inside the message: a forward with the original attached (`message/rfc822` or an
//! attached `.eml`), or quoting the original's headers in its body. The core analyses the first
//! such message that has a route; this says plainly which message the report is about and
//! switches between the outer message and each inner one.
//!
//! Hooks: `#parts` (`data-showing-part`: the part on screen), `[data-part-note]`, and one
//! `button[data-action="show-part"][data-part="N"]` per message (0 = the outer message), with
//! `aria-pressed` on the one shown. Shown only in the own view: a shared report is about one
//! message and lists no others.

use super::ReportRef;

use hopscope_core::words;
use hopscope_core::Report;
use yew::prelude::*;

use crate::visible::visible_text;

#[derive(Properties, PartialEq)]
pub struct PartSwitchProps {
    /// Compared by identity: a new analysis is a new report.
    pub report: ReportRef,
    pub on_show: Callback<u32>,
}

#[function_component]
pub fn PartSwitch(props: &PartSwitchProps) -> Html {
    let report = &props.report;
    let Some(note) = part_note(report) else {
        return html! {};
    };
    let choice = |part: u32, label: String| {
        html! {
            <button type="button" class="button button-small" data-action="show-part" data-part={part.to_string()}
                aria-pressed={if report.part == part { "true" } else { "false" }}
                onclick={props.on_show.reform(move |_| part)}>
                { visible_text(&label) }
            </button>
        }
    };
    html! {
        <div id="parts" class="parts" data-showing-part={report.part.to_string()}>
            <p class="part-note" data-part-note="">{ visible_text(&note) }</p>
            <div class="part-choices" role="group" aria-label="Which message to analyse">
                { choice(0, words::part_choice(None)) }
                { for report.embedded.iter().map(|m| choice(m.part, words::part_choice(Some(m)))) }
            </div>
        </div>
    }
}

/// The sentence about which message the report is about, when the input holds more than one.
pub fn part_note(report: &Report) -> Option<String> {
    if report.embedded.is_empty() {
        return None;
    }
    match report.embedded.iter().find(|m| m.part == report.part) {
        Some(inner) if report.part > 0 => Some(format!("{}.", words::embedded_note(inner))),
        _ => Some(words::outer_note(report.embedded.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::part_note;

    const FORWARD: &str = "From: Dana <dana@example.org>\nSubject: Fwd: Invoice\n\
        Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nSee \
        attached.\n--b\nContent-Type: message/rfc822\n\nReceived: from a.example.org \
        (a.example.org [192.0.2.1]) by b.example.net with ESMTPS id 1; Sun, 22 Nov 2026 \
        05:20:40 +0000\nSubject: Invoice\nFrom: x@example.org\n\nPay now.\n--b--\n";

    #[test]
    fn the_note_says_which_message_is_shown() {
        let inner = hopscope_core::analyze(FORWARD);
        assert_eq!(inner.part, 1, "{:?}", inner.diagnostics);
        assert_eq!(
            part_note(&inner).as_deref(),
            Some("These are the headers of the attached message “Invoice”, not of the message it came in.")
        );
        let outer = hopscope_core::analyze_part(FORWARD, 0);
        assert!(part_note(&outer)
            .unwrap()
            .starts_with("These are the headers of the message itself. It holds 1 other message"));
        assert_eq!(
            part_note(&hopscope_core::analyze("From: a@example.org\n")),
            None
        );
    }
}
