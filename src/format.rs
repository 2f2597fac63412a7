//! Numbers and times as people read them: durations, UTC times, delay bars, endpoints.

use hopscope_core::Endpoint;

/// Seconds as a short duration: `42 s`, `3 min 5 s`, `2 h 4 min`, `1 d 3 h`; negative durations
/// (clocks that disagree) keep their sign.
pub fn duration(seconds: i64) -> String {
    if seconds < 0 {
        return format!("−{}", duration(seconds.saturating_neg().max(0)));
    }
    let (d, h, m, s) = (
        seconds / 86_400,
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60,
    );
    match (d, h, m) {
        (0, 0, 0) => format!("{s} s"),
        (0, 0, _) if s == 0 => format!("{m} min"),
        (0, 0, _) => format!("{m} min {s} s"),
        (0, _, _) if m == 0 => format!("{h} h"),
        (0, _, _) => format!("{h} h {m} min"),
        _ if h == 0 => format!("{d} d"),
        _ => format!("{d} d {h} h"),
    }
}

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

/// The sending side as one line: the best name the header gives, then the address.
pub fn endpoint(from: &Endpoint) -> String {
    let name = from.rdns.as_deref().or(from.helo.as_deref());
    match (name, from.ip.as_deref()) {
        (Some(name), Some(ip)) if name != ip => format!("{name} [{ip}]"),
        (Some(name), _) => name.to_owned(),
        (None, Some(ip)) => format!("[{ip}]"),
        (None, None) => "(sender not named)".to_owned(),
    }
}

/// `1 hop`, `3 hops`.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
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
    fn durations_read_naturally() {
        let cases = [
            (0, "0 s"),
            (42, "42 s"),
            (60, "1 min"),
            (185, "3 min 5 s"),
            (3600, "1 h"),
            (7440, "2 h 4 min"),
            (86_400, "1 d"),
            (97_200, "1 d 3 h"),
            (-5, "−5 s"),
            (i64::MIN, "−106751991167300 d 15 h"),
        ];
        for (seconds, expected) in cases {
            assert_eq!(duration(seconds), expected, "{seconds}");
        }
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
    fn endpoints_prefer_reverse_dns_then_helo() {
        let both = Endpoint {
            helo: Some("laptop".into()),
            rdns: Some("mail.example.com".into()),
            ip: Some("192.0.2.1".into()),
        };
        assert_eq!(endpoint(&both), "mail.example.com [192.0.2.1]");
        let helo = Endpoint {
            helo: Some("laptop".into()),
            ..Endpoint::default()
        };
        assert_eq!(endpoint(&helo), "laptop");
        let ip = Endpoint {
            ip: Some("2001:db8::1".into()),
            ..Endpoint::default()
        };
        assert_eq!(endpoint(&ip), "[2001:db8::1]");
        assert_eq!(endpoint(&Endpoint::default()), "(sender not named)");
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

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(1u32, "hop", "hops"), "1 hop");
        assert_eq!(count(0u32, "hop", "hops"), "0 hops");
    }
}
