//! The messages of an opened Outlook `.msg` file: its own and the ones attached to it (a
//! message forwarded as an attachment from Outlook, or a draft carrying the message it is
//! about), each a button that puts its headers into the text box. A message without a route
//! says why instead of offering nothing.
//!
//! Hooks: `[data-msg-messages]` around the list, `[data-msg-message="N"]` on each button (N from
//! 0, the file's own message), `aria-current` on the one in the text box.

use yew::prelude::*;

use crate::state::MsgFile;
use crate::visible::visible_text;

#[derive(Properties, PartialEq)]
pub struct MsgMessagesProps {
    pub file: MsgFile,
    pub on_show: Callback<usize>,
}

#[function_component]
pub fn MsgMessages(props: &MsgMessagesProps) -> Html {
    let file = &props.file;
    html! {
        <section class="panel msg-messages" data-msg-messages="" aria-labelledby="msg-messages-title">
            <h2 id="msg-messages-title" class="msg-messages-title">
                { format!("Messages in {}", file.name) }
            </h2>
            <ol class="msg-message-list">
                { for file.messages.iter().enumerate().map(|(index, message)| {
                    let current = file.shown == Some(index);
                    let class = classes!("msg-message", format!("msg-depth-{}", message.depth.min(3)));
                    let what = match (index, &message.headers) {
                        (0, _) => "the file's own message",
                        (_, Some(_)) => "attached",
                        (_, None) => "attached, no route",
                    };
                    html! {
                        <li {class}>
                            <button type="button" class="button button-small" data-msg-message={index.to_string()}
                                aria-current={current.then_some("true")} disabled={message.headers.is_none()}
                                onclick={props.on_show.reform(move |_| index)}>
                                { visible_text(&message.label) }
                            </button>
                            <span class="msg-message-what">{ format!(" {what}") }</span>
                            if let (None, Some(reason)) = (&message.headers, &message.reason) {
                                <p class="msg-message-reason">{ reason.clone() }</p>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
