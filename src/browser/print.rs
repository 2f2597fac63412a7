//! Printing shows every hop's details.
//!
//! CSS alone cannot open a closed `<details>` in every browser, so before printing each closed
//! one is opened, and after printing exactly those are closed again: what the person had open
//! stays open. The DOM is touched directly (not through state) because this is presentation
//! for the printer only and must happen synchronously, before the page is laid out for print.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlDetailsElement, Window};

/// Keeps the print listeners registered; dropping it removes them.
pub struct PrintExpander {
    window: Window,
    before: Closure<dyn Fn()>,
    after: Closure<dyn Fn()>,
}

pub fn expand_details_when_printing() -> Option<PrintExpander> {
    let window = web_sys::window()?;
    let opened: Rc<RefCell<Vec<HtmlDetailsElement>>> = Rc::default();

    let before = Closure::<dyn Fn()>::new({
        let opened = Rc::clone(&opened);
        move || *opened.borrow_mut() = open_all_details()
    });
    let after = Closure::<dyn Fn()>::new(move || {
        for details in opened.borrow_mut().drain(..) {
            details.set_open(false);
        }
    });
    // Built before listening, so that dropping it always removes whatever was registered.
    let expander = PrintExpander {
        window,
        before,
        after,
    };
    for (name, listener) in [
        ("beforeprint", &expander.before),
        ("afterprint", &expander.after),
    ] {
        let _ = expander
            .window
            .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
    }
    Some(expander)
}

impl Drop for PrintExpander {
    fn drop(&mut self) {
        let _ = self.window.remove_event_listener_with_callback(
            "beforeprint",
            self.before.as_ref().unchecked_ref(),
        );
        let _ = self
            .window
            .remove_event_listener_with_callback("afterprint", self.after.as_ref().unchecked_ref());
    }
}

/// Opens every closed `<details>` and returns them.
fn open_all_details() -> Vec<HtmlDetailsElement> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let Ok(closed) = document.query_selector_all("details:not([open])") else {
        return Vec::new();
    };
    (0..closed.length())
        .filter_map(|i| closed.item(i)?.dyn_into::<HtmlDetailsElement>().ok())
        .inspect(|details| details.set_open(true))
        .collect()
}
