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

/// Every element carrying the hop hooks: one per hop, in whichever view is shown.
fn hops(root: &Element) -> Vec<(String, String, String)> {
    let list = root
        .query_selector_all("[data-hop][data-verdict][data-scope]")
        .unwrap();
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

/// The examples' texts come with the engine (crates/engine), which a page not built by trunk
/// (as here) does not have: the example says so, and the text box keeps what it had. (The
/// end-to-end suite loads every example, through the engine, against the CLI.)
#[wasm_bindgen_test]
async fn an_example_without_the_engine_says_so_and_keeps_the_text() {
    let root = mount();
    paste(&root, TWO_HOPS).await;
    let button: HtmlElement = root
        .query_selector("[data-example]")
        .unwrap()
        .expect("example buttons")
        .dyn_into()
        .unwrap();
    button.click();
    settle(&root).await;
    let status = root
        .query_selector("#input-status .notice-error")
        .unwrap()
        .expect("a notice")
        .text_content()
        .unwrap();
    assert!(status.contains("could not be loaded"), "{status}");
    let area: HtmlTextAreaElement = root
        .query_selector("textarea#headers")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(area.value(), TWO_HOPS);
    assert_eq!(hops(&root).len(), 2, "the report of the text stays");
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

fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector}"))
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
}

#[wasm_bindgen_test]
async fn the_table_view_shows_one_row_per_hop_and_is_remembered_for_the_tab() {
    let root = mount();
    paste(&root, TWO_HOPS).await;
    let cards = hops(&root);
    click(&root, "[data-action=\"view-table\"]");
    TimeoutFuture::new(50).await;
    assert_eq!(hops(&root), cards, "the same hooks, on the rows");
    assert!(
        root.query_selector("li[data-hop]").unwrap().is_none(),
        "only one view is rendered"
    );
    assert_eq!(root.query_selector_all("tr[data-hop]").unwrap().length(), 2);
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    assert_eq!(
        storage.get_item("hopscope-view").unwrap().as_deref(),
        Some("table")
    );
    click(&root, "[data-action=\"view-cards\"]");
    TimeoutFuture::new(50).await;
    assert_eq!(
        storage.get_item("hopscope-view").unwrap().as_deref(),
        Some("cards")
    );
    assert_eq!(root.query_selector_all("li[data-hop]").unwrap().length(), 2);
}

#[wasm_bindgen_test]
async fn evidence_reads_as_sentences_and_the_summary_can_take_the_focus() {
    let root = mount();
    paste(&root, TWO_HOPS).await;
    let summary = root.query_selector("#summary").unwrap().unwrap();
    assert_eq!(summary.get_attribute("tabindex").as_deref(), Some("-1"));
    let counts = root
        .query_selector(".counts")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(counts, "2 hops1 encrypted1 not encryptedin transit 2 s");
    let evidence = root.query_selector_all(".evidence-list li").unwrap();
    assert!(evidence.length() > 0);
    let text = root.text_content().unwrap();
    for rule in [
        "postfix-using",
        "rfc3848-keyword",
        "plaintext-protocol",
        "external-public-address",
    ] {
        assert!(!text.contains(rule), "{rule} is shown");
    }
    assert!(text.contains("The server wrote down the TLS session: “"));
    let tagged = root
        .query_selector("[data-rule=\"postfix-using\"]")
        .unwrap();
    assert!(tagged.is_some(), "the rule id stays for tools");
}
