//! The page's state and its one reducer.
//!
//! The text the person typed is the source of truth: every action that changes it bumps
//! `revision`, and analysis (run by the app after a debounce) reports back with the revision
//! it read. A result for an older revision is dropped, so a slow analysis can never overwrite a
//! newer input with a stale report. Failures (an unreadable file, a refused clipboard) only set
//! a notice. Only Clear, an example or a file replaces the text, and the replaced text is kept
//! in `replaced` so that one click brings it back: nothing the person typed is ever lost.
//!
//! A report opened from a share link (`shared`) is shown *instead of* the person's own input
//! and report, never in their place: the input, its revision and its report stay as they were,
//! so closing the shared view brings back exactly what the person had, typed text included.
//!
//! After a paste, an example or a file, the report of that text is brought into view once it
//! is ready (`reveal`); typing cancels that, so the focus never moves under the person's hands.
//!
//! Reports, files and share links come back from the engine (a worker) in later tasks; each
//! answer names what it answers (a revision, a redaction) and is dropped when that has changed.
//! An Outlook `.msg` may hold several messages (`msg`): the text box holds one of them at a
//! time, chosen by the person, and a `.msg` without a route only says why, leaving the text as
//! it was.

use std::rc::Rc;

use hopscope_core::policy::RecipientLookup;
use hopscope_core::share::Redaction;
use hopscope_core::Report;
use yew::prelude::*;

use crate::components::share_panel::ShareLink;
use crate::examples::Example;
use crate::fragment::Fragment;
use crate::policy::{self, PolicyChoice};

/// Hops rendered at first, and added per "Show more".
pub const HOPS_PER_PAGE: usize = 50;

/// Input above this size waits longer after each keystroke before it is analysed.
pub const LARGE_INPUT_BYTES: usize = 200 * 1024;

/// Input above this size makes the text box read-only until the person asks to edit it.
/// Browsers lay out a text box's whole content on each keystroke near its end: typing into
/// 1 MB takes seconds per key in Chromium and 5 MB takes most of a minute, which would freeze
/// the page. Reading the report needs no editing, and Clear is always available.
pub const READ_ONLY_INPUT_BYTES: usize = 512 * 1024;

/// Where the current text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Typed,
    Example(&'static str),
    File(String),
}

/// The shared-report view: a link being read, what it holds, or why it could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum Shared {
    /// The engine is reading the link's payload (`r2.…`).
    Opening(String),
    Report(Rc<Report<'static>>),
    /// A plain sentence for the person who opened the link.
    Damaged(String),
}

impl Shared {
    /// What a link's payload was read as (by the engine, with `share::decode`): its report, or
    /// the sentence saying what is wrong with the link.
    pub fn opened(decoded: Result<Box<Report<'static>>, String>) -> Self {
        match decoded {
            Ok(report) if report.looks_like_email => Shared::Report(Rc::new(*report)),
            Ok(_) => Shared::Damaged(
                "This link holds no report: the text it was made from did not look like email \
                 headers."
                    .to_owned(),
            ),
            Err(message) => Shared::Damaged(message),
        }
    }

    /// The payload being read, while it is.
    pub fn opening(&self) -> Option<&str> {
        match self {
            Shared::Opening(payload) => Some(payload),
            Shared::Report(_) | Shared::Damaged(_) => None,
        }
    }
}

/// How the route is shown: a card per hop, or one dense table row per hop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Cards,
    Table,
}

impl View {
    /// The name kept in session storage and used by the switch's `data-view` hooks.
    pub fn slug(self) -> &'static str {
        match self {
            View::Cards => "cards",
            View::Table => "table",
        }
    }

    /// The view a stored name stands for; anything else is the default.
    pub fn from_slug(slug: Option<&str>) -> View {
        match slug {
            Some("table") => View::Table,
            _ => View::Cards,
        }
    }
}

/// One message of an Outlook `.msg` file: the file's own, or one attached to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MsgMessage {
    /// The file's name for its own message; the attachment's name or subject for the others.
    pub label: String,
    /// 0 for the file's own message, 1 for one attached to it, …
    pub depth: u32,
    /// Its transport headers, as a person would paste them.
    pub headers: Option<String>,
    /// Why it has none, in plain English.
    pub reason: Option<String>,
}

/// An opened `.msg` file and which of its messages is in the text box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MsgFile {
    pub name: String,
    pub messages: Rc<[MsgMessage]>,
    /// The message whose headers are in the text box, if any.
    pub shown: Option<usize>,
}

/// A message about loading, shown under the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub input: AttrValue,
    /// Bumped whenever `input` changes.
    pub revision: u64,
    pub origin: Origin,
    /// The analysis of `report_revision`'s input, if any.
    pub report: Option<Rc<Report<'static>>>,
    pub report_revision: u64,
    pub hops_shown: usize,
    pub notice: Option<Notice>,
    /// Result of the last "Copy report": `Ok` when copied, `Err` with what went wrong.
    pub copied: Option<Result<(), String>>,
    /// A file is being dragged over the input.
    pub dragging: bool,
    /// The person chose to edit input larger than [`READ_ONLY_INPUT_BYTES`] anyway.
    pub editing_large: bool,
    /// The person's own text that an example, a file or Clear replaced, kept so that one
    /// click can bring it back.
    pub replaced: Option<AttrValue>,
    /// The last change was not typing (a paste or a drop changing a lot at once, or another
    /// message of the input chosen): analyse at once.
    pub pasted: bool,
    /// A report opened from a share link, shown instead of the input and the own report.
    pub shared: Option<Shared>,
    /// The share panel is open.
    pub sharing: bool,
    /// What the share link hides.
    pub redaction: Redaction,
    /// Result of the last copy from the share panel: what was copied ("Link copied."), or
    /// what went wrong.
    pub link_copied: Option<Result<&'static str, String>>,
    /// Cards or table; remembered for the session by the app.
    pub view: View,
    /// The revision whose report is brought into view when it is ready: set by a paste, an
    /// example or a file, dropped by typing and once done.
    pub reveal: Option<u64>,
    /// The example chosen (or named by the URL) whose text the engine is fetching; it replaces
    /// the input when it arrives, unless the person changed the text first.
    pub example: Option<&'static Example>,
    /// A file is being opened (read by the engine).
    pub opening: bool,
    /// Why the analysis of `report_revision` failed (the engine stopped on it).
    pub analysis_error: Option<String>,
    /// The Outlook `.msg` the text came from, while it holds other messages to switch to.
    pub msg: Option<MsgFile>,
    /// The share panel's link, for `share_for`; kept on screen while a newer one is made.
    pub share_link: Option<Rc<ShareLink>>,
    /// The report revision and redaction `share_link` (or `share_error`) is for.
    pub share_for: Option<(u64, Redaction)>,
    /// Why the link could not be made.
    pub share_error: Option<String>,
    /// Which message of the input to analyse when it holds others (a forward with the original
    /// attached): `None` lets the core choose (the first with a route), `Some(0)` the outer
    /// message. Kept while typing; a new text (paste, example, file, Clear) chooses afresh.
    pub part: Option<u32>,
    /// The policy the own report is checked against; remembered for the session by the app.
    /// A shared report keeps the result its sender saw.
    pub policy: PolicyChoice,
    /// What the person's lookup of the recipient's domain found, for a policy's recipient
    /// requirement (the lookup panel is the engine's: `static/engine.js`).
    pub recipient: Option<Rc<RecipientLookup>>,
}

/// An edit changing more than this many bytes at once is a paste, not a keystroke.
const PASTE_BYTES: usize = 64;

pub enum Action {
    /// The person typed (or changed the text in any way but a paste).
    Edit(String),
    /// The person pasted or dropped text into the box: an edit whose report is then shown.
    Paste(String),
    /// The person chose an example; its text is asked of the engine.
    Example(&'static Example),
    /// The text of the example asked for.
    ExampleText {
        id: &'static str,
        text: String,
    },
    /// The URL fragment came to name an example (Back, an edited address). Loaded only when
    /// it would not replace text the person typed or opened.
    LinkedExample(&'static Example),
    File {
        name: String,
        text: String,
        note: Option<String>,
    },
    LoadFailed(String),
    Analyzed {
        revision: u64,
        report: Rc<Report<'static>>,
    },
    /// The engine could not analyse this revision.
    AnalysisFailed {
        revision: u64,
        message: String,
    },
    /// A file is being read (bytes so far, of the whole, once known).
    Opening {
        name: String,
        progress: Option<(f64, f64)>,
    },
    /// An Outlook `.msg` was read: its messages, and the reader's notes.
    MsgOpened {
        name: String,
        messages: Vec<MsgMessage>,
        notes: Vec<String>,
    },
    /// Puts another message of the opened `.msg` into the text box.
    ShowMsgMessage(usize),
    /// A share link (or why there is none) for a report revision and a redaction.
    ShareLinkReady {
        revision: u64,
        redaction: Redaction,
        link: Result<Rc<ShareLink>, String>,
    },
    ShowMoreHops,
    Clear,
    /// Brings back the text an example, a file or Clear replaced.
    Restore,
    Dragging(bool),
    /// Makes large input editable despite the cost.
    EditLarge,
    Copied(Result<(), String>),
    /// The page was opened, or its fragment changed, to a share link (its payload, `r1.…`).
    OpenShared(String),
    /// The engine read a link's payload: its report, or what is wrong with it.
    SharedOpened {
        payload: String,
        decoded: Result<Box<Report<'static>>, String>,
    },
    /// Leaves the shared-report view for the person's own input.
    CloseShared,
    /// Opens or closes the share panel.
    ToggleShare,
    Redact(Redaction),
    /// A copy from the share panel: the link, or the redacted Markdown.
    LinkCopied(Result<&'static str, String>),
    /// Cards or table.
    SetView(View),
    /// The report asked for by `reveal` is in view.
    Revealed,
    /// Analyse another message of the input (0: the outer one; see `State::part`).
    ShowPart(u32),
    /// Check the own report against another policy (or none).
    SetPolicy(PolicyChoice),
    /// A lookup of the recipient's domain finished, or no longer applies (`None`).
    RecipientLookup(Option<Rc<RecipientLookup>>),
}

impl Default for State {
    fn default() -> Self {
        State {
            input: AttrValue::default(),
            revision: 0,
            origin: Origin::Typed,
            report: None,
            report_revision: 0,
            hops_shown: HOPS_PER_PAGE,
            notice: None,
            copied: None,
            dragging: false,
            editing_large: false,
            replaced: None,
            pasted: false,
            shared: None,
            sharing: false,
            redaction: Redaction::default(),
            link_copied: None,
            view: View::Cards,
            reveal: None,
            example: None,
            opening: false,
            analysis_error: None,
            msg: None,
            share_link: None,
            share_for: None,
            share_error: None,
            part: None,
            policy: PolicyChoice::None,
            recipient: None,
        }
    }
}

impl State {
    /// The starting state for the page's URL fragment: the example it names, the report a
    /// share link holds, or an empty page.
    pub fn starting_with(fragment: Fragment<'_>) -> Self {
        let state = State::default();
        match fragment {
            Fragment::Example(example) => State {
                example: Some(example),
                ..state
            },
            Fragment::Shared(payload) => State {
                shared: Some(Shared::Opening(payload.to_owned())),
                ..state
            },
            Fragment::Empty | Fragment::Other => state,
        }
    }

    /// The same state, showing the route as `view` (the view remembered for the session).
    pub fn in_view(self, view: View) -> Self {
        State { view, ..self }
    }

    /// The same state, checking reports against `policy` (the one remembered for the session).
    pub fn with_policy(self, policy: PolicyChoice) -> Self {
        State { policy, ..self }
    }

    /// The own report checked against the chosen policy, with the recipient lookup there is.
    #[inline(never)]
    fn recheck(self) -> Self {
        let report = self
            .report
            .clone()
            .map(|report| policy::apply(report, &self.policy, self.recipient.as_deref()));
        State { report, ..self }
    }

    /// True when the report of the current text is ready and was asked to be brought into
    /// view (after a paste, an example or a file).
    pub fn should_reveal(&self) -> bool {
        self.reveal == Some(self.revision) && !self.is_stale() && self.shared.is_none()
    }

    /// Whether the share panel's link is for the report and redaction now chosen.
    pub fn share_link_is_current(&self) -> bool {
        self.share_for == Some((self.report_revision, self.redaction))
    }

    pub fn has_input(&self) -> bool {
        !self.input.trim().is_empty()
    }

    /// True while the shown report is not yet the analysis of the current input.
    pub fn is_stale(&self) -> bool {
        self.has_input() && self.report_revision != self.revision
    }

    /// True while the report on screen is about to change: the input's analysis, an example's
    /// text or a file is on its way.
    pub fn is_busy(&self) -> bool {
        self.is_stale() || self.example.is_some() || self.opening
    }

    /// Whether the text box is read-only because the input is too large to edit smoothly.
    pub fn read_only(&self) -> bool {
        self.input.len() > READ_ONLY_INPUT_BYTES && !self.editing_large
    }

    /// How long to wait after the last change before analysing. Loaded text (an example, a
    /// file) is analysed at once; typing waits for a pause, longer for large input so that
    /// each keystroke in a big paste does not start a new analysis.
    pub fn analysis_delay_ms(&self) -> u32 {
        match (&self.origin, self.input.len() > LARGE_INPUT_BYTES) {
            (Origin::Example(_) | Origin::File(_), _) => 0,
            (Origin::Typed, _) if self.pasted => 0,
            (Origin::Typed, false) => 150,
            (Origin::Typed, true) => 600,
        }
    }

    /// Replaces the input on purpose (an example, a file, Clear), keeping the person's own
    /// text to restore. An unedited example is not worth keeping.
    fn load(self, text: String, origin: Origin) -> Self {
        let own_text = self.has_input() && !matches!(self.origin, Origin::Example(_));
        let replaced = if own_text {
            Some(self.input.clone())
        } else {
            self.replaced.clone()
        };
        State {
            hops_shown: HOPS_PER_PAGE,
            replaced,
            editing_large: false,
            msg: None,
            part: None,
            ..self.replace_input(text, origin)
        }
    }

    /// A `.msg` was read: its first message with a route goes into the text box (the file's
    /// own, or one attached to it, saying so); without any, the reason is said and the text box
    /// keeps what it had.
    fn open_msg(self, name: String, messages: Vec<MsgMessage>, notes: &[String]) -> Self {
        let messages: Rc<[MsgMessage]> = messages.into();
        let own_reason = messages
            .first()
            .and_then(|m| m.reason.clone())
            .unwrap_or_else(|| {
                "It has no transport headers, so there is no route to check.".into()
            });
        let Some(shown) = messages.iter().position(|m| m.headers.is_some()) else {
            let mut words = vec![format!("{name}: {own_reason}")];
            if messages.len() > 1 {
                words.push("The messages attached to it have no transport headers either.".into());
            }
            words.extend(notes.iter().cloned());
            return State {
                notice: Some(Notice::Info(words.join(" "))),
                dragging: false,
                ..self
            };
        };
        let text = messages[shown].headers.clone().unwrap_or_default();
        let loaded = self.load(text, Origin::File(name.clone()));
        let mut words = Vec::new();
        if shown > 0 {
            words.push(format!(
                "{name}: {own_reason} These are the headers of the message attached to it, “{}”.",
                messages[shown].label
            ));
        }
        words.extend(notes.iter().cloned());
        State {
            notice: (!words.is_empty()).then(|| Notice::Info(words.join(" "))),
            dragging: false,
            reveal: Some(loaded.revision),
            msg: (messages.len() > 1).then_some(MsgFile {
                name,
                messages,
                shown: Some(shown),
            }),
            ..loaded
        }
    }

    /// Puts another message of the opened `.msg` into the text box. Switching between the
    /// messages of one file keeps the text to restore as it was: the person's own text.
    fn show_msg_message(self, index: usize) -> Self {
        let Some(file) = self.msg.clone() else {
            return self;
        };
        let Some(message) = file.messages.get(index) else {
            return self;
        };
        let Some(headers) = message.headers.clone() else {
            let reason = message
                .reason
                .clone()
                .unwrap_or_else(|| "It has no transport headers.".into());
            return State {
                notice: Some(Notice::Info(format!("“{}”: {reason}", message.label))),
                ..self
            };
        };
        let notice = match index {
            0 => format!("The headers of {} itself.", file.name),
            _ => format!(
                "The headers of “{}”, attached to {}.",
                message.label, file.name
            ),
        };
        let origin = Origin::File(file.name.clone());
        let replaced = self.replace_input(headers, origin);
        State {
            notice: Some(Notice::Info(notice)),
            hops_shown: HOPS_PER_PAGE,
            editing_large: false,
            reveal: Some(replaced.revision),
            msg: Some(MsgFile {
                shown: Some(index),
                ..file
            }),
            ..replaced
        }
    }

    fn replace_input(self, text: String, origin: Origin) -> Self {
        let report = if text.trim().is_empty() {
            None
        } else {
            self.report
        };
        State {
            input: text.into(),
            revision: self.revision + 1,
            origin,
            report,
            copied: None,
            example: None,
            ..self
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let state = Rc::unwrap_or_clone(self);
        let next = match action {
            Action::Edit(text) => {
                let pasted = text.len().abs_diff(state.input.len()) > PASTE_BYTES;
                // "Edit anyway" was for the text it was pressed on, not for the next paste.
                let editing_large = state.editing_large && !pasted;
                State {
                    notice: None,
                    pasted,
                    editing_large,
                    reveal: None,
                    ..state.replace_input(text, Origin::Typed)
                }
            }
            Action::Paste(text) => {
                let edited = Rc::new(state).reduce(Action::Edit(text));
                let edited = Rc::unwrap_or_clone(edited);
                State {
                    reveal: edited.has_input().then_some(edited.revision),
                    part: None,
                    ..edited
                }
            }
            // Its text comes from the engine (`ExampleText`).
            Action::Example(example) => State {
                example: Some(example),
                notice: None,
                ..state
            },
            Action::ExampleText { id, text } if state.example.is_some_and(|e| e.id == id) => {
                let loaded = state.load(text, Origin::Example(id));
                State {
                    notice: None,
                    reveal: Some(loaded.revision),
                    ..loaded
                }
            }
            // Typing, a file or another example came first.
            Action::ExampleText { .. } => state,
            // A fragment naming an example also leaves a shared report.
            Action::LinkedExample(example) if state.shared.is_some() => {
                let own = State {
                    shared: None,
                    hops_shown: HOPS_PER_PAGE,
                    ..state
                };
                return Rc::new(own).reduce(Action::LinkedExample(example));
            }
            Action::LinkedExample(example)
                if state.has_input() && !matches!(state.origin, Origin::Example(_)) =>
            {
                let kept = format!(
                    "The link names the example “{}”; your text was kept. Choose the example \
                     above to replace it.",
                    example.label
                );
                State {
                    notice: Some(Notice::Info(kept)),
                    ..state
                }
            }
            Action::LinkedExample(example) => {
                return Rc::new(state).reduce(Action::Example(example))
            }
            Action::File { name, text, note } => {
                let loaded = state.load(text, Origin::File(name));
                State {
                    notice: note.map(Notice::Info),
                    dragging: false,
                    opening: false,
                    reveal: loaded.has_input().then_some(loaded.revision),
                    ..loaded
                }
            }
            Action::LoadFailed(message) => State {
                notice: Some(Notice::Error(message)),
                dragging: false,
                example: None,
                opening: false,
                ..state
            },
            Action::Opening { name, progress } => {
                let done = progress
                    .filter(|&(_, total)| total > 0.0)
                    // Whole percent, formatted as an integer: float formatting costs ~11 KB.
                    .map(|(read, total)| format!(" {} %", (100.0 * read / total) as u32))
                    .unwrap_or_default();
                State {
                    notice: Some(Notice::Info(format!("Opening {name}…{done}"))),
                    dragging: false,
                    opening: true,
                    ..state
                }
            }
            Action::MsgOpened {
                name,
                messages,
                notes,
            } => State {
                opening: false,
                ..state
            }
            .open_msg(name, messages, &notes),
            Action::ShowMsgMessage(index) => state.show_msg_message(index),
            Action::Analyzed { revision, report } if revision == state.revision => State {
                report: Some(report),
                report_revision: revision,
                analysis_error: None,
                link_copied: None,
                ..state
            }
            .recheck(),
            Action::AnalysisFailed { revision, message } if revision == state.revision => State {
                report: None,
                report_revision: revision,
                analysis_error: Some(message),
                ..state
            },
            // An analysis of text that has since changed.
            Action::Analyzed { .. } | Action::AnalysisFailed { .. } => state,
            Action::ShareLinkReady {
                revision,
                redaction,
                link,
            } if state.sharing
                && state.shared.is_none()
                && (revision, redaction) == (state.report_revision, state.redaction) =>
            {
                let (share_link, share_error) = match link {
                    Ok(link) => (Some(link), None),
                    Err(message) => (state.share_link.clone(), Some(message)),
                };
                State {
                    share_link,
                    share_error,
                    share_for: Some((revision, redaction)),
                    ..state
                }
            }
            // A link for a report or a choice that has since changed, or a closed panel.
            Action::ShareLinkReady { .. } => state,
            Action::ShowMoreHops => State {
                hops_shown: state.hops_shown + HOPS_PER_PAGE,
                ..state
            },
            Action::Clear => State {
                notice: None,
                reveal: None,
                ..state.load(String::new(), Origin::Typed)
            },
            // A swap: text typed since the replacement is itself kept, so nothing is lost.
            Action::Restore => match state.replaced.clone() {
                Some(text) => {
                    let own_text = state.has_input() && !matches!(state.origin, Origin::Example(_));
                    State {
                        notice: None,
                        replaced: own_text.then(|| state.input.clone()),
                        hops_shown: HOPS_PER_PAGE,
                        reveal: None,
                        part: None,
                        ..state.replace_input(text.to_string(), Origin::Typed)
                    }
                }
                None => state,
            },
            Action::Dragging(dragging) => State { dragging, ..state },
            Action::EditLarge => State {
                editing_large: true,
                ..state
            },
            Action::Copied(result) => State {
                copied: Some(result),
                ..state
            },
            Action::OpenShared(payload) => State {
                shared: Some(Shared::Opening(payload)),
                hops_shown: HOPS_PER_PAGE,
                copied: None,
                ..state
            },
            Action::SharedOpened { payload, decoded }
                if state.shared.as_ref().and_then(Shared::opening) == Some(payload.as_str()) =>
            {
                State {
                    shared: Some(Shared::opened(decoded)),
                    ..state
                }
            }
            // A link that was left (or replaced by another) before it was read.
            Action::SharedOpened { .. } => state,
            Action::CloseShared if state.shared.is_some() => State {
                shared: None,
                hops_shown: HOPS_PER_PAGE,
                copied: None,
                ..state
            },
            Action::CloseShared => state,
            Action::ToggleShare => State {
                sharing: !state.sharing,
                link_copied: None,
                share_link: None,
                share_for: None,
                share_error: None,
                ..state
            },
            Action::Redact(redaction) => State {
                redaction,
                link_copied: None,
                ..state
            },
            Action::LinkCopied(result) => State {
                link_copied: Some(result),
                ..state
            },
            Action::SetView(view) => State { view, ..state },
            Action::Revealed => State {
                reveal: None,
                ..state
            },
            // The same text, analysed again for another of its messages, at once (`pasted`:
            // not a keystroke). The report on screen stays until the new one is ready.
            Action::ShowPart(part) if state.has_input() && state.shared.is_none() => State {
                part: Some(part),
                revision: state.revision + 1,
                pasted: true,
                hops_shown: HOPS_PER_PAGE,
                ..state
            },
            Action::ShowPart(_) => state,
            Action::SetPolicy(choice) => State {
                policy: choice,
                link_copied: None,
                ..state
            }
            .recheck(),
            Action::RecipientLookup(recipient) => State { recipient, ..state }.recheck(),
        };
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::{self, EXAMPLES};
    use crate::fragment::route;
    use hopscope_core::share;

    fn reduce(state: State, action: Action) -> State {
        Rc::unwrap_or_clone(Rc::new(state).reduce(action))
    }

    /// The engine's answer to a pending example (the app asks for its text).
    fn answered(state: State) -> State {
        match state.example {
            Some(example) => {
                let text = examples::text(example).to_owned();
                let id = example.id;
                reduce(state, Action::ExampleText { id, text })
            }
            None => state,
        }
    }

    fn report() -> Rc<Report<'static>> {
        Rc::new(hopscope_core::analyze(""))
    }

    #[test]
    fn editing_bumps_the_revision_and_keeps_the_old_report_until_analysed() {
        let state = reduce(State::default(), Action::Edit("Received: a".into()));
        assert_eq!((state.revision, state.input.as_str()), (1, "Received: a"));
        let state = reduce(
            state,
            Action::Analyzed {
                revision: 1,
                report: report(),
            },
        );
        assert!(!state.is_stale());
        let state = reduce(state, Action::Edit("Received: ab".into()));
        assert!(state.is_stale());
        assert!(
            state.report.is_some(),
            "the previous report stays on screen while typing"
        );
    }

    #[test]
    fn a_stale_analysis_is_dropped() {
        let state = reduce(State::default(), Action::Edit("a".into()));
        let state = reduce(state, Action::Edit("ab".into()));
        let state = reduce(
            state,
            Action::Analyzed {
                revision: 1,
                report: report(),
            },
        );
        assert_eq!(state.report, None);
        assert!(state.is_stale());
    }

    #[test]
    fn emptying_the_input_drops_the_report() {
        let state = reduce(State::default(), Action::Edit("a".into()));
        let state = reduce(
            state,
            Action::Analyzed {
                revision: 1,
                report: report(),
            },
        );
        let state = reduce(state, Action::Edit("  \n".into()));
        assert_eq!(state.report, None);
        assert!(!state.is_stale());
    }

    #[test]
    fn failures_never_touch_the_input() {
        let state = reduce(State::default(), Action::Edit("typed by hand".into()));
        let state = reduce(state, Action::LoadFailed("x.msg is not a text file".into()));
        let state = reduce(state, Action::Copied(Err("not allowed".into())));
        assert_eq!(state.input.as_str(), "typed by hand");
        assert_eq!(state.revision, 1);
        assert_eq!(
            state.notice,
            Some(Notice::Error("x.msg is not a text file".into()))
        );
    }

    #[test]
    fn clear_empties_everything_but_counts_as_a_change() {
        let state = answered(reduce(State::default(), Action::Example(&EXAMPLES[0])));
        let state = reduce(state, Action::ShowMoreHops);
        let state = reduce(state, Action::Clear);
        assert_eq!(state.input.as_str(), "");
        assert_eq!(state.revision, 2);
        assert_eq!(
            (state.origin, state.hops_shown, state.report),
            (Origin::Typed, HOPS_PER_PAGE, None)
        );
    }

    #[test]
    fn loaded_text_is_analysed_at_once_and_typing_waits() {
        let example = answered(reduce(State::default(), Action::Example(&EXAMPLES[0])));
        assert_eq!(example.origin, Origin::Example(EXAMPLES[0].id));
        assert_eq!(example.analysis_delay_ms(), 0);
        let one_more_key = format!("{}x", example.input);
        let typed = reduce(example, Action::Edit(one_more_key));
        assert_eq!(typed.analysis_delay_ms(), 150);
        let pasted = reduce(typed, Action::Edit("x".repeat(LARGE_INPUT_BYTES + 1)));
        assert_eq!(pasted.analysis_delay_ms(), 0, "a paste is analysed at once");
        let large = reduce(pasted, Action::Edit("x".repeat(LARGE_INPUT_BYTES + 2)));
        assert_eq!(
            large.analysis_delay_ms(),
            600,
            "typing in large text waits for a pause"
        );
    }

    #[test]
    fn files_carry_their_note_and_end_dragging() {
        let state = reduce(State::default(), Action::Dragging(true));
        let file = Action::File {
            name: "a.eml".into(),
            text: "x".into(),
            note: Some("n".into()),
        };
        let state = reduce(state, file);
        assert_eq!(state.origin, Origin::File("a.eml".into()));
        assert_eq!(state.notice, Some(Notice::Info("n".into())));
        assert!(!state.dragging);
    }

    #[test]
    fn an_example_that_arrives_after_typing_is_dropped() {
        let chosen = reduce(State::default(), Action::Example(&EXAMPLES[0]));
        assert_eq!((chosen.input.as_str(), chosen.revision), ("", 0), "not yet");
        let typed = reduce(chosen, Action::Edit("mine".into()));
        assert_eq!(typed.example, None);
        let late = Action::ExampleText {
            id: EXAMPLES[0].id,
            text: examples::text(&EXAMPLES[0]).into(),
        };
        assert_eq!(reduce(typed.clone(), late).input.as_str(), "mine");
        let chosen = reduce(typed, Action::Example(&EXAMPLES[1]));
        let failed = reduce(chosen, Action::LoadFailed("no engine".into()));
        assert_eq!((failed.example, failed.input.as_str()), (None, "mine"));
        assert_eq!(failed.notice, Some(Notice::Error("no engine".into())));
    }

    #[test]
    fn a_linked_example_never_replaces_typed_text() {
        let typed = reduce(State::default(), Action::Edit("mine".into()));
        let state = answered(reduce(typed, Action::LinkedExample(&EXAMPLES[1])));
        assert_eq!((state.input.as_str(), state.revision), ("mine", 1));
        assert!(matches!(state.notice, Some(Notice::Info(_))));

        let example = answered(reduce(State::default(), Action::Example(&EXAMPLES[0])));
        let state = answered(reduce(example, Action::LinkedExample(&EXAMPLES[1])));
        assert_eq!(state.origin, Origin::Example(EXAMPLES[1].id));
        let state = answered(reduce(
            State::default(),
            Action::LinkedExample(&EXAMPLES[1]),
        ));
        assert_eq!(state.input.as_str(), examples::text(&EXAMPLES[1]));
    }

    #[test]
    fn replaced_text_can_be_restored() {
        let state = reduce(State::default(), Action::Edit("my headers".into()));
        let state = answered(reduce(state, Action::Example(&EXAMPLES[0])));
        let state = answered(reduce(state, Action::Example(&EXAMPLES[1])));
        assert_eq!(
            state.replaced.as_deref(),
            Some("my headers"),
            "an example is not kept"
        );
        let state = reduce(state, Action::Clear);
        assert_eq!(state.replaced.as_deref(), Some("my headers"));
        let state = reduce(state, Action::Restore);
        assert_eq!(
            (state.input.as_str(), &state.origin),
            ("my headers", &Origin::Typed)
        );
        assert_eq!(state.replaced, None);
        let state = reduce(state, Action::Clear);
        assert_eq!(state.replaced.as_deref(), Some("my headers"));
        let state = reduce(state, Action::Edit("newer".into()));
        let state = reduce(state, Action::Restore);
        assert_eq!(state.input.as_str(), "my headers");
        assert_eq!(state.replaced.as_deref(), Some("newer"), "restoring swaps");
        let again = reduce(State::default(), Action::Restore);
        assert_eq!(again, State::default());
    }

    #[test]
    fn very_large_input_is_read_only_until_asked() {
        let big = "x".repeat(READ_ONLY_INPUT_BYTES + 1);
        let state = reduce(State::default(), Action::Edit(big.clone()));
        assert!(state.read_only());
        let state = reduce(state, Action::EditLarge);
        assert!(!state.read_only());
        let state = reduce(state, Action::Edit(big.clone() + "y"));
        assert!(!state.read_only(), "editing stays allowed while typing");
        let file = Action::File {
            name: "big.eml".into(),
            text: big,
            note: None,
        };
        assert!(reduce(state, file).read_only(), "a new load asks again");
        assert!(!reduce(State::default(), Action::Edit("small".into())).read_only());
    }

    #[test]
    fn a_paste_an_example_or_a_file_asks_for_the_report_and_typing_does_not() {
        let pasted = reduce(State::default(), Action::Paste("Received: a".into()));
        assert_eq!(pasted.reveal, Some(1));
        assert!(!pasted.should_reveal(), "not before the report is ready");
        let ready = reduce(
            pasted,
            Action::Analyzed {
                revision: 1,
                report: report(),
            },
        );
        assert!(ready.should_reveal());
        assert!(!reduce(ready.clone(), Action::Revealed).should_reveal());

        let typed = reduce(ready, Action::Edit("Received: ab".into()));
        assert_eq!(typed.reveal, None, "typing never moves the focus");
        let typed = reduce(
            typed,
            Action::Analyzed {
                revision: 2,
                report: report(),
            },
        );
        assert!(!typed.should_reveal());

        let example = answered(reduce(typed, Action::Example(&EXAMPLES[0])));
        assert_eq!(example.reveal, Some(example.revision));
        let file = Action::File {
            name: "a.eml".into(),
            text: "Received: x".into(),
            note: None,
        };
        let file = reduce(example, file);
        assert_eq!(file.reveal, Some(file.revision));
        let cleared = reduce(file, Action::Clear);
        assert_eq!(cleared.reveal, None);
        assert_eq!(
            reduce(State::default(), Action::Paste("  ".into())).reveal,
            None,
            "nothing to show"
        );
    }

    #[test]
    fn the_view_is_a_choice_kept_across_inputs() {
        let state = State::default().in_view(View::from_slug(Some("table")));
        assert_eq!(state.view, View::Table);
        let state = answered(reduce(state, Action::Example(&EXAMPLES[0])));
        assert_eq!(state.view, View::Table);
        let state = reduce(state, Action::SetView(View::Cards));
        assert_eq!(state.view.slug(), "cards");
        assert_eq!(View::from_slug(Some("nonsense")), View::Cards);
        assert_eq!(View::from_slug(None), View::Cards);
    }

    #[test]
    fn another_message_of_the_input_is_analysed_at_once_and_a_new_text_chooses_afresh() {
        let state = reduce(State::default(), Action::Edit("Received: a".into()));
        let state = reduce(
            state,
            Action::Analyzed {
                revision: 1,
                report: report(),
            },
        );
        let state = reduce(state, Action::ShowPart(0));
        assert_eq!((state.part, state.revision), (Some(0), 2));
        assert!(
            state.is_stale() && state.report.is_some(),
            "the report stays until the new one"
        );
        assert_eq!(state.analysis_delay_ms(), 0);
        assert_eq!(state.reveal, None, "the focus stays on the switch");
        let typed = reduce(state.clone(), Action::Edit("Received: ab".into()));
        assert_eq!(typed.part, Some(0), "kept while typing");
        for fresh in [Action::Paste("Received: x".repeat(10)), Action::Clear] {
            assert_eq!(reduce(state.clone(), fresh).part, None);
        }
        let example = reduce(state.clone(), Action::Example(&EXAMPLES[0]));
        let example = reduce(
            example,
            Action::ExampleText {
                id: EXAMPLES[0].id,
                text: "Received: an example".into(),
            },
        );
        assert_eq!(example.part, None, "an example chooses afresh");
        let empty = reduce(State::default(), Action::ShowPart(1));
        assert_eq!(empty, State::default(), "nothing to analyse");
    }

    #[test]
    fn the_policy_result_is_in_the_report_and_follows_the_choice() {
        let state = reduce(State::default(), Action::SetPolicy(PolicyChoice::Modern));
        let state = reduce(state, Action::Edit(CHAIN.into()));
        let state = reduce(
            state,
            Action::Analyzed {
                revision: 1,
                report: Rc::new(hopscope_core::analyze(CHAIN)),
            },
        );
        let name = |s: &State| {
            s.report
                .as_ref()
                .and_then(|r| r.policy.as_ref())
                .map(|p| p.policy.name.clone())
        };
        assert_eq!(name(&state).as_deref(), Some("modern"));
        let state = reduce(state, Action::SetPolicy(PolicyChoice::Encrypted));
        assert_eq!(name(&state).as_deref(), Some("encrypted"));
        assert!(!state.is_stale(), "no new analysis");
        let state = reduce(state, Action::SetPolicy(PolicyChoice::None));
        assert_eq!(name(&state), None);
        let shared = open_link(
            State::default(),
            &share::encode(&hopscope_core::analyze(CHAIN), Redaction::default()),
        );
        let shared = reduce(shared, Action::SetPolicy(PolicyChoice::Modern));
        assert_eq!(
            shared_report(&shared).policy,
            None,
            "a shared report is never checked again"
        );
    }

    #[test]
    fn a_recipient_lookup_feeds_the_policy_and_never_a_verdict() {
        use hopscope_core::policy::{Looked, Outcome};
        let state = reduce(
            State::default(),
            Action::SetPolicy(PolicyChoice::from_stored(Some("custom:-:ie:r"))),
        );
        let state = reduce(state, Action::Edit(CHAIN.into()));
        let report = Rc::new(hopscope_core::analyze(CHAIN));
        let state = reduce(
            state,
            Action::Analyzed {
                revision: 1,
                report: Rc::clone(&report),
            },
        );
        let outcome = |s: &State| {
            s.report
                .as_ref()
                .and_then(|r| r.policy.as_ref())
                .map(|p| p.outcome)
        };
        assert_eq!(outcome(&state), Some(Outcome::CannotTell), "no lookup yet");
        let looked_up = RecipientLookup {
            domain: "example.net".into(),
            mta_sts_enforce: Looked::No,
            dane: Looked::No,
        };
        let state = reduce(state, Action::RecipientLookup(Some(Rc::new(looked_up))));
        assert_eq!(outcome(&state), Some(Outcome::Fail));
        let verdicts = |r: &Report| r.hops.iter().map(|h| h.verdict).collect::<Vec<_>>();
        assert_eq!(verdicts(state.report.as_ref().unwrap()), verdicts(&report));
        // The lookup stays for the next analysis of the same text, until the page says otherwise.
        let state = reduce(state, Action::Edit(format!("{CHAIN}X-Other: 1\n")));
        let state = reduce(
            state,
            Action::Analyzed {
                revision: 2,
                report: Rc::clone(&report),
            },
        );
        assert_eq!(outcome(&state), Some(Outcome::Fail));
        let state = reduce(state, Action::RecipientLookup(None));
        assert_eq!(outcome(&state), Some(Outcome::CannotTell));
    }

    #[test]
    fn show_more_adds_a_page() {
        let state = reduce(State::default(), Action::ShowMoreHops);
        assert_eq!(state.hops_shown, 2 * HOPS_PER_PAGE);
    }

    #[test]
    fn a_shared_link_starts_with_its_example() {
        let state = State::starting_with(route("#example=local-only"));
        assert_eq!(state.example.map(|e| e.id), Some("local-only"));
        let state = answered(state);
        assert_eq!(state.origin, Origin::Example("local-only"));
        assert!(state.is_stale() && state.has_input());
        assert_eq!(State::starting_with(route("")), State::default());
        assert_eq!(State::starting_with(route("#hop-2")), State::default());
    }

    const CHAIN: &str = "Received: from a.example.org (a.example.org [203.0.113.5])\r\n\
        \tby mx.example.net with ESMTPS id 1A2B for <bob@example.net>;\r\n\
        \tSun, 22 Nov 2026 05:20:40 +0000\r\n";

    /// Opens a link as the page does: the fragment, then the engine's reading of it
    /// (`hopscope_engine::open_link`, which is `share::decode`).
    fn open_link(state: State, payload: &str) -> State {
        let opening = reduce(state, Action::OpenShared(payload.into()));
        read_link(opening)
    }

    fn read_link(state: State) -> State {
        let payload = state
            .shared
            .as_ref()
            .and_then(Shared::opening)
            .unwrap()
            .to_owned();
        let decoded = share::decode(&payload)
            .map(Box::new)
            .map_err(|e| e.to_string());
        reduce(state, Action::SharedOpened { payload, decoded })
    }

    fn shared_report(state: &State) -> &Report<'static> {
        match &state.shared {
            Some(Shared::Report(report)) => report,
            other => panic!("expected a shared report, got {other:?}"),
        }
    }

    #[test]
    fn a_share_link_opens_the_shared_report_at_start() {
        let report = hopscope_core::analyze(CHAIN);
        let payload = share::encode(&report, Redaction::default());
        let state = State::starting_with(route(&format!("#{payload}")));
        assert_eq!(state.shared, Some(Shared::Opening(payload.clone())));
        let state = read_link(state);
        assert_eq!(
            shared_report(&state),
            &share::prepare(&report, Redaction::default())
        );
        assert_eq!((state.input.as_str(), state.revision), ("", 0));
        assert!(
            !state.has_input(),
            "nothing is analysed for a shared report"
        );
    }

    #[test]
    fn a_damaged_link_says_what_is_wrong() {
        for payload in [
            "r9.xxx",
            "r1.!!!",
            "r1.<script>alert(1)</script>",
            "r1.",
            "r1.AAAA",
        ] {
            let state = open_link(State::default(), payload);
            let Some(Shared::Damaged(message)) = &state.shared else {
                panic!("{payload}: {:?}", state.shared)
            };
            assert!(message.starts_with("This link"), "{payload}: {message}");
        }
        let newer = read_link(State::starting_with(route("#r9.xxx")));
        assert!(matches!(&newer.shared, Some(Shared::Damaged(m)) if m.contains("newer version")));
        let empty = Shared::opened(Ok(Box::new(hopscope_core::analyze("hello"))));
        assert!(matches!(empty, Shared::Damaged(m) if m.starts_with("This link holds no report")));
    }

    #[test]
    fn a_link_read_after_it_was_left_is_dropped() {
        let payload = share::encode(&hopscope_core::analyze(CHAIN), Redaction::default());
        let opening = reduce(State::default(), Action::OpenShared(payload.clone()));
        let left = reduce(opening, Action::CloseShared);
        let decoded = share::decode(&payload)
            .map(Box::new)
            .map_err(|e| e.to_string());
        let late = reduce(left.clone(), Action::SharedOpened { payload, decoded });
        assert_eq!(late, left);
        let other = reduce(State::default(), Action::OpenShared("r9.x".into()));
        let decoded = Err("This link is damaged.".to_owned());
        let mixed = Action::SharedOpened {
            payload: "r1.y".into(),
            decoded,
        };
        assert_eq!(
            reduce(other.clone(), mixed),
            other,
            "the answer for another link"
        );
    }

    #[test]
    fn opening_a_shared_report_keeps_typed_text_and_closing_brings_it_back() {
        let typed = reduce(State::default(), Action::Edit("my own headers".into()));
        let typed = reduce(
            typed,
            Action::Analyzed {
                revision: 1,
                report: report(),
            },
        );
        let payload = share::encode(&hopscope_core::analyze(CHAIN), Redaction::default());
        let shared = open_link(typed.clone(), &payload);
        assert_eq!(shared_report(&shared).hops.len(), 1);
        assert_eq!(
            (shared.input.as_str(), shared.revision, &shared.report),
            ("my own headers", 1, &typed.report),
            "the own input and report stay in state"
        );
        let back = reduce(shared, Action::CloseShared);
        assert_eq!(back, typed);
        assert_eq!(reduce(back.clone(), Action::CloseShared), back);
    }

    #[test]
    fn an_example_link_leaves_the_shared_view_without_replacing_typed_text() {
        let typed = reduce(State::default(), Action::Edit("mine".into()));
        let shared = reduce(typed, Action::OpenShared("r9.x".into()));
        let state = answered(reduce(shared, Action::LinkedExample(&EXAMPLES[0])));
        assert_eq!(state.shared, None);
        assert_eq!(state.input.as_str(), "mine");
        assert!(matches!(state.notice, Some(Notice::Info(_))));

        let shared = reduce(State::default(), Action::OpenShared("r9.x".into()));
        let state = answered(reduce(shared, Action::LinkedExample(&EXAMPLES[0])));
        assert_eq!(
            (state.shared, state.origin),
            (None, Origin::Example(EXAMPLES[0].id))
        );
    }

    #[test]
    fn the_share_panel_keeps_its_choices_and_forgets_a_stale_copy() {
        let state = reduce(State::default(), Action::ToggleShare);
        assert!(state.sharing);
        assert_eq!(
            state.redaction,
            Redaction::default(),
            "emails only at first"
        );
        let state = reduce(state, Action::LinkCopied(Ok("Link copied.")));
        assert_eq!(state.link_copied, Some(Ok("Link copied.")));
        let everything = Redaction::ALL;
        let state = reduce(state, Action::Redact(everything));
        assert_eq!(
            (state.redaction, &state.link_copied),
            (everything, &None),
            "a new link is not the copied one"
        );
        let state = reduce(state, Action::LinkCopied(Ok("Link copied.")));
        let state = reduce(state, Action::Edit("x".into()));
        let state = reduce(
            state,
            Action::Analyzed {
                revision: 1,
                report: report(),
            },
        );
        assert_eq!(state.link_copied, None, "a new report makes a new link");
        let state = reduce(state, Action::ToggleShare);
        assert!(!state.sharing);
        assert_eq!(state.redaction, everything);
    }
}
