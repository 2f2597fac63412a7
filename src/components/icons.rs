//! Inline SVG icons. They are decorative: the words next to them carry the meaning, so they are
//! hidden from assistive technology and never stand alone.

use hopscope_core::words::Tone;
use hopscope_core::Verdict;
use yew::prelude::*;

/// The icon of an overall state: a lock only when everything judged was encrypted, and a
/// plain machine outline when there was nothing to judge (mail that never left one machine).
pub fn tone_icon(tone: Tone) -> Html {
    match tone {
        Tone::Good => verdict_icon(Verdict::Encrypted),
        Tone::Bad | Tone::Caution => verdict_icon(Verdict::Plaintext),
        Tone::Unstated => verdict_icon(Verdict::Unknown),
        Tone::Neutral => html! {
            <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"
                fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                <rect x="3" y="4" width="18" height="12" rx="2" />
                <path d="M8 20h8M12 16v4" />
            </svg>
        },
    }
}

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
