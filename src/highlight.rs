//! Evidence spans inside one raw header, cut into segments the page can wrap in `<mark>`.
//!
//! The core gives evidence as byte offsets into the *whole input*; a hop's `raw` text starts at
//! `raw_start`. Offsets from a report are trusted to be in range but not assumed to be: a span
//! is moved into `raw`, clamped to its length and widened to whole characters, so a stale or
//! mistaken offset can only highlight a little too much, never panic.
//!
//! Spans may overlap or nest (a `with ESMTPS` rule inside a scope rule's span). Rather than
//! nesting `<mark>`s, the text is cut at every span boundary and each piece lists every rule
//! that covers it.

use std::ops::Range;

/// Why a span is highlighted: it decided the TLS verdict, or the hop's scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    Tls,
    Scope,
}

/// One span to highlight, in input offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark<'a> {
    pub rule: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: MarkKind,
}

/// A piece of the raw header and the rules covering it (none: plain text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub rules: Vec<&'a str>,
    /// `Tls` when any TLS rule covers the piece, else `Scope` when a scope rule does.
    pub kind: Option<MarkKind>,
}

/// The part of `raw` that the input span `start..end` covers, on character boundaries.
/// `None` when the span is empty or lies outside `raw`.
pub fn local_range(raw: &str, raw_start: usize, start: usize, end: usize) -> Option<Range<usize>> {
    let raw_end = raw_start.checked_add(raw.len())?;
    if end <= start || end <= raw_start || start >= raw_end {
        return None;
    }
    let from = floor_boundary(raw, start.saturating_sub(raw_start));
    let to = ceil_boundary(raw, (end - raw_start).min(raw.len()));
    (from < to).then_some(from..to)
}

/// Cuts `raw` at every mark boundary. Concatenating the segments' text gives back `raw`.
pub fn segments<'a>(raw: &'a str, raw_start: usize, marks: &[Mark<'a>]) -> Vec<Segment<'a>> {
    let local: Vec<(Range<usize>, &Mark<'a>)> = marks
        .iter()
        .filter_map(|mark| Some((local_range(raw, raw_start, mark.start, mark.end)?, mark)))
        .collect();

    let mut cuts: Vec<usize> = vec![0, raw.len()];
    cuts.extend(local.iter().flat_map(|(range, _)| [range.start, range.end]));
    // An insertion sort: a header has a few marks, already nearly in order, and the standard
    // library's sort would add about 1 KB (brotli) to the page's first load for them.
    for i in 1..cuts.len() {
        let mut j = i;
        while j > 0 && cuts[j - 1] > cuts[j] {
            cuts.swap(j - 1, j);
            j -= 1;
        }
    }
    cuts.dedup();

    let mut out: Vec<Segment<'a>> = Vec::new();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let covering: Vec<&Mark<'a>> = local
            .iter()
            .filter(|(range, _)| range.start <= from && to <= range.end)
            .map(|(_, mark)| *mark)
            .collect();
        let mut rules: Vec<&'a str> = covering.iter().map(|mark| mark.rule).collect();
        rules.dedup();
        let kind = if covering.iter().any(|m| m.kind == MarkKind::Tls) {
            Some(MarkKind::Tls)
        } else if covering.is_empty() {
            None
        } else {
            Some(MarkKind::Scope)
        };
        match out.last_mut() {
            // Neighbours with the same rules read as one highlight.
            Some(last) if last.rules == rules && last.kind == kind => {
                let start = last.text.as_ptr() as usize - raw.as_ptr() as usize;
                last.text = &raw[start..to];
            }
            _ => out.push(Segment {
                text: &raw[from..to],
                rules,
                kind,
            }),
        }
    }
    out
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tls(rule: &str, start: usize, end: usize) -> Mark<'_> {
        Mark {
            rule,
            start,
            end,
            kind: MarkKind::Tls,
        }
    }

    fn shape<'a>(segments: &[Segment<'a>]) -> Vec<(&'a str, Vec<&'a str>)> {
        segments.iter().map(|s| (s.text, s.rules.clone())).collect()
    }

    #[test]
    fn span_is_moved_into_the_raw_header() {
        // The header starts at offset 100 of the input; "ESMTPS" sits at 100+12.
        let raw = "Received: x ESMTPS y";
        let got = segments(raw, 100, &[tls("with-esmtps", 112, 118)]);
        assert_eq!(
            shape(&got),
            vec![
                ("Received: x ", vec![]),
                ("ESMTPS", vec!["with-esmtps"]),
                (" y", vec![])
            ]
        );
        assert_eq!(got[1].kind, Some(MarkKind::Tls));
    }

    #[test]
    fn spans_outside_or_empty_are_dropped() {
        let raw = "abc";
        assert_eq!(local_range(raw, 10, 0, 10), None);
        assert_eq!(local_range(raw, 10, 13, 20), None);
        assert_eq!(local_range(raw, 10, 12, 12), None);
        assert_eq!(local_range(raw, 10, 12, 11), None);
        assert_eq!(local_range(raw, usize::MAX, 0, 1), None);
        assert_eq!(
            shape(&segments(raw, 10, &[tls("r", 0, 5)])),
            vec![("abc", vec![])]
        );
    }

    #[test]
    fn spans_are_clamped_to_the_header() {
        assert_eq!(local_range("abcdef", 10, 5, 12), Some(0..2));
        assert_eq!(local_range("abcdef", 10, 14, 99), Some(4..6));
    }

    #[test]
    fn spans_snap_outwards_to_whole_characters() {
        // "é" is two bytes (1..3); "日" three (3..6).
        let raw = "xé日y";
        assert_eq!(local_range(raw, 0, 2, 4), Some(1..6));
        let got = segments(raw, 0, &[tls("r", 2, 4)]);
        assert_eq!(
            shape(&got),
            vec![("x", vec![]), ("é日", vec!["r"]), ("y", vec![])]
        );
    }

    #[test]
    fn overlapping_spans_list_every_rule() {
        let raw = "0123456789";
        let scope = Mark {
            rule: "scope",
            start: 0,
            end: 6,
            kind: MarkKind::Scope,
        };
        let got = segments(raw, 0, &[scope, tls("tls", 4, 8)]);
        assert_eq!(
            shape(&got),
            vec![
                ("0123", vec!["scope"]),
                ("45", vec!["scope", "tls"]),
                ("67", vec!["tls"]),
                ("89", vec![]),
            ]
        );
        assert_eq!(got[0].kind, Some(MarkKind::Scope));
        assert_eq!(got[1].kind, Some(MarkKind::Tls));
    }

    #[test]
    fn marks_in_any_order_cut_the_same_segments() {
        let raw = "0123456789abcdef";
        let mark = |start, end, rule| Mark {
            start,
            end,
            rule,
            kind: MarkKind::Tls,
        };
        let marks = [
            mark(8, 12, "b"),
            mark(1, 3, "a"),
            mark(10, 15, "c"),
            mark(1, 3, "a"),
        ];
        let mut reversed = marks.clone();
        reversed.reverse();
        let texts = |m: &[Mark]| -> Vec<String> {
            segments(raw, 0, m)
                .iter()
                .map(|s| s.text.to_string())
                .collect()
        };
        assert_eq!(texts(&marks), ["0", "12", "34567", "89", "ab", "cde", "f"]);
        assert_eq!(texts(&reversed), texts(&marks));
    }

    #[test]
    fn segments_always_rebuild_the_header() {
        let raw = "Received: from a (b) by c with ESMTPS; Sun, 22 Nov 2026";
        let marks = [
            tls("a", 3, 9),
            tls("b", 7, 30),
            tls("c", 50, 500),
            tls("d", 31, 37),
        ];
        let joined: String = segments(raw, 3, &marks).iter().map(|s| s.text).collect();
        assert_eq!(joined, raw);
        assert_eq!(segments("", 0, &marks), vec![]);
    }
}
