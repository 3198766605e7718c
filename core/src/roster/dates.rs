//! Dates in a roster CSV as people write them (SPEC section 9): `2025-12-01`; day first as the UK
//! writes it (`1/12/2025`, `01-12-2025`, `1.12.2025`); `1 December 2025`, `1 Dec 2025`; a time
//! after the date dropped. Two-digit years are refused, and a column written month first is found
//! by looking at all of its dates ([`DayFirstColumn`]).

use crate::model::date::{IsoDate, MONTHS};
use crate::model::error::{CsvProblem, MAX_CSV_PROBLEMS};

/// A date cell read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateCell {
    /// A date whose reading does not depend on the column.
    Date(IsoDate),
    /// Written with numbers, day first (`a/b/yyyy`): `date` is the day-first reading, if real.
    Numeric {
        date: Option<IsoDate>,
        first: u32,
        second: u32,
    },
}

/// What the date forms are, for messages.
const ACCEPTED: &str =
    "write it as 2025-12-01, day first as 1/12/2025 (or with - or .), or as 1 December 2025";

/// Reads a trimmed, non-empty date cell; the error says what was found and what is accepted.
pub(crate) fn read_date(cell: &str) -> Result<DateCell, String> {
    // The engine's own form first, as nearly every cell of a roster in its format is.
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *cell.as_bytes() {
        let number = |digits: &[u8]| {
            digits.iter().try_fold(0u32, |n, d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        };
        if let (Some(y), Some(m), Some(d)) = (
            number(&[y0, y1, y2, y3]),
            number(&[m0, m1]),
            number(&[d0, d1]),
        ) {
            return day(y, m, d)
                .map(DateCell::Date)
                .ok_or_else(|| format!("`{cell}` is not a real date: that month has no such day"));
        }
    }
    if let Some(read) = spreadsheet_day_first(cell.as_bytes()) {
        return Ok(read);
    }
    let mut s = Scan(cell.as_bytes());
    let not_a_date = || format!("`{cell}` is not a date: {ACCEPTED}");
    let impossible = || format!("`{cell}` is not a real date: that month has no such day");
    let Some((first, first_len)) = s.number(4).filter(|(_, n)| *n != 3) else {
        return Err(not_a_date());
    };
    let digit_after_separator = matches!(s.0, [b'/' | b'-' | b'.', d, ..] if d.is_ascii_digit());
    let read = if first_len == 4 {
        // 2025-12-01
        let (Some(_), Some((m, 2)), Some(_), Some((d, 2))) =
            (s.byte(b'-'), s.number(2), s.byte(b'-'), s.number(2))
        else {
            return Err(not_a_date());
        };
        DateCell::Date(day(first, m, d).ok_or_else(impossible)?)
    } else if let Some(sep) = digit_after_separator.then(|| s.one_of(b"/-.")).flatten() {
        // 1/12/2025
        let (Some((second, _)), Some(_), Some((year, year_len))) =
            (s.number(2), s.byte(sep), s.number(5))
        else {
            return Err(not_a_date());
        };
        if year_len == 2 {
            return Err(two_digit_year(cell));
        }
        if year_len != 4 {
            return Err(not_a_date());
        }
        DateCell::Numeric {
            date: day(year, second, first),
            first,
            second,
        }
    } else {
        // 1 December 2025, 1 Dec 2025, 1-Dec-2025
        let spaced = |s: &mut Scan| s.spaces() || s.byte(b'-').is_some();
        if !spaced(&mut s) {
            return Err(not_a_date());
        }
        let month = s.month().ok_or_else(not_a_date)?;
        if !spaced(&mut s) {
            return Err(not_a_date());
        }
        match s.number(5) {
            Some((_, 2)) => return Err(two_digit_year(cell)),
            Some((year, 4)) => DateCell::Date(day(year, month, first).ok_or_else(impossible)?),
            _ => return Err(not_a_date()),
        }
    };
    if s.0.is_empty() || s.time() {
        Ok(read)
    } else {
        Err(not_a_date())
    }
}

/// The day-first dates spreadsheets write, read straight from their bytes: `1/12/2025`,
/// `01/12/2025`, and either with ` 09:14` or ` 09:14:00` after it (every other form goes the
/// longer way of [`Scan`]).
fn spreadsheet_day_first(b: &[u8]) -> Option<DateCell> {
    let digit = |c: &u8| c.is_ascii_digit().then(|| u32::from(c - b'0'));
    let two = |t: &u8, u: &u8| Some(digit(t)? * 10 + digit(u)?);
    let (first, rest) = match b {
        [d, b'/', rest @ ..] => (digit(d)?, rest),
        [t, u, b'/', rest @ ..] => (two(t, u)?, rest),
        _ => return None,
    };
    let (second, rest) = match rest {
        [d, b'/', rest @ ..] => (digit(d)?, rest),
        [t, u, b'/', rest @ ..] => (two(t, u)?, rest),
        _ => return None,
    };
    let (year, time) = match rest {
        [a, b, c, d, time @ ..] => (two(a, b)? * 100 + two(c, d)?, time),
        _ => return None,
    };
    let clock = |h: &[u8; 2], m: &[u8; 2]| two(&h[0], &h[1]).and(two(&m[0], &m[1])).is_some();
    let time_ok = match time {
        [] => true,
        [b' ', h0, h1, b':', m0, m1] => clock(&[*h0, *h1], &[*m0, *m1]),
        [b' ', h0, h1, b':', m0, m1, b':', s0, s1] => {
            clock(&[*h0, *h1], &[*m0, *m1]) && two(s0, s1).is_some()
        }
        _ => false,
    };
    time_ok.then(|| DateCell::Numeric {
        date: day(year, second, first),
        first,
        second,
    })
}

fn two_digit_year(cell: &str) -> String {
    format!(
        "`{cell}` has a two-digit year, which could be in any century: write the year in full \
         (1/12/2025)"
    )
}

fn day(year: u32, month: u32, day: u32) -> Option<IsoDate> {
    IsoDate::from_ymd(i32::try_from(year).ok()?, month, day)
}

/// The rest of a cell, read from the front.
struct Scan<'a>(&'a [u8]);

impl Scan<'_> {
    /// 1 to `most` digits: their value and count.
    fn number(&mut self, most: usize) -> Option<(u32, usize)> {
        let (mut value, mut n) = (0u32, 0);
        while let Some(d) = self.0.get(n).filter(|d| d.is_ascii_digit()) {
            if n == most {
                return None;
            }
            value = value * 10 + u32::from(d - b'0');
            n += 1;
        }
        if n == 0 {
            return None;
        }
        self.0 = self.0.get(n..).unwrap_or_default();
        Some((value, n))
    }

    fn byte(&mut self, b: u8) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        (first == b).then(|| {
            self.0 = rest;
            b
        })
    }

    fn one_of(&mut self, set: &[u8]) -> Option<u8> {
        let &first = self.0.first()?;
        set.contains(&first).then(|| self.byte(first)).flatten()
    }

    /// One or more spaces.
    fn spaces(&mut self) -> bool {
        let n = self.0.iter().take_while(|b| **b == b' ').count();
        self.0 = self.0.get(n..).unwrap_or_default();
        n > 0
    }

    /// A word of letters, case ignored, if it is next.
    fn word(&mut self, word: &str) -> bool {
        let n = word.len();
        let next = self.0.get(..n).unwrap_or_default();
        let ends = !self.0.get(n).is_some_and(u8::is_ascii_alphabetic);
        let found = next.eq_ignore_ascii_case(word.as_bytes()) && ends;
        if found {
            self.0 = self.0.get(n..).unwrap_or_default();
        }
        found
    }

    /// A month's name or its first three letters (and `Sept`): its number.
    fn month(&mut self) -> Option<u32> {
        let at = MONTHS.iter().position(|m| {
            self.word(m)
                || self.word(m.get(..3).unwrap_or(m))
                || (*m == "September" && self.word("Sept"))
        })?;
        u32::try_from(at + 1).ok()
    }

    /// A time after the date, to the end of the cell: `T` or spaces, `9:14`, `09:14:00`,
    /// `09:14:00.123`, then optionally ` AM`/` PM` and a zone (`Z`, `UTC`, `GMT`, `+01:00`).
    fn time(&mut self) -> bool {
        if self.byte(b'T').is_none() && !self.spaces() {
            return false;
        }
        let clock = self.number(2).is_some()
            && self.byte(b':').is_some()
            && matches!(self.number(2), Some((_, 2)));
        if !clock {
            return false;
        }
        if self.byte(b':').is_some() && !matches!(self.number(2), Some((_, 2))) {
            return false;
        }
        if self.0.is_empty() {
            return true;
        }
        if self.one_of(b".,").is_some() && self.number(9).is_none() {
            return false;
        }
        self.spaces();
        let _ = self.word("AM") || self.word("PM");
        self.spaces();
        let named_zone = self.word("UTC") || self.word("GMT") || self.byte(b'Z').is_some();
        if !named_zone && self.one_of(b"+-").is_some() {
            let hours = matches!(self.number(2), Some((_, 2)));
            let _ = self.byte(b':');
            let minutes = self.0.is_empty() || matches!(self.number(2), Some((_, 2)));
            if !(hours && minutes) {
                return false;
            }
        }
        self.0.is_empty()
    }
}

/// A date as a person types it in a list (the app's planner): `2025-12-01`, day first as the UK
/// writes it (`1/12/2025`, with `/`, `-` or `.`), or `1 December 2025`; a time after it is
/// dropped. The error says what was found and what is accepted, in the words of SPEC section 9.
pub fn read_uk_date(text: &str) -> Result<IsoDate, String> {
    let cell = text.trim();
    match read_date(cell)? {
        DateCell::Date(d) => Ok(d),
        DateCell::Numeric { date, .. } => date.ok_or_else(|| {
            format!("`{cell}` is not a real date: dates are read day first (DD/MM/YYYY)")
        }),
    }
}

/// One cell kept for the month-first verdict: its line and text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Kept {
    line: u64,
    text: String,
}

/// What a date column's numeric dates say about the order of day and month. A column in which
/// some date's second part is above 12 and no date's first part is, is month first, and each of
/// its numeric dates is then a problem. Only the first [`MAX_CSV_PROBLEMS`] cells of each kind are
/// kept: no more problems than that are ever listed, and they come in line order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DayFirstColumn {
    first_over_12: bool,
    second_over_12: bool,
    /// Cells whose second part is above 12 and first part is not: a problem either way, whose
    /// message depends on the verdict.
    over: Vec<Kept>,
    /// Cells with both parts 12 or less, read day first: problems only if the column is month
    /// first.
    ambiguous: Vec<Kept>,
}

impl DayFirstColumn {
    /// Notes a numeric date cell on `line`. Returns whether the cell is a problem whose message
    /// waits for the verdict (the row must then not be read).
    pub(crate) fn note(&mut self, line: u64, text: &str, first: u32, second: u32) -> bool {
        self.first_over_12 |= first > 12;
        self.second_over_12 |= second > 12;
        let keep = |list: &mut Vec<Kept>| {
            if list.len() < MAX_CSV_PROBLEMS {
                list.push(Kept {
                    line,
                    text: text.to_owned(),
                });
            }
        };
        match (first > 12, second > 12) {
            (false, true) => {
                keep(&mut self.over);
                true
            }
            (false, false) => {
                keep(&mut self.ambiguous);
                false
            }
            _ => false,
        }
    }

    /// Whether the column writes its dates month first.
    pub(crate) fn month_first(&self) -> bool {
        self.second_over_12 && !self.first_over_12
    }

    /// The problems the column's cells have once all of them are seen.
    pub(crate) fn problems(&self, column: usize, header: &str) -> Vec<CsvProblem> {
        let problem =
            |k: &Kept, message: String| CsvProblem::new(k.line, column + 1, header, message);
        if !self.month_first() {
            return self
                .over
                .iter()
                .map(|k| {
                    problem(
                        k,
                        format!(
                            "`{}` is not a real date: dates are read day first (DD/MM/YYYY), and a \
                             month is at most 12; {ACCEPTED}",
                            k.text
                        ),
                    )
                })
                .collect();
        }
        let example = self.over.first().map_or(String::new(), |k| {
            format!(" (line {} has `{}`)", k.line, k.text)
        });
        self.over
            .iter()
            .chain(&self.ambiguous)
            .map(|k| {
                problem(
                    k,
                    format!(
                        "`{}` is in a column that writes dates month first{example}, which is never \
                         assumed: write the column's dates day first (DD/MM/YYYY) or as YYYY-MM-DD",
                        k.text
                    ),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_date_reads_as_the_uk_writes_it() {
        let d = |t: &str| read_uk_date(t).map(|d| d.to_string());
        for text in [
            "2025-05-20",
            "20/05/2025",
            " 20-5-2025 ",
            "20.05.2025",
            "20 May 2025",
            "20/05/2025 09:14",
        ] {
            assert_eq!(d(text).as_deref(), Ok("2025-05-20"), "{text}");
        }
        // Day first always: 05/06 is 5 June, never 6 May.
        assert_eq!(d("05/06/2025").as_deref(), Ok("2025-06-05"));
        for bad in ["31/02/2025", "05/20/2025", "20/05/25", "May", ""] {
            assert!(d(bad).is_err(), "{bad}");
        }
    }

    fn date(text: &str) -> IsoDate {
        match read_date(text) {
            Ok(DateCell::Date(d)) | Ok(DateCell::Numeric { date: Some(d), .. }) => d,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn every_form_of_the_spec() {
        for text in [
            "2025-12-01",
            "1/12/2025",
            "01/12/2025",
            "01-12-2025",
            "1.12.2025",
            "01/12/2025 09:14",
            "1/12/2025 9:14:59",
            "2025-12-01T09:14:00Z",
            "2025-12-01T09:14:00.123+01:00",
            "2025-12-01 09:14:00 UTC",
            "01/12/2025 09:14 AM",
            "1 December 2025",
            "1 Dec 2025",
            "01 dec 2025 10:00",
            "1-Dec-2025",
        ] {
            assert_eq!(date(text).to_string(), "2025-12-01", "{text}");
        }
        assert_eq!(date("3 Sept 2025").to_string(), "2025-09-03");
    }

    #[test]
    fn what_is_refused() {
        for text in ["1/12/25", "1 Dec 25"] {
            assert!(
                read_date(text).unwrap_err().contains("two-digit year"),
                "{text}"
            );
        }
        for text in [
            "2025/12/01",
            "1/12-2025",
            "01/12/2025 morning",
            "2025-12-1",
            "Dec 1 2025",
            "1 Decem 2025",
            "yesterday",
            "2025-12-01T",
        ] {
            assert!(
                read_date(text).unwrap_err().contains("is not a date"),
                "{text}"
            );
        }
        assert!(read_date("2025-02-30")
            .unwrap_err()
            .contains("not a real date"));
        assert!(read_date("30 Feb 2025")
            .unwrap_err()
            .contains("not a real date"));
        assert_eq!(
            read_date("31/02/2025"),
            Ok(DateCell::Numeric {
                date: None,
                first: 31,
                second: 2
            })
        );
    }

    #[test]
    fn a_column_is_month_first_only_by_all_its_dates() {
        let mut column = DayFirstColumn::default();
        assert!(!column.note(2, "03/04/2025", 3, 4));
        assert!(column.note(3, "12/25/2025", 12, 25));
        let problems = column.problems(2, "Created");
        assert_eq!(problems.len(), 2);
        assert_eq!((problems[0].line, problems[1].line), (3, 2));
        assert!(problems[1]
            .message
            .contains("month first (line 3 has `12/25/2025`)"));
        // One date whose first part is above 12 shows the column is day first.
        column.note(4, "13/01/2025", 13, 1);
        let problems = column.problems(2, "Created");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("a month is at most 12"));
    }
}
