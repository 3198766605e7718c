//! What the simulator shows for one date: the state as a tag, the next change, what would stop it,
//! each change with its rule and source sentence, and the timeline as an SVG with the same data as
//! a table. Written as escaped HTML (see `html.rs`).

use nhsmail_rules::{AccountResult, IsoDate, Segment, State};

use crate::html::{h3, html, list, p_id, rule_source, summary_list, table, tag, Html};

/// The answer for one date.
pub fn outcome(result: &AccountResult, segments: &[Segment], as_of: IsoDate) -> Html {
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
    let date_or = |d: Option<IsoDate>| {
        Html::text(&d.map_or_else(|| "Not applicable".to_owned(), |d| d.long_form()))
    };
    let mut out = summary_list(vec![
        ("State", state, "state-row"),
        ("Next change", next, "next-row"),
        (
            "Sign in by",
            date_or(result.keep_active_by),
            "keep-active-by",
        ),
        (
            "Restore by",
            date_or(result.restorable_until),
            "restorable-until",
        ),
        (
            "Policy in force",
            Html::text(&result.policy_id),
            "policy-id",
        ),
    ]);

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
                .map(|a| Html::text(&format!("{} by {}", a.kind.label(), a.by.long_form()))),
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
                    rule_source(t.rule, t.rule.summary()),
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

    out.push(h3("Timeline"));
    out.push(timeline(
        segments,
        as_of,
        result.next.as_ref().map(|n| (n.state, n.on)),
    ));
    let rows: Vec<Vec<Html>> = segments
        .iter()
        .map(|s| {
            vec![
                tag(s.state),
                Html::text(&s.from.long_form()),
                Html::text(&s.to.map_or_else(|| "now".to_owned(), |d| d.long_form())),
            ]
        })
        .collect();
    out.push(table(
        "timeline",
        "Timeline of states",
        true,
        &["State", "From", "To"],
        &[],
        &rows,
    ));

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

/// The fill used for a state: the same colours as its tag.
fn fill(state: State) -> &'static str {
    match state {
        State::Active => "#007f3b",
        State::Inactive => "#ffb81c",
        State::Disabled => "#ed8b00",
        State::Leaver => "#005eb8",
        State::Deleted => "#d5281b",
        State::Purged => "#4c6272",
    }
}

/// The states as coloured bars on a time axis, a marker at each change and a dashed marker at the
/// next one. The text alternative lists the same stretches; the table under it has them too.
fn timeline(segments: &[Segment], as_of: IsoDate, next: Option<(State, IsoDate)>) -> Html {
    const LEFT: i64 = 10;
    const RIGHT: i64 = 990;
    let start = segments.first().map_or(as_of, |s| s.from);
    let end = next.map_or(as_of, |(_, on)| on).max(as_of);
    let span = end.days_since(start).max(1);
    // Whole numbers only: SVG does not need fractions of a unit here.
    let x = |d: IsoDate| LEFT + (RIGHT - LEFT) * d.days_since(start).clamp(0, span) / span;
    let description = segments
        .iter()
        .map(|s| {
            format!(
                "{} from {}{}",
                s.state.label(),
                s.from.long_form(),
                s.to.map_or_else(String::new, |t| format!(" to {}", t.long_form()))
            )
        })
        .chain(next.map(|(st, on)| format!("then {} on {}", st.label(), on.long_form())))
        .collect::<Vec<_>>()
        .join("; ");
    let bars: Html = segments
        .iter()
        .map(|s| {
            let x0 = x(s.from);
            let width = (x(s.to.unwrap_or(end)) - x0).max(2);
            html!(
                r#"<rect x="{}" y="10" width="{}" height="36" fill="{}"><title>{}</title></rect>"#,
                Html::num(x0),
                Html::num(width),
                Html::text(fill(s.state)),
                Html::text(s.state.label())
            )
        })
        .collect();
    let mut markers: Vec<(IsoDate, String, bool)> = segments
        .iter()
        .map(|s| (s.from, s.from.long_form(), false))
        .collect();
    if let Some((st, on)) = next {
        markers.push((on, format!("{}: {}", st.label(), on.long_form()), true));
    }
    let markers: Html = markers
        .into_iter()
        .enumerate()
        .map(|(i, (d, label, dashed))| {
            let mx = x(d);
            let row = if i % 2 == 0 { 72 } else { 100 };
            let anchor = if mx > 800 {
                "end"
            } else if mx < 200 {
                "start"
            } else {
                "middle"
            };
            let dash = if dashed {
                html!(r#" stroke-dasharray="6 4""#)
            } else {
                Html::default()
            };
            let mx = Html::num(mx);
            html!(
                r##"<line x1="{}" x2="{}" y1="6" y2="{}" stroke="#212b32" stroke-width="2"{}/><text x="{}" y="{}" text-anchor="{}" font-size="20" fill="#212b32">{}</text>"##,
                mx,
                mx,
                Html::num(row - 14),
                dash,
                mx,
                Html::num(row),
                Html::text(anchor),
                Html::text(&label)
            )
        })
        .collect();
    html!(
        r#"<svg class="app-timeline" viewBox="0 0 1000 120" role="img" aria-labelledby="timeline-title timeline-desc" data-testid="timeline-svg" width="100%"><title id="timeline-title">Timeline of the account's states</title><desc id="timeline-desc">{}</desc>{}{}</svg>"#,
        Html::text(&description),
        bars,
        markers
    )
}
