//! Session storage: what the page remembers, for this tab only: the report view and the policy
//! the person chose. Nothing of the input or the report is ever stored. Browsers that refuse
//! storage (private modes, sandboxed frames) simply forget.

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The value stored under `key` in this tab's session storage.
pub fn session_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key` for this tab; quietly does nothing where storage is refused.
pub fn session_set(key: &str, value: &str) {
    if let Some(storage) = session() {
        let _ = storage.set_item(key, value);
    }
}

/// Forgets `key` for this tab.
pub fn session_remove(key: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(key);
    }
}
