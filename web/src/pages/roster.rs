//! Roster and decisions: paste or upload a roster (CSV or JSON), evaluate it in chunks so the page
//! stays responsive, see counts by state and action, browse the accounts, compare policy sets, and
//! download the decisions exactly as `exportDecisions` writes them.

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use nhsmail_rules::{
    compare_policies, parse_roster_csv, DecisionExport, EngineError, EvaluationOptions, Exporter,
    PolicySet, Roster, BUILT_IN_SETS, DEFAULT_REMIND_WITHIN_DAYS,
};

use crate::browser::{by_id, download, read_chosen_file};
use crate::components::date_input::{date_error, read_date, DateInput};
use crate::components::form::{
    described_by, error_message, field_error, group_class_of, page_title, shown, typed,
    ErrorSummary, FieldError, TextInput,
};
use crate::components::{commas, today};
use crate::html::{html, options, p, Html};
use crate::pages::roster_table::{AccountsTable, Row};
use crate::pages::roster_view::{comparison_html, summary_html};
use crate::store::{kept_fields, load, Field, Fields};
use crate::words::{count, engine_error, problem_in, roster_columns, Labels};

const KEY: &str = "nhsmail-rules.roster.v1";
/// The date field's legend, which its error messages name.
const AS_OF: &str = "Date to check";
/// The engine's field names as this page labels them.
const LABELS: Labels<'static> = &[("asOf", "date to check")];
const WHAT: &str = "roster";
/// Where the policies page keeps a custom policy set (its JSON text).
pub const CUSTOM_KEY: &str = "nhsmail-rules.custom-policy.v1";
/// The policy set drop-downs' value for the custom policy set.
const CUSTOM: &str = "custom";
/// Pasted rosters larger than this are not kept after a reload (local storage holds about 5 MB).
const KEEP_LIMIT: usize = 1_000_000;
/// Accounts evaluated between two yields to the browser.
const CHUNK: usize = 2_000;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Form {
    pasted: String,
    as_of: String,
    policy_set: String,
    compare_with: String,
    remind: String,
}

impl Default for Form {
    /// The default policy set, compared with the next built-in one.
    fn default() -> Self {
        let policy_set = PolicySet::default_set().id;
        let compare_with = BUILT_IN_SETS
            .iter()
            .find(|s| s.id != policy_set)
            .map_or_else(|| policy_set.clone(), |s| s.id.to_owned());
        Form {
            pasted: String::new(),
            as_of: today().to_string(),
            policy_set,
            compare_with,
            remind: DEFAULT_REMIND_WITHIN_DAYS.to_string(),
        }
    }
}

impl Fields for Form {
    fn fields(&mut self, each: &mut dyn FnMut(&'static str, Field<'_>)) {
        each("pasted", Field::Text(&mut self.pasted));
        each("as_of", Field::Text(&mut self.as_of));
        each("policy_set", Field::Text(&mut self.policy_set));
        each("compare_with", Field::Text(&mut self.compare_with));
        each("remind", Field::Text(&mut self.remind));
    }
}
/// The policy set chosen by id: a built-in one, or "custom" from the policies page.
pub fn policy_set(id: &str) -> Result<PolicySet, String> {
    if id == CUSTOM {
        let text: String = load(CUSTOM_KEY, "custom policy set");
        return EvaluationOptions::from_json(&text)
            .map_err(|e| problem_in("Your custom policy set", &e, LABELS));
    }
    PolicySet::built_in(id).ok_or_else(|| format!("There is no policy set called {id}"))
}

/// The policy sets a person can choose, by title: built-in ones, then theirs.
pub fn set_choices() -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = BUILT_IN_SETS
        .iter()
        .map(|s| (s.id.to_owned(), s.title.to_owned()))
        .collect();
    let custom: String = load(CUSTOM_KEY, "custom policy set");
    if let Ok(set) = EvaluationOptions::from_json(&custom) {
        list.push((CUSTOM.into(), format!("Your policy set ({})", set.title())));
    }
    list
}

/// Reads a roster: JSON when it starts with `{`, else CSV.
fn read(text: &str) -> Result<Roster, EngineError> {
    if text.trim_start().starts_with('{') {
        Roster::from_json(text)
    } else {
        parse_roster_csv(text, &Default::default()).map(|r| Roster {
            accounts: r.accounts,
        })
    }
}

/// Where a check of the roster has got to.
enum Progress {
    Idle,
    Running { done: usize, total: usize },
    Done { total: usize },
}

impl Progress {
    /// What the page's status area says.
    fn html(&self) -> Html {
        match *self {
            Progress::Running { total: 0, .. } => p("Reading the roster…"),
            Progress::Running { done, total } => html!(
                r#"<label class="nhsuk-label" for="progress-bar">Checked {} of {}</label><progress id="progress-bar" max="{}" value="{}"></progress>"#,
                Html::text(&commas(done as u64)),
                Html::text(&count(total, "account", "accounts")),
                Html::num(total as i64),
                Html::num(done as i64)
            ),
            Progress::Done { total } => html!(
                r#"<p data-testid="done">Checked {}.</p>"#,
                Html::text(&count(total, "account", "accounts"))
            ),
            Progress::Idle => Html::default(),
        }
    }
}

/// The roster page.
#[component]
pub fn RosterPage() -> impl IntoView {
    let form = kept_fields::<Form>(KEY, WHAT);
    let field =
        |get: fn(&Form) -> String, set: fn(&mut Form, String)| crate::store::field(form, get, set);
    let pasted = RwSignal::new(form.with_untracked(|f| f.pasted.clone()));
    Effect::new(move |_| {
        let text = pasted.get();
        let keep = if text.len() <= KEEP_LIMIT {
            text
        } else {
            String::new()
        };
        form.update(|f| f.pasted = keep);
    });
    let as_of = field(|f| f.as_of.clone(), |f, v| f.as_of = v);
    let set_id = field(|f| f.policy_set.clone(), |f, v| f.policy_set = v);
    let compare_id = field(|f| f.compare_with.clone(), |f, v| f.compare_with = v);
    let remind = field(|f| f.remind.clone(), |f, v| f.remind = v);
    // Whether a chosen file is used (not the pasted roster), and its name and text.
    let file_chosen = RwSignal::new(false);
    let file_name = RwSignal::new(String::new());
    let file_text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // Whether a check is running, and what the status area says.
    let running = RwSignal::new(false);
    let status = RwSignal::new(Html::default());
    let progress = move |p: Progress| {
        running.set(matches!(p, Progress::Running { .. }));
        status.set(p.html());
    };
    let rows = RwSignal::new(Vec::<Row>::new());
    let export = RwSignal::new(None::<DecisionExport>);
    // The title of the policy set the export was made under.
    let export_set = RwSignal::new(String::new());
    let roster = StoredValue::new(None::<Roster>);
    // The comparison (empty before there is one).
    let comparison = RwSignal::new(Html::default());
    let choices = set_choices();
    page_title(
        || "Roster and decisions".to_owned(),
        move || !errors.with(Vec::is_empty),
    );

    let on_file = move |ev: leptos::ev::Event| {
        read_chosen_file(&ev, move |name, text| match text {
            Ok(text) => {
                file_text.set(text);
                file_name.set(name);
                file_chosen.set(true);
            }
            Err(why) => {
                file_chosen.set(false);
                errors.set(vec![FieldError::new(
                    "roster-file",
                    format!("The file could not be read: {why}"),
                )]);
            }
        });
    };

    // Back to the pasted roster: the file input is emptied too, so choosing the same file again
    // is a change the page hears.
    let use_pasted = move || {
        file_chosen.set(false);
        file_text.set(String::new());
        if let Some(input) = by_id::<web_sys::HtmlInputElement>("roster-file") {
            input.set_value("");
        }
    };

    let run = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if running.get_untracked() {
            return;
        }
        let mut problems = Vec::new();
        let day = read_date("as-of", AS_OF, &as_of.get_untracked());
        if let Err(e) = &day {
            problems.push(e.clone());
        }
        let remind_days = remind.get_untracked().trim().parse::<u32>();
        if remind_days.is_err() {
            problems.push(FieldError::new(
                "remind",
                "Enter the days ahead for reminders as a whole number, like 7",
            ));
        }
        let set = policy_set(&set_id.get_untracked());
        if let Err(m) = &set {
            problems.push(FieldError::new("policy-set", m.clone()));
        }
        let (source, text) = if !file_chosen.get_untracked() {
            ("roster-text", pasted.get_untracked())
        } else {
            ("roster-file", file_text.get_untracked())
        };
        if text.trim().is_empty() {
            problems.push(FieldError::new(
                "roster-text",
                "Paste a roster or choose a file",
            ));
        }
        let (Ok(day), Ok(remind_days), Ok(set), true) =
            (day, remind_days, set, problems.is_empty())
        else {
            errors.set(problems);
            return;
        };
        errors.set(Vec::new());
        export.set(None);
        comparison.set(Html::default());
        rows.set(Vec::new());
        progress(Progress::Running { done: 0, total: 0 });
        spawn_local(async move {
            // Let the browser paint "Reading the roster" first.
            TimeoutFuture::new(0).await;
            let fail = move |e: EngineError| {
                errors.set(vec![FieldError::new(
                    source,
                    problem_in("The roster", &e, LABELS),
                )]);
                progress(Progress::Idle);
            };
            let parsed = read(&text).and_then(|r| r.check_unique_ids().map(|()| r));
            let r = match parsed {
                Ok(r) => r,
                Err(e) => return fail(e),
            };
            let total = r.accounts.len();
            let mut exporter = Exporter::new(day, &set, remind_days);
            export_set.set(set.title().to_owned());
            let mut out = Vec::with_capacity(total);
            for (c, chunk) in r.accounts.chunks(CHUNK).enumerate() {
                for (j, account) in chunk.iter().enumerate() {
                    match exporter.push(account, c * CHUNK + j) {
                        Ok(result) => out.push(Row::new(&result, account.recorded_state)),
                        Err(e) => return fail(e),
                    }
                }
                progress(Progress::Running {
                    done: out.len(),
                    total,
                });
                TimeoutFuture::new(0).await;
            }
            let finished = exporter.finish();
            Row::attach(&mut out, &finished);
            rows.set(out);
            export.set(Some(finished));
            roster.set_value(Some(r));
            progress(Progress::Done { total });
        });
    };

    let compare = move |_| {
        let (Some(day), Some(r)) = (
            export.with_untracked(|e| e.as_ref().map(|e| e.as_of)),
            roster.get_value(),
        ) else {
            return;
        };
        comparison.set(Html::default());
        spawn_local(async move {
            TimeoutFuture::new(0).await;
            let sets = policy_set(&set_id.get_untracked())
                .and_then(|a| policy_set(&compare_id.get_untracked()).map(|b| (a, b)));
            let result = sets.and_then(|(a, b)| {
                let c = compare_policies(&r, day, &a, &b).map_err(|e| engine_error(&e, LABELS))?;
                Ok(comparison_html(&c, (a.title(), b.title())))
            });
            comparison.set(match result {
                Ok(c) => c,
                Err(m) => html!(r#"<p class="nhsuk-error-message">{}</p>"#, Html::text(&m)),
            });
        });
    };

    let save = move |_| {
        export.with_untracked(|e| {
            if let Some(e) = e {
                let text = serde_json::to_string(e).unwrap_or_default();
                download(
                    &format!("decisions-{}.json", e.as_of),
                    "application/json",
                    &text,
                );
            }
        });
    };

    let err = move |f: &'static str| field_error(errors, f);
    let select = move |id: &'static str,
                       label: &'static str,
                       value: RwSignal<String>,
                       choices: Vec<(String, String)>| {
        view! {
            <div class=group_class_of(err(id))>
                <label class="nhsuk-label" for=id>{label}</label>
                {error_message(id, err(id))}
                <select class="nhsuk-select" id=id data-testid=id aria-describedby=described_by(id, false, err(id))
                    inner_html=options(choices.iter().map(|(v, w)| (v.as_str(), w.as_str())), &value.get_untracked())
                    prop:value=shown(value) on:change=typed(value)></select>
            </div>
        }
    };

    view! {
        <h1>"Roster and decisions"</h1>
        <p class="nhsuk-lede-text">"Check every account in a roster on a date, and download the decisions for your back office."</p>
        <ErrorSummary errors/>
        <form on:submit=run novalidate>
            <div class=group_class_of(err("roster-text"))>
                <label class="nhsuk-label nhsuk-label--s" for="roster-text">"Paste a roster"</label>
                <div class="nhsuk-hint" id="roster-text-hint">{format!("A CSV with a header row: {}. Other common names for these columns work too. Or a JSON roster.", roster_columns())}</div>
                {error_message("roster-text", err("roster-text"))}
                <textarea class="nhsuk-textarea" id="roster-text" rows="6" spellcheck="false" data-testid="roster-text"
                    aria-describedby=described_by("roster-text", true, err("roster-text")) prop:value=shown(pasted) on:input=typed(pasted)></textarea>
            </div>
            <div class=group_class_of(err("roster-file"))>
                <label class="nhsuk-label nhsuk-label--s" for="roster-file">"Or choose a file"</label>
                <div class="nhsuk-hint" id="roster-file-hint">"A .csv or .json file. It is read in this browser and never sent anywhere."</div>
                {error_message("roster-file", err("roster-file"))}
                <input class="nhsuk-file-upload" id="roster-file" type="file" accept=".csv,.json,text/csv,application/json" data-testid="roster-file"
                    aria-describedby=described_by("roster-file", true, err("roster-file")) on:change=on_file/>
                <p class="nhsuk-body-s nhsuk-u-margin-top-2" data-testid="file-name" hidden=move || !file_chosen.get()>
                    {move || format!("Using {} ({} characters). ", file_name.get(), commas(file_text.with(String::len) as u64))}
                    <a href="#roster-file" on:click=move |ev| { ev.prevent_default(); use_pasted(); }>"Use the pasted roster instead"</a></p>
            </div>
            <DateInput id="as-of" legend=AS_OF value=as_of error=date_error(errors, "as-of")/>
            {select("policy-set", "Policy set", set_id, choices.clone())}
            <TextInput id="remind" label="Remind people this many days before they would become inactive or be deleted".to_owned() width="3" inputmode="numeric" value=remind error=err("remind")/>
            <button class="nhsuk-button" type="submit" data-testid="evaluate">"Check the roster"</button>
        </form>
        <div role="status" aria-live="polite" data-testid="progress" inner_html=move || status.get()></div>
        {move || export.with(|e| e.as_ref().map(|e| export_set.with(|set| summary_html(e, set)))).map(|summary| view! {
            <div inner_html=summary></div>
            <button type="button" class="nhsuk-button" on:click=save data-testid="download">"Download decisions (JSON)"</button>
            <AccountsTable rows/>
            <h2>"Compare policy sets"</h2>
            <p>"See which accounts would be in a different state, or change on a different date, under another policy set."</p>
        })}
        <div hidden=move || export.with(Option::is_none)>
            {select("compare-with", "Compare with", compare_id, choices.clone())}
            <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=compare data-testid="compare">"Compare"</button>
            <div inner_html=move || comparison.get()></div>
        </div>
    }
}
