//! How the table-driven tests (`fixtures.rs`, `notations.rs`) write report values.

#![allow(dead_code)]

/// The JSON name of an enum value (`encrypted`, `external`…), as `.expect` files and the
/// notation table write it.
pub fn enum_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string()
}
