//! What the simulator shows for one date: the state as a tag, the next change, what would stop it,
//! each change with its rule and source sentence, and the timeline as an SVG with the same data as
//! a table.

use leptos::prelude::*;
use nhsmail_rules::{AccountResult, ActionKind, IsoDate, Segment, State};

use crate::components::form::RuleSource;
use crate::components::state_tag::{state_label, StateTag};

/// The answer for one date.
#[component]
pub fn Outcome(result: AccountResult, segments: Vec<Segment>, as_of: IsoDate) -> impl IntoView {
    let next = result.next.clone().map(|n| format!("{} on {}", state_label(n.state), n.on.long_form()));
    let next_rule = result.next.as_ref().map(|n| n.rule);
    view! {
        <dl class="nhsuk-summary-list">
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"State"</dt>
                <dd class="nhsuk-summary-list__value"><StateTag state=result.state testid="state"/>
                    " since " <span data-testid="since">{result.since.long_form()}</span></dd>
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Next change"</dt>
                <dd class="nhsuk-summary-list__value">
                    <span data-testid="next">{next.unwrap_or_else(|| "None: nothing more happens by itself".to_owned())}</span>
                    {next_rule.map(|rule| view! { <RuleSource rule/> })}
                </dd>
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Sign in by"</dt>
                <dd class="nhsuk-summary-list__value" data-testid="keep-active-by">{result.keep_active_by.map_or_else(|| "Not applicable".to_owned(), |d| d.long_form())}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Restore by"</dt>
                <dd class="nhsuk-summary-list__value" data-testid="restorable-until">{result.restorable_until.map_or_else(|| "Not applicable".to_owned(), |d| d.long_form())}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Policy in force"</dt>
                <dd class="nhsuk-summary-list__value" data-testid="policy-id">{result.policy_id.clone()}</dd>
            </div>
        </dl>

        <h3>"What would stop the next change"</h3>
        {if result.actions.is_empty() {
            view! { <p data-testid="no-actions">"Nothing: no action changes what happens next."</p> }.into_any()
        } else {
            view! {
                <ul class="nhsuk-list nhsuk-list--bullet" data-testid="actions">
                    {result.actions.iter().map(|a| view! { <li>{format!("{} by {}", action_words(a.kind), a.by.long_form())}</li> }).collect_view()}
                </ul>
            }.into_any()
        }}

        <h3>"Changes of state"</h3>
        {if result.transitions.is_empty() {
            view! { <p data-testid="no-transitions">"No changes of state yet."</p> }.into_any()
        } else {
            view! {
                <table class="nhsuk-table" data-testid="transitions">
                    <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Changes of state"</caption>
                    <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                        <th scope="col" class="nhsuk-table__header">"Date"</th>
                        <th scope="col" class="nhsuk-table__header">"Change"</th>
                        <th scope="col" class="nhsuk-table__header">"Why"</th>
                    </tr></thead>
                    <tbody class="nhsuk-table__body">
                        {result.transitions.iter().map(|t| view! {
                            <tr class="nhsuk-table__row">
                                <td class="nhsuk-table__cell">{t.on.long_form()}</td>
                                <td class="nhsuk-table__cell">{format!("{} to {}", state_label(t.from), state_label(t.to))}</td>
                                <td class="nhsuk-table__cell"><RuleSource rule=t.rule/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}

        <h3>"Timeline"</h3>
        <Timeline segments=segments.clone() as_of=as_of next=result.next.as_ref().map(|n| (n.state, n.on))/>
        <table class="nhsuk-table" data-testid="timeline">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Timeline of states"</caption>
            <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                <th scope="col" class="nhsuk-table__header">"State"</th>
                <th scope="col" class="nhsuk-table__header">"From"</th>
                <th scope="col" class="nhsuk-table__header">"To"</th>
            </tr></thead>
            <tbody class="nhsuk-table__body">
                {segments.into_iter().map(|s| view! {
                    <tr class="nhsuk-table__row">
                        <td class="nhsuk-table__cell"><StateTag state=s.state/></td>
                        <td class="nhsuk-table__cell">{s.from.long_form()}</td>
                        <td class="nhsuk-table__cell">{s.to.map_or_else(|| "now".to_owned(), |d| d.long_form())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>

        {(!result.warnings.is_empty()).then(|| view! {
            <div class="nhsuk-warning-callout" data-testid="warnings">
                <h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"Events that were ignored"</span></h3>
                <ul>{result.warnings.iter().map(|w| view! { <li>{format!("{}: {}", w.on.long_form(), w.message)}</li> }).collect_view()}</ul>
            </div>
        })}
    }
}

fn action_words(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::SignIn => "Sign in or send an email",
        ActionKind::CompleteOnboarding => "Accept the acceptable use policy and set the Account Secret",
        ActionKind::AskAdministratorToEnable => "Ask a local administrator to enable the account",
        ActionKind::AskHelpdeskToMarkJoiner => "Ask the helpdesk to mark them as joining a new organisation",
        ActionKind::AskHelpdeskToRestore => "Ask the helpdesk to restore the account",
    }
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
#[component]
fn Timeline(segments: Vec<Segment>, as_of: IsoDate, next: Option<(State, IsoDate)>) -> impl IntoView {
    const W: f64 = 1000.0;
    const LEFT: f64 = 10.0;
    const RIGHT: f64 = 990.0;
    let start = segments.first().map_or(as_of, |s| s.from);
    let end_of_data = next.map_or(as_of, |(_, on)| on).max(as_of).max(start);
    let span = (end_of_data.days_since(start).max(1)) as f64;
    let x = move |d: IsoDate| LEFT + (RIGHT - LEFT) * (d.days_since(start) as f64 / span);
    let last_day = |s: &Segment| s.to.unwrap_or(next.map_or(as_of, |(_, on)| on));
    let description = segments
        .iter()
        .map(|s| format!("{} from {}{}", state_label(s.state), s.from.long_form(), s.to.map_or_else(String::new, |t| format!(" to {}", t.long_form()))))
        .chain(next.map(|(st, on)| format!("then {} on {}", state_label(st), on.long_form())))
        .collect::<Vec<_>>()
        .join("; ");
    let mut markers: Vec<(IsoDate, String, bool)> = segments.iter().map(|s| (s.from, s.from.long_form(), false)).collect();
    if let Some((st, on)) = next {
        markers.push((on, format!("{}: {}", state_label(st), on.long_form()), true));
    }
    view! {
        <svg class="app-timeline" viewBox=format!("0 0 {W} 120") role="img" aria-labelledby="timeline-title timeline-desc" data-testid="timeline-svg" width="100%">
            <title id="timeline-title">"Timeline of the account's states"</title>
            <desc id="timeline-desc">{description}</desc>
            {segments.iter().map(|s| {
                let x0 = x(s.from);
                let width = (x(last_day(s)) - x0).max(2.0);
                view! { <rect x=x0 y="10" width=width height="36" fill=fill(s.state)><title>{state_label(s.state)}</title></rect> }
            }).collect_view()}
            {markers.into_iter().enumerate().map(|(i, (d, label, dashed))| {
                let mx = x(d);
                let row = if i % 2 == 0 { 72.0 } else { 100.0 };
                let anchor = if mx > W * 0.8 { "end" } else if mx < W * 0.2 { "start" } else { "middle" };
                view! {
                    <line x1=mx x2=mx y1="6" y2=row - 14.0 stroke="#212b32" stroke-width="2" stroke-dasharray=dashed.then_some("6 4")/>
                    <text x=mx y=row text-anchor=anchor font-size="20" fill="#212b32">{label}</text>
                }
            }).collect_view()}
        </svg>
    }
}
