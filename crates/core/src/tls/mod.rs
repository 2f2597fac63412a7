//! TLS vocabulary: versions, cipher suites, grades.
//!
//! Pure functions over text, shared by every dialect parser: [`normalise_version`] and
//! [`parse_cipher`] turn what a header wrote into canonical names, [`grade`] judges them.

pub mod cipher;
pub mod grade;
mod openssl_names;
pub mod version;

pub use cipher::{is_post_quantum, parse_cipher, Bulk, CipherSuite};
pub use grade::grade;
pub use version::{normalise_version, parse_version, Version};
