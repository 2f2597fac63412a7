//! Inputs shared by the integration tests.

pub mod hostile;
pub mod names;
