//! The Leptos app over `nhsmail-rules`. No rule lives here: every decision comes from the core.

mod components;
mod pages;

use leptos::prelude::*;

/// The whole app: header, the page, and the footer saying what this is (and is not).
#[component]
pub fn App() -> impl IntoView {
    view! {
        <a class="nhsuk-skip-link" href="#maincontent">"Skip to main content"</a>
        <header class="nhsuk-header" role="banner">
            <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service">
                    <a class="nhsuk-header__service-name" href="#maincontent">"NHSmail policy rules"</a>
                </div>
            </div>
        </header>
        <div class="nhsuk-width-container">
            <main class="nhsuk-main-wrapper" id="maincontent" role="main">
                <pages::simulator::Simulator/>
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
