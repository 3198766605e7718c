//! What the simulator shows for one date: the state as a tag, the next change, what would stop it,
//! and each change with its reason and source sentence. Written as escaped HTML (see `html.rs`);
//! the timeline is `simulator_timeline`'s.

use nhsmail_rules::IsoDate;

use crate::html::{h3, html, list, p_id, rule_source, summary_list, table, tag, Html};
use crate::pages::simulator_timeline::{why, Run};

/// A date a person must act by, saying so when it is the date looked at: the last day.
fn by(d: IsoDate, as_of: IsoDate) -> String {
    if d == as_of {
        format!("{}: today (the last day)", d.long_form())
    } else {
        d.long_form()
    }
}

/// The answer for one date.
pub fn outcome(run: &Run) -> Html {
    let (result, as_of) = (&run.result, run.scenario.as_of);
    let state = html!(
        r#"<span data-testid="state">{}</span> since <span data-testid="since">{}</span>"#,
        tag(result.state),
        Html::text(&result.since.long_form())
    );
    let next = match &result.next {
        Some(n) => html!(
            r#"<span data-testid="next">{}</span>{}"#,
            Html::text(&format!("{} on {}", n.state.label(), n.on.long_form())),
            rule_source(n.rule, n.rule.summary())
        ),
        None => html!(r#"<span data-testid="next">None: nothing more happens by itself</span>"#),
    };
    let p = run.set.in_force(as_of);
    let policy = format!(
        "{}: {} days without a sign-in to inactive, {} more to deleted (from {})",
        run.set.title(),
        p.inactive_after_days.get(),
        p.delete_after_inactive_days.get(),
        p.effective_from.long_form()
    );
    // A date that does not apply is left out: the list of actions says what to do instead.
    let mut rows = vec![
        ("State", state, "state-row"),
        ("Next change", next, "next-row"),
    ];
    if let Some(d) = result.keep_active_by {
        rows.push(("Sign in by", Html::text(&by(d, as_of)), "keep-active-by"));
    }
    if let Some(d) = result.restorable_until {
        rows.push(("Restore by", Html::text(&by(d, as_of)), "restorable-until"));
    }
    rows.push(("Policy in force", Html::text(&policy), "policy-id"));
    let mut out = summary_list(rows);

    out.push(h3("What would stop the next change"));
    if result.actions.is_empty() {
        out.push(p_id(
            "no-actions",
            "Nothing: no action changes what happens next.",
        ));
    } else {
        out.push(list(
            "nhsuk-list nhsuk-list--bullet",
            "actions",
            result
                .actions
                .iter()
                .map(|a| Html::text(&format!("{} by {}", a.kind.label(), by(a.by, as_of)))),
            false,
        ));
    }

    out.push(h3("Changes of state"));
    if result.transitions.is_empty() {
        out.push(p_id("no-transitions", "No changes of state yet."));
    } else {
        let rows: Vec<Vec<Html>> = result
            .transitions
            .iter()
            .map(|t| {
                vec![
                    Html::text(&t.on.long_form()),
                    Html::text(&format!("{} to {}", t.from.label(), t.to.label())),
                    html!(
                        r#"<p class="nhsuk-u-margin-bottom-2">{}</p>{}"#,
                        Html::text(why(t)),
                        rule_source(t.rule, "What the policy says")
                    ),
                ]
            })
            .collect();
        out.push(table(
            "transitions",
            "Changes of state",
            true,
            &["Date", "Change", "Why"],
            &[],
            &rows,
        ));
    }

    if !result.warnings.is_empty() {
        let items: Html = result
            .warnings
            .iter()
            .map(|w| {
                html!(
                    "<li>{}</li>",
                    Html::text(&format!("{}: {}", w.on.long_form(), w.message))
                )
            })
            .collect();
        out.push(html!(
            r#"<div class="nhsuk-warning-callout" data-testid="warnings"><h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>Events that were ignored</span></h3><ul>{}</ul></div>"#,
            items
        ));
    }
    out
}
