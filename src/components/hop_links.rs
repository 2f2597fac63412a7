//! Links to hops (`hop 2 hop 3 …`), shared by the summary and the warnings. Following one
//! moves the keyboard focus to that hop and opens its details (`browser::go_to`). Capped: a
//! 100,000-hop paste must not render 100,000 links.

use yew::prelude::*;

/// Links shown before "and N more".
const MAX_LINKS: usize = 12;

pub fn hop_links(hops: &[u32]) -> Html {
    let more = hops.len().saturating_sub(MAX_LINKS);
    html! {
        <>
            { for hops.iter().take(MAX_LINKS).map(|hop| {
                let id = format!("hop-{hop}");
                // Scrolled to by script, not by changing the fragment: the fragment may hold a
                // shared report, which following `#hop-3` would throw away.
                let onclick = {
                    let id = id.clone();
                    Callback::from(move |event: MouseEvent| {
                        if crate::browser::go_to(&id) {
                            event.prevent_default();
                        }
                    })
                };
                html! { <>{ " " }<a href={format!("#{id}")} {onclick}>{ format!("hop {hop}") }</a></> }
            }) }
            if more > 0 {
                { format!(" and {more} more") }
            }
        </>
    }
}
