//! The klastry web app: a Leptos client-side app that reads and edits the registry through its
//! GraphQL API only. `app` is the frame and the router, `api` runs typed operations, `queries`
//! declares them, `session` and `account` say who is signed in, `live` keeps the unread
//! notifications' count over a WebSocket, `first_answer` the results the page came with,
//! `i18n` holds every string in Polish and English,
//! `format` and `values` small conversions, `url_state` a page's state in its address,
//! `components` the pieces pages share (feedback, badges, form fields, charts, the member
//! list, the bell), `pages` one module per route.

mod account;
mod api;
mod app;
mod components;
mod first_answer;
mod format;
mod i18n;
mod live;
mod pages;
mod queries;
mod session;
mod url_state;
mod values;

fn main() {
    console_error_panic_hook_lite();
    first_answer::adopt();
    leptos::mount::mount_to_body(app::App);
}

/// Panics end up in the browser console with their message instead of "unreachable".
fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
