//! Warnings from the analysis (clock skew, a sender who waived TLS, unreadable lines…) and notes
//! about the input as a whole. Severity is said in words as well as shown by colour.

use super::ReportRef;

use hopscope_core::words;
use hopscope_core::Severity;
use yew::prelude::*;

use crate::visible::visible_text;

#[derive(Properties, PartialEq)]
pub struct WarningsProps {
    pub report: ReportRef,
}

#[function_component]
pub fn Warnings(props: &WarningsProps) -> Html {
    let report = &props.report;
    // The note on which message of a forward is shown is said in the summary (`PartSwitch`).
    let shown_above = usize::from(super::parts::part_note(report).is_some() && report.part > 0);
    let diagnostics = report.diagnostics.get(shown_above..).unwrap_or_default();
    if report.warnings.is_empty() && diagnostics.is_empty() {
        return html! {};
    }
    html! {
        <section id="warnings" class="panel warnings" aria-labelledby="warnings-title">
            <h2 id="warnings-title">{ "Warnings and notes" }</h2>
            if !report.warnings.is_empty() {
                <ul class="warning-list">
                    { for report.warnings.iter().map(|warning| {
                        let slug = match warning.severity {
                            Severity::Warning => "warning",
                            Severity::Info => "info",
                        };
                        let word = words::severity_word(warning.severity);
                        html! {
                            <li class={classes!("warning", format!("severity-{slug}"))}
                                data-code={warning.code.clone()} data-severity={slug}>
                                <span class="severity-word">{ format!("{word}: ") }</span>
                                { visible_text(&warning.message) }
                                { super::hop_links::hop_links(&warning.hops) }
                            </li>
                        }
                    }) }
                </ul>
            }
            if !diagnostics.is_empty() {
                <h3>{ "About the input" }</h3>
                <ul class="diagnostic-list">
                    { for diagnostics.iter().map(|diagnostic| html! {
                        <li>{ visible_text(&diagnostic.message) }</li>
                    }) }
                </ul>
            }
        </section>
    }
}
