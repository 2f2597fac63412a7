//! The route as a standalone SVG document, for "Download route as SVG": hops oldest first down
//! a line, each with its lock (closed, open, or a question mark, drawn as shapes so the file
//! needs no font or image; a hop that stayed inside one machine without TLS gets the page's
//! neutral machine instead: no lock, no alarm), its verdict, scope and TLS version, the hosts
//! and the delay. The headline and the hop counts are the core's words, as on the page.
//!
//! Untrusted input: every string of the report comes from a header or a share link. Each one
//! goes through [`text`], which escapes the five XML specials and shows hidden characters as
//! `⟨U+202E⟩` tokens (as the page does, and because control characters are not even allowed in
//! XML), so no header can add markup, scripts or links to the file. Everything else written
//! here is a constant of this module.
//!
//! Very long chains are cut at [`MAX_HOPS`] hops, with a line saying how many were left out:
//! a 100,000-hop paste must not become a 30 MB picture.

use std::fmt::Write as _;

use hopscope_core::{Hop, Report, Scope, Verdict};

use hopscope_core::visible::{self, token};
use hopscope_core::words;

/// Hops drawn at most.
pub const MAX_HOPS: usize = 500;

/// Characters of one header-derived string kept on a line; SVG text does not wrap.
const MAX_CHARS: usize = 90;

const WIDTH: usize = 760;
const TOP: usize = 96;
const ROW: usize = 84;

/// The whole SVG document.
pub fn route_svg(report: &Report) -> String {
    let drawn = report.hops.len().min(MAX_HOPS);
    let left_out = report.hops.len() - drawn;
    let headline = wrap(words::headline(report), MAX_CHARS, 3);
    let counts = escape(&words::counts_sentence(report), 2 * MAX_CHARS);
    let top = TOP + 18 * headline.len();
    let height = top + drawn * ROW + 48;
    let mut out = String::with_capacity(1024 + drawn * 900);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\" font-family=\"system-ui, -apple-system, 'Segoe UI', \
         Roboto, Arial, sans-serif\" font-size=\"14\" fill=\"#1b1c1d\">\n\
         <title>Hopscope: route of the message, oldest hop first. {}</title>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <text x=\"24\" y=\"36\" font-size=\"20\" font-weight=\"700\">Route, oldest hop first</text>\n",
        escape(words::headline(report), usize::MAX)
    );
    for (line, words) in headline.iter().enumerate() {
        let _ = writeln!(
            out,
            "<text x=\"24\" y=\"{}\">{words}</text>",
            62 + 18 * line
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"24\" y=\"{}\" font-size=\"13\" fill=\"#545657\">{counts}</text>",
        62 + 18 * headline.len()
    );
    for (position, hop) in report.hops.iter().take(drawn).enumerate() {
        let last = position + 1 == drawn;
        draw_hop(&mut out, hop, top + position * ROW, last);
    }
    let footer_y = top + drawn * ROW + 20;
    if left_out > 0 {
        let _ = writeln!(
            out,
            "<text x=\"24\" y=\"{footer_y}\" font-weight=\"700\">… and {left_out} more hops, \
             not drawn.</text>"
        );
    }
    let _ = write!(
        out,
        "<text x=\"24\" y=\"{}\" font-size=\"12\" fill=\"#545657\">Made with Hopscope from \
         what each server wrote. “Not stated” is not “not encrypted”.</text>\n</svg>\n",
        footer_y + 20
    );
    out
}

fn draw_hop(out: &mut String, hop: &Hop, y: usize, last: bool) {
    let colour = colour(hop);
    let (cx, cy) = (44, y + 22);
    if !last {
        let _ = writeln!(
            out,
            "<line x1=\"{cx}\" y1=\"{}\" x2=\"{cx}\" y2=\"{}\" stroke=\"#c9cac6\" stroke-width=\"2\"/>",
            cy + 20,
            cy + ROW - 20
        );
    }
    let _ = write!(
        out,
        "<g data-hop=\"{index}\" data-verdict=\"{verdict}\" data-scope=\"{scope}\">\n\
         <circle cx=\"{cx}\" cy=\"{cy}\" r=\"19\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2\"/>\n\
         <g transform=\"translate({} {}) scale(0.9)\" fill=\"none\" stroke=\"{colour}\" \
         stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\">{}</g>\n",
        cx - 11,
        cy - 11,
        icon(hop),
        index = hop.index,
        verdict = words::verdict_slug(hop.verdict),
        scope = words::scope_slug(hop.scope),
    );

    let mut title = format!(
        "Hop {} · {} · {}",
        hop.index,
        words::verdict_word(hop.verdict),
        words::scope_word(hop.scope)
    );
    if let Some(version) = hop.tls.as_ref().and_then(|tls| tls.version.as_deref()) {
        title = format!("{title} · {}", text(version));
    }
    if let Some(grade) = hop.grade {
        title = format!("{title} · {}", words::grade_word(grade));
    }
    let path = text(&words::route(hop));
    let mut timing = match &hop.date {
        Some(date) => text(&utc_time(date)),
        None => "no date".to_owned(),
    };
    match hop.delay_seconds {
        Some(seconds) if seconds < 0 => {
            let _ = write!(
                timing,
                " · {} before the previous hop (clocks disagree)",
                words::duration(-seconds)
            );
        }
        Some(seconds) => {
            let _ = write!(
                timing,
                " · +{} after the previous hop",
                words::duration(seconds)
            );
        }
        None => {}
    }
    let x = 80;
    let _ = write!(
        out,
        "<text x=\"{x}\" y=\"{}\" font-weight=\"700\" fill=\"{colour}\">{title}</text>\n\
         <text x=\"{x}\" y=\"{}\" font-family=\"ui-monospace, Menlo, Consolas, monospace\" \
         font-size=\"13\">{path}</text>\n\
         <text x=\"{x}\" y=\"{}\" font-size=\"12\" fill=\"#545657\">{timing}</text>\n</g>\n",
        y + 16,
        y + 36,
        y + 54,
    );
}

/// The page's colours for a hop: a hop inside one machine without TLS exposed nothing and is
/// grey.
fn colour(hop: &Hop) -> &'static str {
    match (hop.verdict, hop.scope) {
        (Verdict::Encrypted, _) => "#0b6a2f",
        (_, Scope::Local) => "#545657",
        (Verdict::Plaintext, _) => "#b0241b",
        (Verdict::Unknown, _) => "#7a4a00",
    }
}

/// The shapes of `components::route::hop_icon`, in a 24×24 box.
fn icon(hop: &Hop) -> &'static str {
    match hop.verdict {
        _ if hop.scope == Scope::Local && hop.verdict != Verdict::Encrypted => {
            "<rect x=\"3\" y=\"4\" width=\"18\" height=\"12\" rx=\"2\"/><path d=\"M8 20h8M12 16v4\"/>"
        }
        Verdict::Encrypted => {
            "<rect x=\"5\" y=\"11\" width=\"14\" height=\"10\" rx=\"2\"/><path d=\"M8 11V7a4 4 0 0 1 8 0v4\"/>"
        }
        Verdict::Plaintext => {
            "<rect x=\"5\" y=\"11\" width=\"14\" height=\"10\" rx=\"2\"/><path d=\"M8 11V7a4 4 0 0 1 7.75-1.4\"/>"
        }
        Verdict::Unknown => {
            "<circle cx=\"12\" cy=\"12\" r=\"9.5\"/><path d=\"M9.2 9.2a2.9 2.9 0 0 1 5.6 1c0 1.9-2.8 2.6-2.8 4\"/><path d=\"M12 17.5v.01\"/>"
        }
    }
}

/// `2026-11-22T05:20:40Z` as `2026-11-22 05:20:40 UTC`, as the page shows times (its
/// `format::utc_time`); anything else as written.
fn utc_time(rfc3339: &str) -> String {
    match rfc3339.strip_suffix('Z').and_then(|t| t.split_once('T')) {
        Some((date, time)) => format!("{date} {time} UTC"),
        None => rfc3339.to_owned(),
    }
}

/// Header-derived text as XML character data (also safe inside attribute values): the five
/// specials escaped, hidden and non-XML characters as tokens, line breaks as spaces, and cut
/// to [`MAX_CHARS`].
pub fn text(value: &str) -> String {
    escape(value, MAX_CHARS)
}

/// `value` in lines of at most `width` characters, broken at spaces, each escaped as [`text`];
/// at most `lines` lines, the last one cut.
fn wrap(value: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = value.trim();
    while !rest.is_empty() && out.len() + 1 < lines {
        let end = rest
            .char_indices()
            .nth(width)
            .map_or(rest.len(), |(at, _)| at);
        let cut = match rest[..end].rfind(' ') {
            Some(space) if end < rest.len() && space > 0 => space,
            _ => end,
        };
        out.push(text(&rest[..cut]));
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        out.push(text(rest));
    }
    out
}

fn escape(value: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(value.len());
    let mut previous = None;
    for (count, c) in value.chars().enumerate() {
        let hidden = visible::is_hidden(c, previous);
        previous = Some(c);
        if count == max_chars {
            out.push('…');
            break;
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push_str(&token(c)),
            c if hidden => out.push_str(&token(c)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAIN: &str = "Received: from mx.example.net (mx.example.net [203.0.113.5])\n\
        \t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n\
        \tby mx2.example.com (Postfix) with ESMTPS id 4ZcD1x0Lm3z9sQ\n\
        \tfor <erik@example.com>; Sun, 22 Nov 2026 09:14:10 +0000 (UTC)\n\
        Received: from relay.example.org (relay.example.org [198.51.100.20])\n\
        \tby mx.example.net (Postfix) with ESMTP id 7F2A11C0042\n\
        \tfor <erik@example.com>; Sun, 22 Nov 2026 09:14:07 +0000 (UTC)\n";

    #[test]
    fn the_five_xml_specials_are_escaped() {
        assert_eq!(
            text(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;"
        );
        assert_eq!(text("&amp;"), "&amp;amp;", "entities in input stay text");
    }

    #[test]
    fn hidden_and_non_xml_characters_become_tokens() {
        assert_eq!(text("a\u{202E}b"), "a⟨U+202E⟩b");
        assert_eq!(text("a\u{0}b\u{1B}c"), "a⟨U+0000⟩b⟨U+001B⟩c");
        assert_eq!(text("\u{FFFF}\u{FFFE}"), "⟨U+FFFF⟩⟨U+FFFE⟩");
        assert_eq!(text("a\n\tb"), "a  b");
        assert_eq!(text("Grüße 日本"), "Grüße 日本");
    }

    #[test]
    fn every_hidden_character_of_the_cores_table_becomes_a_token_in_the_svg() {
        // Through `text`, which every string from a header goes through (one character at a
        // time: a long string is cut at MAX_CHARS), and once through the whole drawing.
        for c in visible::table() {
            assert_eq!(text(&format!("a{c}b")), format!("a{}b", token(c)), "{c:?}");
        }
        let mut report = hopscope_core::analyze(CHAIN);
        report.hops[0].by = Some("mx\u{202E}moc.elpmaxe".into());
        assert!(route_svg(&report).contains("mx⟨U+202E⟩moc.elpmaxe"));
    }

    #[test]
    fn the_svg_uses_the_cores_words_for_every_verdict_scope_and_grade() {
        use hopscope_core::{Grade, Scope, Verdict};
        let mut report = hopscope_core::analyze(CHAIN);
        let template = report.hops[1].clone();
        report.hops.clear();
        let verdicts = [Verdict::Encrypted, Verdict::Plaintext, Verdict::Unknown];
        let scopes = [Scope::Local, Scope::Internal, Scope::External];
        let grades = [Grade::Strong, Grade::Good, Grade::Weak, Grade::Broken];
        // Every verdict in every scope, then one more encrypted hop per grade.
        let shapes = verdicts
            .iter()
            .flat_map(|&v| scopes.iter().map(move |&s| (v, s, None)))
            .chain(
                grades
                    .iter()
                    .map(|&g| (Verdict::Encrypted, Scope::External, Some(g))),
            );
        for (index, (verdict, scope, grade)) in (1..).zip(shapes) {
            let mut hop = template.clone();
            hop.index = index;
            hop.verdict = verdict;
            hop.scope = scope;
            hop.grade = grade;
            report.hops.push(hop);
        }
        let svg = route_svg(&report);
        for hop in &report.hops {
            let mut title = format!(
                "Hop {} · {} · {}",
                hop.index,
                words::verdict_word(hop.verdict),
                words::scope_word(hop.scope)
            );
            assert!(svg.contains(&title), "{title}");
            if let Some(grade) = hop.grade {
                title = format!("· {}<", words::grade_word(grade));
                assert!(svg.contains(&title), "{title}");
            }
        }
        for grade in grades {
            assert!(svg.contains(words::grade_word(grade)), "{grade:?}");
        }
    }

    #[test]
    fn headlines_wrap_at_spaces() {
        let headline = "word ".repeat(60);
        let lines = wrap(&headline, 20, 3);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], "word word word word");
        assert!(lines[2].ends_with('…'));
        assert_eq!(wrap("short & sweet", 20, 3), ["short &amp; sweet"]);
        assert_eq!(wrap("", 20, 3), Vec::<String>::new());
        let unbroken = "x".repeat(30);
        assert_eq!(wrap(&unbroken, 20, 3), ["x".repeat(20), "x".repeat(10)]);
    }

    #[test]
    fn long_strings_are_cut() {
        let long = "a".repeat(MAX_CHARS + 10);
        assert_eq!(text(&long), format!("{}…", "a".repeat(MAX_CHARS)));
        assert_eq!(
            text(&"<".repeat(MAX_CHARS)).matches("&lt;").count(),
            MAX_CHARS
        );
    }

    #[test]
    fn every_hop_is_drawn_with_its_verdict_hosts_and_delay() {
        let report = hopscope_core::analyze(CHAIN);
        let svg = route_svg(&report);
        assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
        assert!(svg.ends_with("</svg>\n"));
        assert!(svg.contains(r#"<g data-hop="1" data-verdict="plaintext" data-scope="external">"#));
        assert!(svg.contains(r#"<g data-hop="2" data-verdict="encrypted" data-scope="external">"#));
        assert!(svg.contains("Hop 2 · Encrypted · External · TLS1.3"));
        assert!(svg.contains("mx.example.net [203.0.113.5] → mx2.example.com"));
        assert!(svg.contains("+3 s after the previous hop"));
        assert!(svg.contains("M8 11V7a4 4 0 0 1 8 0v4"), "the closed lock");
        assert!(svg.contains("M8 11V7a4 4 0 0 1 7.75-1.4"), "the open lock");
        assert_eq!(svg.matches("<g data-hop=").count(), 2);
        assert_eq!(svg.matches("<g").count(), svg.matches("</g>").count());
    }

    #[test]
    fn counts_are_the_cores_and_local_hops_get_no_lock() {
        let report = hopscope_core::analyze(CHAIN);
        let svg = route_svg(&report);
        assert!(svg.contains(&words::counts_sentence(&report)), "{svg}");
        let local = hopscope_core::analyze(include_str!("../../../src/examples/local-only.txt"));
        assert_eq!(local.summary.overall, hopscope_core::Overall::LocalOnly);
        let svg = route_svg(&local);
        assert!(!svg.contains("M8 11V7"), "no lock, open or closed: {svg}");
        assert!(svg.contains("M8 20h8M12 16v4"), "the neutral machine");
        assert!(!svg.contains("#b0241b"), "no alarm colour");
    }

    #[test]
    fn header_text_cannot_add_markup() {
        let hostile = "Received: from <script>alert(1)</script> ([203.0.113.9])\n\
            \tby x\"onload=\"alert(1)'.example.com with ESMTP id 1;\n\
            \tSun, 22 Nov 2026 09:14:07 +0000\n";
        let report = hopscope_core::analyze(hostile);
        let mut report = report;
        report.summary.headline = "</title><script>x</script>".into();
        let svg = route_svg(&report);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("\"onload"), "{svg}");
        assert!(svg.contains("&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"));
        // Only the module's own tags are left: every `<` opens a known element.
        let tags: std::collections::BTreeSet<&str> = svg
            .split('<')
            .skip(1)
            .map(|t| t.split([' ', '>', '/']).next().unwrap_or(""))
            .collect();
        let known = [
            "", "?xml", "svg", "title", "rect", "text", "g", "circle", "path", "line",
        ];
        assert!(tags.iter().all(|t| known.contains(t)), "{tags:?}");
    }

    #[test]
    fn very_long_chains_are_cut_with_a_note() {
        let mut report = hopscope_core::analyze(CHAIN);
        let hop = report.hops[0].clone();
        report.hops = vec![hop; MAX_HOPS + 7];
        let svg = route_svg(&report);
        assert_eq!(svg.matches("<g data-hop=").count(), MAX_HOPS);
        assert!(svg.contains("… and 7 more hops, not drawn."));
    }
}
