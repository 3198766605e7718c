//! The roster page's results as HTML: counts by state and by action, and a comparison of two
//! policy sets.

use nhsmail_rules::{Comparison, DecisionExport, State};

use crate::components::commas;
use crate::components::state_tag::state_label;
use crate::html::{h2, html, p_id, table, Html};

/// Counts by state and by action.
pub fn summary_html(e: &DecisionExport) -> Html {
    let s = &e.summary;
    let c = |n: usize| commas(n as u64);
    let states: Vec<Vec<Html>> = [
        (State::Active, s.by_state.active),
        (State::Inactive, s.by_state.inactive),
        (State::Disabled, s.by_state.disabled),
        (State::Leaver, s.by_state.leaver),
        (State::Deleted, s.by_state.deleted),
        (State::Purged, s.by_state.purged),
    ]
    .into_iter()
    .map(|(st, n)| vec![Html::text(state_label(st)), Html::text(&c(n))])
    .collect();
    let a = &s.by_action;
    let actions: Vec<Vec<Html>> = [
        ("Make active again", a.reactivate),
        ("Mark inactive", a.mark_inactive),
        ("Disable", a.disable),
        ("Mark as leaver", a.mark_leaver),
        ("Delete", a.delete),
        ("Delete permanently", a.purge),
        ("Remind to sign in", a.remind),
    ]
    .into_iter()
    .map(|(w, n)| vec![Html::text(w), Html::text(&c(n))])
    .collect();
    html!(
        r#"{}<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-one-half">{}</div><div class="nhsuk-grid-column-one-half">{}</div></div>"#,
        h2(&format!(
            "{} accounts on {} ({})",
            c(s.accounts),
            e.as_of.long_form(),
            e.policy_set
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
    )
}

/// A comparison of two policy sets.
pub fn comparison_html(c: &Comparison) -> Html {
    let (a, b) = (&c.summary.by_state_a, &c.summary.by_state_b);
    let n = |x: usize| commas(x as u64);
    let rows: Vec<Vec<Html>> = [
        (State::Active, a.active, b.active),
        (State::Inactive, a.inactive, b.inactive),
        (State::Disabled, a.disabled, b.disabled),
        (State::Leaver, a.leaver, b.leaver),
        (State::Deleted, a.deleted, b.deleted),
        (State::Purged, a.purged, b.purged),
    ]
    .into_iter()
    .map(|(s, x, y)| {
        vec![
            Html::text(state_label(s)),
            Html::text(&n(x)),
            Html::text(&n(y)),
        ]
    })
    .collect();
    let mut out = p_id(
        "differing",
        &format!(
            "{} of {} accounts differ.",
            n(c.summary.differing),
            n(c.summary.accounts)
        ),
    );
    out.push(table(
        "compare-states",
        "Accounts by state under each policy set",
        false,
        &["State", &c.policy_set_a, &c.policy_set_b],
        &[1, 2],
        &rows,
    ));
    let words = |a: &nhsmail_rules::Answer| {
        Html::text(&match &a.next {
            Some(nx) => format!(
                "{} since {}; {} on {}",
                state_label(a.state),
                a.since.long_form(),
                state_label(nx.state),
                nx.on.long_form()
            ),
            None => format!("{} since {}", state_label(a.state), a.since.long_form()),
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
            &["Account", &c.policy_set_a, &c.policy_set_b],
            &[],
            &shown,
        ));
    }
    out
}
