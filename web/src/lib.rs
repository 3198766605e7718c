//! The Leptos app over `nhsmail-rules`. No rule lives here: every decision comes from the core.

pub mod browser;
mod components;
mod html;
mod pages;
mod store;

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};

use store::Notices;

/// The pages, as they appear in the navigation.
const NAV: [(&str, &str); 6] = [
    ("/eligibility", "Check if you can get NHSmail"),
    ("/simulator", "Account lifecycle simulator"),
    ("/sign-in", "Sign-in check"),
    ("/shared-mailboxes", "Shared mailbox planner"),
    ("/roster", "Roster and decisions"),
    ("/rules", "Policies and rules"),
];

/// The whole app: header, navigation, notices about saved work, the page, and the footer.
#[component]
pub fn App() -> impl IntoView {
    let notices = Notices(RwSignal::new(String::new()));
    provide_context(notices);
    view! {
        <Router>
            <a class="nhsuk-skip-link" href="#maincontent" on:click=components::form::focus_link_target>"Skip to main content"</a>
            <Header/>
            <div class="nhsuk-width-container">
                <main class="nhsuk-main-wrapper" id="maincontent" role="main" tabindex="-1">
                    <StoreNotices notices/>
                    <Page/>
                </main>
            </div>
            <footer role="contentinfo">
                <div class="nhsuk-footer">
                    <div class="nhsuk-width-container">
                        <p class="nhsuk-body-s">
                            "This is an unofficial simulator of published NHSmail policy. It is not an NHS service. "
                            "Everything runs in your browser: nothing you enter leaves this page."
                        </p>
                    </div>
                </div>
            </footer>
        </Router>
    }
}

/// Which page an address shows, by the pattern it matches: `/eligibility/:step` for every step,
/// `""` for none. One trailing slash is ignored.
pub(crate) fn page_of(path: &str) -> &'static str {
    let path = match path.strip_suffix('/') {
        Some(p) if !p.is_empty() && !p.ends_with('/') => p,
        _ => path,
    };
    match path {
        "/" => "/",
        "/eligibility" => "/eligibility",
        "/simulator" => "/simulator",
        "/sign-in" => "/sign-in",
        "/shared-mailboxes" => "/shared-mailboxes",
        "/roster" => "/roster",
        "/rules" => "/rules",
        p => match p.strip_prefix("/eligibility/") {
            Some(step) if !step.is_empty() && !step.contains('/') => "/eligibility/:step",
            _ => "",
        },
    }
}

/// The page for the address: a `match` on leptos_router's location, in place of `FlatRoutes`
/// (about 20 KB more gzip for these few fixed addresses: README, Size). As with `FlatRoutes`, a
/// page is built again only when the address's pattern changes (the eligibility steps share one
/// page), and each navigation is then completed: the router writes the address into the history
/// and scrolls.
#[component]
fn Page() -> impl IntoView {
    let location = use_location();
    if let Some(url) = use_context::<BrowserUrl>() {
        Effect::new(move |moved: Option<()>| {
            location.pathname.track();
            url.ready_to_complete();
            // After a move (not the first page), the focus starts at the page's content, as it
            // would on a page loaded afresh, and not on a menu link drawn again.
            if moved.is_some() {
                browser::focus("maincontent");
            }
        });
    }
    let page = Memo::new(move |_| page_of(&location.pathname.get()).to_owned());
    move || match page.get().as_str() {
        "/" => view! { <pages::home::Home/> }.into_any(),
        "/eligibility" => view! { <pages::eligibility::Start/> }.into_any(),
        "/eligibility/:step" => view! { <pages::eligibility::Step/> }.into_any(),
        "/simulator" => view! { <pages::simulator::Simulator/> }.into_any(),
        "/sign-in" => view! { <pages::access::SignIn/> }.into_any(),
        "/shared-mailboxes" => view! { <pages::mailboxes::Planner/> }.into_any(),
        "/roster" => view! { <pages::roster::RosterPage/> }.into_any(),
        "/rules" => view! { <pages::rules::RulesPage/> }.into_any(),
        _ => view! { <pages::home::NotFound/> }.into_any(),
    }
}

/// The menu's links as HTML, the one for the page at `path` marked as the current page.
fn nav_html(path: &str) -> String {
    let page = page_of(path);
    NAV.iter()
        .map(|(href, words)| {
            let current = if page == *href || page.starts_with(&format!("{href}/")) {
                r#" aria-current="page""#
            } else {
                ""
            };
            format!(r#"<li class="nhsuk-header__navigation-item"><a class="nhsuk-header__navigation-link" href="{href}"{current}>{words}</a></li>"#)
        })
        .collect()
}

#[component]
fn Header() -> impl IntoView {
    let location = use_location();
    view! {
        <header class="nhsuk-header" role="banner">
            <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service">
                    <a class="nhsuk-header__service-name" href="/">"NHSmail policy rules"</a>
                </div>
            </div>
            <nav class="nhsuk-header__navigation" aria-label="Menu">
                <div class="nhsuk-header__navigation-container nhsuk-width-container">
                    <ul class="nhsuk-header__navigation-list" inner_html=move || location.pathname.with(|p| nav_html(p))></ul>
                </div>
            </nav>
        </header>
    }
}

/// Saved work that could not be read or kept: said plainly, at the top of every page.
#[component]
fn StoreNotices(notices: Notices) -> impl IntoView {
    view! {
        <div class="nhsuk-inset-text" data-testid="store-notice" role="status" hidden=move || notices.0.with(String::is_empty)>
            <span class="nhsuk-u-visually-hidden">"Information: "</span>
            <div inner_html=components::form::shown(notices.0)></div>
            <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                on:click=move |_| notices.0.set(String::new())>"Hide this message"</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::page_of;

    #[test]
    fn each_address_has_its_page_and_one_trailing_slash_is_ignored() {
        for (path, page) in [
            ("/", "/"),
            ("/roster", "/roster"),
            ("/roster/", "/roster"),
            ("/eligibility", "/eligibility"),
            ("/eligibility/", "/eligibility"),
            ("/eligibility/sites", "/eligibility/:step"),
            ("/eligibility/sites/", "/eligibility/:step"),
            ("/shared-mailboxes", "/shared-mailboxes"),
        ] {
            assert_eq!(page_of(path), page, "{path}");
        }
    }

    #[test]
    fn other_addresses_have_no_page() {
        for path in [
            "",
            "//",
            "/roster//",
            "/nowhere",
            "/Roster",
            "/eligibility//",
            "/eligibility/check/extra",
            "/eligibility/sites//",
        ] {
            assert_eq!(page_of(path), "", "{path}");
        }
    }
}
