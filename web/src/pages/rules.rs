//! Policies and rules: every rule with its source sentence, the built-in policy sets, and a custom
//! policy set loaded from JSON (kept for the roster page), with field-path errors.

use leptos::prelude::*;
use nhsmail_rules::{rules, EvaluationOptions, Policy, PolicySet};

use crate::browser::read_chosen_file;
use crate::components::commas;
use crate::components::form::{
    described_by, error_message, field_error, group_class_of, page_title, shown, typed,
    ErrorSummary, FieldError,
};
use crate::html::{h3, html, rule_source, Html};
use crate::pages::roster::CUSTOM_KEY;
use crate::store::{load, remove, save};
use crate::words::problem_in;

const SECTIONS: [(u8, &str); 4] = [
    (3, "Account lifecycle"),
    (4, "Signing in"),
    (5, "Who can get NHSmail"),
    (6, "Shared mailboxes and extra accounts"),
];

/// The page's contents list.
fn contents_html() -> Html {
    SECTIONS
        .iter()
        .map(|(n, t)| (format!("#section-{n}"), *t))
        .chain([
            ("#policy-sets".to_owned(), "Policy sets"),
            ("#your-policy-set".to_owned(), "Your own policy set"),
        ])
        .map(|(href, t)| {
            html!(
                r#"<li class="nhsuk-contents-list__item"><a class="nhsuk-contents-list__link" href="{}">{}</a></li>"#,
                Html::text(&href),
                Html::text(t)
            )
        })
        .collect()
}

const EXAMPLE: &str = r#"{
  "policySet": "my-trust",
  "policies": [
    { "id": "my-trust-2024", "effectiveFrom": "2024-01-01", "inactiveAfterDays": 45 }
  ]
}"#;

/// The policies page.
#[component]
pub fn RulesPage() -> impl IntoView {
    let text = RwSignal::new(load::<String>(CUSTOM_KEY, "custom policy set"));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // The loaded policy set as the page shows it (empty when there is none).
    let custom = RwSignal::new(
        EvaluationOptions::from_json(&text.get_untracked())
            .map(|set| set_html(&set))
            .unwrap_or_default(),
    );
    page_title(
        || "Policies and rules".to_owned(),
        move || !errors.with(Vec::is_empty),
    );

    let apply = move |source: &'static str, t: String| match EvaluationOptions::from_json(&t) {
        Ok(set) => {
            errors.set(Vec::new());
            save(CUSTOM_KEY, "custom policy set", &t);
            text.set(t);
            custom.set(set_html(&set));
        }
        Err(e) => {
            // The file is the options' JSON: its paths start inside it.
            let mut e = e;
            e.path = e
                .path
                .strip_prefix("options.")
                .unwrap_or(&e.path)
                .to_owned();
            if e.path == "options" {
                e.path.clear();
            }
            errors.set(vec![FieldError::new(
                source,
                problem_in("Your policy set", &e, &[]),
            )]);
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        apply("policy-text", text.get_untracked());
    };
    let on_file = move |ev: leptos::ev::Event| {
        read_chosen_file(&ev, move |_, text| match text {
            Ok(t) => apply("policy-file", t),
            Err(why) => errors.set(vec![FieldError::new(
                "policy-file",
                format!("The file could not be read ({why}). Choose a JSON file"),
            )]),
        });
    };
    let remove = move |_| {
        remove(CUSTOM_KEY);
        text.set(String::new());
        custom.set(Html::default());
        errors.set(Vec::new());
    };
    let err = move |f: &'static str| field_error(errors, f);

    view! {
        <h1>"Policies and rules"</h1>
        <p class="nhsuk-lede-text">"Every rule this tool applies, with the published sentence it comes from."</p>
        <ul class="nhsuk-contents-list__list" inner_html=contents_html()></ul>
        <div inner_html=catalogue_html()></div>
        <h2 id="policy-sets">"Policy sets"</h2>
        <p>"A policy set is a list of policies, each in force from a date until the next one starts."</p>
        <div inner_html={PolicySet::built_ins().iter().map(set_html).collect::<Html>()}></div>

        <h2 id="your-policy-set">"Your own policy set"</h2>
        <p>"Load a policy set as JSON to use it on the roster page. Any number you leave out takes the national value."</p>
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"What the file looks like"</span></summary>
            <div class="nhsuk-details__text"><pre class="app-code">{EXAMPLE}</pre></div>
        </details>
        <ErrorSummary errors/>
        <form on:submit=submit novalidate>
            <div class=group_class_of(err("policy-file"))>
                <label class="nhsuk-label nhsuk-label--s" for="policy-file">"Choose a JSON file"</label>
                {error_message("policy-file", err("policy-file"))}
                <input class="nhsuk-file-upload" id="policy-file" type="file" accept=".json,application/json" data-testid="policy-file"
                    aria-describedby=described_by("policy-file", false, err("policy-file")) on:change=on_file/>
            </div>
            <div class=group_class_of(err("policy-text"))>
                <label class="nhsuk-label nhsuk-label--s" for="policy-text">"Or paste it"</label>
                {error_message("policy-text", err("policy-text"))}
                <textarea class="nhsuk-textarea" id="policy-text" rows="8" spellcheck="false" data-testid="policy-text"
                    aria-describedby=described_by("policy-text", false, err("policy-text")) prop:value=shown(text) on:input=typed(text)></textarea>
            </div>
            <button class="nhsuk-button" type="submit" data-testid="load-policy">"Use this policy set"</button>
        </form>
        <div data-testid="custom-set" hidden=move || custom.with(Html::is_empty)>
            <div inner_html=move || custom.get()></div>
            <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=remove data-testid="remove-policy">"Remove your policy set"</button>
        </div>
    }
}

fn days(n: u32) -> String {
    format!("{} {}", commas(n), if n == 1 { "day" } else { "days" })
}

fn parameters(p: &Policy) -> Vec<(&'static str, String)> {
    let when = |d: Option<nhsmail_rules::IsoDate>| {
        d.map_or_else(|| "Not in force".to_owned(), |d| d.long_form())
    };
    vec![
        (
            "Inactive after no activity for",
            days(p.inactive_after_days.get()),
        ),
        (
            "Deleted after being inactive for",
            days(p.delete_after_inactive_days.get()),
        ),
        ("Can be restored for", days(p.restore_window_days.get())),
        (
            "New accounts must accept the acceptable use policy within",
            days(p.onboarding_days.get()),
        ),
        (
            "Disabled accounts kept for",
            format!("{} months", commas(p.disabled_retention_months.get())),
        ),
        ("Leavers deleted after", days(p.leaver_deletion_days.get())),
        (
            "Multi-factor authentication needed outside the UK from",
            when(p.mfa_abroad_from),
        ),
        (
            "Account Secret needed for the portal from",
            when(p.account_secret_soft_from),
        ),
        (
            "Account Secret needed for Office 365 from",
            when(p.account_secret_hard_from),
        ),
        (
            "Named user accounts per site",
            commas(p.named_users_per_site.get()),
        ),
        (
            "Shared mailboxes per site",
            commas(p.shared_mailboxes_per_site.get()),
        ),
        (
            "Working days to set up extra accounts",
            commas(p.extra_accounts_sla_working_days.get()),
        ),
    ]
}

/// A policy set as a table: one row per setting, one column per policy.
fn set_html(set: &PolicySet) -> Html {
    let policies = set.policies();
    let count = parameters(&Policy::national_defaults("x", nhsmail_rules::IsoDate::MIN)).len();
    let id = Html::text(&set.id);
    let heads: Html = policies
        .iter()
        .map(|p| {
            html!(
                r#"<th scope="col" class="nhsuk-table__header">{}</th>"#,
                Html::text(&format!("From {}", p.effective_from.long_form()))
            )
        })
        .collect();
    let all: Vec<Vec<(&str, String)>> = policies.iter().map(parameters).collect();
    let rows: Html = (0..count)
        .map(|i| {
            let label = all.first().and_then(|c| c.get(i)).map_or("", |c| c.0);
            let cells: Html = all
                .iter()
                .map(|cells| {
                    html!(
                        r#"<td class="nhsuk-table__cell">{}</td>"#,
                        Html::text(cells.get(i).map_or("", |c| &c.1))
                    )
                })
                .collect();
            html!(
                r#"<tr class="nhsuk-table__row"><th scope="row" class="nhsuk-table__header">{}</th>{}</tr>"#,
                Html::text(label),
                cells
            )
        })
        .collect();
    html!(
        r#"{}<div class="app-table-scroll"><table class="nhsuk-table" data-testid="set-{}"><caption class="nhsuk-table__caption nhsuk-u-visually-hidden">Policies in {}</caption><thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th scope="col" class="nhsuk-table__header">Setting</th>{}</tr></thead><tbody class="nhsuk-table__body">{}</tbody></table></div>"#,
        h3(&format!("Policy set: {}", set.title())),
        id,
        Html::text(set.title()),
        heads,
        rows
    )
}

/// Every rule by section, with its source sentence.
fn catalogue_html() -> Html {
    SECTIONS
        .into_iter()
        .map(|(n, title)| {
            let rules: Html = rules()
                .iter()
                .filter(|r| r.section == n)
                .map(|r| {
                    html!(
                        r#"<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key"><code>{}</code></dt><dd class="nhsuk-summary-list__value"><p class="nhsuk-u-margin-bottom-1">{}</p>{}</dd></div>"#,
                        Html::text(r.id.as_str()),
                        Html::text(r.summary),
                        rule_source(r.id, "What the policy says")
                    )
                })
                .collect();
            let n = Html::num(n.into());
            html!(
                r#"<h2 id="section-{}">{}</h2><dl class="nhsuk-summary-list" data-testid="rules-{}">{}</dl>"#,
                n,
                Html::text(title),
                n,
                rules
            )
        })
        .collect()
}
