//! Input errors (SPEC section 8): a code, the field path, and a plain-English message.

use std::fmt;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::date::NOT_A_DATE;

/// The error codes of SPEC section 8. They are part of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum ErrorCode {
    /// A text input that is not JSON.
    InvalidJson,
    /// A field that is missing, of the wrong type, or out of range.
    InvalidField,
    /// A date that is malformed, impossible, or out of order.
    InvalidDate,
    /// A policy set id that is not built in.
    UnknownPolicySet,
    /// A CSV problem, with line and column.
    InvalidCsv,
}

impl ErrorCode {
    /// The code as written in the contract (`invalid_field`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::InvalidField => "invalid_field",
            ErrorCode::InvalidDate => "invalid_date",
            ErrorCode::UnknownPolicySet => "unknown_policy_set",
            ErrorCode::InvalidCsv => "invalid_csv",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Bad input. Every public operation returns this instead of panicking; the whole call fails
/// and nothing is half-done.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{}", self.render())]
pub struct EngineError {
    /// What kind of problem it is.
    pub code: ErrorCode,
    /// Where it is: a field path such as `events[3].on` (empty for the input as a whole).
    pub path: String,
    /// What is wrong, in plain English, without the path.
    pub detail: String,
    /// For `invalid_csv`: every problem in the file (at most [`MAX_CSV_PROBLEMS`], in line
    /// order), the first of which is `path` and `detail` (SPEC section 9). Empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<CsvProblem>,
}

/// How many problems a CSV error lists at most (SPEC section 9).
pub const MAX_CSV_PROBLEMS: usize = 1000;

/// One problem in a roster CSV: where it is and how to fix it (SPEC section 9).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct CsvProblem {
    /// The physical line (1-based; the header is line 1 when nothing comes before it).
    pub line: u64,
    /// The column (1-based).
    pub column: usize,
    /// The column's header text as the file writes it (or a column's name when it is missing).
    pub header: String,
    /// What was found and what is accepted, in plain English.
    pub message: String,
}

impl CsvProblem {
    /// A problem at `line`, `column` (1-based), under `header`.
    pub fn new(line: u64, column: usize, header: &str, message: impl Into<String>) -> Self {
        CsvProblem {
            line,
            column,
            header: header.to_owned(),
            message: message.into(),
        }
    }

    /// `line N, column M (header)`, or without the brackets when there is no header.
    pub fn place(&self) -> String {
        if self.header.is_empty() {
            format!("line {}, column {}", self.line, self.column)
        } else {
            format!(
                "line {}, column {} ({})",
                self.line, self.column, self.header
            )
        }
    }
}

impl EngineError {
    /// A new error.
    pub fn new(code: ErrorCode, path: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            code,
            path: path.into(),
            detail: detail.into(),
            problems: Vec::new(),
        }
    }

    /// `invalid_csv` listing `problems` in line order (then column order; found order within a
    /// cell), at most [`MAX_CSV_PROBLEMS`] of them; the message is the first. `None` for none.
    pub fn from_csv_problems(mut problems: Vec<CsvProblem>) -> Option<Self> {
        problems.sort_by_key(|p| (p.line, p.column));
        problems.truncate(MAX_CSV_PROBLEMS);
        let first = problems.first()?;
        Some(Self {
            code: ErrorCode::InvalidCsv,
            path: first.place(),
            detail: first.message.clone(),
            problems,
        })
    }

    /// The full message: the path, then what is wrong with it.
    pub fn render(&self) -> String {
        if self.path.is_empty() {
            self.detail.clone()
        } else {
            format!("{}: {}", self.path, self.detail)
        }
    }

    /// Names the argument when the problem is the argument as a whole (an empty path).
    pub(crate) fn naming(mut self, argument: &str) -> Self {
        if self.path.is_empty() {
            self.detail = format!("{argument} {}", self.detail);
        }
        self
    }

    /// The same error found inside a larger input: `events[0].on` under `[3]` is `[3].events[0].on`.
    pub fn within(mut self, prefix: &str) -> Self {
        self.path = join_path(prefix, &self.path);
        self
    }
}

/// Joins two path pieces: `a` + `b` = `a.b`, `a` + `[0]` = `a[0]`.
pub(crate) fn join_path(prefix: &str, rest: &str) -> String {
    match (prefix.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_owned(),
        (false, true) => prefix.to_owned(),
        (false, false) if rest.starts_with('[') => format!("{prefix}{rest}"),
        (false, false) => format!("{prefix}.{rest}"),
    }
}

/// An argument to read into a value: any serde input (read once, its path tracked), or [`Text`].
pub(crate) trait Input<'de> {
    /// The value, or the first problem with its path: `prefix` + the path inside the input.
    fn read<T: Deserialize<'de>>(self, prefix: &str) -> Result<T, EngineError>;
}

impl<'de, D> Input<'de> for D
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    fn read<T: Deserialize<'de>>(self, prefix: &str) -> Result<T, EngineError> {
        parse_at(self, prefix)
    }
}

/// JSON text, such as `JSON.stringify` of a JS argument. It is read straight through serde_json;
/// only when that fails is it read a second time with the path tracked, for the error. A valid
/// 100,000-account roster so skips the path bookkeeping, which cost a third of its reading time.
#[cfg_attr(not(feature = "wasm"), allow(dead_code))]
pub(crate) struct Text<'a>(pub &'a str);

impl<'de> Input<'de> for Text<'de> {
    fn read<T: Deserialize<'de>>(self, prefix: &str) -> Result<T, EngineError> {
        serde_json::from_str(self.0)
            .or_else(|_| parse_at(&mut serde_json::Deserializer::from_str(self.0), prefix))
    }
}

/// Deserialises `T` from any serde input (a JSON value, a JS value), turning the first problem
/// into an [`EngineError`] whose path is `prefix` + the path inside the input.
pub(crate) fn parse_at<'de, T, D>(input: D, prefix: &str) -> Result<T, EngineError>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    serde_path_to_error::deserialize(input).map_err(|e| {
        let inner = e.path().to_string();
        let inner = if inner == "." { String::new() } else { inner };
        let message = e.into_inner().to_string();
        // serde-wasm-bindgen's errors are JS Errors, whose text starts with "Error: ".
        let message = message.strip_prefix("Error: ").unwrap_or(&message);
        from_serde_message(&join_path(prefix, &inner), message)
    })
}

/// The message without serde_json's trailing " at line L column C", and that position.
pub(crate) fn split_position(message: &str) -> (&str, Option<&str>) {
    const AT: &str = " at line ";
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(i) = message.rfind(AT) {
        let tail = message.get(i + AT.len()..).unwrap_or_default();
        if tail
            .split_once(" column ")
            .is_some_and(|(l, c)| number(l) && number(c))
        {
            return (message.get(..i).unwrap_or(message), Some(tail));
        }
    }
    (message, None)
}

/// Classifies a serde message and moves a missing or repeated field's name into the path.
pub(crate) fn from_serde_message(path: &str, message: &str) -> EngineError {
    // serde's messages about a field by name, and what this engine says instead.
    const FIELD_MESSAGES: [(&str, &str); 2] = [
        ("missing field `", "is required"),
        ("duplicate field `", "is given twice: give each field once"),
    ];
    let text = split_position(message).0;
    for (prefix, says) in FIELD_MESSAGES {
        if let Some(field) = text
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix('`'))
        {
            return EngineError::new(ErrorCode::InvalidField, join_path(path, field), says);
        }
    }
    let code = if message.starts_with(NOT_A_DATE) {
        ErrorCode::InvalidDate
    } else {
        ErrorCode::InvalidField
    };
    let detail = message
        .replace("invalid type: ", "has the wrong type: ")
        .replace("invalid value: ", "has a value that is not allowed: ")
        .replace("unit value", "null")
        .replace("expected struct ", "expected an object: ");
    // Rust type names mean nothing to a caller: "expected an object: AccessInput" → "an object".
    let detail = match detail.find("expected an object: ") {
        Some(i) => format!("{}expected an object", detail.get(..i).unwrap_or_default()),
        None => detail,
    };
    EngineError::new(code, path, detail)
}

/// Parses JSON text, giving `invalid_json` (with line and column) when it does not parse.
pub(crate) fn parse_json_text(text: &str) -> Result<serde_json::Value, EngineError> {
    serde_json::from_str(text).map_err(|e| not_json(&e))
}

/// Parses JSON text that must hold an object: `invalid_json` when it is not JSON, and
/// `invalid_field` at `path`, saying `what`, when it is JSON but not an object.
pub(crate) fn parse_json_object(
    text: &str,
    path: &str,
    what: &str,
) -> Result<serde_json::Map<String, serde_json::Value>, EngineError> {
    match parse_json_text(text)? {
        serde_json::Value::Object(map) => Ok(map),
        _ => Err(EngineError::new(ErrorCode::InvalidField, path, what)),
    }
}

/// Whether JSON text starts an object (`{` after JSON's whitespace). serde would read an array as
/// a struct's fields in order, so only an object is read into one.
pub(crate) fn starts_object(text: &str) -> bool {
    text.trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
}

/// Reads JSON text that must hold an object into `T`, straight from the text with the path
/// tracked (no JSON tree in between), reading a valid text once:
/// - text that is not JSON is `invalid_json` with its line and column, before any other problem;
/// - JSON that is not an object is `invalid_field` at `path`, saying `what`;
/// - otherwise the first problem in the text, its path under `prefix`, its message without
///   serde_json's " at line L column C", and named as `name` when it has no path.
pub(crate) fn read_json_object<T: DeserializeOwned>(
    text: &str,
    path: &str,
    what: &str,
    prefix: &str,
    name: Option<&str>,
) -> Result<T, EngineError> {
    let syntax = || serde_json::from_str::<IgnoredAny>(text).map_err(|e| not_json(&e));
    if starts_object(text) {
        let mut de = serde_json::Deserializer::from_str(text);
        match parse_at::<T, _>(&mut de, prefix) {
            Ok(value) if de.end().is_ok() => return Ok(value),
            // Text after the object: the syntax check below says where.
            Ok(_) => {}
            Err(mut e) => {
                // A broken text is reported as such, even after a bad value in it.
                syntax()?;
                e.detail = split_position(&e.detail).0.to_owned();
                return Err(match name {
                    Some(name) => e.naming(name),
                    None => e,
                });
            }
        }
    }
    syntax()?;
    Err(EngineError::new(ErrorCode::InvalidField, path, what))
}

/// `invalid_json`, with the line and column where the text stops being JSON.
pub(crate) fn not_json(e: &serde_json::Error) -> EngineError {
    EngineError::new(
        ErrorCode::InvalidJson,
        "",
        format!(
            "the input is not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_paths_like_the_spec_writes_them() {
        assert_eq!(join_path("", "events[3].on"), "events[3].on");
        assert_eq!(
            join_path("accounts", "[3].events[0].on"),
            "accounts[3].events[0].on"
        );
        assert_eq!(
            join_path("options", "policies[0].inactiveAfterDays"),
            "options.policies[0].inactiveAfterDays"
        );
        assert_eq!(join_path("users[2]", ""), "users[2]");
    }

    #[test]
    fn missing_field_names_the_field() {
        let e = from_serde_message("events[0]", "missing field `on`");
        assert_eq!(e.code, ErrorCode::InvalidField);
        assert_eq!(e.render(), "events[0].on: is required");
    }
}
