//! The eligibility checker's answers: what a person answered, which questions apply, where each
//! page leads, how each answer is checked, and the engine's input built from them.

use nhsmail_rules::{
    check_eligibility, DsptStatus, DsptYear, EligibilityInput, IsoDate, OrganisationType,
    PolicySet, Sites,
};

use crate::components::from_key;
use crate::page::{Question, Step};
use crate::store::{Field, Fields};

/// Everything the person answered, as they answered it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    pub(super) organisation_type: String,
    pub(super) cqc_registered: String,
    pub(super) dspt_status: String,
    pub(super) approaching_before: String,
    pub(super) dspt_year: String,
    pub(super) sites: String,
    pub(super) local_administrators: String,
    pub(super) existing_nhsmail: String,
}

impl Fields for Answers {
    fn fields(&mut self, each: &mut dyn FnMut(&'static str, Field<'_>)) {
        each(
            "organisation_type",
            Field::Text(&mut self.organisation_type),
        );
        each("cqc_registered", Field::Text(&mut self.cqc_registered));
        each("dspt_status", Field::Text(&mut self.dspt_status));
        each(
            "approaching_before",
            Field::Text(&mut self.approaching_before),
        );
        each("dspt_year", Field::Text(&mut self.dspt_year));
        each("sites", Field::Text(&mut self.sites));
        each(
            "local_administrators",
            Field::Text(&mut self.local_administrators),
        );
        each("existing_nhsmail", Field::Text(&mut self.existing_nhsmail));
    }
}
impl Answers {
    /// The kind of organisation answered, if it is one.
    pub(super) fn organisation(&self) -> Option<OrganisationType> {
        from_key(&self.organisation_type)
    }

    /// Whether the organisation answered is a care provider.
    pub(super) fn care_provider(&self) -> bool {
        self.organisation() == Some(OrganisationType::CareProvider)
    }

    /// The DSPT status answered, if it is one.
    pub(super) fn dspt(&self) -> Option<DsptStatus> {
        from_key(&self.dspt_status)
    }
}

/// Whether a question is asked, given the answers so far: never after a knock-out answer to an
/// earlier question (UI.md: nobody answers questions whose answers cannot change the outcome).
pub(super) fn applies(q: Question, a: &Answers, as_of: IsoDate) -> bool {
    asked(q, a) && !knocked_out(&before(q, a), as_of)
}

/// The answers to the questions before `q` only.
fn before(q: Question, a: &Answers) -> Answers {
    let mut earlier = a.clone();
    for later in Question::ALL.into_iter().skip(q.index()) {
        set_answer(later, &mut earlier, String::new());
    }
    earlier
}

/// Whether the answers so far already make the outcome "not eligible", whatever the questions not
/// yet answered are answered: the core decides, given the best answers to those questions.
pub(super) fn knocked_out(a: &Answers, as_of: IsoDate) -> bool {
    if !a.care_provider() {
        return false;
    }
    let dspt = a.dspt().unwrap_or(DsptStatus::StandardsMet);
    // A year unanswered: one that counts on any day (the last but one).
    let year = if a.dspt_year.is_empty() {
        use chrono::Datelike;
        let y = as_of.naive().year() - 1;
        format!("{y:04}-{:02}", (y + 1) % 100).parse().ok()
    } else {
        a.dspt_year.parse::<DsptYear>().ok()
    };
    let best = EligibilityInput {
        organisation_type: OrganisationType::CareProvider,
        cqc_registered: a.cqc_registered != "no",
        dspt_status: Some(dspt),
        dspt_year: year.filter(|_| dspt.passes()),
        approaching_standards_before: false,
        sites: None,
        has_local_administrators: true,
        has_nhsmail_already: false,
        as_of,
    };
    check_eligibility(&best, &PolicySet::default_set()).is_ok_and(|r| !r.eligible)
}

/// Whether a question is asked of this kind of organisation and DSPT status.
fn asked(q: Question, a: &Answers) -> bool {
    let care = a.care_provider();
    match q {
        Question::CqcRegistered
        | Question::DsptStatus
        | Question::Sites
        | Question::LocalAdministrators => care,
        Question::ApproachingBefore => care && a.dspt() == Some(DsptStatus::ApproachingStandards),
        Question::DsptYear => care && a.dspt().is_some_and(DsptStatus::passes),
        Question::OrganisationType | Question::ExistingNhsmail => true,
    }
}

/// The answer given to `q`, as it was given ("" when there is none).
pub(super) fn answer(q: Question, a: &Answers) -> &str {
    match q {
        Question::OrganisationType => &a.organisation_type,
        Question::CqcRegistered => &a.cqc_registered,
        Question::DsptStatus => &a.dspt_status,
        Question::ApproachingBefore => &a.approaching_before,
        Question::DsptYear => &a.dspt_year,
        Question::Sites => &a.sites,
        Question::LocalAdministrators => &a.local_administrators,
        Question::ExistingNhsmail => &a.existing_nhsmail,
    }
}

pub(super) fn set_answer(q: Question, a: &mut Answers, value: String) {
    let slot = match q {
        Question::OrganisationType => &mut a.organisation_type,
        Question::CqcRegistered => &mut a.cqc_registered,
        Question::DsptStatus => &mut a.dspt_status,
        Question::ApproachingBefore => &mut a.approaching_before,
        Question::DsptYear => &mut a.dspt_year,
        Question::Sites => &mut a.sites,
        Question::LocalAdministrators => &mut a.local_administrators,
        Question::ExistingNhsmail => &mut a.existing_nhsmail,
    };
    *slot = value;
}

/// Where "Continue" goes: the next question asked (when changing an answer, the next one not yet
/// answered), else check your answers; after a knock-out answer, straight to the outcome.
pub(super) fn next_step(q: Question, a: &Answers, changing: bool, as_of: IsoDate) -> Step {
    if knocked_out(a, as_of) {
        return Step::Outcome;
    }
    Question::ALL
        .into_iter()
        .skip(q.index() + 1)
        .find(|s| applies(*s, a, as_of) && (!changing || answer(*s, a).is_empty()))
        .map_or(Step::Check, Step::Question)
}

/// Where the back link goes from `step`: the previous question asked, else the start page.
pub(super) fn previous_step(step: Step, a: &Answers, as_of: IsoDate) -> Step {
    let upto = match step {
        Step::Question(q) => q.index(),
        Step::Start | Step::Check | Step::Outcome => Question::ALL.len(),
    };
    Question::ALL
        .into_iter()
        .take(upto)
        .rev()
        .find(|s| applies(*s, a, as_of))
        .map_or(Step::Start, Step::Question)
}

/// Accepts "2024-25" and the DSPT's own "24/25".
pub(super) fn normalise_year(text: &str) -> String {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() == 5
        && b.get(2) == Some(&b'/')
        && t.chars().filter(char::is_ascii_digit).count() == 4
    {
        return format!("20{}-{}", &t[..2], &t[3..]);
    }
    t.to_owned()
}

/// Checks one answer; the error says how to fix it.
pub(super) fn validate(q: Question, value: &str, as_of: IsoDate) -> Result<String, String> {
    let v = value.trim();
    let missing = match q {
        Question::OrganisationType => "Select the kind of organisation you are",
        Question::CqcRegistered => {
            "Select yes if you are registered with the Care Quality Commission"
        }
        Question::DsptStatus => "Select your DSPT status, or select I'm not sure",
        Question::ApproachingBefore => {
            "Select yes if you have published at Approaching Standards before"
        }
        Question::DsptYear => "Enter the year your DSPT was published for, like 2024-25",
        Question::Sites => "Enter how many sites you have, like 3",
        Question::LocalAdministrators => {
            "Select yes if you have staff who can be local administrators"
        }
        Question::ExistingNhsmail => "Select yes if your organisation already has NHSmail",
    };
    if v.is_empty() {
        return Err(missing.to_owned());
    }
    match q {
        Question::DsptYear => {
            let year = normalise_year(v);
            match year.parse::<DsptYear>() {
                Err(()) => Err(
                    "Enter the year in the format 2024-25, with the second year following the first"
                        .to_owned(),
                ),
                Ok(y) if !super::eligibility_dspt::possible(y, as_of) => {
                    Err(super::eligibility_dspt::range_message(as_of))
                }
                Ok(_) => Ok(year),
            }
        }
        Question::Sites => match v.replace(',', "").parse::<u32>() {
            Ok(n) if Sites::new(n).is_some() => Ok(n.to_string()),
            Ok(_) => Err(format!(
                "Enter a number of sites from 1 to {}",
                crate::components::commas(Sites::MAX)
            )),
            Err(_) => Err("Enter the number of sites as a whole number, like 3".to_owned()),
        },
        Question::OrganisationType
        | Question::CqcRegistered
        | Question::DsptStatus
        | Question::ApproachingBefore
        | Question::LocalAdministrators
        | Question::ExistingNhsmail => Ok(v.to_owned()),
    }
}

/// The core's input, built from the answers to the questions asked (questions not asked, and
/// answers kept from questions no longer asked, take the SPEC defaults).
pub(super) fn input(a: &Answers, as_of: IsoDate) -> Result<EligibilityInput, String> {
    let given = |q: Question| {
        if applies(q, a, as_of) {
            answer(q, a)
        } else {
            ""
        }
    };
    let yes = |q: Question| given(q) == "yes";
    let organisation_type = a.organisation().ok_or("Select the type of organisation")?;
    let mut input = EligibilityInput {
        organisation_type,
        cqc_registered: false,
        dspt_status: None,
        dspt_year: None,
        approaching_standards_before: false,
        sites: None,
        has_local_administrators: false,
        has_nhsmail_already: yes(Question::ExistingNhsmail),
        as_of,
    };
    if organisation_type == OrganisationType::CareProvider {
        input.cqc_registered = yes(Question::CqcRegistered);
        // Not asked after a knock-out (not CQC registered): the engine's default, not known.
        if !applies(Question::DsptStatus, a, as_of) {
            return Ok(input);
        }
        let dspt = a.dspt().ok_or("Select your organisation's DSPT status")?;
        input.dspt_status = Some(dspt);
        input.approaching_standards_before = yes(Question::ApproachingBefore);
        input.has_local_administrators = yes(Question::LocalAdministrators);
        if dspt.passes() {
            let year = a.dspt_year.parse().map_err(|()| {
                "Enter the year in the format 2024-25, with the second year following the first"
            })?;
            input.dspt_year = Some(year);
        }
        // Not a number means the question was not asked (the engine's default, 1 site); a
        // number out of range (only from an edited store: the question refuses it) is an error.
        if let Ok(n) = given(Question::Sites).parse::<u32>() {
            let sites = Sites::new(n).ok_or("Enter a number of sites from 1 to 1,000,000")?;
            input.sites = Some(sites);
        }
    }
    Ok(input)
}

#[cfg(test)]
mod tests {
    use super::{applies, input, knocked_out, next_step, previous_step, Answers};
    use crate::page::{Question, Step};
    use nhsmail_rules::{EligibilityInput, IsoDate};

    fn on() -> IsoDate {
        "2025-06-01".parse().unwrap()
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        let mut a = Answers::default();
        for (slug, value) in pairs {
            let q = Question::ALL
                .into_iter()
                .find(|q| q.slug() == *slug)
                .unwrap();
            super::set_answer(q, &mut a, (*value).to_owned());
        }
        a
    }

    /// The input built from the answers is the one `checkEligibility` reads from the same JSON.
    #[test]
    fn answers_give_the_json_contract_input() {
        let care = answers(&[
            ("organisation-type", "careProvider"),
            ("cqc-registered", "yes"),
            ("dspt-status", "approachingStandards"),
            ("approaching-before", "yes"),
            ("dspt-year", "2024-25"),
            ("sites", "3"),
            ("local-administrators", "no"),
            ("existing-nhsmail", "no"),
        ]);
        let json: EligibilityInput = serde_json::from_str(
            r#"{"organisationType":"careProvider","cqcRegistered":true,
                "dsptStatus":"approachingStandards","approachingStandardsBefore":true,
                "dsptYear":"2024-25","sites":3,"hasLocalAdministrators":false,
                "hasNhsmailAlready":false,"asOf":"2025-06-01"}"#,
        )
        .unwrap();
        assert_eq!(input(&care, on()), Ok(json));

        // Questions a national support organisation is not asked take the SPEC defaults.
        let national = answers(&[
            ("organisation-type", "nationalSupport"),
            ("dspt-status", "standardsMet"),
            ("existing-nhsmail", "yes"),
        ]);
        let json: EligibilityInput = serde_json::from_str(
            r#"{"organisationType":"nationalSupport","hasNhsmailAlready":true,"asOf":"2025-06-01"}"#,
        )
        .unwrap();
        assert_eq!(input(&national, on()), Ok(json));
    }

    #[test]
    fn unanswered_or_unknown_answers_are_errors_not_defaults() {
        assert!(input(&Answers::default(), on()).is_err());
        let a = answers(&[
            ("organisation-type", "careProvider"),
            ("dspt-status", "great"),
        ]);
        assert!(input(&a, on()).is_err());
        let a = answers(&[
            ("organisation-type", "careProvider"),
            ("dspt-status", "standardsMet"),
            ("dspt-year", "2024-26"),
        ]);
        assert!(input(&a, on()).is_err());
        for sites in ["0", "1000001"] {
            let a = answers(&[("organisation-type", "careProvider"), ("sites", sites)]);
            assert!(input(&a, on()).is_err(), "{sites}");
        }
    }

    #[test]
    fn steps_skip_the_questions_that_do_not_apply() {
        let national = answers(&[("organisation-type", "nationalSupport")]);
        assert_eq!(
            next_step(Question::OrganisationType, &national, false, on()),
            Step::Question(Question::ExistingNhsmail)
        );
        assert_eq!(
            previous_step(Step::Question(Question::ExistingNhsmail), &national, on()),
            Step::Question(Question::OrganisationType)
        );
        assert_eq!(
            next_step(Question::ExistingNhsmail, &national, false, on()),
            Step::Check
        );
        assert_eq!(
            previous_step(Step::Question(Question::OrganisationType), &national, on()),
            Step::Start
        );
        let met = answers(&[
            ("organisation-type", "careProvider"),
            ("dspt-status", "standardsMet"),
        ]);
        assert_eq!(
            next_step(Question::DsptStatus, &met, false, on()),
            Step::Question(Question::DsptYear)
        );
        assert_eq!(
            previous_step(Step::Check, &met, on()),
            Step::Question(Question::ExistingNhsmail)
        );
    }

    #[test]
    fn a_knock_out_answer_goes_straight_to_the_outcome() {
        let care = [
            ("organisation-type", "careProvider"),
            ("cqc-registered", "yes"),
        ];
        let not_registered = answers(&[
            ("organisation-type", "careProvider"),
            ("cqc-registered", "no"),
        ]);
        assert!(knocked_out(&not_registered, on()));
        assert_eq!(
            next_step(Question::CqcRegistered, &not_registered, false, on()),
            Step::Outcome
        );
        assert!(!applies(Question::DsptStatus, &not_registered, on()));
        for status in ["notPublished", "standardsNotMet", "unknown"] {
            let a = answers(&[care[0], care[1], ("dspt-status", status)]);
            assert_eq!(
                next_step(Question::DsptStatus, &a, false, on()),
                Step::Outcome,
                "{status}"
            );
            assert!(!applies(Question::Sites, &a, on()), "{status}");
        }
        // A year that stopped counting on 30 June 2024 is a knock-out on 1 June 2025.
        let lapsed = answers(&[
            care[0],
            care[1],
            ("dspt-status", "standardsMet"),
            ("dspt-year", "2022-23"),
        ]);
        assert_eq!(
            next_step(Question::DsptYear, &lapsed, false, on()),
            Step::Outcome
        );
        let current = answers(&[
            care[0],
            care[1],
            ("dspt-status", "standardsMet"),
            ("dspt-year", "2023-24"),
        ]);
        assert_eq!(
            next_step(Question::DsptYear, &current, false, on()),
            Step::Question(Question::Sites)
        );
        // Answers kept from questions no longer asked do not reach the engine.
        let mut changed = answers(&[
            care[0],
            ("cqc-registered", "no"),
            ("existing-nhsmail", "yes"),
            ("dspt-status", "standardsMet"),
        ]);
        let i = input(&changed, on()).unwrap();
        assert!(!i.has_nhsmail_already && i.dspt_status.is_none());
        super::set_answer(Question::CqcRegistered, &mut changed, "yes".into());
        assert!(
            input(&changed, on()).is_err(),
            "the DSPT year is asked again"
        );
    }
}
