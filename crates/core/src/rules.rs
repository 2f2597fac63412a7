//! Every rule name that can appear in a report's evidence, and what it means in plain words.
//!
//! Rule names are the machine side of a verdict's proof: they are stable JSON values
//! (`docs/SCHEMA.md` lists them) and never change meaning. People read the sentences from
//! [`describe`] instead (through [`crate::words::evidence_sentence`]), which quote the header
//! text the rule read.

/// How a rule is put into words: around the quoted header text, or on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Describe {
    /// `before` + “text” + `after`.
    Quoting(&'static str, &'static str),
    /// A sentence that needs no quote.
    Plain(&'static str),
}

macro_rules! rules {
    ($($name:ident = $id:literal => $describe:expr;)*) => {
        $(pub const $name: &str = $id;)*

        /// Every rule, in the order of this file.
        pub const ALL: &[&str] = &[$($id),*];

        /// The words for a rule name; `None` for a name this version does not know.
        pub fn describe(rule: &str) -> Option<Describe> {
            use Describe::*;
            match rule {
                $($id => Some($describe),)*
                _ => None,
            }
        }
    };
}

rules! {
    // TLS notations (one per unit in `received/dialects/`).
    RFC3848_KEYWORD = "rfc3848-keyword" => Quoting("The server wrote ", ": a protocol name ending in S means the connection used TLS (RFC 3848).");
    POSTFIX_USING = "postfix-using" => Quoting("The server wrote down the TLS session: ", ".");
    POSTFIX_CLIENT_CERTIFICATE = "postfix-client-certificate" => Quoting("The server noted the sending client's certificate: ", ".");
    VERSION_COLON_CIPHER = "version-colon-cipher" => Quoting("The server wrote the TLS version and cipher: ", ".");
    EXIM_VERSION_COMMENT = "exim-version-comment" => Quoting("The server wrote the TLS version: ", ".");
    VERSION_SUITE_COMMENT = "version-suite-comment" => Quoting("The server wrote the TLS version and cipher: ", ".");
    OVER_COMMENT = "over-comment" => Quoting("The server wrote how the connection came in, with its TLS version: ", ".");
    VERSION_CIPHER_KEYVALUE = "version-cipher-keyvalue" => Quoting("The server wrote the TLS version and cipher: ", ".");
    RFC8314_TLS_CLAUSE = "rfc8314-tls-clause" => Quoting("The server wrote the cipher in a “tls” clause (RFC 8314): ", ".");
    COURIER_TLS = "courier-tls" => Quoting("The server wrote down the TLS session: ", ".");
    PROTOCOL_SLASH_TLS = "protocol-slash-tls" => Quoting("The server wrote TLS into the protocol name: ", ".");
    CIPHER_ENCRYPTED_SMTP = "cipher-encrypted-smtp" => Quoting("The server wrote that SMTP was encrypted: ", ".");
    CIPHER_COMMENT = "cipher-comment" => Quoting("The server wrote the cipher it used: ", ".");
    EXCHANGE_TLS = "exchange-tls" => Quoting("Microsoft's server wrote that the connection used TLS: ", ".");
    GOOGLE_TRANSPORT_SECURITY = "google-transport-security" => Quoting("Google wrote ", ": its own encrypted transport between its data centres.");
    WITH_STARTTLS = "with-starttls" => Quoting("The server wrote that the connection switched to TLS: ", ".");
    USING_TLS_COMMENT = "using-tls-comment" => Quoting("The server wrote ", ": the connection used TLS.");
    PROTOCOL_DASH_TLS = "protocol-dash-tls" => Quoting("The server wrote TLS into the protocol name: ", ".");

    // Verdicts without a TLS statement (`received/hop.rs`).
    PLAINTEXT_PROTOCOL = "plaintext-protocol" => Quoting("The server wrote ", ", a protocol without TLS, and nothing else in its line mentions TLS: no encryption.");
    NO_WIRE_PROTOCOL = "no-wire-protocol" => Quoting("", " names no network connection (a hand-over inside a mail system), so there is no connection to judge.");
    NO_TLS_STATEMENT = "no-tls-statement" => Plain("Nothing in this line says whether TLS was used.");
    NO_PEER_RECORDED = "no-peer-recorded" => Plain("This line names no sending server: it records a hand-off inside the receiving organisation and does not say how the message travelled.");
    GOOGLE_INTERNAL_HANDOFF = "google-internal-handoff" => Plain("Google's own internal hand-off (delivery inside Google): the line names no sending server, and the header does not describe its transport.");
    WRITTEN_EITHER_WAY = "written-either-way" => Quoting("The server writes ", " whether or not the connection used TLS, so here it does not say.");
    HTTP_NOT_STATED = "http-not-stated" => Quoting("The server wrote ", ": servers write HTTP for web and API submissions whether or not HTTPS was used, so this does not say.");

    // Scopes (`received/hop.rs`), from the most local down.
    LOCAL_PICKUP = "local-pickup" => Quoting("A program on the machine handed the message over: ", ".");
    LOCAL_NO_WIRE_PROTOCOL = "local-no-wire-protocol" => Quoting("", " is a hand-over inside a mail system, not a network connection.");
    LOCAL_LMTP_DELIVERY = "local-lmtp-delivery" => Quoting("", " is delivery to the mailbox store, on the same machine or next to it.");
    LOCAL_EXIM_LOCAL_PROTOCOL = "local-exim-local-protocol" => Quoting("", " is Exim's name for a submission on the machine itself.");
    LOCAL_NO_PEER_NO_WIRE = "local-no-peer-no-wire" => Quoting("No sending host and no network protocol: a program handed the message over on ", ".");
    LOCAL_LOOPBACK_CLIENT = "local-loopback-client" => Quoting("The sender's address is a loopback address (the machine talking to itself): ", ".");
    LOCAL_LOOPBACK_SERVER = "local-loopback-server" => Quoting("The receiving server is on a loopback address: ", ".");
    LOCAL_LOCALHOST = "local-localhost" => Quoting("The sender is the machine itself: ", ".");
    LOCAL_SAME_HOST = "local-same-host" => Quoting("The server received the message from itself: ", ".");
    INTERNAL_PRIVATE_ADDRESS = "internal-private-address" => Quoting("The sender's address is private (it does not route on the Internet): ", ".");
    INTERNAL_PROVIDER_TRANSPORT = "internal-provider-transport" => Plain("The provider wrote that this hop used its own transport between its data centres.");
    INTERNAL_NO_PEER_RECORDED = "internal-no-peer-recorded" => Quoting("No sending server is named: a hand-off inside the receiving organisation, ", ".");
    INTERNAL_NO_ADDRESS_RECORDED = "internal-no-address-recorded" => Quoting("The sender has neither an address nor an Internet name, as inside a provider's cluster: ", ".");
    EXTERNAL_SAME_ORGANISATION = "external-same-organisation" => Quoting("Both servers belong to one organisation, but nothing shows a private network between them, so the hop counts as crossing the Internet: ", ".");
    EXTERNAL_PUBLIC_ADDRESS = "external-public-address" => Quoting("The sender's address is public: ", ".");
    EXTERNAL_NOT_SHOWN_INTERNAL = "external-not-shown-internal" => Quoting("Nothing shows that this hop stayed inside one network: ", ".");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_described() {
        let mut names = ALL.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        for name in ALL {
            assert!(describe(name).is_some(), "{name}");
        }
        assert_eq!(describe("made-up"), None);
    }

    #[test]
    fn sentences_are_sentences() {
        for name in ALL {
            let text = match describe(name).unwrap() {
                Describe::Quoting(before, after) => format!("{before}“x”{after}"),
                Describe::Plain(s) => s.to_owned(),
            };
            assert!(text.ends_with('.'), "{name}: {text}");
            let first = text.chars().next().unwrap();
            assert!(first.is_uppercase() || first == '“', "{name}: {text}");
        }
    }
}
