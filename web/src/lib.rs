//! The Leptos app over `nhsmail-rules`. No rule lives here: every decision comes from the core.

pub mod browser;
mod components;
mod html;
mod pages;
mod store;

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::hooks::use_location;
use leptos_router::path;

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
    let notices = Notices(RwSignal::new(Vec::new()));
    provide_context(notices);
    view! {
        <Router>
            <a class="nhsuk-skip-link" href="#maincontent">"Skip to main content"</a>
            <Header/>
            <div class="nhsuk-width-container">
                <main class="nhsuk-main-wrapper" id="maincontent" role="main">
                    <StoreNotices notices/>
                    <FlatRoutes fallback=pages::home::NotFound>
                        <Route path=path!("/") view=pages::home::Home/>
                        <Route path=path!("/eligibility") view=pages::eligibility::Start/>
                        <Route path=path!("/eligibility/:step") view=pages::eligibility::Step/>
                        <Route path=path!("/simulator") view=pages::simulator::Simulator/>
                        <Route path=path!("/sign-in") view=pages::access::SignIn/>
                        <Route path=path!("/shared-mailboxes") view=pages::mailboxes::Planner/>
                        <Route path=path!("/roster") view=pages::roster::RosterPage/>
                        <Route path=path!("/rules") view=pages::rules::RulesPage/>
                    </FlatRoutes>
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
                    <ul class="nhsuk-header__navigation-list">
                        {NAV.iter().map(|(href, words)| {
                            let current = move || {
                                let p = location.pathname.get();
                                (p == *href || p.starts_with(&format!("{href}/"))).then_some("page")
                            };
                            view! {
                                <li class="nhsuk-header__navigation-item">
                                    <a class="nhsuk-header__navigation-link" href=*href aria-current=current>{*words}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            </nav>
        </header>
    }
}

/// Saved work that could not be read or kept: said plainly, at the top of every page.
#[component]
fn StoreNotices(notices: Notices) -> impl IntoView {
    view! {
        <div class="nhsuk-inset-text" data-testid="store-notice" role="status" hidden=move || notices.0.with(Vec::is_empty)>
            <span class="nhsuk-u-visually-hidden">"Information: "</span>
            <div inner_html=move || notices.0.with(|list| list.iter().map(|m| html::p(m)).collect::<String>())></div>
            <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                on:click=move |_| notices.0.set(Vec::new())>"Hide this message"</button>
        </div>
    }
}
