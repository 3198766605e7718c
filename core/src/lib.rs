#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod account;
mod api;
mod calendar;
mod date;
mod error;
mod json;
mod lifecycle;
mod outcome;
mod policy;
mod rules;
#[cfg(feature = "wasm")]
mod wasm;

pub use account::{Account, AccountKind, Channel, Event, EventType};
pub use calendar::{add_working_days, bank_holidays, is_working_day, FIRST_YEAR, LAST_YEAR};
pub use date::{DateParseError, IsoDate};
pub use error::{EngineError, ErrorCode};
pub use json::{
    add_working_days_json, engine_version, evaluate_account_json, evaluate_accounts_json,
    policy_sets_json, rules_json, timeline_json,
};
pub use lifecycle::{
    evaluate_account, segments, timeline, AccountResult, NextTransition, Segment, State,
    Transition, Warning, WarningCode,
};
pub use policy::{Count, EvaluationOptions, Policy, PolicyInput, PolicySet, BUILT_IN_SET_IDS};
pub use rules::{rules, Rule, RuleId};
