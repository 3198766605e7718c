//! The app's addresses: which page is shown, links followed within the page, Back and Forward.
//!
//! Seven fixed addresses, one step and a query need no route matcher, so this is the History API
//! as leptos_router uses it, without the crate (README, Size): the address is a signal; a click
//! on a link to this origin (left button, no modifier key, no `target` or `download`) writes the new address into the history instead of loading a page; Back and
//! Forward (`popstate`) set the signal again; a link to a fragment of the same address is left to
//! the browser. Once the page for a new address is drawn, the window scrolls to its top (or to the
//! `#fragment`) and the focus starts at the page's content, as on a page loaded afresh.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, MouseEvent};

use crate::page::Page;

/// The address shown: its path and its query (with the `?`, or empty). One for the page, kept
/// here and not in a context: the window's listeners run outside the app's owner, where a
/// context cannot be read.
type Address = RwSignal<(String, String)>;

thread_local! {
    static ADDRESS: std::cell::OnceCell<Address> = const { std::cell::OnceCell::new() };
}

fn address() -> Address {
    ADDRESS.with(|a| *a.get_or_init(|| RwSignal::new(location_now())))
}

fn location_now() -> (String, String) {
    let l = window().location();
    (
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default(),
    )
}

/// Reads the address, follows links and Back and Forward from now on; call once, in `App`.
pub fn provide_address() {
    let address = address();
    // The handles are dropped without removing the listeners: they last as long as the page.
    drop(window_event_listener(leptos::ev::popstate, move |_| {
        address.set(location_now());
    }));
    drop(window_event_listener(leptos::ev::click, follow_link));
}

/// The page at the address, as it changes.
pub fn current_page() -> Memo<Page> {
    let a = address();
    Memo::new(move |_| a.with(|(path, _)| Page::from_path(path)))
}

/// The address's query (`?change=1`), or empty, read as the address changes.
pub fn query() -> String {
    address().with(|(_, q)| q.clone())
}

/// Goes to `href` (a path on this origin, with a query or fragment if any) as a followed link does.
pub fn navigate(href: &str) {
    let moved = window()
        .history()
        .and_then(|h| h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href)));
    if moved.is_ok() {
        address().set(location_now());
    }
}

/// A click on a link this page can follow itself.
fn follow_link(ev: MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return;
    }
    let Some(a) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlAnchorElement>().ok())
    else {
        return;
    };
    let own_tab = matches!(
        a.get_attribute("target").as_deref(),
        None | Some("" | "_self")
    );
    let here = window().location();
    if !own_tab || a.has_attribute("download") || a.origin() != here.origin().unwrap_or_default() {
        return;
    }
    let (path, query) = (a.pathname(), a.search());
    if (path.as_str(), query.as_str())
        == (
            &*here.pathname().unwrap_or_default(),
            &*here.search().unwrap_or_default(),
        )
        && !a.hash().is_empty()
    {
        // A fragment of this address (the skip link, the error summary's links): the browser's.
        return;
    }
    ev.prevent_default();
    navigate(&format!("{path}{query}{}", a.hash()));
}

/// After a move to another address (not the first page), once its page is drawn: the window at
/// the page's top or at the `#fragment`, and the focus at the page's content.
pub fn complete_navigations() {
    let a = address();
    Effect::new(move |moved: Option<()>| {
        a.track();
        if moved.is_some() {
            // The focus first: focusing the content, taller than the window, scrolls to it.
            crate::browser::focus("maincontent");
            let hash = window().location().hash().unwrap_or_default();
            let target = hash
                .strip_prefix('#')
                .filter(|id| !id.is_empty())
                .and_then(|id| document().get_element_by_id(id));
            match target {
                Some(e) => e.scroll_into_view(),
                None => window().scroll_to_with_x_and_y(0.0, 0.0),
            }
        }
    });
}
