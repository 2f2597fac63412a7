//! Browser tests: the real app mounted into a real DOM in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown -p hopscope-app --test browser`; `make test`
//! runs it with Debian's chromedriver). Compiled out on the host.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh app in its own container; returns the container.
fn mount() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    // The handle is leaked on purpose: the app must outlive this function.
    std::mem::forget(hopscope_app::start_in(root.clone()));
    root
}

async fn paste(root: &Element, text: &str) {
    TimeoutFuture::new(0).await; // let the first render happen
    let area: HtmlTextAreaElement = root
        .query_selector("textarea#headers")
        .unwrap()
        .expect("the paste area")
        .dyn_into()
        .unwrap();
    area.set_value(text);
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    area.dispatch_event(&event).unwrap();
    settle(root).await;
}

/// Waits until the report matches the input (debounce over, render done).
async fn settle(root: &Element) {
    for _ in 0..100 {
        TimeoutFuture::new(50).await;
        let busy = root
            .query_selector("#summary")
            .unwrap()
            .and_then(|s| s.get_attribute("aria-busy"));
        if busy.as_deref() != Some("true") && root.query_selector("#summary").unwrap().is_some() {
            TimeoutFuture::new(50).await;
            return;
        }
    }
    panic!("the report never settled");
}

fn hops(root: &Element) -> Vec<(String, String, String)> {
    let list = root.query_selector_all("li[data-hop]").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|e| {
            let a = |n: &str| e.get_attribute(n).unwrap_or_default();
            (a("data-hop"), a("data-verdict"), a("data-scope"))
        })
        .collect()
}

const TWO_HOPS: &str = "Received: from mail.example.org (mail.example.org [203.0.113.5])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n\tby mx.example.net (Postfix) with ESMTPS id 4Xy1Zt2abcz9sVq\n\tfor <bob@example.net>; Sun, 22 Nov 2026 05:20:40 +0000 (UTC)\nReceived: from laptop.example.com (laptop.example.com [198.51.100.7])\n\tby mail.example.org with ESMTP id 1A2B; Sun, 22 Nov 2026 05:20:38 +0000\n";

#[wasm_bindgen_test]
async fn pasting_headers_renders_one_element_per_hop() {
    let root = mount();
    paste(&root, TWO_HOPS).await;
    assert_eq!(
        hops(&root),
        [
            ("1".into(), "plaintext".into(), "external".into()),
            ("2".into(), "encrypted".into(), "external".into()),
        ]
    );
    let summary = root.query_selector("#summary").unwrap().unwrap();
    assert_eq!(
        summary.get_attribute("data-overall").as_deref(),
        Some("exposed")
    );
    assert!(summary.text_content().unwrap().contains("hop 1"));
}

#[wasm_bindgen_test]
async fn an_example_button_loads_a_full_report() {
    let root = mount();
    TimeoutFuture::new(0).await;
    let button: HtmlElement = root
        .query_selector("[data-example]")
        .unwrap()
        .expect("example buttons")
        .dyn_into()
        .unwrap();
    button.click();
    settle(&root).await;
    assert!(!hops(&root).is_empty());
    let area: HtmlTextAreaElement = root
        .query_selector("textarea#headers")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(area.value().contains("Received:"));
}

#[wasm_bindgen_test]
async fn header_text_is_never_markup() {
    let root = mount();
    paste(&root, "Received: from evil.example (<img src=x onerror=alert(1)> [192.0.2.66]) by pay\u{202E}lpt.example with ESMTP id <b>x</b>; Sun, 22 Nov 2026 05:20:40 +0000\n").await;
    assert!(
        root.query_selector("img").unwrap().is_none(),
        "no element made from header text"
    );
    assert!(root.query_selector("b").unwrap().is_none());
    let text = root.text_content().unwrap();
    assert!(text.contains("<img src=x onerror=alert(1)>"));
    assert!(
        !text.contains('\u{202E}'),
        "the bidi override is not emitted raw"
    );
    assert!(
        root.query_selector(".hidden-char").unwrap().is_some(),
        "the bidi override is shown as a token"
    );
}

#[wasm_bindgen_test]
async fn text_that_is_not_email_gets_a_clear_message_and_stays() {
    let root = mount();
    paste(&root, "eggs, milk, bread").await;
    let summary = root.query_selector("#summary").unwrap().unwrap();
    assert_eq!(
        summary.get_attribute("data-overall").as_deref(),
        Some("not_email")
    );
    let area: HtmlTextAreaElement = root
        .query_selector("textarea#headers")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(area.value(), "eggs, milk, bread");
}
