//! The NHS.UK date input's rules, without the page: three typed parts into core's [`IsoDate`] (no
//! second calendar), the NHS.UK error messages, which parts to mark, and how a date field is kept.
//!
//! A date field is kept (local storage, the form's signals) as one text: the ISO date
//! (`2025-06-01`) when the parts make a real date, so saved work and share links stay ISO; else
//! the three parts exactly as typed, joined by a newline, which a text input can never hold (the
//! HTML value sanitisation strips newlines), so the parts always come back as they were typed.

use nhsmail_rules::IsoDate;

use crate::components::lower_first;

/// Which of the three fields a problem is in (the ones marked red).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    pub day: bool,
    pub month: bool,
    pub year: bool,
}

impl Parts {
    /// All three fields: a problem with the date as a whole.
    pub const ALL: Parts = Parts {
        day: true,
        month: true,
        year: true,
    };

    /// The id suffix of the first marked field (`day`, `month` or `year`): the error summary
    /// links there.
    pub fn first(self) -> &'static str {
        if self.day {
            "day"
        } else if self.month {
            "month"
        } else {
            "year"
        }
    }

    /// The marked fields' names in words: "a day", "a month and year" (NHS.UK wording).
    fn missing_words(self) -> String {
        let names: Vec<&str> = [
            (self.day, "day"),
            (self.month, "month"),
            (self.year, "year"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        match names.as_slice() {
            [one] => format!("a {one}"),
            [a, b] => format!("a {a} and {b}"),
            _ => "a day, month and year".to_owned(),
        }
    }
}

/// Why three typed parts are not a date the page can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// Nothing typed in any field.
    Empty,
    /// Some fields left empty (the ones marked).
    Missing(Parts),
    /// A year that is not four digits.
    YearDigits,
    /// Not a date there is: letters, month 13, 31 February (the marked fields are wrong).
    NotReal(Parts),
    /// A real date outside the range the page accepts.
    OutOfRange { from: IsoDate, to: IsoDate },
}

impl DateProblem {
    /// The fields to mark red.
    pub fn parts(&self) -> Parts {
        match self {
            DateProblem::Missing(p) | DateProblem::NotReal(p) => *p,
            DateProblem::YearDigits => Parts {
                year: true,
                ..Parts::default()
            },
            DateProblem::Empty | DateProblem::OutOfRange { .. } => Parts::ALL,
        }
    }

    /// The NHS.UK message for the field labelled `label` ("Date of the sign-in"): "Enter the
    /// date of the sign-in", "Date of the sign-in must include a month", "... must be a real
    /// date", "... must be between 1 January 1990 and 31 December 2099".
    pub fn message(&self, label: &str) -> String {
        match self {
            DateProblem::Empty => format!("Enter the {}", lower_first(label)),
            DateProblem::Missing(p) => format!("{label} must include {}", p.missing_words()),
            DateProblem::YearDigits => format!("{label} must include a year with 4 numbers"),
            DateProblem::NotReal(_) => format!("{label} must be a real date"),
            // A range open at one end (`IsoDate::MIN` or `MAX`) is said as one limit.
            DateProblem::OutOfRange { from, to } if *to == IsoDate::MAX => {
                format!("{label} must be the same as or after {}", from.long_form())
            }
            DateProblem::OutOfRange { from, to } if *from == IsoDate::MIN => {
                format!("{label} must be the same as or before {}", to.long_form())
            }
            DateProblem::OutOfRange { from, to } => format!(
                "{label} must be between {} and {}",
                from.long_form(),
                to.long_form()
            ),
        }
    }
}

/// A typed part as a number: digits only (spaces around are allowed), at most 4 of them.
fn number(text: &str) -> Option<u32> {
    let t = text.trim();
    (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// Three typed parts as a date, through core's calendar (NHS.UK date input rules: empty parts
/// first, then the year's four digits, then whether the date exists).
pub fn parse_date_parts(day: &str, month: &str, year: &str) -> Result<IsoDate, DateProblem> {
    let empty = Parts {
        day: day.trim().is_empty(),
        month: month.trim().is_empty(),
        year: year.trim().is_empty(),
    };
    if empty == Parts::ALL {
        return Err(DateProblem::Empty);
    }
    if empty != Parts::default() {
        return Err(DateProblem::Missing(empty));
    }
    let (d, m) = (number(day), number(month));
    let wrong = Parts {
        day: d.is_none_or(|d| !(1..=31).contains(&d)),
        month: m.is_none_or(|m| !(1..=12).contains(&m)),
        year: year.trim().bytes().any(|b| !b.is_ascii_digit()),
    };
    if wrong != Parts::default() {
        return Err(DateProblem::NotReal(wrong));
    }
    let y = match number(year) {
        Some(y) if year.trim().len() == 4 => y,
        _ => return Err(DateProblem::YearDigits),
    };
    let (Some(d), Some(m)) = (d, m) else {
        return Err(DateProblem::NotReal(Parts::ALL));
    };
    i32::try_from(y)
        .ok()
        .and_then(|y| IsoDate::from_ymd(y, m, d))
        // Day and month are each possible, so it is the day that this month does not have.
        .ok_or(DateProblem::NotReal(Parts {
            day: true,
            ..Parts::default()
        }))
}

/// As [`parse_date_parts`], and within `from` to `to` (inclusive).
pub fn parse_date_in(
    day: &str,
    month: &str,
    year: &str,
    (from, to): (IsoDate, IsoDate),
) -> Result<IsoDate, DateProblem> {
    let date = parse_date_parts(day, month, year)?;
    if date < from || date > to {
        return Err(DateProblem::OutOfRange { from, to });
    }
    Ok(date)
}

/// What a date field keeps for three typed parts: the ISO date when they make a real one, nothing
/// when all are empty, else the parts as typed (see the module's notes).
pub fn kept_text(day: &str, month: &str, year: &str) -> String {
    match parse_date_parts(day, month, year) {
        Ok(date) => date.to_string(),
        Err(DateProblem::Empty) => String::new(),
        Err(_) => format!("{day}\n{month}\n{year}"),
    }
}

/// The three parts (day, month, year) a kept text shows: an ISO date as people write it
/// (`1`, `6`, `2025`), typed parts exactly as they were typed.
pub fn shown_parts(kept: &str) -> [String; 3] {
    let mut typed = kept.splitn(3, '\n');
    if let (Some(d), Some(m), Some(y)) = (typed.next(), typed.next(), typed.next()) {
        return [d.to_owned(), m.to_owned(), y.to_owned()];
    }
    if let Ok(date) = kept.trim().parse::<IsoDate>() {
        let n = date.naive();
        use chrono::Datelike;
        return [
            n.day().to_string(),
            n.month().to_string(),
            n.year().to_string(),
        ];
    }
    // Anything else (an old half-typed value): as much of `YYYY-MM-DD` as there is.
    let mut iso = kept.trim().splitn(3, '-');
    let (y, m, d) = (iso.next(), iso.next(), iso.next());
    [d, m, y].map(|p| p.unwrap_or_default().to_owned())
}

/// A kept date field read as a date (for the page's checks on submit).
pub fn kept_date(kept: &str) -> Result<IsoDate, DateProblem> {
    let [d, m, y] = shown_parts(kept);
    parse_date_parts(&d, &m, &y)
}

/// As [`kept_date`], within `range`.
pub fn kept_date_in(kept: &str, range: (IsoDate, IsoDate)) -> Result<IsoDate, DateProblem> {
    let [d, m, y] = shown_parts(kept);
    parse_date_in(&d, &m, &y, range)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> IsoDate {
        IsoDate::from_ymd(y, m, d).unwrap()
    }

    const DAY: Parts = Parts {
        day: true,
        month: false,
        year: false,
    };
    const MONTH: Parts = Parts {
        day: false,
        month: true,
        year: false,
    };

    #[test]
    fn three_parts_make_a_date() {
        assert_eq!(parse_date_parts("1", "12", "2025"), Ok(day(2025, 12, 1)));
        assert_eq!(parse_date_parts(" 01 ", "06", "2025"), Ok(day(2025, 6, 1)));
        assert_eq!(parse_date_parts("29", "2", "2024"), Ok(day(2024, 2, 29)));
    }

    #[test]
    fn missing_parts_are_named() {
        let label = "Date to check";
        let problem = parse_date_parts("1", "", "2025").unwrap_err();
        assert_eq!(problem, DateProblem::Missing(MONTH));
        assert_eq!(problem.message(label), "Date to check must include a month");
        assert_eq!(problem.parts().first(), "month");
        let problem = parse_date_parts("", " ", "2025").unwrap_err();
        assert_eq!(
            problem.message(label),
            "Date to check must include a day and month"
        );
        assert_eq!(
            parse_date_parts("", "", "").unwrap_err().message(label),
            "Enter the date to check"
        );
    }

    #[test]
    fn impossible_dates_are_not_real_and_mark_the_wrong_part() {
        let problem = parse_date_parts("31", "02", "2025").unwrap_err();
        assert_eq!(problem, DateProblem::NotReal(DAY));
        assert_eq!(
            problem.message("Date of the sign-in"),
            "Date of the sign-in must be a real date"
        );
        assert_eq!(
            parse_date_parts("29", "2", "2025"),
            Err(DateProblem::NotReal(DAY))
        );
        assert_eq!(
            parse_date_parts("1", "13", "2025"),
            Err(DateProblem::NotReal(MONTH))
        );
        assert_eq!(
            parse_date_parts("x", "1", "2025"),
            Err(DateProblem::NotReal(DAY))
        );
        assert_eq!(
            parse_date_parts("0", "0", "2025"),
            Err(DateProblem::NotReal(Parts {
                year: false,
                ..Parts::ALL
            }))
        );
        assert_eq!(
            parse_date_parts("1", "1", "20x5").unwrap_err().parts(),
            Parts {
                year: true,
                ..Parts::default()
            }
        );
    }

    #[test]
    fn a_year_needs_four_numbers() {
        let problem = parse_date_parts("1", "1", "25").unwrap_err();
        assert_eq!(problem, DateProblem::YearDigits);
        assert_eq!(
            problem.message("Date to check"),
            "Date to check must include a year with 4 numbers"
        );
        assert_eq!(
            parse_date_parts("1", "1", "20251"),
            Err(DateProblem::YearDigits)
        );
    }

    #[test]
    fn a_range_is_checked_after_the_date_is_real() {
        let range = (day(1990, 1, 1), day(2099, 12, 31));
        let problem = parse_date_in("1", "1", "1989", range).unwrap_err();
        assert_eq!(problem.parts(), Parts::ALL);
        assert_eq!(
            problem.message("Date to plan for"),
            "Date to plan for must be between 1 January 1990 and 31 December 2099"
        );
        assert_eq!(
            parse_date_in("31", "2", "1989", range),
            Err(DateProblem::NotReal(DAY))
        );
        assert_eq!(
            parse_date_in("31", "12", "2099", range),
            Ok(day(2099, 12, 31))
        );
        let after = parse_date_in("1", "1", "2025", (day(2025, 1, 6), IsoDate::MAX));
        assert_eq!(
            after.unwrap_err().message("Date to look at"),
            "Date to look at must be the same as or after 6 January 2025"
        );
    }

    #[test]
    fn a_kept_field_is_iso_when_real_and_as_typed_when_not() {
        assert_eq!(kept_text("1", "6", "2025"), "2025-06-01");
        assert_eq!(kept_text("", "", ""), "");
        assert_eq!(kept_text("31", "02", "2025"), "31\n02\n2025");
        assert_eq!(
            shown_parts("2025-06-01"),
            ["1", "6", "2025"].map(String::from)
        );
        assert_eq!(
            shown_parts("31\n02\n2025"),
            ["31", "02", "2025"].map(String::from)
        );
        assert_eq!(shown_parts(" x\n\n"), [" x", "", ""].map(String::from));
        assert_eq!(shown_parts(""), ["", "", ""].map(String::from));
        assert_eq!(
            shown_parts("2025-02-30"),
            ["30", "02", "2025"].map(String::from)
        );
        assert_eq!(kept_date("2025-06-01"), Ok(day(2025, 6, 1)));
        assert_eq!(kept_date("31\n02\n2025"), Err(DateProblem::NotReal(DAY)));
    }

    #[test]
    fn what_is_typed_survives_being_kept() {
        for parts in [
            ["1", "", "2025"],
            ["31", "2", "2025"],
            ["a", "b", "c"],
            ["1", "1", "25"],
        ] {
            let [d, m, y] = parts;
            assert_eq!(shown_parts(&kept_text(d, m, y)), parts.map(String::from));
        }
    }
}
