//! Working days in England and Wales (SPEC section 1): Monday to Friday, less bank holidays,
//! computed for 1990–2099 with no network.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::date::IsoDate;
use crate::model::error::{EngineError, ErrorCode};

/// The years the calendar knows.
pub const FIRST_YEAR: i32 = 1990;
/// The last year the calendar knows.
pub const LAST_YEAR: i32 = 2099;

/// One-off bank holidays (royal and national occasions).
const EXTRA_DAYS: [(i32, u32, u32); 7] = [
    (1999, 12, 31),
    (2002, 6, 4),
    (2011, 4, 29),
    (2012, 6, 5),
    (2022, 6, 3),
    (2022, 9, 19),
    (2023, 5, 8),
];

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Easter Sunday by the Gregorian computus (the anonymous algorithm, as in Meeus).
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn first_monday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1)
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    let fifth = NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5);
    fifth.or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 4))
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The bank holidays of England and Wales in `year`, in date order (empty outside 1990–2099).
pub fn bank_holidays(year: i32) -> Vec<IsoDate> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Vec::new();
    }
    let early_may = match year {
        1995 | 2020 => ymd(year, 5, 8), // VE day anniversaries
        _ => first_monday(year, 5),
    };
    let spring = match year {
        2002 => ymd(year, 6, 3),
        2012 => ymd(year, 6, 4),
        2022 => ymd(year, 6, 2),
        _ => last_monday(year, 5),
    };
    let easter = easter_sunday(year);
    let nominal = [
        ymd(year, 1, 1),
        easter.and_then(|e| e.checked_sub_days(chrono::Days::new(2))),
        easter.and_then(|e| e.checked_add_days(chrono::Days::new(1))),
        early_may,
        spring,
        last_monday(year, 8),
        ymd(year, 12, 25),
        ymd(year, 12, 26),
    ];
    // A holiday on a weekend (or on a day another holiday already took) moves to the next
    // weekday that is not already a holiday: Christmas on a Saturday gives the 27th and 28th.
    let mut days: Vec<NaiveDate> = Vec::with_capacity(10);
    for mut day in nominal.into_iter().flatten() {
        while is_weekend(day) || days.contains(&day) {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        days.push(day);
    }
    days.extend(
        EXTRA_DAYS
            .iter()
            .filter(|(y, _, _)| *y == year)
            .filter_map(|&(y, m, d)| ymd(y, m, d)),
    );
    days.sort();
    days.into_iter().map(IsoDate::from).collect()
}

fn in_range(date: IsoDate, path: &str) -> Result<(), EngineError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.naive().year()) {
        Ok(())
    } else {
        Err(EngineError::new(
            ErrorCode::InvalidDate,
            path,
            format!("{date} is outside the years the working-day calendar knows ({FIRST_YEAR} to {LAST_YEAR})"),
        ))
    }
}

/// Whether `date` is a working day (Monday to Friday and not a bank holiday).
pub fn is_working_day(date: IsoDate) -> Result<bool, EngineError> {
    in_range(date, "date")?;
    Ok(!is_weekend(date.naive()) && !bank_holidays(date.naive().year()).contains(&date))
}

/// The `n`-th working day after `date` (the date itself never counts); `n = 0` gives `date`.
pub fn add_working_days(date: IsoDate, n: u32) -> Result<IsoDate, EngineError> {
    in_range(date, "date")?;
    let mut day = date;
    let mut left = n;
    let mut year = day.naive().year();
    let mut holidays = bank_holidays(year);
    while left > 0 {
        day = day.succ().ok_or_else(|| beyond(date, n))?;
        if day.naive().year() != year {
            year = day.naive().year();
            if year > LAST_YEAR {
                return Err(beyond(date, n));
            }
            holidays = bank_holidays(year);
        }
        if !is_weekend(day.naive()) && !holidays.contains(&day) {
            left -= 1;
        }
    }
    Ok(day)
}

fn beyond(date: IsoDate, n: u32) -> EngineError {
    EngineError::new(
        ErrorCode::InvalidDate,
        "n",
        format!(
            "{n} working days after {date} is past {LAST_YEAR}, the last year the calendar knows"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> IsoDate {
        s.parse().unwrap()
    }

    fn list(year: i32) -> Vec<String> {
        bank_holidays(year)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// GOV.UK's published lists for England and Wales.
    #[test]
    fn matches_published_lists() {
        let published: [(i32, &[&str]); 10] = [
            (
                1995,
                &[
                    "1995-01-02",
                    "1995-04-14",
                    "1995-04-17",
                    "1995-05-08",
                    "1995-05-29",
                    "1995-08-28",
                    "1995-12-25",
                    "1995-12-26",
                ],
            ),
            (
                1999,
                &[
                    "1999-01-01",
                    "1999-04-02",
                    "1999-04-05",
                    "1999-05-03",
                    "1999-05-31",
                    "1999-08-30",
                    "1999-12-27",
                    "1999-12-28",
                    "1999-12-31",
                ],
            ),
            (
                2012,
                &[
                    "2012-01-02",
                    "2012-04-06",
                    "2012-04-09",
                    "2012-05-07",
                    "2012-06-04",
                    "2012-06-05",
                    "2012-08-27",
                    "2012-12-25",
                    "2012-12-26",
                ],
            ),
            (
                2020,
                &[
                    "2020-01-01",
                    "2020-04-10",
                    "2020-04-13",
                    "2020-05-08",
                    "2020-05-25",
                    "2020-08-31",
                    "2020-12-25",
                    "2020-12-28",
                ],
            ),
            (
                2021,
                &[
                    "2021-01-01",
                    "2021-04-02",
                    "2021-04-05",
                    "2021-05-03",
                    "2021-05-31",
                    "2021-08-30",
                    "2021-12-27",
                    "2021-12-28",
                ],
            ),
            (
                2022,
                &[
                    "2022-01-03",
                    "2022-04-15",
                    "2022-04-18",
                    "2022-05-02",
                    "2022-06-02",
                    "2022-06-03",
                    "2022-08-29",
                    "2022-09-19",
                    "2022-12-26",
                    "2022-12-27",
                ],
            ),
            (
                2023,
                &[
                    "2023-01-02",
                    "2023-04-07",
                    "2023-04-10",
                    "2023-05-01",
                    "2023-05-08",
                    "2023-05-29",
                    "2023-08-28",
                    "2023-12-25",
                    "2023-12-26",
                ],
            ),
            (
                2024,
                &[
                    "2024-01-01",
                    "2024-03-29",
                    "2024-04-01",
                    "2024-05-06",
                    "2024-05-27",
                    "2024-08-26",
                    "2024-12-25",
                    "2024-12-26",
                ],
            ),
            (
                2025,
                &[
                    "2025-01-01",
                    "2025-04-18",
                    "2025-04-21",
                    "2025-05-05",
                    "2025-05-26",
                    "2025-08-25",
                    "2025-12-25",
                    "2025-12-26",
                ],
            ),
            (
                2026,
                &[
                    "2026-01-01",
                    "2026-04-03",
                    "2026-04-06",
                    "2026-05-04",
                    "2026-05-25",
                    "2026-08-31",
                    "2026-12-25",
                    "2026-12-28",
                ],
            ),
        ];
        for (year, days) in published {
            assert_eq!(list(year), days.to_vec(), "{year}");
        }
    }

    #[test]
    fn christmas_on_a_weekend() {
        // 2027: Christmas on a Saturday → 27 and 28 December.
        assert_eq!(&list(2027)[6..], ["2027-12-27", "2027-12-28"]);
        // 2033: Christmas on a Sunday → 26 and 27 December.
        assert_eq!(&list(2033)[6..], ["2033-12-26", "2033-12-27"]);
    }

    #[test]
    fn adds_working_days() {
        assert_eq!(
            add_working_days(d("2025-06-02"), 5).unwrap(),
            d("2025-06-09")
        );
        assert_eq!(
            add_working_days(d("2025-06-07"), 0).unwrap(),
            d("2025-06-07")
        );
        // Friday 23 December 2022 + 1: skips the weekend and 26–27 December.
        assert_eq!(
            add_working_days(d("2022-12-23"), 1).unwrap(),
            d("2022-12-28")
        );
        // Easter 2025: Thursday 17 April + 1 is Tuesday 22 April.
        assert_eq!(
            add_working_days(d("2025-04-17"), 1).unwrap(),
            d("2025-04-22")
        );
        assert_eq!(
            add_working_days(d("2099-12-30"), 5).unwrap_err().code,
            ErrorCode::InvalidDate
        );
        assert_eq!(
            add_working_days(d("1989-12-29"), 1).unwrap_err().code,
            ErrorCode::InvalidDate
        );
        assert!(add_working_days(d("2025-01-01"), u32::MAX).is_err());
    }
}
