//! The hand-off to leptos_router that `FlatRoutes` made, for the app's own `match` on the page.
//!
//! `Router` keeps the address, turns link clicks into moves within the page and handles Back and
//! Forward; a move to a new address is only finished (the address written into the history, the
//! page scrolled to its top or to the `#fragment`) once the routes say the new page is ready.
//! leptos_router 0.8 does that in `leptos_router-0.8.17/src/flat_router.rs`,
//! `<FlatRoutesView as Render>::rebuild`, which calls `location.ready_to_complete()` on every
//! branch: same path, same route with new parameters, the fallback, and a new route once its view
//! is built (see `BrowserUrl::ready_to_complete` in `src/location/history.rs`, which sends the
//! pending navigation on). The app chooses its page by a `match` (see `crate::page`) in place of
//! `FlatRoutes`, which compiled a route matcher, an async view per route and view transitions that
//! seven fixed addresses and one step do not need (README, Size), so it says "ready" here instead.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};

use crate::page::Page;

/// The page at the router's address, as it changes.
pub fn current_page() -> Memo<Page> {
    let location = use_location();
    Memo::new(move |_| location.pathname.with(|p| Page::from_path(p)))
}

/// Finishes each move between addresses, as `FlatRoutes` did, once the page for the new address
/// is drawn (effects run after the view is built). After a move (not the first page), the focus
/// starts at the page's content, as it would on a page loaded afresh, and not on a menu link that
/// was drawn again.
pub fn complete_navigations() {
    let location = use_location();
    let Some(url) = use_context::<BrowserUrl>() else {
        return;
    };
    Effect::new(move |moved: Option<()>| {
        location.pathname.track();
        url.ready_to_complete();
        if moved.is_some() {
            crate::browser::focus("maincontent");
        }
    });
}
