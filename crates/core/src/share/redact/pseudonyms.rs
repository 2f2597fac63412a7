//! The pseudonyms themselves: numbered, in the ranges and shapes that keep a route readable
//! (documentation address ranges, `host-N.domain-M.example`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Hands out the next pseudonym `make(n)` (n = 1, 2, …) that `taken` does not hold. The
/// counter only moves forward, so skipping costs at most one step per original overall; after
/// 10,000 skips in a row (only when a range wraps around) the candidate is taken anyway.
pub(super) fn fresh<T>(
    counter: &mut u64,
    make: impl Fn(u64) -> T,
    taken: impl Fn(&T) -> bool,
) -> T {
    let mut tries = 0u32;
    loop {
        *counter += 1;
        let candidate = make(*counter);
        tries += 1;
        if !taken(&candidate) || tries > 10_000 {
            return candidate;
        }
    }
}

pub(super) fn private_v4(n: u64) -> IpAddr {
    let k = (n - 1) % (254 * 256 * 256);
    let (a, rest) = (k / (254 * 256), k % (254 * 256));
    IpAddr::V4(Ipv4Addr::new(
        10,
        a as u8,
        (rest / 254) as u8,
        (rest % 254 + 1) as u8,
    ))
}

/// The documentation ranges (RFC 5737), then the benchmarking range 198.18.0.0/15.
pub(super) fn public_v4(n: u64) -> IpAddr {
    const DOC: [[u8; 3]; 3] = [[192, 0, 2], [198, 51, 100], [203, 0, 113]];
    let k = n - 1;
    if k < 3 * 254 {
        let [a, b, c] = DOC[(k / 254) as usize];
        return IpAddr::V4(Ipv4Addr::new(a, b, c, (k % 254 + 1) as u8));
    }
    let k = (k - 3 * 254) % (2 * 256 * 254);
    let (b, rest) = (18 + k / (256 * 254), k % (256 * 254));
    IpAddr::V4(Ipv4Addr::new(
        198,
        b as u8,
        (rest / 254) as u8,
        (rest % 254 + 1) as u8,
    ))
}

pub(super) fn v6(first: u16, n: u64) -> IpAddr {
    IpAddr::V6(Ipv6Addr::new(
        first,
        0,
        0,
        0,
        0,
        0,
        (n >> 16) as u16,
        n as u16,
    ))
}

/// `2001:db8::n` (RFC 3849).
pub(super) fn v6_doc(n: u64) -> IpAddr {
    IpAddr::V6(Ipv6Addr::new(
        0x2001,
        0xdb8,
        0,
        0,
        0,
        0,
        (n >> 16) as u16,
        n as u16,
    ))
}
