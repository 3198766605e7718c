//! The Leptos app over `nhsmail-rules`. No rule lives here: every decision comes from the core.

pub mod browser;
mod components;
mod html;
mod page;
mod pages;
mod router;
mod store;
mod timeline;
mod words;

use leptos::prelude::*;

use components::header::Header;
use html::Html;
use page::{Page, Step};
use store::Notices;

/// The whole app: header, navigation, notices about saved work, the page, and the footer.
#[component]
pub fn App() -> impl IntoView {
    let notices = Notices(RwSignal::new(Html::default()));
    provide_context(notices);
    router::provide_address();
    view! {
            <a class="nhsuk-skip-link" href="#maincontent" on:click=components::form::focus_link_target>"Skip to main content"</a>
            <Header current=router::current_page()/>
            <div class="nhsuk-width-container">
                <main class="nhsuk-main-wrapper" id="maincontent" role="main" tabindex="-1">
                    <StoreNotices notices/>
                    <PageView/>
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
    }
}

/// The page for the address: a `match` on the router's location, in place of `FlatRoutes` (see
/// `router`). As with `FlatRoutes`, a page is built again only when the address moves to another
/// page: the eligibility checker's steps after its start are drawn by one component, which keeps
/// the answers in memory from step to step.
#[component]
fn PageView() -> impl IntoView {
    router::complete_navigations();
    let page = router::current_page();
    // `None`: one of the checker's steps, all drawn by `Steps`.
    let drawn = Memo::new(move |_| match page.get() {
        Page::Eligibility(Step::Question(_) | Step::Check | Step::Outcome) => None,
        other => Some(other),
    });
    move || match drawn.get() {
        None => view! { <pages::eligibility::Steps page/> }.into_any(),
        Some(Page::Home) => view! { <pages::home::Home/> }.into_any(),
        Some(Page::Eligibility(_)) => view! { <pages::eligibility::Start/> }.into_any(),
        Some(Page::Simulator) => view! { <pages::simulator::Simulator/> }.into_any(),
        Some(Page::SignIn) => view! { <pages::access::SignIn/> }.into_any(),
        Some(Page::Mailboxes) => view! { <pages::mailboxes::Planner/> }.into_any(),
        Some(Page::Roster) => view! { <pages::roster::RosterPage/> }.into_any(),
        Some(Page::Rules) => view! { <pages::rules::RulesPage/> }.into_any(),
        Some(Page::NotFound) => view! { <pages::home::NotFound/> }.into_any(),
    }
}

/// Saved work that could not be read or kept: said plainly, at the top of every page.
#[component]
fn StoreNotices(notices: Notices) -> impl IntoView {
    view! {
        <div class="nhsuk-inset-text" data-testid="store-notice" role="status" hidden=move || notices.0.with(Html::is_empty)>
            <span class="nhsuk-u-visually-hidden">"Information: "</span>
            <div inner_html=move || notices.0.get()></div>
            <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                on:click=move |_| notices.0.set(Html::default())>"Hide this message"</button>
        </div>
    }
}
