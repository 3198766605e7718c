//! The simulator's timeline for a trainer: the account run under a policy set, its drawing with a
//! marker for every event, policy change and the date looked at, the same facts as a table, a
//! download of the drawing, two policy sets side by side, and the steps presenter mode moves
//! through. Written as escaped HTML (see `html.rs`); the geometry is `timeline::layout`'s.

use nhsmail_rules::{
    evaluate_account, evaluate_account_explained, segments, Account, AccountResult, Event,
    EventType, IsoDate, PolicySet, Segment, State, Transition,
};

use crate::components::lower_first;
use crate::html::{h3, html, table, tag, Html};
use crate::pages::simulator::Scenario;
use crate::timeline::draw::{data_url, svg};
use crate::timeline::layout::{layout, short_date, Kind, Mark, WIDTH};

/// A scenario run under a policy set: what the page shows for it.
pub struct Run {
    pub scenario: Scenario,
    pub set: PolicySet,
    pub result: AccountResult,
    pub segments: Vec<Segment>,
}

/// The scenario's account, as the engine takes it.
pub(crate) fn account(s: &Scenario) -> Account {
    Account {
        recorded_state: None,
        id: "simulated".into(),
        kind: s.kind,
        created: s.created,
        onboarded: Some(s.onboarded),
        recorded_since: None,
        active_on: None,
        address: None,
        organisation: None,
        events: s.events.clone(),
    }
}

/// The scenario under the policy set `set_id` on its date; an error says what to fix.
pub fn compute(s: &Scenario, set_id: &str) -> Result<Run, String> {
    let set = PolicySet::built_in(set_id).ok_or("Choose a policy set")?;
    if s.as_of < s.created {
        return Err(format!(
            "The date to look at must be on or after the creation date ({})",
            s.created.long_form()
        ));
    }
    let account = account(s);
    let result = evaluate_account_explained(&account, s.as_of, &set)
        .map_err(|e| crate::words::engine_error(&e, &[("asOf", "date to look at")]))?;
    // The same as `timeline(&account, as_of, &set)`, without living the account twice.
    let segments = segments(account.start_day(), &result.transitions);
    Ok(Run {
        scenario: s.clone(),
        set,
        result,
        segments,
    })
}

/// Every change of state in the account's life if nothing else happens: up to its last event or
/// the date looked at, then each next change in turn (a few at most: deleted, then purged).
pub fn life(s: &Scenario, set: &PolicySet) -> Vec<Transition> {
    let account = account(s);
    let last = s.events.iter().map(|e| e.on).max().unwrap_or(s.created);
    let mut day = last.max(s.as_of).max(s.created);
    let mut out = Vec::new();
    for _ in 0..5 {
        let Ok(r) = evaluate_account(&account, day, set) else {
            break;
        };
        out = r.transitions;
        match r.next {
            Some(n) if n.on > day => day = n.on,
            _ => break,
        }
    }
    out
}

/// The days presenter mode steps through: the first day, every event and every change of state.
pub fn stops(s: &Scenario, set: &PolicySet) -> Vec<IsoDate> {
    let mut days: Vec<IsoDate> = std::iter::once(s.created)
        .chain(s.events.iter().map(|e| e.on))
        .chain(life(s, set).iter().map(|t| t.on))
        .filter(|d| *d >= s.created)
        .collect();
    days.sort();
    days.dedup();
    days
}

/// An event in words: its channel's for an activity, else its kind's, and any detail.
pub fn describe(event: &Event) -> String {
    let words = match event.channel.filter(|_| event.kind == EventType::Activity) {
        Some(channel) => channel.label(),
        None => event.kind.label(),
    };
    match (&event.organisation, &event.address) {
        (Some(org), _) => format!("{words}: {org}"),
        (_, Some(address)) => format!("{words}: {address}"),
        (None, None) => words.to_owned(),
    }
}

/// Why a change of state happened, in words with the numbers (the core's explanation), or the
/// rule's summary when there is none.
pub fn why(t: &Transition) -> &str {
    t.because
        .as_ref()
        .map_or(t.rule.summary(), |b| b.text.as_str())
}

/// The axis of a run's drawing: its first day to the date looked at or its next change.
fn span(run: &Run) -> (IsoDate, IsoDate) {
    let start = run.segments.first().map_or(run.scenario.as_of, |s| s.from);
    let next = run.result.next.as_ref().map(|n| n.on);
    (
        start,
        next.unwrap_or(run.scenario.as_of).max(run.scenario.as_of),
    )
}

/// Every policy in `set` that takes effect between `start` (exclusive) and `end`, in words:
/// "1 December 2022: North Central London ICB moves to 30 days".
pub fn policy_changes(set: &PolicySet, start: IsoDate, end: IsoDate) -> Vec<(IsoDate, String)> {
    set.policies()
        .windows(2)
        .filter_map(|pair| match pair {
            [before, p] if p.effective_from > start && p.effective_from <= end => {
                let (was, now) = (before.inactive_after_days, p.inactive_after_days);
                let change = if was == now {
                    "changes its policy".to_owned()
                } else {
                    format!("moves to {} days", now.get())
                };
                Some((
                    p.effective_from,
                    format!("{}: {} {change}", p.effective_from.long_form(), set.title()),
                ))
            }
            _ => None,
        })
        .collect()
}

/// The markers for a run's drawing from `start` to `end`.
fn marks(run: &Run, start: IsoDate, end: IsoDate) -> Vec<Mark> {
    let s = &run.scenario;
    let mark = |on: IsoDate, kind: Kind, text: String| Mark {
        on,
        kind,
        text,
        short: short_date(on),
    };
    // Many events: their dates only, so that more of them find room.
    let many = s.events.len() > 12;
    // One label a day: "6 January 2025: accepted the acceptable use policy and set the Account
    // Secret" (the events are in date order).
    let mut out: Vec<Mark> = Vec::new();
    for e in s.events.iter().filter(|e| e.on >= start && e.on <= end) {
        let words = lower_first(&describe(e));
        match out.last_mut() {
            Some(m) if m.on == e.on && !many => {
                m.text.push_str(" and ");
                m.text.push_str(&words);
            }
            Some(m) if m.on == e.on => {}
            _ => {
                let text = if many {
                    short_date(e.on)
                } else {
                    format!("{}: {words}", e.on.long_form())
                };
                out.push(mark(e.on, Kind::Event, text));
            }
        }
    }
    let policies = policy_changes(&run.set, start, end);
    for seg in run.segments.iter().skip(1) {
        // On the day of an event or a policy change, that label gives the date.
        let said = s.events.iter().any(|e| e.on == seg.from)
            || policies.iter().any(|(on, _)| *on == seg.from);
        let text = if said {
            String::new()
        } else {
            seg.from.long_form()
        };
        out.push(mark(seg.from, Kind::Change, text));
    }
    for (on, words) in policies {
        out.push(mark(on, Kind::Policy, words));
    }
    if let Some(n) = &run.result.next {
        let words = format!(
            "{} on {} if nothing changes",
            n.state.label(),
            n.on.long_form()
        );
        out.push(mark(n.on, Kind::Next, words));
    }
    let words = format!("{}: the date looked at", s.as_of.long_form());
    out.push(mark(s.as_of, Kind::AsOf, words));
    out
}

/// The stretches in words, for the drawing's description.
fn in_words(run: &Run) -> String {
    run.segments
        .iter()
        .map(|s| {
            format!(
                "{} from {}{}",
                s.state.label(),
                s.from.long_form(),
                s.to.map_or_else(String::new, |t| format!(" to {}", t.long_form()))
            )
        })
        .chain(
            run.result
                .next
                .as_ref()
                .map(|n| format!("then {} on {}", n.state.label(), n.on.long_form())),
        )
        .collect::<Vec<_>>()
        .join("; ")
}

/// A run's drawing from `start` to `end`, and how many labels were left out for room.
fn drawing(run: &Run, (start, end): (IsoDate, IsoDate), id: &str, title: &str) -> (Html, usize) {
    let l = layout(WIDTH, start, end, &run.segments, &marks(run, start, end));
    let title = format!("{title}: {}", run.set.title());
    (svg(&l, id, &title, &in_words(run)), l.left_out)
}

/// The scenario in one sentence, which the printed page keeps.
fn scenario_words(run: &Run) -> String {
    let s = &run.scenario;
    format!(
        "{} created on {}, under {}, looked at on {}.",
        s.kind.label(),
        s.created.long_form(),
        run.set.title(),
        s.as_of.long_form()
    )
}

/// The timeline: the scenario in words, the drawing in its own scrolling box, a download link,
/// and the same stretches as a table.
pub fn area(run: &Run) -> Html {
    let (drawn, left_out) = drawing(run, span(run), "tl", "Timeline of the account's states");
    let note = if left_out > 0 {
        html!(
            r#"<p class="nhsuk-body-s">{}</p>"#,
            Html::text(&format!(
                "Markers without a label, for want of room: {left_out}. The tables list every event and change."
            ))
        )
    } else {
        Html::default()
    };
    let rows: Vec<Vec<Html>> = run
        .segments
        .iter()
        .map(|s| {
            let to = s.to.map_or_else(
                || format!("{} (the date looked at)", run.scenario.as_of.long_form()),
                |d| d.long_form(),
            );
            vec![
                tag(s.state),
                Html::text(&s.from.long_form()),
                Html::text(&to),
            ]
        })
        .collect();
    html!(
        r#"<p data-testid="scenario-words">{}</p><div class="app-timeline-box" role="region" aria-label="Timeline drawing" tabindex="0">{}</div>{}<p class="app-no-print"><a class="nhsuk-link" data-testid="download-svg" download="timeline.svg" href="{}">Download the timeline (SVG)</a></p>{}"#,
        Html::text(&scenario_words(run)),
        drawn.clone(),
        note,
        Html::text(&data_url(&drawn.to_string())),
        table(
            "timeline",
            "Timeline of states",
            true,
            &["State", "From", "To"],
            &[],
            &rows
        )
    )
}

/// How a state reached reads in a sentence: "is deleted".
fn reached(state: State) -> String {
    match state {
        State::Active => "is active again".to_owned(),
        State::Purged => "is permanently deleted".to_owned(),
        State::Leaver => "is marked as a leaver".to_owned(),
        other => format!("is {}", lower_first(other.label())),
    }
}

/// The differences between two runs of one scenario, in words: for each state either reaches,
/// when each reaches it first.
pub fn differences(a: &Run, b: &Run) -> Vec<String> {
    let (la, lb) = (life(&a.scenario, &a.set), life(&b.scenario, &b.set));
    let first = |life: &[Transition], s: State| life.iter().find(|t| t.to == s).map(|t| t.on);
    let (na, nb) = (a.set.title(), b.set.title());
    let mut out = Vec::new();
    for s in State::ALL {
        let said = match (first(&la, s), first(&lb, s)) {
            (Some(x), Some(y)) if x != y => {
                let days = x.days_since(y);
                let (n, which) = if days < 0 {
                    (-days, "earlier")
                } else {
                    (days, "later")
                };
                format!(
                    "Under {na} the account {} on {}, {n} days {which} than under {nb} ({}).",
                    reached(s),
                    x.long_form(),
                    y.long_form()
                )
            }
            (Some(x), None) => format!(
                "Under {na} the account {} on {}; under {nb} it never does.",
                reached(s),
                x.long_form()
            ),
            (None, Some(y)) => format!(
                "Under {nb} the account {} on {}; under {na} it never does.",
                reached(s),
                y.long_form()
            ),
            _ => continue,
        };
        out.push(said);
    }
    if out.is_empty() {
        out.push(format!(
            "{na} and {nb} give this account the same changes on the same days."
        ));
    }
    out
}

/// The same scenario under two policy sets: two drawings on one date axis, and the differences
/// in words.
pub fn side_by_side(a: &Run, b: &Run) -> Html {
    let ((start, ea), (_, eb)) = (span(a), span(b));
    let axis = (start, ea.max(eb));
    let (da, _) = drawing(a, axis, "cmp-a", "Side by side");
    let (db, _) = drawing(b, axis, "cmp-b", "Side by side");
    let words: Html = differences(a, b)
        .iter()
        .map(|w| html!("<li>{}</li>", Html::text(w)))
        .collect();
    html!(
        r#"{}<ul class="nhsuk-list nhsuk-list--bullet" data-testid="differences">{}</ul><h4>{}</h4><div class="app-timeline-box">{}</div><h4>{}</h4><div class="app-timeline-box">{}</div>"#,
        h3("Side by side"),
        words,
        Html::text(a.set.title()),
        da,
        Html::text(b.set.title()),
        db
    )
}

/// Presenter mode's screen: the date and the state in large type, what happened that day, the
/// drawing, what happens next, and where the step is.
pub fn presenter(run: &Run) -> Html {
    let (s, r) = (&run.scenario, &run.result);
    let days = stops(s, &run.set);
    let step = days.iter().filter(|d| **d <= s.as_of).count();
    let mut today: Vec<String> = s
        .events
        .iter()
        .filter(|e| e.on == s.as_of)
        .map(describe)
        .collect();
    if s.as_of == s.created {
        today.insert(0, "The account is created".to_owned());
    }
    today.extend(r.transitions.iter().filter(|t| t.on == s.as_of).map(|t| {
        format!(
            "{} to {}: {}",
            t.from.label(),
            lower_first(t.to.label()),
            why(t)
        )
    }));
    let today: Html = today
        .iter()
        .map(|w| html!("<li>{}</li>", Html::text(w)))
        .collect();
    let next = r.next.as_ref().map_or_else(
        || "Nothing more happens by itself.".to_owned(),
        |n| {
            format!(
                "Next: {} on {} if nothing changes.",
                n.state.label(),
                n.on.long_form()
            )
        },
    );
    let (drawn, _) = drawing(run, span(run), "pr", "Timeline of the account's states");
    html!(
        r#"<p class="app-present-date" data-testid="present-date">{}</p><p class="app-present-state" data-testid="present-state">{} since {}</p><ul class="app-present-list">{}</ul>{}<p class="app-present-next">{}</p><p class="nhsuk-body-s" data-testid="present-step">{}</p><div class="nhsuk-button-group"><button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-step="back">Back</button><button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-step="forward">Forward</button><button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-step="leave">Leave presenter mode</button></div>"#,
        Html::text(&s.as_of.long_form()),
        tag(r.state),
        Html::text(&r.since.long_form()),
        today,
        drawn,
        Html::text(&next),
        Html::text(&format!(
            "Step {step} of {}. Right arrow or Page Down: forward. Left arrow or Page Up: back. Escape: leave.",
            days.len()
        ))
    )
}

#[cfg(test)]
#[path = "simulator_timeline_tests.rs"]
mod tests;
