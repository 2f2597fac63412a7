//! Links to hops (`hop 2 hop 3 …`), shared by the summary and the warnings. Capped: a
//! 100,000-hop paste must not render 100,000 links.

use yew::prelude::*;

/// Links shown before "and N more".
const MAX_LINKS: usize = 12;

pub fn hop_links(hops: &[u32]) -> Html {
    let more = hops.len().saturating_sub(MAX_LINKS);
    html! {
        <>
            { for hops.iter().take(MAX_LINKS).map(|hop| html! {
                <>{ " " }<a href={format!("#hop-{hop}")}>{ format!("hop {hop}") }</a></>
            }) }
            if more > 0 {
                { format!(" and {more} more") }
            }
        </>
    }
}
