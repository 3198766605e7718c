//! Calendar dates as the engine sees them: `YYYY-MM-DD`, no times, no zones (SPEC section 1).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The start of every message for a date that is present but not a real `YYYY-MM-DD` date.
/// Input errors are classified by it (`invalid_date` rather than `invalid_field`).
pub(crate) const NOT_A_DATE: &str = "is not a real date in the form YYYY-MM-DD";

/// The months' names, January first (the long form of a date, and the roster CSV's dates).
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar date, always written `YYYY-MM-DD` (four-digit year, two-digit month and day).
///
/// Built only through [`FromStr`] / [`Deserialize`], which reject malformed and impossible dates
/// such as `2025-02-30`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct IsoDate(#[cfg_attr(feature = "wasm", tsify(type = "string"))] NaiveDate);

/// Why a text is not an [`IsoDate`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{NOT_A_DATE}: `{0}`")]
pub struct DateParseError(pub String);

impl IsoDate {
    /// The date from its parts, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).and_then(Self::in_calendar)
    }

    /// The date, if it can be written `YYYY-MM-DD`: years 0000 to 9999 are the engine's calendar,
    /// so no answer ever holds a date it could not read back.
    fn in_calendar(d: NaiveDate) -> Option<Self> {
        (0..=9999).contains(&d.year()).then_some(Self(d))
    }

    /// The date's ten `YYYY-MM-DD` bytes, or `None` for a year outside 0000 to 9999. Written
    /// digit by digit: through the formatting machinery, dates were a tenth of writing a batch
    /// result from JS (README, Performance).
    /// Appends the date as JSON writes it (`YYYY-MM-DD`, or with a sign outside years 0 to 9999).
    pub(crate) fn push_to(self, out: &mut String) {
        match self.ascii() {
            Some(text) => out.extend(text.iter().map(|&b| char::from(b))),
            None => out.push_str(&self.to_string()),
        }
    }

    fn ascii(self) -> Option<[u8; 10]> {
        let d = self.0;
        let y = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
        let (m, day) = (d.month(), d.day());
        let digit = |n: u32| b'0' + (n % 10) as u8;
        Some([
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(day / 10),
            digit(day),
        ])
    }

    /// The underlying chrono date.
    pub fn naive(self) -> NaiveDate {
        self.0
    }

    /// `self + n` calendar days, or `None` past the end of the calendar (9999-12-31).
    pub fn plus_days(self, n: u64) -> Option<Self> {
        self.0
            .checked_add_days(Days::new(n))
            .and_then(Self::in_calendar)
    }

    /// `self - n` calendar days, or `None` before the start of the calendar (0000-01-01).
    pub fn minus_days(self, n: u64) -> Option<Self> {
        self.0
            .checked_sub_days(Days::new(n))
            .and_then(Self::in_calendar)
    }

    /// The next day (`None` only at the end of the calendar).
    pub fn succ(self) -> Option<Self> {
        self.0.succ_opt().and_then(Self::in_calendar)
    }

    /// The day before (`None` only at the start of the calendar).
    pub fn pred(self) -> Option<Self> {
        self.0.pred_opt().and_then(Self::in_calendar)
    }

    /// `self + n` calendar months, the day clamped to the month's end
    /// (2024-08-31 + 18 months = 2026-02-28).
    pub fn plus_months(self, n: u32) -> Option<Self> {
        self.0
            .checked_add_months(Months::new(n))
            .and_then(Self::in_calendar)
    }

    /// `self - n` calendar months, the day clamped to the month's end.
    pub fn minus_months(self, n: u32) -> Option<Self> {
        self.0
            .checked_sub_months(Months::new(n))
            .and_then(Self::in_calendar)
    }

    /// The date as people read it: `1 December 2022`.
    pub fn long_form(self) -> String {
        let mut out = String::with_capacity(17);
        self.push_long_form(&mut out);
        out
    }

    /// Appends [`IsoDate::long_form`] to `out`. Written by hand rather than with chrono's
    /// `format` (its format-string machinery is a large share of the WebAssembly) or `format!`
    /// (a reminder's reason writes two dates, for hundreds of thousands of rows).
    pub fn push_long_form(self, out: &mut String) {
        let day = self.0.day();
        if day >= 10 {
            out.push(char::from(b'0' + (day / 10) as u8));
        }
        out.push(char::from(b'0' + (day % 10) as u8));
        out.push(' ');
        out.push_str(MONTHS.get(self.0.month0() as usize).copied().unwrap_or(""));
        out.push(' ');
        // Dates in the calendar have years 0 to 9999 (see `in_calendar`): four digits at most.
        let year = self.0.year().unsigned_abs();
        let digits = [year / 1000 % 10, year / 100 % 10, year / 10 % 10, year % 10];
        let first = digits.iter().position(|&d| d != 0).unwrap_or(3);
        for d in digits.iter().skip(first) {
            out.push(char::from(b'0' + *d as u8));
        }
    }

    /// Whole days from `earlier` to `self` (negative when `earlier` is later).
    pub fn days_since(self, earlier: IsoDate) -> i64 {
        (self.0 - earlier.0).num_days()
    }

    /// The earliest date the engine can represent.
    pub const MIN: IsoDate = IsoDate(NaiveDate::MIN);
    /// The latest date there is (for sorting "never" last).
    pub const MAX: IsoDate = IsoDate(NaiveDate::MAX);
}

impl From<NaiveDate> for IsoDate {
    fn from(d: NaiveDate) -> Self {
        Self(d)
    }
}

impl FromStr for IsoDate {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            });
        if !shape_ok {
            return Err(DateParseError(s.to_owned()));
        }
        // The shape is checked, so each part is ASCII digits.
        let part = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
        let (Some(y), Some(m), Some(d)) = (part(0..4), part(5..7), part(8..10)) else {
            return Err(DateParseError(s.to_owned()));
        };
        i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
            .map(Self)
            .ok_or_else(|| DateParseError(s.to_owned()))
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        if let Some(text) = self.ascii() {
            f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
        } else {
            // As chrono's `%Y` writes years outside 0..=9999: with a sign.
            let sign = if d.year() < 0 { '-' } else { '+' };
            write!(
                f,
                "{sign}{:04}-{:02}-{:02}",
                d.year().unsigned_abs(),
                d.month(),
                d.day()
            )
        }
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.ascii() {
            Some(text) => s.serialize_str(std::str::from_utf8(&text).unwrap_or_default()),
            None => s.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'v> Visitor<'v> for DateVisitor {
            type Value = IsoDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date in the form YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IsoDate, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_unit<E: de::Error>(self) -> Result<IsoDate, E> {
                // null counts as a missing date: invalid_field, not invalid_date.
                Err(E::custom("is required (a date in the form YYYY-MM-DD)"))
            }
            fn visit_none<E: de::Error>(self) -> Result<IsoDate, E> {
                self.visit_unit()
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<IsoDate, E> {
                Err(E::custom(format_args!("{NOT_A_DATE}: `{v}`")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<IsoDate, E> {
                Err(E::custom(format_args!("{NOT_A_DATE}: `{v}`")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<IsoDate, E> {
                Err(E::custom(format_args!("{NOT_A_DATE}: `{v}`")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<IsoDate, E> {
                Err(E::custom(format_args!("{NOT_A_DATE}: `{v}`")))
            }
            fn visit_map<A: de::MapAccess<'v>>(self, _: A) -> Result<IsoDate, A::Error> {
                Err(de::Error::custom(format_args!(
                    "{NOT_A_DATE}: found an object"
                )))
            }
            fn visit_seq<A: de::SeqAccess<'v>>(self, _: A) -> Result<IsoDate, A::Error> {
                Err(de::Error::custom(format_args!(
                    "{NOT_A_DATE}: found a list"
                )))
            }
        }
        d.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_as_chrono_writes_them_over_the_whole_calendar() {
        let mut d = NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        while d < end {
            let ours = IsoDate(d);
            let want = d.format("%Y-%m-%d").to_string();
            assert_eq!(ours.to_string(), want);
            assert_eq!(serde_json::to_string(&ours).unwrap(), format!("\"{want}\""));
            d = d.checked_add_days(Days::new(37)).unwrap();
        }
    }

    #[test]
    fn parses_and_prints_round_trip() {
        let d: IsoDate = "2025-01-06".parse().unwrap();
        assert_eq!(d.to_string(), "2025-01-06");
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in [
            "2025-02-30",
            "2025-2-3",
            "25-01-01",
            "2025/01/01",
            "",
            "2025-01-06T00:00",
            "+2025-01-0",
        ] {
            assert!(bad.parse::<IsoDate>().is_err(), "{bad} should be rejected");
        }
        assert!("2024-02-29".parse::<IsoDate>().is_ok());
    }

    #[test]
    fn long_form_for_people() {
        assert_eq!(
            "2022-12-01".parse::<IsoDate>().unwrap().long_form(),
            "1 December 2022"
        );
        for (iso, long) in [
            ("2025-06-30", "30 June 2025"),
            ("0999-01-09", "9 January 999"),
            ("0000-03-10", "10 March 0"),
            ("9999-12-31", "31 December 9999"),
        ] {
            let date = iso.parse::<IsoDate>().unwrap();
            assert_eq!(date.long_form(), long);
            let d = date.naive();
            assert_eq!(
                long,
                format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
            );
        }
    }

    #[test]
    fn months_clamp_to_month_end() {
        let d: IsoDate = "2024-08-31".parse().unwrap();
        assert_eq!(d.plus_months(18).unwrap().to_string(), "2026-02-28");
    }

    #[test]
    fn far_dates_do_not_overflow() {
        let d: IsoDate = "9999-12-31".parse().unwrap();
        assert!(d.plus_days(u64::from(u32::MAX)).is_none());
        assert!(d.plus_months(u32::MAX).is_none());
        assert_eq!(
            "0000-01-01".parse::<IsoDate>().unwrap().to_string(),
            "0000-01-01"
        );
    }
}
