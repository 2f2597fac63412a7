//! The share panel: what to hide, a preview of exactly what the link will show, the link itself
//! and a Copy button, and the same redacted report as files (JSON, Markdown, SVG).
//!
//! The rule for copies: everything made in this panel is the redacted report, as chosen here
//! (raw headers dropped, values replaced); the export buttons outside it give the full report,
//! and say so. Printing prints the page, so it is never offered here.
//!
//! The link carries the report in its fragment (`#r2.…`), which browsers never send to a
//! server: opening it decodes the report in the recipient's browser. The preview is rendered
//! from the same [`share::prepare`]d report that the link is encoded from, so what the sender
//! checks is what the recipient sees.

use std::rc::Rc;

use hopscope_core::share::{self, Redaction};
use hopscope_core::Report;
use yew::prelude::*;

use crate::browser;
use crate::format::{and_list, thousands};
use crate::visible::visible_text;
use hopscope_core::words;

/// Links longer than this are often cut off or mangled by browsers, mail and chat programs.
pub const LONG_LINK: usize = 8_000;

/// Hops listed in the preview; the rest are counted.
const PREVIEW_HOPS: usize = 30;

/// A report made ready to share: what the link shows, and the link. Two are equal when they
/// are the same link of the same report (compared by `Rc`, as `ReportRef` does).
#[derive(Debug)]
pub struct ShareLink {
    pub shared: Rc<Report<'static>>,
    pub url: AttrValue,
    /// Characters of the fragment after `#`, which is what `share::decode` limits.
    pub payload_len: usize,
}

impl PartialEq for ShareLink {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.shared, &other.shared) && self.url == other.url
    }
}

impl ShareLink {
    /// The link made by the engine (`share::Shared`: redacted and encoded once), on the page's
    /// address `base`: the preview is the link's own report.
    pub fn new(payload: &str, shared: Report<'static>, base: &str) -> Self {
        let base = base.split('#').next().unwrap_or(base);
        ShareLink {
            url: format!("{base}#{payload}").into(),
            payload_len: payload.len(),
            shared: Rc::new(shared),
        }
    }

    /// Too long for any Hopscope to open (`share::MAX_PAYLOAD`).
    pub fn too_large(&self) -> bool {
        self.payload_len > share::MAX_PAYLOAD
    }
}

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The link, once made (the engine makes it, in a later task).
    pub link: Option<Rc<ShareLink>>,
    /// A link for newer choices (or a newer report) is being made: `link` is the last one.
    pub busy: bool,
    /// Why the link could not be made.
    pub error: Option<AttrValue>,
    pub redaction: Redaction,
    /// Result of the last copy from this panel: what was copied, or what went wrong.
    pub copied: Option<Result<&'static str, String>>,
    pub on_redact: Callback<Redaction>,
    pub on_copy: Callback<()>,
    /// Saves the shared (redacted) report as JSON: the way round a link too long to send.
    pub on_download: Callback<()>,
    /// Copies the shared (redacted) report as Markdown.
    pub on_copy_markdown: Callback<()>,
    /// Saves the shared (redacted) route as SVG.
    pub on_download_svg: Callback<()>,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let redaction = props.redaction;
    let checkboxes = CHOICES.iter().map(|&(name, label)| {
        let toggled = toggle(redaction, name);
        html! {
            <label class="redact-option">
                <input type="checkbox" data-redact={name} checked={is_hidden(redaction, name)}
                    onchange={props.on_redact.reform(move |_| toggled)} />
                { label }
            </label>
        }
    });
    // Esc closes the panel from anywhere inside it; the app returns the focus to Share.
    let onkeydown = {
        let on_close = props.on_close.clone();
        move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                on_close.emit(());
            }
        }
    };
    let made = match (&props.link, &props.error) {
        (Some(link), _) => link_and_files(props, link),
        (None, Some(_)) => html! {},
        (None, None) => html! {
            <p class="share-preparing" data-share-preparing="" role="status">{ "Preparing the link…" }</p>
        },
    };
    html! {
        <section id="share-panel" class="panel share-panel" aria-labelledby="share-title"
            aria-busy={if props.busy || props.link.is_none() { "true" } else { "false" }} {onkeydown}>
            <h2 id="share-title">{ "Share this report" }</h2>
            <p class="help">
                { "The link holds the whole report after its #, a part of the address that browsers \
                   never send to a server: whoever opens it sees this report, decoded in their own \
                   browser. The original headers are not included." }
            </p>
            <fieldset class="redaction">
                <legend>{ "Hide before sharing" }</legend>
                { for checkboxes }
            </fieldset>
            <p class="share-hides" data-share-hides="">{ hidden_sentence(redaction) }</p>
            if let Some(error) = &props.error {
                <p class="notice-error" data-share-error="" role="alert">{ error.clone() }</p>
            }
            { made }
            <p class="share-close">
                <button type="button" class="button button-small" data-action="close-share" onclick={props.on_close.reform(|_| ())}>
                    { "Close" }
                </button>
            </p>
        </section>
    }
}

/// The preview, the link and the files, once the engine has made them.
fn link_and_files(props: &SharePanelProps, link: &ShareLink) -> Html {
    let length = link.url.len();
    let status = match &props.copied {
        Some(Ok(what)) => html! { { format!(" {what}") } },
        Some(Err(message)) => html! { <span class="notice-error">{ format!(" {message}") }</span> },
        None => html! {},
    };
    html! {
        <>
            { preview(&link.shared) }
            if link.too_large() {
                <p class="notice-error" data-share-too-large="">
                    { format!("This report is too large for a link ({} characters; Hopscope opens links of up to {}). \
                               Send it as a file instead (below).", thousands(length), thousands(share::MAX_PAYLOAD)) }
                </p>
            } else {
                <label for="share-url" class="share-label">{ "Link" }</label>
                <div class="share-link-row">
                    <input id="share-url" type="text" readonly=true value={link.url.clone()} data-share-url=""
                        spellcheck="false" aria-describedby="share-length" onfocus={|e: FocusEvent| browser::select_input(&e)} />
                    <button id="copy-link" type="button" class="button" data-action="copy-link" disabled={props.busy}
                        onclick={props.on_copy.reform(|_| ())}>
                        { "Copy link" }
                    </button>
                </div>
                <p id="share-length" class="share-length">
                    <span data-share-length={length.to_string()}>{ format!("{} characters", thousands(length)) }</span>
                    <span class="copy-status" role="status">{ status.clone() }</span>
                </p>
                if length > LONG_LINK {
                    <p class="share-long-note" data-share-long="">
                        { "This link is long: some browsers, mail programs and chat tools cut off or mangle \
                           links this long. Send one of the files below instead." }
                    </p>
                }
            }
            <div class="share-files" role="group" aria-labelledby="share-files-label">
                <span id="share-files-label" class="share-files-label">{ "The same report, with the same values hidden, as a file:" }</span>
                { download_button(&props.on_download) }
                <button type="button" class="button button-small" data-action="copy-shared-markdown" disabled={props.busy}
                    onclick={props.on_copy_markdown.reform(|_| ())}>
                    { "Copy as Markdown" }
                </button>
                <button type="button" class="button button-small" data-action="download-shared-svg" disabled={props.busy}
                    onclick={props.on_download_svg.reform(|_| ())}>
                    { "Download route as SVG" }
                </button>
                if link.too_large() {
                    <span class="copy-status" role="status">{ status }</span>
                }
            </div>
        </>
    }
}

fn download_button(on_download: &Callback<()>) -> Html {
    html! {
        <button type="button" class="button button-small" data-action="download-shared-json" onclick={on_download.reform(|_| ())}>
            { "Download JSON" }
        </button>
    }
}

/// The choices of what to hide: the `data-redact` hook and the label.
const CHOICES: [(&str, &str); 5] = [
    ("emails", "Email addresses"),
    ("ips", "IP addresses"),
    ("hostnames", "Host names"),
    ("message_ids", "Message IDs"),
    ("subject", "Subject"),
];

/// The flag of `redaction` that a choice sets.
fn flag<'a>(redaction: &'a mut Redaction, name: &str) -> Option<&'a mut bool> {
    Some(match name {
        "emails" => &mut redaction.emails,
        "ips" => &mut redaction.ips,
        "hostnames" => &mut redaction.hostnames,
        "message_ids" => &mut redaction.message_ids,
        "subject" => &mut redaction.subject,
        _ => return None,
    })
}

fn is_hidden(mut redaction: Redaction, name: &str) -> bool {
    flag(&mut redaction, name).is_some_and(|on| *on)
}

/// `redaction` with the choice `name` turned over.
fn toggle(mut redaction: Redaction, name: &str) -> Redaction {
    if let Some(on) = flag(&mut redaction, name) {
        *on = !*on;
    }
    redaction
}

/// What the link and its files hide, in the core's words (`Redaction::kinds`).
pub fn hidden_sentence(redaction: Redaction) -> String {
    let kinds = redaction.kinds();
    if kinds.is_empty() {
        return "Nothing is hidden: every name and address is as the headers have it.".to_owned();
    }
    format!(
        "Hidden: {}. Stand-ins replace them; verdicts do not change.",
        and_list(&kinds)
    )
}

/// The shared report, compactly: each hop's hosts as the link will show them, and its verdict.
fn preview(shared: &Report) -> Html {
    let more = shared.hops.len().saturating_sub(PREVIEW_HOPS);
    let message = &shared.message;
    html! {
        <div class="share-preview" data-share-preview="">
            <h3 id="share-preview-title">{ "What the link shows" }</h3>
            <ol class="share-preview-hops" aria-labelledby="share-preview-title">
                { for shared.hops.iter().take(PREVIEW_HOPS).map(|hop| html! {
                    <li class={format!("verdict-{}", words::verdict_slug(hop.verdict))} data-preview-hop={hop.index.to_string()}>
                        <span class="preview-number">{ format!("Hop {}", hop.index) }</span>{ " " }
                        <span class="host">{ visible_text(&words::route(hop)) }</span>
                        { " " }<span class="verdict-word">{ words::verdict_word(hop.verdict) }</span>
                    </li>
                }) }
            </ol>
            if more > 0 {
                <p>{ format!("… and {} more hops.", thousands(more)) }</p>
            }
            if message.subject.is_some() || message.from.is_some() || message.to.is_some() {
                <dl class="message-info">
                    { for [("Subject", &message.subject), ("From", &message.from), ("To", &message.to)]
                        .into_iter()
                        .filter_map(|(term, value)| Some((term, value.as_deref()?)))
                        .map(|(term, value)| html! { <><dt>{ term }</dt><dd>{ visible_text(value) }</dd></> }) }
                </dl>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAIN: &str = "Received: from a.example.org (a.example.org [203.0.113.5])\r\n\
        \tby mx.example.net with ESMTPS id 1A2B for <bob@example.net>;\r\n\
        \tSun, 22 Nov 2026 05:20:40 +0000\r\n";

    /// The link as the page makes it from the engine's answer (`hopscope_engine::share`, which
    /// is `share::Shared::new`).
    fn made(report: &Report, redaction: Redaction, base: &str) -> ShareLink {
        let shared = share::Shared::new(report, redaction);
        ShareLink::new(&shared.payload, shared.report.into_owned(), base)
    }

    #[test]
    fn the_link_is_the_previewed_report() {
        let report = hopscope_core::analyze(CHAIN);
        for redaction in [Redaction::NONE, Redaction::default(), Redaction::ALL] {
            let link = made(
                &report,
                redaction,
                "https://hopscope.example/app/#example=gmail",
            );
            assert_eq!(
                link.url.as_str(),
                share::link("https://hopscope.example/app/", &report, redaction),
                "one redaction gives the same link as the core's"
            );
            assert!(link.url.starts_with("https://hopscope.example/app/#r2."));
            assert_eq!(share::decode(&link.url).as_ref(), Ok(&*link.shared));
            assert_eq!(link.payload_len, link.url.split_once('#').unwrap().1.len());
            assert!(!link.too_large());
        }
        assert_eq!(
            hidden_sentence(Redaction::default()),
            "Hidden: email addresses. Stand-ins replace them; verdicts do not change."
        );
        assert!(hidden_sentence(Redaction::ALL).starts_with(
            "Hidden: email addresses, IP addresses, host names, message IDs and the subject."
        ));
        assert!(hidden_sentence(Redaction::NONE).starts_with("Nothing is hidden"));
        let mut each = Redaction::NONE;
        for (name, _) in CHOICES {
            assert!(!is_hidden(each, name));
            each = toggle(each, name);
            assert!(is_hidden(each, name), "{name}");
        }
        assert_eq!(each, Redaction::ALL, "every kind has its box");
        let all = made(&report, Redaction::ALL, "");
        let hop = &all.shared.hops[0];
        assert_ne!(hop.from.ip.as_deref(), Some("203.0.113.5"));
        assert_ne!(hop.by.as_deref(), Some("mx.example.net"));
    }
}
