//! The shared mailbox planner: sites, people and shared mailboxes against the allowance, the
//! problems, and a request for extra accounts with its email (SM-* rules).

use leptos::prelude::*;
use nhsmail_rules::{
    plan_shared_mailboxes, read_uk_date, ExtraRequestInput, IsoDate, MailboxInput, MailboxPlan,
    MailboxPlanInput, PolicySet, SiteInput, UserInput, WholeNumber, FIRST_YEAR, LAST_YEAR,
};

use crate::components::date_input::{date_error, read_date, read_date_in, DateInput};
use crate::components::form::{
    described_by, error_message, field_error, group_class_of, page_title, shown, typed, Checkbox,
    ErrorSummary, FieldError, TextInput,
};
use crate::components::today;
use crate::pages::mailboxes_plan::{PlanView, Shown};
use crate::store::{field, kept_fields, Field, Fields};
use crate::words::{engine_error, plain, Labels};

const KEY: &str = "nhsmail-rules.shared-mailboxes.v1";
const WHAT: &str = "shared mailbox plans";
/// The engine's field names as this page labels them.
const LABELS: Labels<'static> = &[("asOf", "date to plan for"), ("siteId", "site id")];
/// The date fields' legends, which their error messages name.
const AS_OF: &str = "Date to plan for";
const MDS: &str = "Date the minimum data set was complete";

/// The first and last days of the years the working-day calendar knows.
fn calendar_years() -> (IsoDate, IsoDate) {
    let day = |y, m, d| IsoDate::from_ymd(y, m, d).unwrap_or(IsoDate::MIN);
    (day(FIRST_YEAR, 1, 1), day(LAST_YEAR, 12, 31))
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Form {
    sites: String,
    users: String,
    mailboxes: String,
    request: bool,
    request_site: String,
    additional: String,
    justification: String,
    mds_complete_on: String,
    as_of: String,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            sites: String::new(),
            users: String::new(),
            mailboxes: String::new(),
            request: false,
            request_site: String::new(),
            additional: String::new(),
            justification: String::new(),
            mds_complete_on: String::new(),
            as_of: today().to_string(),
        }
    }
}

impl Fields for Form {
    fn fields(&mut self, each: &mut dyn FnMut(&'static str, Field<'_>)) {
        each("sites", Field::Text(&mut self.sites));
        each("users", Field::Text(&mut self.users));
        each("mailboxes", Field::Text(&mut self.mailboxes));
        each("request", Field::Flag(&mut self.request));
        each("request_site", Field::Text(&mut self.request_site));
        each("additional", Field::Text(&mut self.additional));
        each("justification", Field::Text(&mut self.justification));
        each("mds_complete_on", Field::Text(&mut self.mds_complete_on));
        each("as_of", Field::Text(&mut self.as_of));
    }
}
fn example() -> Form {
    let users: String = (1..=11)
        .map(|i| format!("carer{i:02}, oak, 2025-05-{:02}\n", 10 + i))
        .collect();
    Form {
        sites: "oak, Oak House\nelm, Elm Lodge\n".into(),
        users: format!("{users}amy.lee, oak, 2025-03-01\nsam.ng, elm, 2025-05-28\n"),
        mailboxes: "oak-office, oak, carer01 carer02, carer03 carer04 carer05 carer06 carer07 carer08 carer09 carer10 amy.lee\nelm-office, elm, , sam.ng\n".into(),
        request: true,
        request_site: "oak".into(),
        additional: "3".into(),
        justification: "our night staff need to read the shared mailbox".into(),
        mds_complete_on: "2025-06-02".into(),
        as_of: "2025-06-01".into(),
    }
}

/// The non-blank lines of a text area with their line numbers, split on commas.
fn lines(text: &str) -> Vec<(usize, Vec<String>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l.split(',').map(|c| c.trim().to_owned()).collect()))
        .collect()
}

fn words(cell: Option<&String>) -> Vec<String> {
    cell.map(|c| c.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// What each list's index stands for, so an engine error path (`users[2].siteId`) can name the line.
struct Lines {
    sites: Vec<usize>,
    users: Vec<usize>,
    mailboxes: Vec<usize>,
}

fn build(f: &Form) -> Result<(MailboxPlanInput, Lines), Vec<FieldError>> {
    let mut errors = Vec::new();
    let as_of = read_date("as-of", AS_OF, &f.as_of);
    if let Err(e) = &as_of {
        errors.push(e.clone());
    }
    let sites = lines(&f.sites);
    if sites.is_empty() {
        errors.push(FieldError::new(
            "sites",
            "Enter at least one site, like: oak, Oak House",
        ));
    }
    let users = lines(&f.users);
    for (line, cells) in &users {
        if cells.len() < 3 || cells.iter().take(3).any(String::is_empty) {
            errors.push(FieldError::new("users", format!("People, line {line}: enter the id, the site id and the date they last signed in, separated by commas")));
        } else if let Some(Err(why)) = cells.get(2).map(|d| read_uk_date(d)) {
            errors.push(FieldError::new("users", format!("People, line {line}: enter the date they last signed in as a real date, like 20/05/2025 ({})", why.replace('`', ""))));
        }
    }
    let mailboxes = lines(&f.mailboxes);
    for (line, cells) in &mailboxes {
        if cells.len() < 2 || cells.iter().take(2).any(String::is_empty) {
            errors.push(FieldError::new("mailboxes", format!("Shared mailboxes, line {line}: enter the mailbox id and the site id, then the owners and members")));
        }
    }
    let cell = |c: &[String], i: usize| c.get(i).cloned().unwrap_or_default();
    let date = |text: &str| read_uk_date(text).ok();
    let mut request = None;
    if f.request {
        if f.request_site.trim().is_empty() {
            errors.push(FieldError::new(
                "request-site",
                "Enter the id of the site that needs extra accounts",
            ));
        }
        let additional = f.additional.trim();
        let n = additional.parse::<u32>().ok().filter(|n| *n > 0);
        if !additional.is_empty() && n.is_none() {
            errors.push(FieldError::new(
                "additional",
                "Enter the number of new accounts as a whole number, like 3",
            ));
        }
        // Not needed (empty is "not complete yet"); when given, a date the working-day calendar
        // knows, as the completion date is counted in working days from it.
        let mds = match f.mds_complete_on.trim() {
            "" => None,
            _ => read_date_in("mds-complete-on", MDS, &f.mds_complete_on, calendar_years())
                .map_err(|e| errors.push(e))
                .ok(),
        };
        let justification = f.justification.trim();
        request = Some(ExtraRequestInput {
            site_id: f.request_site.trim().to_owned(),
            additional: n.map(WholeNumber),
            justification: (!justification.is_empty()).then(|| justification.to_owned()),
            mds_complete_on: mds,
        });
    }
    let Ok(as_of) = as_of else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let input = MailboxPlanInput {
        sites: sites
            .iter()
            .map(|(_, c)| SiteInput {
                id: cell(c, 0),
                name: c.get(1).filter(|n| !n.is_empty()).cloned(),
            })
            .collect(),
        users: users
            .iter()
            .map(|(_, c)| UserInput {
                id: cell(c, 0),
                site_id: cell(c, 1),
                last_activity: c.get(2).and_then(|d| date(d)),
                state: None,
            })
            .collect(),
        mailboxes: mailboxes
            .iter()
            .map(|(_, c)| MailboxInput {
                id: cell(c, 0),
                site_id: cell(c, 1),
                owners: words(c.get(2)),
                members: words(c.get(3)),
            })
            .collect(),
        request,
        as_of,
    };
    let index = |l: &[(usize, Vec<String>)]| l.iter().map(|(n, _)| *n).collect();
    Ok((
        input,
        Lines {
            sites: index(&sites),
            users: index(&users),
            mailboxes: index(&mailboxes),
        },
    ))
}

/// An engine error about `users[2].siteId` becomes "People, line 3: ..." on the right field.
fn field_error_of(e: &nhsmail_rules::EngineError, l: &Lines) -> FieldError {
    let path = e.path.as_str();
    let list = |name: &str, label: &str, field: &str, lines: &[usize]| {
        let rest = path.strip_prefix(name)?.strip_prefix('[')?;
        let i: usize = rest.split(']').next()?.parse().ok()?;
        let line = lines.get(i)?;
        Some(FieldError::new(
            field,
            format!("{label}, line {line}: {}", plain(&e.detail, LABELS)),
        ))
    };
    list("sites", "Sites", "sites", &l.sites)
        .or_else(|| list("users", "People", "users", &l.users))
        .or_else(|| list("mailboxes", "Shared mailboxes", "mailboxes", &l.mailboxes))
        .unwrap_or_else(|| {
            let field = if path.starts_with("request") {
                "request-site"
            } else {
                "sites"
            };
            FieldError::new(field, engine_error(e, LABELS))
        })
}

/// The plan, and the sites it names (their names are shown where given).
fn plan(f: &Form) -> Result<(MailboxPlan, Vec<SiteInput>), Vec<FieldError>> {
    let (input, lines) = build(f)?;
    plan_shared_mailboxes(&input, &PolicySet::default_set())
        .map(|p| (p, input.sites))
        .map_err(|e| vec![field_error_of(&e, &lines)])
}

/// The planner page.
#[component]
pub fn Planner() -> impl IntoView {
    let form = kept_fields::<Form>(KEY, WHAT);
    let text = |get: fn(&Form) -> String, set: fn(&mut Form, String)| field(form, get, set);
    let sites = text(|f| f.sites.clone(), |f, v| f.sites = v);
    let users = text(|f| f.users.clone(), |f, v| f.users = v);
    let mailboxes = text(|f| f.mailboxes.clone(), |f, v| f.mailboxes = v);
    let request_site = text(|f| f.request_site.clone(), |f, v| f.request_site = v);
    let additional = text(|f| f.additional.clone(), |f, v| f.additional = v);
    let justification = text(|f| f.justification.clone(), |f, v| f.justification = v);
    let mds = text(|f| f.mds_complete_on.clone(), |f, v| f.mds_complete_on = v);
    let as_of = text(|f| f.as_of.clone(), |f, v| f.as_of = v);
    let request = field(form, |f| f.request, |f, v| f.request = v);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let result = Shown::new();
    page_title(
        || "Shared mailbox planner".to_owned(),
        move || !errors.with(Vec::is_empty),
    );

    let run = move || match form.with_untracked(plan) {
        Ok((p, sites)) => {
            errors.set(Vec::new());
            result.set(Some((&p, &sites)));
        }
        Err(e) => {
            errors.set(e);
            result.set(None);
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run();
    };
    let load_example = move |_| {
        let e = example();
        sites.set(e.sites.clone());
        users.set(e.users.clone());
        mailboxes.set(e.mailboxes.clone());
        request_site.set(e.request_site.clone());
        additional.set(e.additional.clone());
        justification.set(e.justification.clone());
        mds.set(e.mds_complete_on.clone());
        as_of.set(e.as_of.clone());
        request.set(true);
    };
    let err = move |f: &'static str| field_error(errors, f);
    let area = move |id: &'static str,
                     label: &'static str,
                     hint: &'static str,
                     value: RwSignal<String>| {
        let error = err(id);
        view! {
            <div class=group_class_of(error)>
                <label class="nhsuk-label nhsuk-label--s" for=id>{label}</label>
                <div class="nhsuk-hint" id=format!("{id}-hint")>{hint}</div>
                {error_message(id, error)}
                <textarea class="nhsuk-textarea" id=id rows="5" data-testid=id spellcheck="false"
                    aria-describedby=described_by(id, true, error)
                    prop:value=shown(value) on:input=typed(value)></textarea>
            </div>
        }
    };

    view! {
        <h1>"Shared mailbox planner"</h1>
        <p class="nhsuk-lede-text">"Check your shared mailboxes and accounts against your allowance, and ask for extra accounts."</p>
        <p>
            <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=load_example data-testid="example">"Fill in an example"</button>
        </p>
        <ErrorSummary errors/>
        <form on:submit=submit novalidate>
            <DateInput id="as-of" legend=AS_OF value=as_of error=date_error(errors, "as-of")/>
            {area("sites", "Sites", "One site per line: its id, then its name if you like. For example: oak, Oak House", sites)}
            {area("users", "People with accounts", "One person per line: their id, their site id and the date they last signed in. For example: amy.lee, oak, 20/05/2025", users)}
            {area("mailboxes", "Shared mailboxes", "One mailbox per line: its id, its site id, its owners, then its members. Separate people with spaces. For example: oak-office, oak, amy.lee sam.ng, jo.bloggs", mailboxes)}
            <div class="nhsuk-form-group">
                <div class="nhsuk-checkboxes">
                    <Checkbox id="request" label="I need more than the allowance of accounts for a site" value=request/>
                </div>
            </div>
            <fieldset class="nhsuk-fieldset" hidden=move || !request.get()>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">"Request for extra accounts"</legend>
                <TextInput id="request-site" label="Site id".to_owned() width="10" value=request_site error=err("request-site")/>
                <TextInput id="additional" label="Number of new accounts needed".to_owned() width="4" inputmode="numeric" value=additional error=err("additional")/>
                {area("justification", "Why you need them", "This goes into the email, after \"We require these extra accounts because\".", justification)}
                <DateInput id="mds-complete-on" legend=MDS hint="Leave this empty if it is not complete yet. For example, 15 3 2025" value=mds error=date_error(errors, "mds-complete-on")/>
            </fieldset>
            <button class="nhsuk-button" type="submit" data-testid="plan">"Check the plan"</button>
        </form>
        <div aria-live="polite"><PlanView shown=result/></div>
    }
}

#[cfg(test)]
mod tests {
    use super::{build, example};
    use nhsmail_rules::MailboxPlanInput;

    /// The example's input, built from the text areas, is the one `planSharedMailboxes` reads
    /// from the same JSON.
    #[test]
    fn the_form_gives_the_json_contract_input() {
        let users: Vec<String> = (1..=11)
            .map(|i| {
                format!(
                    r#"{{"id":"carer{i:02}","siteId":"oak","lastActivity":"2025-05-{:02}"}}"#,
                    10 + i
                )
            })
            .collect();
        let json = format!(
            r#"{{"sites":[{{"id":"oak","name":"Oak House"}},{{"id":"elm","name":"Elm Lodge"}}],
                "users":[{},{{"id":"amy.lee","siteId":"oak","lastActivity":"2025-03-01"}},
                         {{"id":"sam.ng","siteId":"elm","lastActivity":"2025-05-28"}}],
                "mailboxes":[{{"id":"oak-office","siteId":"oak","owners":["carer01","carer02"],
                    "members":["carer03","carer04","carer05","carer06","carer07","carer08","carer09","carer10","amy.lee"]}},
                    {{"id":"elm-office","siteId":"elm","owners":[],"members":["sam.ng"]}}],
                "request":{{"siteId":"oak","additional":3,
                    "justification":"our night staff need to read the shared mailbox","mdsCompleteOn":"2025-06-02"}},
                "asOf":"2025-06-01"}}"#,
            users.join(",")
        );
        let want: MailboxPlanInput = serde_json::from_str(&json).unwrap();
        let (got, lines) = build(&example()).unwrap();
        assert_eq!(got, want);
        assert_eq!(lines.users.len(), 13);
    }

    #[test]
    fn bad_cells_are_field_errors() {
        let mut f = example();
        f.users.push_str("jo, oak, 2025-02-30\n");
        f.additional = "0".into();
        let Err(errors) = build(&f) else {
            panic!("a bad date and zero accounts were accepted");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["users", "additional"]);
    }
}
