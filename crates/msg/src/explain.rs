//! Why a message has no route to check, in words as specific as the file allows.
//!
//! "Does not look like email" would be wrong and unhelpful for a .msg without headers: the file
//! is a perfectly good message that simply never passed through a mail server as this copy, or
//! lost its headers on the way to the disk. Saying which of those it is tells the person where
//! to get a copy that has a route.

use crate::message::MessageState;

/// Why the transport headers are missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MissingHeaders {
    /// There is no transport-headers property.
    Absent,
    /// The property is there but holds nothing (or only whitespace).
    Empty,
    /// The property is there but holds binary data or is not a string property.
    NotText,
}

pub(crate) fn no_headers_reason(
    missing: MissingHeaders,
    state: MessageState,
    class: Option<&str>,
) -> String {
    match missing {
        MissingHeaders::Empty => "This .msg's transport-headers property is present but empty, so there is no route to check; the program that saved or exported the file may have removed the headers. Open the original message in Outlook and copy its headers (File › Properties › Internet headers).".to_owned(),
        MissingHeaders::NotText => "This .msg's transport-headers property holds binary data, not text, so there is no route to read from it; the file may be damaged or written by an unusual tool.".to_owned(),
        MissingHeaders::Absent => {
            if let Some((class, item)) = class.and_then(|class| non_mail_item(class).map(|item| (class, item))) {
                return format!("This .msg is {item} ({class}), not an email: it never travelled between mail servers, so it has no transport headers and no route to check.");
            }
            match state {
                MessageState::Draft => "This .msg is an unsent draft: it never left Outlook, so no mail server added transport headers and there is no route to check. To check a message's route, open the copy its recipient received.".to_owned(),
                MessageState::Sent => "This .msg is a copy of a message sent from this mailbox (as kept in Sent Items): Outlook keeps transport headers only for messages it received from a mail server, so there is no route to check. Ask a recipient for their copy of the message.".to_owned(),
                MessageState::Received => "This .msg was received by this mailbox but has no transport headers. Outlook keeps them only for messages that came from a mail server: a message delivered inside one Exchange organisation may have none, and some export or archiving tools remove them. Open the original in Outlook and look at File › Properties › Internet headers.".to_owned(),
                MessageState::Unknown => "This .msg has no transport headers: Outlook saves them only for messages it received from a mail server. Drafts, sent items and messages created in Outlook have none, and some tools that export or archive mail remove them. If this message was received, open it in Outlook and copy its headers (File › Properties › Internet headers).".to_owned(),
            }
        }
    }
}

/// Outlook items that are not mail and so never carry a route. Meeting requests and task
/// requests (`IPM.Schedule.Meeting.*`, `IPM.TaskRequest.*`) are mail and are not listed.
fn non_mail_item(class: &str) -> Option<&'static str> {
    const ITEMS: &[(&str, &str)] = &[
        ("IPM.Contact", "a contact"),
        ("IPM.DistList", "a contact group"),
        ("IPM.Appointment", "a calendar item"),
        ("IPM.Task", "a task"),
        ("IPM.StickyNote", "a note"),
        ("IPM.Activity", "a journal entry"),
        ("IPM.Post", "a post in a shared folder"),
    ];
    ITEMS.iter().find_map(|&(prefix, item)| {
        let rest = class
            .get(..prefix.len())
            .filter(|head| head.eq_ignore_ascii_case(prefix))
            .map(|_| &class[prefix.len()..])?;
        (rest.is_empty() || rest.starts_with('.')).then_some(item)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_mail_items_are_named_and_mail_classes_are_not() {
        assert_eq!(non_mail_item("IPM.Contact"), Some("a contact"));
        assert_eq!(
            non_mail_item("ipm.appointment.Custom"),
            Some("a calendar item")
        );
        assert_eq!(non_mail_item("IPM.TaskRequest.Accept"), None);
        assert_eq!(non_mail_item("IPM.Schedule.Meeting.Request"), None);
        assert_eq!(non_mail_item("IPM.Note"), None);
        assert_eq!(non_mail_item("IPM.Contac"), None);
        assert_eq!(non_mail_item("IPM.Conté"), None);
    }

    #[test]
    fn a_contact_is_explained_as_a_contact_whatever_its_flags() {
        let reason = no_headers_reason(
            MissingHeaders::Absent,
            MessageState::Draft,
            Some("IPM.Contact"),
        );
        assert_eq!(reason, "This .msg is a contact (IPM.Contact), not an email: it never travelled between mail servers, so it has no transport headers and no route to check.");
    }
}
