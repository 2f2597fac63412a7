//! What can be done with a report: share it as a link, copy it as Markdown, save it as JSON, as
//! an SVG picture of the route, or print it (or save it as a PDF from the print dialog). Every
//! export is made in this tab; nothing is uploaded.

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
    html! {
        <div id="report-actions" class="report-actions" role="group" aria-label="Share and export this report">
            if let Some(open) = props.sharing {
                <button id="share-button" type="button" class="button button-small button-share" data-action="share"
                    aria-expanded={if open { "true" } else { "false" }}
                    aria-controls={open.then_some("share-panel")}
                    onclick={props.on_share.reform(|_| ())}>
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
    }
}
