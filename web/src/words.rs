//! People's words for what the engine says: the one place where core's coded errors (field paths
//! such as `users[2].siteId`, camelCase names, values in backticks, ISO dates) become sentences a
//! care home manager reads, naming each field as the page labels it (UI.md, Content). And counts
//! with the right plural.

use nhsmail_rules::{EngineError, IsoDate, RosterColumn};

use crate::components::{capitalised, commas};

/// `1 account`, `2 accounts`, `1,234 accounts`: a count and its noun, singular for one.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", commas(n as u64), if n == 1 { one } else { many })
}

/// The field names a page labels differently from the engine (`asOf` is "date to check" on the
/// roster page), as `(engine name, the page's words)`.
pub type Labels<'a> = &'a [(&'a str, &'a str)];

/// An engine error as a sentence: where it is in the page's words, then what is wrong.
pub fn engine_error(e: &EngineError, labels: Labels<'_>) -> String {
    let detail = plain(&e.detail, labels);
    if e.path.is_empty() {
        return capitalised(&detail);
    }
    format!("{}: {detail}", capitalised(&plain(&e.path, labels)))
}

/// "`what` has a problem at `where`: `what is wrong`" (or without the place when the problem is
/// the input as a whole): "The roster has a problem at line 2, column 3 (created): ...".
pub fn problem_in(what: &str, e: &EngineError, labels: Labels<'_>) -> String {
    let detail = plain(&e.detail, labels);
    if e.path.is_empty() {
        return format!("{what} has a problem: {detail}");
    }
    format!(
        "{what} has a problem at {}: {detail}",
        plain(&e.path, labels)
    )
}

/// The engine's words for things that have people's words (after the page's own labels).
fn field_words(name: &str) -> Option<&'static str> {
    if let Some(c) = RosterColumn::ALL.into_iter().find(|c| c.as_str() == name) {
        return Some(c.label());
    }
    Some(match name {
        // Lists, one of which is named with its place ("person 3").
        "accounts" => "account",
        "events" => "event",
        "users" => "person",
        "sites" => "site",
        "mailboxes" => "shared mailbox",
        "policies" => "policy",
        "owners" => "owner",
        "members" => "member",
        // Fields.
        "on" => "date",
        "asOf" => "date",
        "siteId" => "site",
        "state" => "state",
        "type" => "what happened",
        "channel" => "how they signed in",
        "policySet" => "policy set",
        "effectiveFrom" => "start date",
        "inactiveAfterDays" => "inactive after no activity for",
        "deleteAfterInactiveDays" => "deleted after being inactive for",
        "restoreWindowDays" => "can be restored for",
        "onboardingDays" => "days to accept the acceptable use policy",
        "disabledRetentionMonths" => "disabled accounts kept for",
        "leaverDeletionDays" => "leavers deleted after",
        "mfaAbroadFrom" => "multi-factor authentication needed outside the UK from",
        "accountSecretSoftFrom" => "Account Secret needed for the portal from",
        "accountSecretHardFrom" => "Account Secret needed for Office 365 from",
        "namedUsersPerSite" => "named user accounts per site",
        "sharedMailboxesPerSite" => "shared mailboxes per site",
        "extraAccountsSlaWorkingDays" => "working days to set up extra accounts",
        "mdsCompleteOn" => "date the minimum data set was complete",
        "dsptStatus" => "DSPT status",
        "dsptYear" => "DSPT year",
        "approachingStandards" => "Approaching Standards",
        "portalLogin" => "signed in to the portal",
        "office365Login" => "signed in to Office 365",
        "office365AppUse" => "used an Office 365 app",
        "emailSent" => "sent an email",
        _ => return None,
    })
}

/// `users[2]` as "person 3"; `siteId` as "site"; a name the page labels, as the page does; any
/// other camelCase name as words ("fooBar" is "foo bar").
fn name_words(segment: &str, labels: Labels<'_>) -> String {
    let (name, index) = match segment.split_once('[') {
        Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
        None => (segment, None),
    };
    let words = labels
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| (*v).to_owned())
        .or_else(|| field_words(name).map(str::to_owned))
        .unwrap_or_else(|| camel_to_words(name));
    match index {
        Some(i) if words.is_empty() => format!("item {}", i + 1),
        Some(i) => format!("{words} {}", i + 1),
        None => words,
    }
}

/// `fooBarBaz` as "foo bar baz".
fn camel_to_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a word of an engine message is code: a field path (`a[1].b`, `summary.held`) or a
/// camelCase name. Dotted words with a capital or a digit before the dot are not (`NHS.net`).
fn is_code(word: &str) -> bool {
    let starts_lower = word.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    let camel = starts_lower
        && word.chars().all(|c| c.is_ascii_alphanumeric())
        && word.chars().any(|c| c.is_ascii_uppercase());
    let path = starts_lower
        && word.contains(['[', '.'])
        && !word.ends_with('.')
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "[]._".contains(c));
    camel || path
}

/// One word (no spaces) of an engine message in people's words.
fn word(w: &str, labels: Labels<'_>) -> String {
    // Punctuation around the word stays: "asOf," and "(users[2])".
    let start = w
        .find(|c: char| c.is_ascii_alphanumeric())
        .unwrap_or(w.len());
    let end = w
        .rfind(|c: char| c.is_ascii_alphanumeric() || c == ']')
        .map_or(start, |i| i + 1)
        .max(start);
    let (before, core, after) = (&w[..start], &w[start..end], &w[end..]);
    let core = if let Ok(date) = core.parse::<IsoDate>() {
        date.long_form()
    } else if is_code(core) {
        core.split('.')
            .map(|s| name_words(s, labels))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        core.to_owned()
    };
    format!("{before}{core}{after}")
}

/// Sentences the engine wrote, in people's words: the ones a person meets most often said as a
/// page would say them, values in backticks shown as typed (without the backticks), field paths
/// and camelCase names as the page labels them, ISO dates as "1 December 2022".
pub fn plain(text: &str, labels: Labels<'_>) -> String {
    let mut text = text.to_owned();
    for (engine, people) in PHRASES {
        text = text.replace(engine, people);
    }
    let mut out = String::with_capacity(text.len());
    // Odd pieces between backticks are values as the person typed them: kept exactly, unless a
    // real date (said as dates are) or the engine's own word for something (`approachingStandards`).
    for (i, piece) in text.split('`').enumerate() {
        if i % 2 == 1 {
            match piece.parse::<IsoDate>() {
                Ok(date) => out.push_str(&date.long_form()),
                Err(_) => {
                    let known = field_words(piece).filter(|_| is_code(piece));
                    out.push_str(known.unwrap_or(piece));
                }
            }
            continue;
        }
        let words: Vec<String> = piece.split(' ').map(|w| word(w, labels)).collect();
        out.push_str(&words.join(" "));
    }
    // Core's date message puts the value last; a person reads the value first.
    match out.strip_prefix(NOT_A_DATE) {
        Some(value) => {
            format!("{value} is not a real date: write it year, month, day, like 2025-01-31")
        }
        None => out,
    }
}

/// How core starts its message for a text that is not a date (`model/date.rs`), with the value.
const NOT_A_DATE: &str = "is not a real date in the form YYYY-MM-DD: ";

/// The engine's sentences a page says in its own way.
const PHRASES: [(&str, &str); 5] = [
    // A roster's status cell also takes the state's label (roster/values.rs).
    (
        "deleted or purged, or",
        "deleted or permanently deleted, or",
    ),
    (
        "` is not the id of any user",
        "` is not one of the people listed",
    ),
    (
        "` is not the id of any site",
        "` is not one of the sites listed",
    ),
    (" is already the id of ", " is listed twice: it is also "),
    ("is after asOf `", "is after the asOf: `"),
];

/// The roster page's hint: the columns a roster CSV has, by headers the engine reads.
pub fn roster_columns() -> String {
    let names: Vec<&str> = RosterColumn::ALL
        .into_iter()
        .map(|c| match c {
            // Its label ("kind of account") is no header; its name is.
            RosterColumn::Kind => "kind",
            other => other.label(),
        })
        .collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use nhsmail_rules::ErrorCode;

    fn no_code(text: &str) {
        assert!(!text.contains('`'), "backticks in {text:?}");
        for w in text.split(|c: char| !c.is_ascii_alphanumeric() && c != '[' && c != '.') {
            assert!(!is_code(w), "code {w:?} in {text:?}");
        }
    }

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(count(1, "account", "accounts"), "1 account");
        assert_eq!(count(0, "account", "accounts"), "0 accounts");
        assert_eq!(
            count(1234, "shared mailbox", "shared mailboxes"),
            "1,234 shared mailboxes"
        );
    }

    #[test]
    fn engine_errors_name_fields_as_pages_do() {
        let e = EngineError::new(
            ErrorCode::InvalidField,
            "mailboxes[0].owners[1]",
            "`x` is not the id of any user",
        );
        let said = engine_error(&e, &[]);
        assert_eq!(
            said,
            "Shared mailbox 1, owner 2: x is not one of the people listed"
        );
        no_code(&said);
        let e = EngineError::new(
            ErrorCode::InvalidDate,
            "users[2].lastActivity",
            "`2025-07-01` is after asOf `2025-06-01`",
        );
        let said = engine_error(&e, &[("asOf", "date to plan for")]);
        assert_eq!(
            said,
            "Person 3, last sign-in: 1 July 2025 is after the date to plan for: 1 June 2025"
        );
        let e = EngineError::new(
            ErrorCode::InvalidField,
            "accounts[3].recordedState",
            "must be one of active, inactive",
        );
        assert_eq!(
            engine_error(&e, &[]),
            "Account 4, status: must be one of active, inactive"
        );
    }

    #[test]
    fn a_date_that_is_not_one_is_named_first() {
        let detail = "2024-13-01".parse::<IsoDate>().unwrap_err().to_string();
        assert_eq!(
            plain(&detail, &[]),
            "2024-13-01 is not a real date: write it year, month, day, like 2025-01-31"
        );
    }

    #[test]
    fn a_problem_says_where_it_is() {
        let e = EngineError::new(
            ErrorCode::InvalidCsv,
            "line 2, column 3 (created)",
            "`2025-02-30` is not a real date",
        );
        assert_eq!(
            problem_in("The roster", &e, &[]),
            "The roster has a problem at line 2, column 3 (created): 2025-02-30 is not a real date"
        );
        let e = EngineError::new(
            ErrorCode::InvalidJson,
            "",
            "the roster must be a JSON object with an `accounts` list",
        );
        assert_eq!(
            problem_in("The roster", &e, &[]),
            "The roster has a problem: the roster must be a JSON object with an accounts list"
        );
    }

    #[test]
    fn words_that_are_not_code_are_kept() {
        assert_eq!(
            plain("the account at accounts[0], `jo.bloggs` (NHS.net).", &[]),
            "the account at account 1, jo.bloggs (NHS.net)."
        );
        assert_eq!(
            plain(
                "cannot be after 2025-26, the year of asOf on 2025-06-01",
                &[]
            ),
            "cannot be after 2025-26, the year of date on 1 June 2025"
        );
        assert_eq!(
            plain("is required when dsptStatus is `approachingStandards`", &[]),
            "is required when DSPT status is Approaching Standards"
        );
        no_code(&plain(
            "policies[0].inactiveAfterDays must be at least 1; fooBar too",
            &[],
        ));
    }

    #[test]
    fn the_roster_hint_names_headers_the_engine_reads() {
        let csv = format!("{}\nx,user,2025-01-02,,,,,,\n", roster_columns());
        let roster = nhsmail_rules::parse_roster_csv(&csv, &Default::default());
        assert!(roster.is_ok(), "{roster:?}");
        no_code(&roster_columns());
    }
}
