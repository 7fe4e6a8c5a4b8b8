//! The klastry web app: a Leptos client-side app that reads and edits the registry through its
//! GraphQL API only. `api` runs typed operations, `queries` declares them, `i18n` holds every
//! string in Polish and English, `ui` the shared pieces (layout, charts, forms), `pages` one
//! module per route.

mod api;
mod i18n;
mod pages;
mod queries;
mod session;
mod ui;

fn main() {
    console_error_panic_hook_lite();
    leptos::mount::mount_to_body(ui::App);
}

/// Panics end up in the browser console with their message instead of "unreachable".
fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
