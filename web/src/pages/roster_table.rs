//! The roster's accounts as a sortable, filterable table, 50 rows a page (100,000 rows stay fast
//! because only one page is in the document).

use leptos::prelude::*;
use nhsmail_rules::{AccountResult, DecisionExport, IsoDate, State};

use crate::components::form::typed;
use crate::components::{commas, from_key};
use crate::html::{html, options, tag, Html};

const PAGE: usize = 50;

/// One account as the table shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    id: String,
    recorded: Option<State>,
    state: State,
    since: IsoDate,
    next: Option<(State, IsoDate)>,
    decisions: Vec<&'static str>,
}

impl Row {
    /// The row for an evaluated account.
    pub fn new(r: &AccountResult, recorded: Option<State>) -> Row {
        Row {
            id: r.account_id.clone(),
            recorded,
            state: r.state,
            since: r.since,
            next: r.next.as_ref().map(|n| (n.state, n.on)),
            decisions: Vec::new(),
        }
    }

    /// Adds each decision to its account's row (decisions come in roster order).
    pub fn attach(rows: &mut [Row], export: &DecisionExport) {
        let mut decisions = export.decisions.iter().peekable();
        for row in rows {
            while let Some(d) = decisions.next_if(|d| d.account_id == row.id) {
                row.decisions.push(d.action.label());
            }
        }
    }
}

/// One table row.
fn row_html(r: &Row) -> Html {
    let recorded = r
        .recorded
        .filter(|s| *s != r.state)
        .map_or_else(String::new, |s| format!(" (recorded as {})", s.label()));
    let next = r.next.map_or_else(
        || "None".to_owned(),
        |(s, on)| format!("{} on {}", s.label(), on.long_form()),
    );
    let decisions = if r.decisions.is_empty() {
        "None".to_owned()
    } else {
        r.decisions.join(", ")
    };
    html!(
        r#"<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">{}</td><td class="nhsuk-table__cell">{} since {}</td><td class="nhsuk-table__cell">{}</td><td class="nhsuk-table__cell">{}</td></tr>"#,
        Html::text(&r.id),
        tag(r.state),
        Html::text(&format!("{}{recorded}", r.since.long_form())),
        Html::text(&next),
        Html::text(&decisions)
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sort {
    Id,
    State,
    Next,
    Decisions,
}

/// The table with its filters and pages.
#[component]
pub fn AccountsTable(rows: RwSignal<Vec<Row>>) -> impl IntoView {
    let state_filter = RwSignal::new(String::new());
    let text_filter = RwSignal::new(String::new());
    let sort = RwSignal::new((Sort::Id, true));
    let page = RwSignal::new(0usize);
    let order = Memo::new(move |_| {
        let wanted: Option<State> = state_filter.with(|s| from_key(s));
        let text = text_filter.get().trim().to_ascii_lowercase();
        let (by, ascending) = sort.get();
        rows.with(|rows| {
            let mut idx: Vec<usize> = (0..rows.len())
                .filter(|&i| {
                    rows.get(i).is_some_and(|r| {
                        wanted.is_none_or(|s| r.state == s)
                            && (text.is_empty() || r.id.to_ascii_lowercase().contains(&text))
                    })
                })
                .collect();
            // One comparator, so one copy of the sort in the WebAssembly.
            idx.sort_by(|a, b| match (rows.get(*a), rows.get(*b)) {
                (Some(x), Some(y)) => match by {
                    Sort::Id => x.id.cmp(&y.id),
                    Sort::State => x.state.cmp(&y.state).then_with(|| x.id.cmp(&y.id)),
                    Sort::Next => x
                        .next
                        .map_or(IsoDate::MAX, |n| n.1)
                        .cmp(&y.next.map_or(IsoDate::MAX, |n| n.1))
                        .then_with(|| x.id.cmp(&y.id)),
                    Sort::Decisions => y
                        .decisions
                        .len()
                        .cmp(&x.decisions.len())
                        .then_with(|| x.id.cmp(&y.id)),
                },
                _ => std::cmp::Ordering::Equal,
            });
            if !ascending {
                idx.reverse();
            }
            idx
        })
    });
    Effect::new(move |_| {
        order.track();
        page.set(0);
    });
    let pages = move || order.with(Vec::len).div_ceil(PAGE).max(1);
    let header = move |label: &'static str, by: Sort| {
        let aria = move || match sort.get() {
            (s, true) if s == by => "ascending",
            (s, false) if s == by => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" class="nhsuk-table__header" aria-sort=aria>
                <button type="button" class="app-sort-button" data-testid=format!("sort-{label}")
                    on:click=move |_| sort.update(|(s, asc)| { if *s == by { *asc = !*asc } else { *s = by; *asc = true } })>
                    {label}
                </button>
            </th>
        }
    };
    let state_options: Vec<_> = State::ALL.iter().map(|s| (s.as_str(), s.label())).collect();
    view! {
        <h2>"Accounts"</h2>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-one-half">
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="filter-state">"Show accounts in this state"</label>
                    <select class="nhsuk-select" id="filter-state" data-testid="filter-state" on:change=typed(state_filter)
                        inner_html=options(std::iter::once(("", "All states")).chain(state_options.iter().map(|(v, w)| (*v, *w))), "")></select>
                </div>
            </div>
            <div class="nhsuk-grid-column-one-half">
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="filter-text">"Account id contains"</label>
                    <input class="nhsuk-input" id="filter-text" type="search" data-testid="filter-text"
                        on:input=typed(text_filter)/>
                </div>
            </div>
        </div>
        <p role="status" data-testid="showing">{move || {
            let n = order.with(Vec::len);
            let first = page.get() * PAGE;
            if n == 0 { "No accounts match.".to_owned() } else {
                format!("Showing {} to {} of {}", commas((first + 1) as u64), commas(n.min(first + PAGE) as u64), crate::words::count(n, "account", "accounts"))
            }
        }}</p>
        <div class="app-table-scroll" role="region" aria-label="Accounts" tabindex="0">
        <table class="nhsuk-table" data-testid="accounts">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Accounts, sortable by each column"</caption>
            <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                {header("Account", Sort::Id)}
                {header("State", Sort::State)}
                {header("Next change", Sort::Next)}
                {header("Decisions", Sort::Decisions)}
            </tr></thead>
            <tbody class="nhsuk-table__body" inner_html=move || {
                let first = page.get() * PAGE;
                order.with(|idx| rows.with(|rows| idx.iter().skip(first).take(PAGE).filter_map(|i| rows.get(*i)).map(row_html).collect::<Html>()))
            }>
            </tbody>
        </table>
        </div>
        <nav class="nhsuk-pagination" role="navigation" aria-label="Pages of accounts">
            <ul class="nhsuk-list nhsuk-pagination__list">
                <li class="nhsuk-pagination-item--previous">
                    <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-testid="previous-page"
                        disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Previous page"</button>
                </li>
                <li class="nhsuk-pagination-item--next">
                    <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-testid="next-page"
                        disabled={move || page.get() + 1 >= pages()} on:click=move |_| page.update(|p| *p += 1)>"Next page"</button>
                </li>
            </ul>
        </nav>
    }
}
