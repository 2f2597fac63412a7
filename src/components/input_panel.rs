//! Where headers go in: the text box (type, paste, or drop a file on it), a file picker, the
//! examples and Clear. The text box shows `state.input`; nothing here can replace it except
//! Clear, an example, or a file the person chose.
//!
//! Kept short so the report is near: one line of help, the mail programs' instructions behind
//! a disclosure, the examples with Clear beside them, and the file picker. The "drop a file"
//! hint is hidden on touch screens (CSS), where nothing can be dropped.

use yew::prelude::*;

use super::examples_menu::ExamplesMenu;
use super::header_sources::header_sources;
use crate::browser::{self, PickedFile};
use crate::examples::Example;
use crate::state::{Notice, LARGE_INPUT_BYTES, READ_ONLY_INPUT_BYTES};

/// What the box shows of a text too large to edit: its beginning, and a note. About 250
/// lines: laying out the box's text is on the page's own thread, ~6 ms for 16 KB (and ~24 ms
/// for 64 KB) in Chromium.
const PREVIEW_BYTES: usize = 16 * 1024;

pub fn preview(text: &str) -> String {
    if text.len() <= PREVIEW_BYTES {
        return text.to_string();
    }
    let mut end = PREVIEW_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{}\n\n[… The box shows the first {} KB of {}. The report covers all of it; “Edit anyway” shows everything.]",
        &text[..end],
        PREVIEW_BYTES / 1024,
        megabytes(text.len())
    )
}

fn megabytes(bytes: usize) -> String {
    crate::format::megabytes(bytes as u64)
}

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    pub input: AttrValue,
    pub selected_example: Option<&'static str>,
    pub notice: Option<Notice>,
    pub dragging: bool,
    /// The input is too large to edit smoothly; see `State::read_only`.
    pub read_only: bool,
    pub on_edit_large: Callback<()>,
    pub on_edit: Callback<String>,
    /// Text pasted or dropped into the box (its report is then brought into view).
    pub on_paste: Callback<String>,
    pub on_file: Callback<PickedFile>,
    pub on_example: Callback<&'static Example>,
    pub on_clear: Callback<()>,
    pub on_dragging: Callback<bool>,
    /// Present when text the person had was replaced and can be brought back.
    pub on_restore: Option<Callback<()>>,
}

#[function_component]
pub fn InputPanel(props: &InputPanelProps) -> Html {
    let oninput = {
        let (on_edit, on_paste) = (props.on_edit.clone(), props.on_paste.clone());
        move |event: InputEvent| {
            let text = browser::textarea_value(&event);
            if browser::is_paste(&event) {
                on_paste.emit(text);
            } else {
                on_edit.emit(text);
            }
        }
    };

    // A paste too large to edit is taken from the clipboard event, not put into the box by the
    // browser (see `browser::large_paste`): the box then shows only its beginning.
    let onpaste = {
        let on_paste = props.on_paste.clone();
        move |event: Event| {
            if let Some(text) = browser::large_paste(&event, READ_ONLY_INPUT_BYTES) {
                on_paste.emit(text);
            }
        }
    };

    // The box is not a controlled `value=`: yew would assign the whole text back after every
    // paste. It is only written when the text changed elsewhere (example, file, Clear), or to
    // show the beginning of a text too large to edit: laying 5 MB out in a text box costs
    // Chromium about a second, and the report needs none of it on screen.
    let area = use_node_ref();
    {
        let area = area.clone();
        use_effect_with(
            (props.input.clone(), props.read_only),
            move |(input, read_only)| {
                let shown = if *read_only {
                    preview(input)
                } else {
                    input.to_string()
                };
                browser::sync_textarea(&area, &shown)
            },
        );
    }

    // Only drags that carry files are taken over; dragging text onto the box works as usual.
    let ondragover = {
        let (on_dragging, dragging) = (props.on_dragging.clone(), props.dragging);
        move |event: DragEvent| {
            if browser::dragged_files(&event) {
                event.prevent_default();
                if !dragging {
                    on_dragging.emit(true);
                }
            }
        }
    };
    let ondragleave = {
        let (on_dragging, dragging) = (props.on_dragging.clone(), props.dragging);
        move |_: DragEvent| {
            if dragging {
                on_dragging.emit(false);
            }
        }
    };
    let ondrop = {
        let (on_file, on_dragging) = (props.on_file.clone(), props.on_dragging.clone());
        move |event: DragEvent| {
            if let Some(file) = browser::dropped_file(&event) {
                event.prevent_default();
                on_file.emit(file);
            }
            on_dragging.emit(false);
        }
    };
    let onchange = {
        let on_file = props.on_file.clone();
        move |event: Event| {
            if let Some(file) = browser::picked_file(&event) {
                on_file.emit(file);
            }
        }
    };

    let status = match &props.notice {
        Some(Notice::Error(message)) => {
            html! { <span class="notice notice-error">{ message.clone() }</span> }
        }
        Some(Notice::Info(message)) => html! { <span class="notice">{ message.clone() }</span> },
        None if props.read_only => html! {
            <span class="notice">
                { format!("This text is {}. Editing text this large makes browsers very slow, so the box \
                           is read-only and shows its beginning; the report covers all of it. Clear it to \
                           paste something else. ", megabytes(props.input.len())) }
                <button id="edit-large" type="button" class="button button-small" onclick={props.on_edit_large.reform(|_| ())}>
                    { "Edit anyway" }
                </button>
            </span>
        },
        None if props.input.len() > LARGE_INPUT_BYTES => html! {
            <span class="notice">{ "Large input: the report updates when you pause typing." }</span>
        },
        None => html! {},
    };

    html! {
        // Whoever reaches for the box, a file or an example is about to need the engine: it
        // starts loading now rather than after the paste (never at page load).
        <section id="input" class="panel input-panel" aria-labelledby="headers-label"
            onfocusin={|_| browser::engine::warm_up()} onpointerdown={|_| browser::engine::warm_up()}
            ondragenter={|_| browser::engine::warm_up()}>
            <label id="headers-label" for="headers" class="input-label">{ "Email headers" }</label>
            <p id="headers-help" class="help">
                { "Paste the full headers, or the whole message. Everything stays in this browser tab." }
            </p>
            <details class="where-headers">
                <summary>{ "Where do I find the headers?" }</summary>
                { header_sources() }
            </details>
            <div class={classes!("dropzone", props.dragging.then_some("dragging"))}
                {ondragover} {ondragleave} {ondrop}>
                <textarea id="headers" name="headers" rows="14" ref={area} {oninput} {onpaste} readonly={props.read_only}
                    spellcheck="false" autocomplete="off" autocapitalize="off" translate="no"
                    aria-describedby="headers-help drop-hint"
                    placeholder="Received: from mail.example.org (mail.example.org [192.0.2.25]) …" />
                <p id="drop-hint" class="drop-hint drop-only">{ "You can also drop a .eml, .msg or .txt file here." }</p>
            </div>
            <div class="controls">
                <div class="example-row">
                    <ExamplesMenu selected={props.selected_example} on_select={props.on_example.clone()} />
                    <button id="clear" type="button" class="button button-clear" onclick={props.on_clear.reform(|_| ())}>
                        { "Clear" }
                    </button>
                </div>
                <div class="control-row">
                    <label for="file-input" class="file-label">{ "Open a file" }</label>
                    <input id="file-input" type="file" accept=".eml,.msg,.txt,message/rfc822,application/vnd.ms-outlook,text/plain" {onchange} />
                </div>
            </div>
            <p id="input-status" class="input-status" role="status">
                { status }
                if let Some(on_restore) = &props.on_restore {
                    { " " }
                    <button id="restore" type="button" class="button button-small" onclick={on_restore.reform(|_| ())}>
                        { "Restore the text you had before" }
                    </button>
                }
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_cut_large_text_at_a_character_boundary() {
        assert_eq!(preview("short"), "short");
        let large = "é".repeat(PREVIEW_BYTES);
        let shown = preview(&large);
        assert!(shown.len() < PREVIEW_BYTES + 200);
        assert!(shown.starts_with("éé"));
        assert!(shown.contains("The report covers all of it"));
    }
}
