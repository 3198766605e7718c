//! The DSPT year question's facts, each asked of the core rather than worked out here: whether a
//! year is one a publication can have (engine 0.2), whether it still counts on the day checked
//! (`EL-DSPT-CURRENT`), and which year is current that day.

use nhsmail_rules::{
    check_eligibility, DsptStatus, DsptYear, EligibilityInput, EligibilityResult, EngineError,
    IsoDate, OrganisationType, PolicySet, RuleId,
};

/// The core's answer for a CQC registered care provider whose DSPT for `year` is at Standards
/// Met: everything but the year is as good as it can be, so what it says is about the year.
fn probe(year: DsptYear, as_of: IsoDate) -> Result<EligibilityResult, EngineError> {
    let input = EligibilityInput {
        organisation_type: OrganisationType::CareProvider,
        cqc_registered: true,
        dspt_status: Some(DsptStatus::StandardsMet),
        dspt_year: Some(year),
        approaching_standards_before: false,
        sites: None,
        has_local_administrators: false,
        has_nhsmail_already: false,
        as_of,
    };
    check_eligibility(&input, &PolicySet::default_set())
}

/// The assessment year that starts in `first` ("2025-26" for 2025).
fn year_from(first: i32) -> Option<DsptYear> {
    format!("{first:04}-{:02}", (first + 1) % 100).parse().ok()
}

/// The year of a date.
fn year_of(on: IsoDate) -> i32 {
    use chrono::Datelike;
    on.naive().year()
}

/// Whether the core takes `year` as a year a publication can have on `as_of` (not before the
/// DSPT began, not after `as_of`'s year).
pub(super) fn possible(year: DsptYear, as_of: IsoDate) -> bool {
    !probe(year, as_of).is_err_and(|e| e.path == "dsptYear")
}

/// The error for a year the core refuses, naming the years it takes: the first it takes (the
/// DSPT's first year, found by asking the core) to the one starting in `as_of`'s year.
pub(super) fn range_message(as_of: IsoDate) -> String {
    let last = year_of(as_of);
    let first = (2000..=last)
        .filter_map(year_from)
        .find(|y| possible(*y, as_of));
    match (first, year_from(last)) {
        (Some(first), Some(last)) => format!("Enter a year from {first} to {last}"),
        _ => "Enter a year your DSPT can have been published for".to_owned(),
    }
}

/// When a publication for `year` stopped counting, if it has by `as_of` (`EL-DSPT-CURRENT` not
/// met); `None` while it counts or when the year is not one the core takes.
pub(super) fn lapsed_on(year: DsptYear, as_of: IsoDate) -> Option<IsoDate> {
    let r = probe(year, as_of).ok()?;
    let lapsed = r
        .reasons
        .iter()
        .any(|x| x.rule == RuleId::DsptCurrent && !x.met);
    if lapsed {
        r.dspt_valid_until
    } else {
        None
    }
}

/// On `as_of`: the oldest year whose publication still counts and the day it stops counting.
/// The year after it is the current one, due by that day (SPEC 5: each year is due on 30 June).
pub(super) fn still_counting(as_of: IsoDate) -> Option<(DsptYear, IsoDate)> {
    let now = year_of(as_of);
    (now - 2..=now)
        .filter_map(year_from)
        .filter(|y| possible(*y, as_of) && lapsed_on(*y, as_of).is_none())
        .find_map(|y| Some((y, y.valid_until()?)))
}

/// What the question page says about the year on `as_of`.
pub(super) fn current_year_words(as_of: IsoDate) -> Option<String> {
    let (oldest, until) = still_counting(as_of)?;
    let current = year_from(oldest.first() + 1)?;
    Some(format!(
        "On {}, the current DSPT year is {current}. Publish it by {}. Until then, a {oldest} publication still counts.",
        as_of.long_form(),
        until.long_form()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(text: &str) -> IsoDate {
        text.parse().unwrap()
    }

    fn year(text: &str) -> DsptYear {
        text.parse().unwrap()
    }

    #[test]
    fn a_year_counts_until_the_next_years_deadline_has_passed() {
        assert_eq!(lapsed_on(year("2024-25"), on("2026-06-30")), None);
        assert_eq!(
            lapsed_on(year("2024-25"), on("2026-07-01")),
            Some(on("2026-06-30"))
        );
    }

    #[test]
    fn the_current_year_is_the_one_due_by_the_next_30_june() {
        assert_eq!(
            current_year_words(on("2026-01-15")).unwrap(),
            "On 15 January 2026, the current DSPT year is 2025-26. Publish it by 30 June 2026. Until then, a 2024-25 publication still counts."
        );
        assert!(current_year_words(on("2026-07-01"))
            .unwrap()
            .contains("current DSPT year is 2026-27. Publish it by 30 June 2027."));
    }

    #[test]
    fn years_before_the_dspt_or_after_the_date_checked_are_refused() {
        let as_of = on("2026-01-15");
        assert!(!possible(year("1999-00"), as_of));
        assert!(!possible(year("2017-18"), as_of));
        assert!(possible(year("2018-19"), as_of));
        assert!(possible(year("2026-27"), as_of));
        assert!(!possible(year("2030-31"), as_of));
        assert_eq!(range_message(as_of), "Enter a year from 2018-19 to 2026-27");
    }
}
