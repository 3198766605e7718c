//! The NHS.UK header: the service name, and the menu's links with the header's menu button.
//!
//! The markup and classes are nhsuk-frontend 10's header template (`components/header/template.njk`),
//! so its CSS draws it. Its JavaScript (`header.mjs`) is not loaded: it moves the `<li>`s that this
//! app's Leptos view owns, and the app loads no script but its own. This does what that script
//! does, in the view: the links that fit stay in the bar and the rest go into a list behind the
//! button (`aria-expanded`; Escape, another page or the focus leaving the header closes it). On a phone
//! (narrower than the frontend's 40.0625em breakpoint) every link goes behind it, as "Menu".

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::html::{html, Html};
use crate::page::Page;

/// The frontend's tablet breakpoint (40.0625em at 16 px): narrower is a phone.
const PHONE_BELOW_PX: f64 = 641.0;

/// How many of the menu's links stay in the bar, in order: all of them when they fit in
/// `available` pixels; else as many as fit beside the menu button; none on a phone. `widths` are
/// the links' widths as they would be drawn in the bar.
pub fn links_in_bar(widths: &[f64], available: f64, button: f64, phone: bool) -> usize {
    if phone {
        return 0;
    }
    if widths.iter().sum::<f64>() <= available {
        return widths.len();
    }
    let mut used = button;
    widths
        .iter()
        .take_while(|w| {
            used += **w;
            used <= available
        })
        .count()
}

/// The widths of the `<li>`s under `list`.
fn item_widths(list: &web_sys::Element) -> Vec<f64> {
    let Ok(items) = list.query_selector_all(":scope > li") else {
        return Vec::new();
    };
    (0..items.length())
        .filter_map(|i| items.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|e| f64::from(e.offset_width()))
        .collect()
}

/// The links and the menu button as the bar draws them, as words only (no links): the copy the
/// header measures.
fn measured_html() -> Html {
    let mut items: Html = Page::MENU
        .iter()
        .map(|p| {
            html!(
                r#"<li class="nhsuk-header__navigation-item"><span class="nhsuk-header__navigation-link">{}</span></li>"#,
                Html::text(p.title())
            )
        })
        .collect();
    items.push(html!(
        r#"<li class="nhsuk-header__menu"><span class="nhsuk-header__menu-toggle nhsuk-header__navigation-link">More</span></li>"#
    ));
    items
}

/// The header, for the page `current` (its link marked as the current page).
#[component]
pub fn Header(current: Memo<Page>) -> impl IntoView {
    let bar = NodeRef::<leptos::html::Ul>::new();
    let measure = NodeRef::<leptos::html::Ul>::new();
    let menu_list = NodeRef::<leptos::html::Ul>::new();
    let header = NodeRef::<leptos::html::Header>::new();
    // How many links stay in the bar; the rest are behind the button.
    let shown = RwSignal::new(Page::MENU.len());
    let open = RwSignal::new(false);
    // The open list is drawn over the page below; the navigation's (white) bottom border makes
    // room for it, as the frontend's script does.
    let room = RwSignal::new(0);

    let lay_out = move || {
        let (Some(bar), Some(measure)) = (bar.get_untracked(), measure.get_untracked()) else {
            return;
        };
        let mut widths = item_widths(&measure);
        // The measuring list's last item is a copy of the menu button.
        let button = widths.pop().unwrap_or_default();
        let phone = window()
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w < PHONE_BELOW_PX);
        let n = links_in_bar(&widths, f64::from(bar.offset_width()), button, phone);
        shown.set(n);
        if n == Page::MENU.len() {
            open.set(false);
        }
    };
    Effect::new(move |_| lay_out());
    let resize = window_event_listener_untyped("resize", move |_| lay_out());
    // Another page: the list closes.
    Effect::new(move |_| {
        current.track();
        open.set(false);
    });
    // After the list is drawn (or hidden), the room under the bar follows its height.
    Effect::new(move |_| {
        let height = if open.get() {
            shown.track();
            menu_list.get().map_or(0, |l| l.offset_height())
        } else {
            0
        };
        room.set(height);
    });
    on_cleanup(move || resize.remove());
    // Escape anywhere in the header closes the list and leaves the focus on its button.
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            let toggle = header
                .get_untracked()
                .and_then(|h| {
                    h.query_selector(".nhsuk-header__menu-toggle")
                        .ok()
                        .flatten()
                })
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(b) = toggle {
                let _ = b.focus();
            }
        }
    };
    // The focus moving out of the header (a click or Tab elsewhere) closes the list.
    let leave = move |ev: leptos::ev::FocusEvent| {
        let to = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let inside = header
            .get_untracked()
            .is_some_and(|h| to.is_some_and(|t| h.contains(Some(&t))));
        if !inside {
            open.set(false);
        }
    };

    let link = move |page: Page| {
        let here = move || current.with(|c| c.menu_entry() == Some(page));
        view! {
            <li class="nhsuk-header__navigation-item" class:nhsuk-header__navigation-item--current=here>
                <a class="nhsuk-header__navigation-link" href=page.href()
                    aria-current=move || here().then_some("page")>{page.title()}</a>
            </li>
        }
    };
    let links = move |range: std::ops::Range<usize>| {
        Page::MENU
            .get(range)
            .unwrap_or_default()
            .iter()
            .map(|p| link(*p))
            .collect_view()
    };
    let phone = move || shown.get() == 0;
    view! {
        <header class="nhsuk-header nhsuk-frontend-supported" role="banner" node_ref=header
            on:keydown=escape on:focusout=leave>
            <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service">
                    <a class="nhsuk-header__service-name" href=Page::Home.href()>{Page::Home.title()}</a>
                </div>
            </div>
            <nav class="nhsuk-header__navigation" aria-label="Menu" style:border-bottom-width=move || format!("{}px", room.get())>
                <div class="nhsuk-header__navigation-container nhsuk-width-container">
                    <ul class="nhsuk-header__navigation-list" node_ref=bar>
                        {move || links(0..shown.get())}
                        <li class="nhsuk-header__menu" hidden=move || shown.get() == Page::MENU.len()>
                            <button class="nhsuk-header__menu-toggle nhsuk-header__navigation-link" type="button"
                                data-testid="menu-toggle" aria-controls="header-menu-list"
                                aria-expanded=move || if open.get() { "true" } else { "false" }
                                on:click=move |_| open.update(|o| *o = !*o)>
                                {move || (!phone()).then(|| view! { <span class="nhsuk-u-visually-hidden">"Browse "</span> })}
                                {move || if phone() { "Menu" } else { "More" }}
                            </button>
                            <ul class="nhsuk-header__menu-list" id="header-menu-list" node_ref=menu_list hidden=move || !open.get()>
                                {move || links(shown.get()..Page::MENU.len())}
                            </ul>
                        </li>
                    </ul>
                    // The links as the bar would draw them, never seen: their widths decide how
                    // many fit. The last is the button's.
                    <ul class="nhsuk-header__navigation-list app-header-measure" aria-hidden="true" node_ref=measure
                        inner_html=measured_html()></ul>
                </div>
            </nav>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::links_in_bar;

    #[test]
    fn every_link_stays_when_all_fit() {
        assert_eq!(links_in_bar(&[100.0, 100.0, 100.0], 300.0, 80.0, false), 3);
    }

    #[test]
    fn links_that_do_not_fit_beside_the_button_go_behind_it() {
        assert_eq!(links_in_bar(&[100.0, 100.0, 100.0], 299.0, 80.0, false), 2);
        assert_eq!(links_in_bar(&[100.0, 100.0, 100.0], 279.0, 80.0, false), 1);
        assert_eq!(links_in_bar(&[300.0, 10.0], 305.0, 80.0, false), 0);
    }

    #[test]
    fn on_a_phone_every_link_is_behind_the_button() {
        assert_eq!(links_in_bar(&[10.0, 10.0], 1000.0, 80.0, true), 0);
    }
}
