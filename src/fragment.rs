//! What the URL fragment asks the page to show.
//!
//! The page has two kinds of fragment: `#example=<id>` names a built-in example, and a share
//! link carries a whole report as `#r<N>.<data>` (`hopscope_core::share`). Anything else
//! (`#hop-3` from a hop link, `#summary` from the skip link) is navigation inside the page and
//! changes nothing.
//!
//! A mailbox audit's link (`#a1.…`, `hopscope_core::share::encode_audit`) is `Other` here: the
//! app leaves it alone, and `static/boot.js` hands it to the audit view (`static/audit.js`),
//! which opens it read-only in its own panel.
//!
//! A share fragment is recognised by its shape alone, `r`, digits, `.`, so that a link from a
//! newer Hopscope (`#r3.…`) or a damaged one (`#r1.!!!`) still reaches the shared-report view
//! and gets a clear error there, instead of silently showing an empty page.

use crate::examples::{self, Example};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fragment<'a> {
    /// No fragment at all (`""` or `"#"`).
    Empty,
    Example(&'static Example),
    /// A share link's payload, without the `#`, to give to `share::decode`.
    Shared(&'a str),
    /// Navigation inside the page, or a fragment the page does not know.
    Other,
}

pub fn route(fragment: &str) -> Fragment<'_> {
    let bare = fragment.strip_prefix('#').unwrap_or(fragment);
    if bare.is_empty() {
        return Fragment::Empty;
    }
    if is_share_payload(bare) {
        return Fragment::Shared(bare);
    }
    match examples::from_fragment(bare) {
        Some(example) => Fragment::Example(example),
        None => Fragment::Other,
    }
}

/// `r`, at least one digit, then `.`.
fn is_share_payload(bare: &str) -> bool {
    let Some(rest) = bare.strip_prefix('r') else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && rest.as_bytes().get(digits) == Some(&b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_links_are_recognised_by_shape() {
        assert_eq!(route("#r1.eJwrSS0u"), Fragment::Shared("r1.eJwrSS0u"));
        assert_eq!(route("r1.abc"), Fragment::Shared("r1.abc"));
        assert_eq!(
            route("#r9.xxx"),
            Fragment::Shared("r9.xxx"),
            "newer formats too"
        );
        assert_eq!(route("#r12."), Fragment::Shared("r12."));
        assert_eq!(
            route("#r1.!!!"),
            Fragment::Shared("r1.!!!"),
            "damaged ones too"
        );
        for other in [
            "#a1.eJwrSS0u",
            "#r1",
            "#r.1",
            "#rx.1",
            "#report",
            "#R1.abc",
            "#hop-3",
            "#summary",
        ] {
            assert_eq!(route(other), Fragment::Other, "{other}");
        }
    }

    #[test]
    fn examples_and_empty_fragments_keep_their_meaning() {
        assert_eq!(
            route("#example=gmail"),
            Fragment::Example(examples::find("gmail").unwrap())
        );
        assert_eq!(route("#example=nope"), Fragment::Other);
        assert_eq!(route(""), Fragment::Empty);
        assert_eq!(route("#"), Fragment::Empty);
    }
}
