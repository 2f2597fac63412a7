//! What can be done with a report: share it as a link, copy it as Markdown, save it as JSON, as
//! an SVG picture of the route, or print it (or save it as a PDF from the print dialog). Every
//! export is made in this tab; nothing is uploaded.
//!
//! The rule for redaction is one and visible: these buttons give the full report, as on screen,
//! and say so; the Share panel is where values are hidden, and everything made there (the link,
//! its JSON, Markdown and SVG) is the redacted report. A report opened from a link is already
//! what its sender chose to show.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReportActionsProps {
    /// Whether the share panel is open; `None` where there is nothing to share from (a report
    /// opened from a share link is passed on by passing on that link).
    pub sharing: Option<bool>,
    /// Result of the last "Copy as Markdown": `Ok` when copied, `Err` with what went wrong.
    pub copied: Option<Result<(), String>>,
    pub on_share: Callback<()>,
    pub on_copy: Callback<()>,
    pub on_download_json: Callback<()>,
    pub on_download_svg: Callback<()>,
    pub on_print: Callback<()>,
}

#[function_component]
pub fn ReportActions(props: &ReportActionsProps) -> Html {
    let button = |action: &'static str, label: &'static str, on: &Callback<()>| {
        html! {
            <button type="button" class="button button-small" data-action={action} onclick={on.reform(|_| ())}>
                { label }
            </button>
        }
    };
    let note = match props.sharing {
        Some(_) => {
            "Copies, downloads and prints are the full report: nothing is hidden. To hide \
             addresses or names, use Share…: the link and the files made there are redacted."
        }
        None => {
            "Copies, downloads and prints are this shared report as you see it, with what its \
             sender hid still hidden."
        }
    };
    html! {
        <div id="report-actions" class="report-actions">
            <div class="report-buttons" role="group" aria-label="Share and export this report">
                if let Some(open) = props.sharing {
                    <button id="share-button" type="button" class="button button-small button-share" data-action="share"
                        aria-expanded={if open { "true" } else { "false" }}
                        aria-controls={open.then_some("share-panel")}
                        onclick={props.on_share.reform(|_| ())}
                        onkeydown={
                            let on_share = props.on_share.clone();
                            move |event: KeyboardEvent| if open && event.key() == "Escape" { on_share.emit(()) }
                        }>
                        { "Share…" }
                    </button>
                }
                <button id="copy-report" type="button" class="button button-small" data-action="copy-markdown"
                    onclick={props.on_copy.reform(|_| ())}>
                    { "Copy report as Markdown" }
                </button>
                { button("download-json", "Download JSON", &props.on_download_json) }
                { button("download-svg", "Download route as SVG", &props.on_download_svg) }
                { button("print", "Print / save as PDF", &props.on_print) }
                <span class="copy-status" role="status">
                    { match &props.copied {
                        Some(Ok(())) => html! { "Copied." },
                        Some(Err(message)) => html! { <span class="notice-error">{ message.clone() }</span> },
                        None => html! {},
                    } }
                </span>
            </div>
            <p class="export-note" data-export-note="">{ note }</p>
        </div>
    }
}
