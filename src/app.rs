//! The root component: owns the state, runs every side effect (analysis after a debounce, the
//! URL fragment, file reading, clipboard, downloads, print, focus, the remembered view) and lays
//! out the page.
//!
//! The page has two views. The own view: the input, and the report of what was typed or
//! opened. The shared view, when the URL fragment is a share link (`#r2.…`): a banner saying
//! where the report came from, then the link's report with the same components, and no input;
//! the person's own text waits in the state until they go back to it.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use hopscope_core::Report;

use crate::browser::engine::{self, FileReply, Opened};
use crate::browser::{self, PickedFile};
use crate::components::{
    auth_panel::AuthPanel,
    explainer::Explainer,
    input_panel::InputPanel,
    msg_messages::MsgMessages,
    parts::PartSwitch,
    policy_panel::PolicyPanel,
    report_actions::ReportActions,
    route::Route,
    share_panel::{ShareLink, SharePanel},
    shared_banner::SharedBanner,
    summary_banner::SummaryBanner,
    warnings::Warnings,
    ReportRef,
};
use crate::examples::{self, Example};
use crate::fragment::{self, Fragment};
use crate::policy::PolicyChoice;
use crate::state::{Action, Origin, Shared, State, View};

/// Where the chosen report view is remembered (session storage: this tab only).
const VIEW_KEY: &str = "hopscope-view";
/// Where the chosen policy is remembered, the same way (`PolicyChoice::stored`).
const POLICY_KEY: &str = "hopscope-policy";

/// A callback that turns its value into an action for the state.
fn dispatch<T: 'static>(
    state: &UseReducerHandle<State>,
    action: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |value| dispatcher.dispatch(action(value)))
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let view = View::from_slug(browser::session_get(VIEW_KEY).as_deref());
        let policy = PolicyChoice::from_stored(browser::session_get(POLICY_KEY).as_deref());
        State::starting_with(fragment::route(&browser::location_hash()))
            .in_view(view)
            .with_policy(policy)
    });

    // Analysis runs after the input has been still for a moment. A newer keystroke drops the
    // pending timer (the effect's cleanup), so only the last text of a burst is analysed.
    {
        let dispatcher = state.dispatcher();
        let (input, delay, has_input, part) = (
            state.input.clone(),
            state.analysis_delay_ms(),
            state.has_input(),
            state.part,
        );
        use_effect_with(state.revision, move |&revision| {
            let running = Rc::new(std::cell::Cell::new(None));
            let timer = has_input.then(|| {
                let running = Rc::clone(&running);
                Timeout::new(delay, move || {
                    // The message the person chose when the input holds several (a forward), else
                    // the core's choice.
                    running.set(Some(analyze_in_engine(input, part, revision, dispatcher)));
                })
            });
            // Text that changed (or was cleared) needs no report of what it was: the engine
            // stops working on it at once.
            move || {
                drop(timer);
                if let Some(request) = running.get() {
                    engine::cancel(request);
                }
            }
        });
    }

    // An example's text comes from the engine (it analyses the example anyway), so the first
    // load does not carry it.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.example.map(|e| e.id), move |&id| {
            if let Some(id) = id {
                let done = Callback::from(move |text: Result<String, String>| {
                    dispatcher.dispatch(match text {
                        Ok(text) => Action::ExampleText { id, text },
                        Err(message) => Action::LoadFailed(message),
                    });
                });
                engine::example_text(id, done);
            }
        });
    }

    // A share link is read by the engine (inflating and checking it is not in the first load).
    {
        let dispatcher = state.dispatcher();
        let opening = state
            .shared
            .as_ref()
            .and_then(Shared::opening)
            .map(str::to_owned);
        use_effect_with(opening, move |opening| {
            if let Some(payload) = opening {
                let answered = payload.clone();
                let done = Callback::from(move |decoded: Result<Report<'static>, String>| {
                    let payload = answered.clone();
                    let decoded = decoded.map(Box::new);
                    dispatcher.dispatch(Action::SharedOpened { payload, decoded });
                });
                engine::open_link(payload, done);
            }
        });
    }

    // The share panel's link is made by the engine, again whenever the report or the choices
    // change while the panel is open; the last link stays on screen until the new one is in.
    {
        let dispatcher = state.dispatcher();
        let own = state
            .report
            .clone()
            .filter(|report| state.has_input() && report.looks_like_email && !state.is_stale());
        let sharing = state.sharing && state.shared.is_none() && own.is_some();
        let key = (sharing, state.report_revision, state.redaction);
        use_effect_with(key, move |&(sharing, revision, redaction)| {
            if let Some(report) = own.filter(|_| sharing) {
                let base = browser::page_base();
                let done =
                    Callback::from(move |made: Result<(String, Report<'static>), String>| {
                        let link = made.map(|(payload, shared)| {
                            Rc::new(ShareLink::new(&payload, shared, &base))
                        });
                        dispatcher.dispatch(Action::ShareLinkReady {
                            revision,
                            redaction,
                            link,
                        });
                    });
                engine::share_link(&report, redaction, done);
            }
        });
    }

    // After a paste, an example or a file, the verdict must be what the person sees: the
    // summary is brought into view and focused once its report is on screen.
    //
    // Chosen over collapsing the input into an "Edit headers" strip: nothing the person typed
    // moves or disappears (they scroll up to edit, as before), a screen reader lands on the
    // verdict, it works the same on a phone and a desktop, and it never unmounts a text box
    // holding megabytes (laying that out again costs Chromium about a second per 5 MB). Typing
    // never triggers it (`State::reveal`), so the focus never moves under the person's hands.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.should_reveal(), move |&reveal| {
            if reveal {
                browser::reveal_summary();
                dispatcher.dispatch(Action::Revealed);
            }
        });
    }

    // The chosen view and policy are remembered for this tab (and nothing else).
    use_effect_with(state.view, |view| {
        browser::session_set(VIEW_KEY, view.slug())
    });
    // No policy is not stored: without a choice, the tab keeps only the view.
    use_effect_with(state.policy.clone(), |policy| match policy {
        PolicyChoice::None => browser::session_remove(POLICY_KEY),
        chosen => browser::session_set(POLICY_KEY, &chosen.stored()),
    });

    // The fragment names the example on screen, so a link can show someone the same example.
    // Typed or opened text never goes into the URL. A share link stays in the address bar while
    // its report is shown (a reload shows it again), and is removed on leaving it.
    use_effect_with(
        (state.origin.clone(), state.shared.is_some()),
        |(origin, shared)| {
            let fragment = match origin {
                _ if *shared => return,
                Origin::Example(id) => examples::find(id).map(examples::fragment),
                Origin::Typed | Origin::File(_) => None,
            };
            browser::replace_hash(fragment.as_deref());
        },
    );

    // A fragment typed into the address bar (or reached with Back) loads its example or opens
    // its shared report; going back to no fragment leaves a shared report.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let watch = browser::watch_hash(Callback::from(move |hash: String| {
                let action = match fragment::route(&hash) {
                    Fragment::Shared(payload) => Action::OpenShared(payload.to_owned()),
                    Fragment::Example(example) => Action::LinkedExample(example),
                    Fragment::Empty => Action::CloseShared,
                    Fragment::Other => return,
                };
                dispatcher.dispatch(action);
            }));
            move || drop(watch)
        });
    }

    // When a view or the share panel goes away, the keyboard focus goes where the person was
    // heading instead of falling back to the top of the page: into their own text after a
    // shared report, back to the Share button after the panel. When the panel opens, the focus
    // moves into it, to its first choice.
    {
        let was = use_mut_ref(|| (false, false));
        let now = (
            state.shared.is_some(),
            state.sharing && state.shared.is_none(),
        );
        use_effect_with(now, move |&(shared, sharing)| {
            let (was_shared, was_sharing) = was.replace((shared, sharing));
            if was_shared && !shared {
                browser::focus("headers");
            } else if was_sharing && !sharing {
                browser::focus("share-button");
            } else if !was_sharing && sharing {
                browser::focus_first("#share-panel input, #share-panel button");
            }
        });
    }

    // The lookup panel (the engine's) says what the recipient's domain publishes; only a
    // policy's recipient requirement reads it.
    {
        let on_recipient = dispatch(&state, Action::RecipientLookup);
        use_effect_with((), move |_| engine::watch_recipient(on_recipient));
    }

    use_effect_with((), |_| {
        let expander = browser::expand_details_when_printing();
        move || drop(expander)
    });

    let selected_example = match (state.example, &state.origin) {
        (Some(example), _) => Some(example.id),
        (None, Origin::Example(id)) => Some(*id),
        _ => None,
    };
    // The report below the summary: the shared one in the shared view; otherwise the own one,
    // only for input that is still there.
    let report = match &state.shared {
        Some(Shared::Report(report)) => Some(Rc::clone(report)),
        Some(Shared::Damaged(_) | Shared::Opening(_)) => None,
        None => state
            .report
            .clone()
            .filter(|report| state.has_input() && report.looks_like_email),
    };

    let own_report = state.shared.is_none() && report.is_some();

    // The share panel's link, while it is open (the engine makes it; see above).
    let sharing = state.sharing && state.shared.is_none();
    let share_link = state.share_link.clone().filter(|_| sharing);

    // Markdown is made by the engine, so a copy happens a moment after the click. Browsers
    // that only allow copying during the click itself (Safari) refuse that first copy; the
    // text is kept, so the second click (the message says "try again") copies at once.
    let markdown_made = use_mut_ref(|| None::<(Rc<Report<'static>>, Rc<str>)>);
    let on_copy = {
        let (done, report) = (dispatch(&state, Action::Copied), report.clone());
        let made = markdown_made.clone();
        Callback::from(move |()| {
            if let Some(report) = &report {
                copy_markdown(report, &made, "the report", done.clone());
            }
        })
    };
    let on_download_json = {
        let report = report.clone();
        Callback::from(move |()| download_json(report.as_deref(), "hopscope-report.json"))
    };
    let on_download_svg = {
        let (report, failed) = (report.clone(), dispatch(&state, Action::Copied));
        Callback::from(move |()| download_svg(report.as_deref(), "hopscope-route.svg", &failed))
    };
    // Copies made in the share panel are of the link's (redacted) report.
    let shared_copy = share_link.clone();
    let on_copy_link = {
        let (done, link) = (dispatch(&state, Action::LinkCopied), shared_copy.clone());
        Callback::from(move |()| {
            if let Some(link) = &link {
                let done =
                    done.reform(|result: Result<(), String>| result.map(|()| "Link copied."));
                browser::copy_text(link.url.to_string(), "the link", done);
            }
        })
    };
    let on_copy_shared_markdown = {
        let (done, link) = (dispatch(&state, Action::LinkCopied), shared_copy.clone());
        let made = markdown_made.clone();
        Callback::from(move |()| {
            if let Some(link) = &link {
                let done =
                    done.reform(|result: Result<(), String>| result.map(|()| "Markdown copied."));
                copy_markdown(&link.shared, &made, "the report", done);
            }
        })
    };
    let on_download_shared = {
        let link = shared_copy.clone();
        Callback::from(move |()| {
            let shared = link.as_ref().map(|link| &*link.shared);
            download_json(shared, "hopscope-shared-report.json");
        })
    };
    let on_download_shared_svg = {
        let (link, failed) = (shared_copy, dispatch(&state, Action::LinkCopied));
        Callback::from(move |()| {
            let shared = link.as_ref().map(|link| &*link.shared);
            let failed = failed.reform(|result: Result<(), String>| result.map(|()| ""));
            download_svg(shared, "hopscope-shared-route.svg", &failed);
        })
    };
    let on_share = dispatch(&state, |()| Action::ToggleShare);

    // The skip link goes to the summary by script, like the hop links: following `#summary`
    // would replace a share link in the address bar.
    let on_skip = Callback::from(|event: MouseEvent| {
        if browser::go_to("summary") {
            event.prevent_default();
        }
    });

    html! {
        <>
            <a class="skip-link" href="#summary" onclick={on_skip}>{ "Skip to the report" }</a>
            <header class="site-header">
                <div class="wrap">
                    <h1>{ "Hopscope" }</h1>
                    <p class="tagline">{ "Was this email encrypted on every hop? Paste its headers to see." }</p>
                </div>
            </header>
            <main id="main" class="wrap">
                if let Some(Shared::Opening(_)) = &state.shared {
                    <section id="shared-opening" class="panel shared-banner" role="status">
                        <p class="shared-lead">{ "Opening the shared report…" }</p>
                    </section>
                } else if let Some(shared) = &state.shared {
                    <SharedBanner on_leave={dispatch(&state, |()| Action::CloseShared)}
                        redaction={report.as_ref().and_then(|report| report.redaction)}
                        error={match shared { Shared::Damaged(message) => Some(AttrValue::from(message.clone())), _ => None }} />
                } else {
                    <InputPanel input={state.input.clone()} {selected_example} notice={state.notice.clone()}
                        dragging={state.dragging}
                        on_edit={dispatch(&state, Action::Edit)}
                        on_paste={dispatch(&state, Action::Paste)}
                        on_file={Callback::from({ let dispatcher = state.dispatcher(); move |file: PickedFile| open_file(file, dispatcher.clone()) })}
                        on_example={dispatch(&state, |example: &'static Example| Action::Example(example))}
                        on_clear={dispatch(&state, |()| Action::Clear)}
                        on_dragging={dispatch(&state, Action::Dragging)}
                        on_restore={state.replaced.is_some().then(|| dispatch(&state, |()| Action::Restore))}
                        read_only={state.read_only()}
                        on_edit_large={dispatch(&state, |()| Action::EditLarge)} />
                    if let Some(msg) = &state.msg {
                        <MsgMessages file={msg.clone()} on_show={dispatch(&state, Action::ShowMsgMessage)} />
                    }
                }
                <div id="report" class="report">
                    if state.shared.is_none() {
                        <SummaryBanner report={state.report.clone().map(ReportRef)} has_input={state.has_input()}
                            stale={state.is_busy()} error={state.analysis_error.clone().map(AttrValue::from)}>
                            if let Some(report) = &report {
                                <PartSwitch report={ReportRef(Rc::clone(report))} on_show={dispatch(&state, Action::ShowPart)} />
                            }
                        </SummaryBanner>
                    } else if report.is_some() {
                        <SummaryBanner report={report.clone().map(ReportRef)} has_input=true stale=false />
                    }
                    if let Some(report) = report {
                        <ReportActions sharing={state.shared.is_none().then_some(state.sharing)}
                            copied={state.copied.clone()} on_share={on_share.clone()} {on_copy} {on_download_json}
                            {on_download_svg} on_print={Callback::from(|()| browser::print())} />
                        if sharing {
                            <SharePanel link={share_link} busy={!state.share_link_is_current()}
                                error={state.share_error.clone().map(AttrValue::from)}
                                redaction={state.redaction} copied={state.link_copied.clone()}
                                on_redact={dispatch(&state, Action::Redact)} on_copy={on_copy_link}
                                on_download={on_download_shared} on_copy_markdown={on_copy_shared_markdown}
                                on_download_svg={on_download_shared_svg} on_close={on_share} />
                        }
                        <PolicyPanel report={ReportRef(Rc::clone(&report))}
                            choice={state.shared.is_none().then(|| state.policy.clone())}
                            looked_up={state.recipient.as_ref().map(|r| AttrValue::from(r.domain.clone()))}
                            on_choose={dispatch(&state, Action::SetPolicy)} />
                        if !report.hops.is_empty() {
                            <Route report={ReportRef(Rc::clone(&report))} shown={state.hops_shown} view={state.view}
                                on_view={dispatch(&state, Action::SetView)}
                                on_show_more={dispatch(&state, |()| Action::ShowMoreHops)} />
                        }
                        <Warnings report={ReportRef(Rc::clone(&report))} />
                        <AuthPanel authentication={report.authentication.clone()} />
                    }
                    // The opt-in lookups of the message's domains: drawn by the engine
                    // (`static/engine.js`), never by this app, into an element that stays put.
                    <section id="lookup" class="panel lookup" aria-labelledby="lookup-title" hidden={!own_report} />
                </div>
                // "Audit a mailbox": static markup only. `static/audit.js` (loaded on first use
                // through the engine's module; boot.js listens for these inputs) draws into
                // `#audit-view`, which yew never touches: the audit adds almost nothing to the
                // page's wasm (README, "Auditing a mailbox on the page").
                <section id="audit" class="panel audit" aria-labelledby="audit-heading">
                    <h2 id="audit-heading">{ "Audit a mailbox" }</h2>
                    <p class="help">{ "Open an mbox file (Gmail Takeout, Thunderbird, Apple Mail), many .eml files or a Maildir folder, or drop them here: every message's hops are counted in this tab, and nothing is uploaded." }</p>
                    <div class="control-row">
                        <label for="audit-input" class="file-label">{ "Open mailbox or messages" }</label>
                        <input id="audit-input" type="file" multiple=true data-audit-input="" />
                        <label for="audit-folder" class="file-label">{ "Open a folder" }</label>
                        <input id="audit-folder" type="file" webkitdirectory=true data-audit-folder="" />
                    </div>
                    <div id="audit-view"></div>
                </section>
                <Explainer />
            </main>
            <footer class="site-footer wrap">
                <p>{ "Hopscope runs entirely in your browser. Nothing you paste or open is sent anywhere." }</p>
            </footer>
        </>
    }
}

/// Saves a report as the CLI's JSON.
fn download_json(report: Option<&Report>, name: &str) {
    if let Some(json) = report.and_then(browser::report_json) {
        browser::download(name, "application/json", &json);
    }
}

/// Saves a report's route as an SVG picture (drawn by the engine); `failed` hears why not.
fn download_svg(
    report: Option<&Report>,
    name: &'static str,
    failed: &Callback<Result<(), String>>,
) {
    if let Some(report) = report {
        let failed = failed.clone();
        let done = Callback::from(move |svg: Result<String, String>| match svg {
            Ok(svg) => browser::download(name, "image/svg+xml", &svg),
            Err(message) => failed.emit(Err(message)),
        });
        engine::route_svg(report, done);
    }
}

/// The last Markdown the engine made, and the report it is of.
type MadeMarkdown = Rc<std::cell::RefCell<Option<(Rc<Report<'static>>, Rc<str>)>>>;

/// Copies a report as Markdown (made by the engine, and kept for the next click: see `on_copy`).
fn copy_markdown(
    report: &Rc<Report<'static>>,
    made: &MadeMarkdown,
    what: &'static str,
    done: Callback<Result<(), String>>,
) {
    if let Some((_, text)) = made
        .borrow()
        .as_ref()
        .filter(|(r, _)| Rc::ptr_eq(r, report))
    {
        browser::copy_text(text.to_string(), what, done);
        return;
    }
    let (made, report_kept) = (made.clone(), Rc::clone(report));
    let copied = Callback::from(move |markdown: Result<String, String>| match markdown {
        Ok(text) => {
            made.replace(Some((Rc::clone(&report_kept), Rc::from(text.as_str()))));
            browser::copy_text(text, what, done.clone());
        }
        Err(message) => done.emit(Err(message)),
    });
    engine::markdown(report, copied);
}

/// Every analysis the page makes goes through here: the engine analyses `text` (or its message
/// `part`, when one is chosen) off the main thread, and the report comes back to the reducer
/// tagged with `revision`, so that an answer about older text is dropped. A newer request
/// supersedes one still running. Returns the request, for `engine::cancel`.
fn analyze_in_engine(
    text: AttrValue,
    part: Option<u32>,
    revision: u64,
    dispatcher: UseReducerDispatcher<State>,
) -> u32 {
    let done = Callback::from(move |report: Result<Report<'static>, String>| {
        dispatcher.dispatch(match report {
            Ok(report) => Action::Analyzed {
                revision,
                report: Rc::new(report),
            },
            Err(message) => Action::AnalysisFailed { revision, message },
        });
    });
    engine::analyze(text, part, done)
}

/// Opens a chosen or dropped file in the engine: text goes into the box, an Outlook `.msg`
/// offers its messages; any failure becomes a notice and the text box keeps what it had.
fn open_file(file: PickedFile, dispatcher: UseReducerDispatcher<State>) {
    let name = file.name();
    dispatcher.dispatch(Action::Opening {
        name: name.clone(),
        progress: None,
    });
    let done = Callback::from(move |reply: FileReply| {
        let action = match reply {
            FileReply::Progress(read, total) => Action::Opening {
                name: name.clone(),
                progress: Some((read, total)),
            },
            FileReply::Opened(Ok(Opened::Text { text, note })) => Action::File {
                name: name.clone(),
                text,
                note,
            },
            FileReply::Opened(Ok(Opened::Msg { messages, notes })) => Action::MsgOpened {
                name: name.clone(),
                messages,
                notes,
            },
            FileReply::Opened(Err(message)) => Action::LoadFailed(message),
        };
        dispatcher.dispatch(action);
    });
    engine::open_file(file, done);
}
