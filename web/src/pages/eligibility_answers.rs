//! The eligibility checker's answers: what a person answered, which questions apply, where each
//! page leads, how each answer is checked, and the engine's input built from them.

use nhsmail_rules::{EligibilityInput, Sites};

use crate::components::from_key;
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
/// The questions, in order.
pub(super) const STEPS: [&str; 8] = [
    "organisation-type",
    "cqc-registered",
    "dspt-status",
    "approaching-before",
    "dspt-year",
    "sites",
    "local-administrators",
    "existing-nhsmail",
];

pub(super) fn passing(status: &str) -> bool {
    matches!(
        status,
        "approachingStandards" | "standardsMet" | "standardsExceeded"
    )
}

/// Whether a question is asked, given the answers so far.
pub(super) fn applies(step: &str, a: &Answers) -> bool {
    let care = a.organisation_type == "careProvider";
    match step {
        "cqc-registered" | "dspt-status" | "sites" | "local-administrators" => care,
        "approaching-before" => care && a.dspt_status == "approachingStandards",
        "dspt-year" => care && passing(&a.dspt_status),
        _ => true,
    }
}

pub(super) fn answer<'a>(step: &str, a: &'a Answers) -> &'a str {
    match step {
        "organisation-type" => &a.organisation_type,
        "cqc-registered" => &a.cqc_registered,
        "dspt-status" => &a.dspt_status,
        "approaching-before" => &a.approaching_before,
        "dspt-year" => &a.dspt_year,
        "sites" => &a.sites,
        "local-administrators" => &a.local_administrators,
        _ => &a.existing_nhsmail,
    }
}

pub(super) fn set_answer(step: &str, a: &mut Answers, value: String) {
    let slot = match step {
        "organisation-type" => &mut a.organisation_type,
        "cqc-registered" => &mut a.cqc_registered,
        "dspt-status" => &mut a.dspt_status,
        "approaching-before" => &mut a.approaching_before,
        "dspt-year" => &mut a.dspt_year,
        "sites" => &mut a.sites,
        "local-administrators" => &mut a.local_administrators,
        _ => &mut a.existing_nhsmail,
    };
    *slot = value;
}

pub(super) fn position(step: &str) -> Option<usize> {
    STEPS.iter().position(|s| *s == step)
}

/// Where "Continue" goes: the next question asked (when changing an answer, the next one not yet
/// answered), else check your answers.
pub(super) fn next_step(step: &str, a: &Answers, changing: bool) -> String {
    let from = position(step).map_or(0, |i| i + 1);
    STEPS
        .iter()
        .skip(from)
        .find(|s| applies(s, a) && (!changing || answer(s, a).is_empty()))
        .map_or_else(
            || "/eligibility/check".to_owned(),
            |s| format!("/eligibility/{s}"),
        )
}

/// Where the back link goes: the previous question asked, else the start page.
pub(super) fn previous_step(step: &str, a: &Answers) -> String {
    let upto = position(step).unwrap_or(STEPS.len());
    STEPS
        .iter()
        .take(upto)
        .rev()
        .find(|s| applies(s, a))
        .map_or_else(
            || "/eligibility".to_owned(),
            |s| format!("/eligibility/{s}"),
        )
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
pub(super) fn validate(step: &str, value: &str) -> Result<String, String> {
    let v = value.trim();
    let missing = match step {
        "organisation-type" => "Select the kind of organisation you are",
        "cqc-registered" => "Select yes if you are registered with the Care Quality Commission",
        "dspt-status" => "Select your DSPT status, or select I'm not sure",
        "approaching-before" => "Select yes if you have published at Approaching Standards before",
        "dspt-year" => "Enter the year your DSPT was published for, like 2024-25",
        "sites" => "Enter how many sites you have, like 3",
        "local-administrators" => "Select yes if you have staff who can be local administrators",
        _ => "Select yes if your organisation already has NHSmail",
    };
    if v.is_empty() {
        return Err(missing.to_owned());
    }
    match step {
        "dspt-year" => {
            let year = normalise_year(v);
            year.parse::<nhsmail_rules::DsptYear>()
                .map(|_| year)
                .map_err(|()| {
                    "Enter the year in the format 2024-25, with the second year following the first"
                        .to_owned()
                })
        }
        "sites" => match v.replace(',', "").parse::<u32>() {
            Ok(n) if (1..=1_000_000).contains(&n) => Ok(n.to_string()),
            Ok(_) => Err("Enter a number of sites from 1 to 1,000,000".to_owned()),
            Err(_) => Err("Enter the number of sites as a whole number, like 3".to_owned()),
        },
        _ => Ok(v.to_owned()),
    }
}

/// The core's input, built from the answers (questions not asked take the SPEC defaults).
pub(super) fn input(
    a: &Answers,
    as_of: nhsmail_rules::IsoDate,
) -> Result<EligibilityInput, String> {
    let yes = |s: &str| s == "yes";
    let organisation_type =
        from_key(&a.organisation_type).ok_or("Select the type of organisation")?;
    let mut input = EligibilityInput {
        organisation_type,
        cqc_registered: false,
        dspt_status: None,
        dspt_year: None,
        approaching_standards_before: false,
        sites: None,
        has_local_administrators: false,
        has_nhsmail_already: yes(&a.existing_nhsmail),
        as_of,
    };
    if a.organisation_type == "careProvider" {
        input.cqc_registered = yes(&a.cqc_registered);
        input.dspt_status =
            Some(from_key(&a.dspt_status).ok_or("Select your organisation's DSPT status")?);
        input.approaching_standards_before =
            a.dspt_status == "approachingStandards" && yes(&a.approaching_before);
        input.has_local_administrators = yes(&a.local_administrators);
        if passing(&a.dspt_status) {
            let year = a.dspt_year.parse().map_err(|()| {
                "Enter the year in the format 2024-25, with the second year following the first"
            })?;
            input.dspt_year = Some(year);
        }
        // Not a number means the question was not answered (the engine's default, 1 site); a
        // number out of range (only from an edited store: the question refuses it) is an error.
        if let Ok(n) = a.sites.parse::<u32>() {
            let sites = Sites::new(n).ok_or("Enter a number of sites from 1 to 1,000,000")?;
            input.sites = Some(sites);
        }
    }
    Ok(input)
}

#[cfg(test)]
mod tests {
    use super::{input, Answers};
    use nhsmail_rules::{EligibilityInput, IsoDate};

    fn on() -> IsoDate {
        "2025-06-01".parse().unwrap()
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        let mut a = Answers::default();
        for (step, value) in pairs {
            super::set_answer(step, &mut a, (*value).to_owned());
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
}
