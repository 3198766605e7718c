//! The start: what each tool is for, and a page for addresses that do not exist.

use leptos::prelude::*;

use crate::components::form::page_title;
use crate::html::{html, Html};
use crate::page::Page;

/// What a tool in the menu is for, and for whom.
fn what_for(page: Page) -> &'static str {
    match page {
        Page::Eligibility(_) => "For care providers: your DSPT status, how to apply and how many accounts you get.",
        Page::Simulator => "For trainers: how an account moves from active to inactive to deleted, and what stops it.",
        Page::SignIn => "Whether an account can sign in today, and if not, why not.",
        Page::Mailboxes => "For local administrators: mailboxes and users against your allowance, and a request for more accounts.",
        Page::Roster => "For local administrators: check a roster and download the decisions for your back office.",
        Page::Rules => "Every rule with the published sentence it comes from, and your own policy set.",
        Page::Home | Page::NotFound => "",
    }
}

/// The list of tools: the menu's pages, by who they are for.
fn tools_html() -> Html {
    Page::MENU
        .into_iter()
        .map(|page| {
            html!(
                r#"<li><h2 class="nhsuk-heading-m nhsuk-u-margin-bottom-1"><a href="{}">{}</a></h2><p>{}</p></li>"#,
                Html::text(page.href()),
                Html::text(page.title()),
                Html::text(what_for(page))
            )
        })
        .collect()
}

/// The home page: one card-like list of the tools, by who they are for.
#[component]
pub fn Home() -> impl IntoView {
    page_title(|| "Home".to_owned(), || false);
    view! {
        <h1>"NHSmail policy rules"</h1>
        <p class="nhsuk-lede-text">"Tools that apply the published NHSmail account policy. Nothing you enter leaves your browser."</p>
        <ul class="nhsuk-list" inner_html=tools_html()></ul>
    }
}

/// An address with no page.
#[component]
pub fn NotFound() -> impl IntoView {
    page_title(|| "Page not found".to_owned(), || false);
    view! {
        <h1>"Page not found"</h1>
        <p>"If you typed the web address, check it is correct."</p>
        <p><a href=Page::Home.href()>"Go to the start"</a></p>
    }
}
