//! The root component: owns the state, runs every side effect (analysis after a debounce, the
//! URL fragment, file reading, clipboard, print listeners) and lays out the page.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::browser::{self, PickedFile};
use crate::components::{
    auth_panel::AuthPanel, explainer::Explainer, input_panel::InputPanel, route::Route,
    summary_banner::SummaryBanner, warnings::Warnings,
};
use crate::examples::{self, Example};
use crate::load;
use crate::state::{Action, Origin, State};

#[function_component]
pub fn App() -> Html {
    let state =
        use_reducer(|| State::starting_with(examples::from_fragment(&browser::location_hash())));

    // Analysis runs after the input has been still for a moment. A newer keystroke drops the
    // pending timer (the effect's cleanup), so only the last text of a burst is analysed.
    {
        let dispatcher = state.dispatcher();
        let (input, delay, has_input) = (
            state.input.clone(),
            state.analysis_delay_ms(),
            state.has_input(),
        );
        use_effect_with(state.revision, move |&revision| {
            let timer = has_input.then(|| {
                Timeout::new(delay, move || {
                    let report = Rc::new(hopscope_core::analyze(&input));
                    dispatcher.dispatch(Action::Analyzed { revision, report });
                })
            });
            move || drop(timer)
        });
    }

    // The fragment names the example on screen, so a link can show someone the same example.
    // Typed or opened text never goes into the URL.
    use_effect_with(state.origin.clone(), |origin| {
        let fragment = match origin {
            Origin::Example(id) => examples::find(id).map(examples::fragment),
            Origin::Typed | Origin::File(_) => None,
        };
        browser::replace_hash(fragment.as_deref());
    });

    // A fragment typed into the address bar (or reached with Back) loads its example.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let watch = browser::watch_hash(Callback::from(move |fragment: String| {
                if let Some(example) = examples::from_fragment(&fragment) {
                    dispatcher.dispatch(Action::LinkedExample(example));
                }
            }));
            move || drop(watch)
        });
    }

    use_effect_with((), |_| {
        let expander = browser::expand_details_when_printing();
        move || drop(expander)
    });

    let on_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| dispatcher.dispatch(Action::Edit(text)))
    };
    let on_example = {
        let dispatcher = state.dispatcher();
        Callback::from(move |example: &'static Example| {
            dispatcher.dispatch(Action::Example(example))
        })
    };
    let on_file = {
        let dispatcher = state.dispatcher();
        Callback::from(move |file: PickedFile| open_file(file, dispatcher.clone()))
    };
    let on_clear = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Clear))
    };
    let on_dragging = {
        let dispatcher = state.dispatcher();
        Callback::from(move |dragging| dispatcher.dispatch(Action::Dragging(dragging)))
    };
    let on_copy = {
        let (dispatcher, report) = (state.dispatcher(), state.report.clone());
        Callback::from(move |()| {
            if let Some(report) = &report {
                let dispatcher = dispatcher.clone();
                let done =
                    Callback::from(move |result| dispatcher.dispatch(Action::Copied(result)));
                browser::copy_text(hopscope_core::render::markdown::markdown(report), done);
            }
        })
    };
    let on_edit_large = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::EditLarge))
    };
    let on_restore = state.replaced.is_some().then(|| {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Restore))
    });
    let on_show_more = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::ShowMoreHops))
    };

    let selected_example = match state.origin {
        Origin::Example(id) => Some(id),
        _ => None,
    };
    // The report below the summary is shown only for input that is still there.
    let report = state
        .report
        .clone()
        .filter(|report| state.has_input() && report.looks_like_email);

    html! {
        <>
            <a class="skip-link" href="#summary">{ "Skip to the report" }</a>
            <header class="site-header">
                <div class="wrap">
                    <h1>{ "Hopscope" }</h1>
                    <p class="tagline">{ "Was this email encrypted on every hop? Paste its headers to see." }</p>
                </div>
            </header>
            <main id="main" class="wrap">
                <InputPanel input={state.input.clone()} {selected_example} notice={state.notice.clone()}
                    dragging={state.dragging} {on_edit} {on_file} {on_example} {on_clear} {on_dragging} {on_restore}
                    read_only={state.read_only()} {on_edit_large} />
                <div id="report" class="report">
                    <SummaryBanner report={state.report.clone()} has_input={state.has_input()}
                        stale={state.is_stale()} copied={state.copied.clone()} {on_copy} />
                    if let Some(report) = report {
                        if !report.hops.is_empty() {
                            <Route report={Rc::clone(&report)} shown={state.hops_shown} {on_show_more} />
                        }
                        <Warnings report={Rc::clone(&report)} />
                        <AuthPanel authentication={report.authentication.clone()} />
                    }
                </div>
                <Explainer />
            </main>
            <footer class="site-footer wrap">
                <p>{ "Hopscope runs entirely in your browser. Nothing you paste or open is sent anywhere." }</p>
            </footer>
        </>
    }
}

/// Reads a chosen or dropped file and loads its text; any failure becomes a notice.
fn open_file(file: PickedFile, dispatcher: UseReducerDispatcher<State>) {
    let name = file.name();
    if let Err(message) = load::check_size(&name, file.size()) {
        dispatcher.dispatch(Action::LoadFailed(message));
        return;
    }
    let done = Callback::from(move |bytes: Result<Vec<u8>, String>| {
        let action = match bytes.and_then(|bytes| load::decode_file(&name, &bytes)) {
            Ok(loaded) => Action::File {
                name: name.clone(),
                text: loaded.text,
                note: loaded.note,
            },
            Err(message) => Action::LoadFailed(message),
        };
        dispatcher.dispatch(action);
    });
    browser::read_bytes(file, done);
}
