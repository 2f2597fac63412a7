//! The opt-in lookups of a message's domains, as the page holds them: which domains the report
//! offers (sent by the engine with each analysis), the DNS-over-HTTPS service chosen, and each
//! lookup's state and result.
//!
//! Nothing is looked up until the person clicks. The lookup itself — the requests, reading the
//! answers, judging them and putting them into words — is the engine's
//! (`crates/engine/src/lookup.rs`): the first load only lists what it found. A lookup never
//! touches a hop's verdict; its only use beyond being shown is a custom policy's recipient
//! requirement (`policy::apply`).

use std::rc::Rc;

use hopscope_core::policy::RecipientLookup;

/// The DNS-over-HTTPS services offered: the engine's name, and what the person reads. The
/// Content-Security-Policy's `connect-src` (index.html and static/_headers) names exactly
/// their origins.
pub const RESOLVERS: [(&str, &str); 2] = [
    ("google", "Google Public DNS (dns.google)"),
    ("cloudflare", "Cloudflare (cloudflare-dns.com)"),
];

/// The roles, in the order of [`LookupTargets::targets`] and `State::lookups`.
pub const ROLES: [&str; 2] = ["recipient", "sender"];

/// The domains a report offers to look up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupTargets {
    /// The engine's description of them, handed back with a lookup request.
    pub json: Rc<str>,
    /// The recipient's domain, then the sender's: the domain, and where it was found.
    pub targets: [Option<(String, String)>; 2],
}

/// One lookup on screen.
#[derive(Debug, Clone, PartialEq)]
pub enum LookupState {
    Running,
    Done(Rc<LookupResult>),
    /// The engine could not do it (not a DNS failure: those are per item).
    Failed(String),
}

/// What the engine found for one domain, already in words.
#[derive(Debug, Clone, PartialEq)]
pub struct LookupResult {
    pub heading: String,
    /// Today's policies, not those at delivery; the verdicts do not change.
    pub note: String,
    /// The service asked, as the person chose it.
    pub resolver: String,
    /// `[status, label, text]` per item looked up.
    pub items: Vec<[String; 3]>,
    /// `[tone, slug, sentence]` per finding.
    pub findings: Vec<[String; 3]>,
    /// What a policy's recipient requirement can use (the recipient's domain only).
    pub requirement: Option<RecipientLookup>,
}
