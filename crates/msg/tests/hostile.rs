//! Untrusted input: truncated, bit-flipped, random and crafted files never panic, and a file
//! cannot make the reader read more than its own size.

mod common;

use common::*;

/// Reads and, when it works, touches everything, so that a lazily built value cannot hide a
/// panic.
fn read_all(bytes: &[u8]) {
    match hopscope_msg::read(bytes) {
        Ok(msg) => {
            let _ = (
                msg.transport_headers(),
                msg.no_headers_reason(),
                msg.subject(),
                msg.notes(),
            );
            for attached in msg.attached_messages() {
                let _ = attached.transport_headers();
            }
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
}

#[test]
fn every_truncation_of_a_rich_message() {
    let bytes = rich_message().build();
    // Every length through the header and the first sectors, then every 61st.
    for len in (0..2048).chain((2048..bytes.len()).step_by(61)) {
        read_all(&bytes[..len]);
    }
}

/// Flips bits at `positions` one at a time, with each of three masks in turn.
fn flip_each(bytes: &[u8], positions: impl Iterator<Item = usize>, all_masks: bool) {
    let mut mutated = bytes.to_vec();
    for at in positions {
        let masks: &[u8] = if all_masks {
            &[0x01, 0x80, 0xFF]
        } else {
            &[[0x01, 0x80, 0xFF][at % 3]]
        };
        for &mask in masks {
            mutated[at] ^= mask;
            read_all(&mutated);
            mutated[at] = bytes[at];
        }
    }
}

#[test]
fn bits_flipped_in_a_rich_message() {
    // Every bit pattern in the compound-file header, where one byte changes the whole layout,
    // then every 5th byte of the rest (FAT, directory, mini stream, property streams). A debug
    // build reads this file in about 2 ms, so the exhaustive run is the ignored test below.
    let bytes = rich_message().build();
    flip_each(&bytes, 0..512, true);
    flip_each(&bytes, (512..bytes.len()).step_by(5), false);
}

/// Every byte, every mask: `cargo test --release -p hopscope-msg --test hostile -- --ignored`
/// (about 10 s in release).
#[test]
#[ignore = "exhaustive; run with --release"]
fn every_byte_of_a_rich_message_flipped() {
    let bytes = rich_message().build();
    flip_each(&bytes, 0..bytes.len(), true);
}

#[test]
fn streams_that_share_one_chain_are_not_read_twice() {
    // Three .eml attachments; the second and third data streams are then pointed at the first
    // one's 1 MB chain. Each read alone is valid, but together they would read three times the
    // file: the budget stops it and the attachments concerned get a note.
    let eml = |fill: u8, len: usize| {
        let mut bytes = b"Received: from a by b\r\n\r\n".to_vec();
        bytes.resize(len, fill);
        bytes
    };
    let message = Message::new()
        .headers(HEADERS)
        .attach(Attachment::file("one.eml", eml(b'1', 1 << 20)))
        .attach(Attachment::file("two.eml", eml(b'2', 5000)))
        .attach(Attachment::file("three.eml", eml(b'3', 5000)));
    let mut bytes = message.build();

    // Directory entries are 128 bytes: the name in UTF-16 first, the start sector at 116 and
    // the size at 120.
    let name: Vec<u8> = "__substg1.0_37010102"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let entries: Vec<usize> = (0..bytes.len() - 128)
        .step_by(128)
        .filter(|&at| bytes[at..].starts_with(&name))
        .collect();
    assert_eq!(entries.len(), 3);
    let size = |at: usize| u32::from_le_bytes(bytes[at + 120..at + 124].try_into().unwrap());
    let big = *entries.iter().find(|&&at| size(at) == 1 << 20).unwrap();
    let chain: [u8; 8] = bytes[big + 116..big + 124].try_into().unwrap();
    for &at in entries.iter().filter(|&&at| at != big) {
        bytes[at + 116..at + 124].copy_from_slice(&chain);
    }

    let msg = hopscope_msg::read(&bytes).unwrap();
    assert_eq!(msg.transport_headers(), Some(HEADERS));
    assert_eq!(msg.attached_messages().len(), 1);
    let damaged = "could not be read: This .msg file is damaged or incomplete";
    assert_eq!(msg.notes().len(), 2, "{:?}", msg.notes());
    assert!(
        msg.notes().iter().all(|note| note.contains(damaged)),
        "{:?}",
        msg.notes()
    );
}

#[test]
fn many_attachments_and_deep_nesting_are_bounded() {
    let mut message = received_message();
    for _ in 0..12 {
        message = received_message().attach(Attachment::message("inner", message));
    }
    let msg = hopscope_msg::read(&message.build()).unwrap();
    let mut depth = 0;
    let mut current = &msg;
    while let Some(hopscope_msg::AttachedMessage::Msg { msg, .. }) =
        current.attached_messages().first()
    {
        depth += 1;
        current = msg;
    }
    assert_eq!(depth, hopscope_msg::DEFAULT_MAX_DEPTH);
    assert_eq!(
        current.notes(),
        ["An attached message nested more than 8 levels deep was not read."]
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn random_bytes_behind_the_signature(tail in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
            bytes.extend(tail);
            read_all(&bytes);
        }

        #[test]
        fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            read_all(&bytes);
        }

        #[test]
        fn random_overwrites_of_a_rich_message(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24)) {
            let mut bytes = rich_message().build();
            for (at, value) in edits {
                let at = at.index(bytes.len());
                bytes[at] = value;
            }
            read_all(&bytes);
        }
    }
}
