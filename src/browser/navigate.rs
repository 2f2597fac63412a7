//! Moving the keyboard focus and the view: to the summary after a paste, to a hop from a link,
//! into a panel that opens, back to where the person came from when something closes.
//!
//! Focus follows a person's own action (a paste, an example, a file, a link, a button), never
//! typing: the app decides when; this module only knows how.

use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlDetailsElement, HtmlElement, HtmlTextAreaElement};

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

fn element(id: &str) -> Option<HtmlElement> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// Moves the keyboard focus to the element with this id, if there is one.
pub fn focus(id: &str) {
    if let Some(element) = element(id) {
        let _ = element.focus();
    }
}

/// Focuses the first element matching `selector` (the first control of a panel that opened).
pub fn focus_first(selector: &str) {
    let first = document()
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(first) = first {
        let _ = first.focus();
    }
}

/// Goes to the element with `id` (a hop, the summary): opens the hop's details if it has any,
/// scrolls it to the top of the view and focuses it. False when there is no such element.
pub fn go_to(id: &str) -> bool {
    let Some(target) = element(id) else {
        return false;
    };
    let details = target
        .query_selector("details.hop-details")
        .ok()
        .flatten()
        .and_then(|d| d.dyn_into::<HtmlDetailsElement>().ok());
    if let Some(details) = details {
        details.set_open(true);
    }
    target.scroll_into_view_with_bool(true);
    // In view now, so focusing scrolls no further.
    let _ = target.focus();
    true
}

/// After a paste, an example or a file: the text box shows its first line again (a pasted
/// message leaves the caret, and the view, at the end of its body), and the summary is brought
/// into view, unless it is already wholly visible, and focused, so the verdict is what the
/// person sees and what a screen reader reads next.
pub fn reveal_summary() {
    if let Some(area) = element("headers").and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok()) {
        area.set_scroll_top(0);
        area.set_scroll_left(0);
    }
    let Some(summary) = element("summary") else {
        return;
    };
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let rect = summary.get_bounding_client_rect();
    if rect.top() < 0.0 || rect.bottom() > height {
        summary.scroll_into_view_with_bool(true);
    }
    let _ = summary.focus();
}
