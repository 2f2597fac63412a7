//! The only code that touches web-sys and the DOM directly.
//!
//! Components hand yew's events here and get plain Rust values back; the app calls the effects
//! (URL fragment, clipboard, printing, downloads, and the engine: analysis, files, share links
//! and exports, in a worker). Everything degrades quietly: a browser
//! without the clipboard API gets an error message, never a panic.
//!
//! **No network:** nothing here fetches or sends anything; pasted text stays in the tab. The
//! only thing loaded after the page is the page's own engine (same origin, on first use).

pub mod engine;
mod export;
mod file;
mod navigate;
mod print;
mod storage;

pub use export::{download, page_base, print, report_json, select_input};
pub use file::{dragged_files, dropped_file, picked_file, PickedFile};
pub use navigate::{focus, focus_first, go_to, reveal_summary};
pub use print::expand_details_when_printing;
pub use storage::{session_get, session_remove, session_set};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlTextAreaElement;
use yew::{Callback, InputEvent, TargetCast};

/// The text of the `<textarea>` an input event came from.
pub fn textarea_value(event: &InputEvent) -> String {
    event.target_unchecked_into::<HtmlTextAreaElement>().value()
}

/// The value of the `<select>` a change event came from.
pub fn selected_value(event: &yew::Event) -> String {
    event
        .target_unchecked_into::<web_sys::HtmlSelectElement>()
        .value()
}

/// Whether an input event put text in at once (a paste, or text dropped on the box) rather
/// than a keystroke. Read with `Reflect`: an input event built by a script may be a plain
/// `Event` without `inputType`.
pub fn is_paste(event: &InputEvent) -> bool {
    js_sys::Reflect::get(event, &"inputType".into())
        .ok()
        .and_then(|kind| kind.as_string())
        .is_some_and(|kind| kind == "insertFromPaste" || kind == "insertFromDrop")
}

/// Puts `text` into the text box unless it already holds it. Re-assigning a value the box
/// already has is not free: Chromium lays the whole text out again (about a second for 5 MB),
/// so text the person typed or pasted is never written back. Loaded text is shown from its
/// first line: the headers, not wherever the caret would leave it.
pub fn sync_textarea(node: &yew::NodeRef, text: &str) {
    if let Some(area) = node.cast::<HtmlTextAreaElement>() {
        if area.value() != text {
            area.set_value(text);
            area.set_scroll_top(0);
            area.set_scroll_left(0);
        }
    }
}

/// The box's text after a paste larger than `large` bytes that replaces all of it (into an
/// empty box, or over its whole text selected), which the page then takes instead of the
/// browser: inserting a 5 MB paste, the browser lays all of it out in the box (and paints it
/// again in every later frame: 100 ms each), while the page shows only its beginning in a box
/// that large (`State::read_only`). `None` otherwise: the browser handles the paste as usual.
pub fn large_paste(event: &yew::Event, large: usize) -> Option<String> {
    let event = event.dyn_ref::<web_sys::ClipboardEvent>()?;
    let area: HtmlTextAreaElement = event.target()?.dyn_into().ok()?;
    let length = area.text_length();
    let whole = area.selection_start().ok().flatten() == Some(0)
        && area.selection_end().ok().flatten() == Some(length);
    if area.read_only() || !whole {
        return None;
    }
    let pasted = event.clipboard_data()?.get_data("text/plain").ok()?;
    if pasted.len() <= large {
        return None;
    }
    event.prevent_default();
    Some(pasted)
}

/// The URL fragment, with its `#` (empty when there is none).
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the URL fragment without adding a history entry (`None` removes it).
pub fn replace_hash(fragment: Option<&str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let wanted = fragment.unwrap_or("");
    if location_hash() == wanted {
        return;
    }
    let location = window.location();
    let url = match fragment {
        Some(fragment) => fragment.to_owned(),
        None => {
            let path = location.pathname().unwrap_or_default();
            path + &location.search().unwrap_or_default()
        }
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Writes `text` to the clipboard and reports how it went; `what` names it in messages
/// ("the report", "the link").
pub fn copy_text(text: String, what: &'static str, done: Callback<Result<(), String>>) {
    let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
    let Some(clipboard) = clipboard.filter(|c| !c.is_undefined()) else {
        done.emit(Err(format!(
            "This browser does not allow copying from this page. Select {what} and copy it by hand."
        )));
        return;
    };
    let promise = clipboard.write_text(&text);
    yew::platform::spawn_local(async move {
        let result = JsFuture::from(promise).await.map(drop).map_err(|error| {
            let reason = error
                .dyn_ref::<js_sys::Error>()
                .map(|e| format!(" ({})", String::from(e.message())))
                .unwrap_or_default();
            format!("Could not copy {what}{reason}. Try again, or select it and copy it by hand.")
        });
        done.emit(result);
    });
}

/// Keeps a `hashchange` listener registered; dropping it removes the listener.
pub struct HashWatch {
    window: web_sys::Window,
    listener: Closure<dyn Fn()>,
}

/// Calls `changed` with the new fragment whenever the person changes it (editing the URL, Back
/// and Forward). `replace_hash` does not trigger it.
pub fn watch_hash(changed: Callback<String>) -> Option<HashWatch> {
    let window = web_sys::window()?;
    let listener = Closure::<dyn Fn()>::new(move || changed.emit(location_hash()));
    let watch = HashWatch { window, listener };
    let _ = watch
        .window
        .add_event_listener_with_callback("hashchange", watch.listener.as_ref().unchecked_ref());
    Some(watch)
}

impl Drop for HashWatch {
    fn drop(&mut self) {
        let _ = self.window.remove_event_listener_with_callback(
            "hashchange",
            self.listener.as_ref().unchecked_ref(),
        );
    }
}
