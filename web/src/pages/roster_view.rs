//! The roster page's results as HTML: counts by state and by action, and a comparison of two
//! policy sets.

use nhsmail_rules::{ActionCounts, Comparison, DecisionAction, DecisionExport, State, StateCounts};

use crate::components::commas;
use crate::html::{h2, html, list, p_id, table, Html};
use crate::words::count;

/// The count of accounts in `state`.
fn in_state(counts: &StateCounts, state: State) -> usize {
    match state {
        State::Active => counts.active,
        State::Inactive => counts.inactive,
        State::Disabled => counts.disabled,
        State::Leaver => counts.leaver,
        State::Deleted => counts.deleted,
        State::Purged => counts.purged,
    }
}

/// The count of decisions to take `action`.
fn of_action(counts: &ActionCounts, action: DecisionAction) -> usize {
    match action {
        DecisionAction::Reactivate => counts.reactivate,
        DecisionAction::MarkInactive => counts.mark_inactive,
        DecisionAction::Disable => counts.disable,
        DecisionAction::MarkLeaver => counts.mark_leaver,
        DecisionAction::Delete => counts.delete,
        DecisionAction::Purge => counts.purge,
        DecisionAction::Remind => counts.remind,
    }
}

/// Counts by state and by action, under the policy set titled `set`.
pub fn summary_html(e: &DecisionExport, set: &str) -> Html {
    let s = &e.summary;
    let c = |n: usize| commas(n as u64);
    let states: Vec<Vec<Html>> = State::ALL
        .into_iter()
        .map(|st| {
            vec![
                Html::text(st.label()),
                Html::text(&c(in_state(&s.by_state, st))),
            ]
        })
        .collect();
    let actions: Vec<Vec<Html>> = DecisionAction::ALL
        .into_iter()
        .map(|a| {
            vec![
                Html::text(a.label()),
                Html::text(&c(of_action(&s.by_action, a))),
            ]
        })
        .collect();
    let mut out = html!(
        r#"{}<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-one-half">{}</div><div class="nhsuk-grid-column-one-half">{}</div></div>"#,
        h2(&format!(
            "{} on {} ({})",
            count(s.accounts, "account", "accounts"),
            e.as_of.long_form(),
            set
        )),
        table(
            "by-state",
            "Accounts by state",
            false,
            &["State", "Accounts"],
            &[1],
            &states
        ),
        table(
            "by-action",
            "Decisions by action",
            false,
            &["Action", "Decisions"],
            &[1],
            &actions
        ),
    );
    out.push(held_html(e));
    out
}

/// The rows kept as recorded for want of a date (SPEC 7.0): no decision is made for them, and
/// the person is told which date to add.
fn held_html(e: &DecisionExport) -> Html {
    let held = e.held.as_deref().unwrap_or_default();
    if held.is_empty() {
        return Html::default();
    }
    let items = held.iter().map(|h| {
        html!(
            "<strong>{}</strong>: {}",
            Html::text(&h.account_id),
            Html::text(&h.message)
        )
    });
    html!(
        r#"<div class="nhsuk-inset-text" data-testid="held"><span class="nhsuk-u-visually-hidden">Information: </span><h2 class="nhsuk-heading-s">{}</h2><p>We kept these as recorded because the file has no date for them. No decision is made for them until you add the date they were disabled or marked as leavers (a status date column).</p>{}</div>"#,
        Html::text(&format!(
            "{} kept as recorded",
            count(held.len(), "account", "accounts")
        )),
        list("nhsuk-list nhsuk-list--bullet", "held-list", items, false)
    )
}

/// A comparison of two policy sets, titled `a` and `b`.
pub fn comparison_html(c: &Comparison, (set_a, set_b): (&str, &str)) -> Html {
    let (a, b) = (&c.summary.by_state_a, &c.summary.by_state_b);
    let n = |x: usize| commas(x as u64);
    let rows: Vec<Vec<Html>> = State::ALL
        .into_iter()
        .map(|s| {
            vec![
                Html::text(s.label()),
                Html::text(&n(in_state(a, s))),
                Html::text(&n(in_state(b, s))),
            ]
        })
        .collect();
    let mut out = p_id(
        "differing",
        &format!(
            "{} of {} {}.",
            n(c.summary.differing),
            count(c.summary.accounts, "account", "accounts"),
            if c.summary.differing == 1 {
                "differs"
            } else {
                "differ"
            }
        ),
    );
    out.push(table(
        "compare-states",
        "Accounts by state under each policy set",
        false,
        &["State", set_a, set_b],
        &[1, 2],
        &rows,
    ));
    let words = |a: &nhsmail_rules::Answer| {
        Html::text(&match &a.next {
            Some(nx) => format!(
                "{} since {}; {} on {}",
                a.state.label(),
                a.since.long_form(),
                nx.state.label(),
                nx.on.long_form()
            ),
            None => format!("{} since {}", a.state.label(), a.since.long_form()),
        })
    };
    let shown: Vec<Vec<Html>> = c
        .differences
        .iter()
        .take(100)
        .map(|d| vec![Html::text(&d.account_id), words(&d.a), words(&d.b)])
        .collect();
    if !shown.is_empty() {
        out.push(table(
            "differences",
            &format!("Accounts that differ (first {} shown)", shown.len()),
            false,
            &["Account", set_a, set_b],
            &[],
            &shown,
        ));
    }
    out
}
