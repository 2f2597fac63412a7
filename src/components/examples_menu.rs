//! Buttons that load the built-in examples. Buttons rather than a `<select>`: each is one
//! keystroke away, and `aria-pressed` says which one is shown without a select's quirks when
//! the text is then edited or cleared.

use yew::prelude::*;

use crate::examples::{Example, EXAMPLES};

#[derive(Properties, PartialEq)]
pub struct ExamplesMenuProps {
    /// Id of the example currently in the text box, unedited.
    pub selected: Option<&'static str>,
    pub on_select: Callback<&'static Example>,
}

#[function_component]
pub fn ExamplesMenu(props: &ExamplesMenuProps) -> Html {
    html! {
        <div id="examples" class="examples" role="group" aria-labelledby="examples-label">
            <span id="examples-label" class="examples-label">{ "Try an example:" }</span>
            { for EXAMPLES.iter().map(|example| {
                let pressed = props.selected == Some(example.id);
                html! {
                    <button type="button" class="button button-small"
                        data-example={example.id}
                        aria-pressed={if pressed { "true" } else { "false" }}
                        onclick={props.on_select.reform(move |_| example)}>
                        { example.label }
                    </button>
                }
            }) }
        </div>
    }
}
