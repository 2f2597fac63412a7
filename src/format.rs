//! Numbers and times on the page: UTC times, delay bars, sizes. Durations and endpoints are
//! the core's words (`hopscope_core::words`), shared with every rendering.

/// `2026-11-22T05:20:40Z` as `2026-11-22 05:20:40 UTC`; anything else is returned as written.
pub fn utc_time(rfc3339: &str) -> String {
    match rfc3339.strip_suffix('Z').and_then(|t| t.split_once('T')) {
        Some((date, time)) => format!("{date} {time} UTC"),
        None => rfc3339.to_owned(),
    }
}

/// Full width of the delay bar, in SVG user units.
pub const DELAY_BAR_WIDTH: u32 = 80;

/// Width of the bar for a delay, on a log scale: 1 s is short, a day or more fills the bar.
/// A log scale keeps a 2-second hop visible next to a 3-hour queue. Zero and negative delays
/// draw no bar.
pub fn delay_bar_width(seconds: i64) -> u32 {
    if seconds <= 0 {
        return 0;
    }
    let full = f64::from(DELAY_BAR_WIDTH);
    let scaled = (seconds as f64).ln_1p() / 86_400f64.ln_1p() * full;
    (scaled.round() as u32).clamp(1, DELAY_BAR_WIDTH)
}

/// `1,734`: digits grouped by thousands.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `a`, `a and b`, `a, b and c`: a list in a sentence.
pub fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `5.0 MB`, with integer arithmetic: float formatting would add ~11 KB to the wasm.
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes.saturating_mul(10) + 524_288) / 1_048_576;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn megabytes_round_to_a_tenth() {
        assert_eq!(megabytes(5 * 1024 * 1024), "5.0 MB");
        assert_eq!(megabytes(1_572_864), "1.5 MB");
        assert_eq!(megabytes(0), "0.0 MB");
    }

    #[test]
    fn utc_times_drop_the_t_and_z() {
        assert_eq!(utc_time("2026-11-22T05:20:40Z"), "2026-11-22 05:20:40 UTC");
        assert_eq!(utc_time("Sun, 22 Nov 2026"), "Sun, 22 Nov 2026");
    }

    #[test]
    fn delay_bars_are_logarithmic_and_bounded() {
        assert_eq!(delay_bar_width(0), 0);
        assert_eq!(delay_bar_width(-30), 0);
        assert_eq!(delay_bar_width(1), 5);
        assert!(delay_bar_width(60) < delay_bar_width(3600));
        assert_eq!(delay_bar_width(86_400), DELAY_BAR_WIDTH);
        assert_eq!(delay_bar_width(i64::MAX), DELAY_BAR_WIDTH);
    }

    #[test]
    fn lists_read_as_a_sentence() {
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b"]), "a and b");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn thousands_are_grouped() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (1734, "1,734"),
            (65_536, "65,536"),
            (1_234_567, "1,234,567"),
        ];
        for (n, expected) in cases {
            assert_eq!(thousands(n), expected);
        }
    }
}
