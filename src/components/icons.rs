//! Inline SVG icons. They are decorative: the words next to them carry the meaning, so they are
//! hidden from assistive technology and never stand alone.

use hopscope_core::Verdict;
use yew::prelude::*;

/// Closed lock, open lock, or question mark.
pub fn verdict_icon(verdict: Verdict) -> Html {
    let shape = match verdict {
        Verdict::Encrypted => html! {
            <>
                <rect x="5" y="11" width="14" height="10" rx="2" />
                <path d="M8 11V7a4 4 0 0 1 8 0v4" />
            </>
        },
        Verdict::Plaintext => html! {
            <>
                <rect x="5" y="11" width="14" height="10" rx="2" />
                <path d="M8 11V7a4 4 0 0 1 7.75-1.4" />
            </>
        },
        Verdict::Unknown => html! {
            <>
                <circle cx="12" cy="12" r="9.5" />
                <path d="M9.2 9.2a2.9 2.9 0 0 1 5.6 1c0 1.9-2.8 2.6-2.8 4" />
                <path d="M12 17.5v.01" />
            </>
        },
    };
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"
            fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
            { shape }
        </svg>
    }
}
