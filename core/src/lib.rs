#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod access;
mod account;
mod api;
mod calendar;
mod compare;
mod date;
mod decide;
mod decisions;
mod eligibility;
mod error;
mod json;
mod lifecycle;
mod lines;
mod mailbox;
mod outcome;
mod policy;
mod request;
mod roster;
mod rules;
mod stream;
#[cfg(feature = "wasm")]
mod wasm;

pub use access::{check_access, AccessInput, AccessReason, AccessResult, Location, Service};
pub use account::{Account, AccountKind, Channel, Event, EventType};
pub use calendar::{
    add_working_days, bank_holidays, is_working_day, WholeNumber, FIRST_YEAR, LAST_YEAR,
};
pub use compare::{compare_policies, Answer, CompareSummary, Comparer, Comparison, Difference};
pub use date::{DateParseError, IsoDate};
pub use decisions::{
    decide, decision_id, export_decisions, Action as DecisionAction, ActionCounts, Decision,
    DecisionExport, ExportOptions, Exporter, Roster, StateCounts, Summary,
    DEFAULT_REMIND_WITHIN_DAYS, SCHEMA_ID,
};
pub use eligibility::{
    check_eligibility, Allowance, DsptStatus, DsptYear, EligibilityInput, EligibilityReason,
    EligibilityResult, OrganisationType, Route, SecureEmailRoute, Sites,
};
pub use error::{EngineError, ErrorCode};
pub use json::{
    add_working_days_json, check_access_json, check_eligibility_json, compare_policies_json,
    engine_version, evaluate_account_json, evaluate_accounts_json, export_decisions_json,
    parse_roster_csv_json, plan_shared_mailboxes_json, policy_sets_json, rules_json, timeline_json,
};
pub use lifecycle::{
    evaluate_account, segments, timeline, AccountResult, Action, ActionKind, NextTransition,
    Segment, State, Transition, Warning, WarningCode,
};
pub use mailbox::{
    plan_shared_mailboxes, ExtraRequestInput, MailboxInput, MailboxPlan, MailboxPlanInput, Problem,
    Severity, SiteInput, SitePlan, UserInput, HELPDESK, MAX_MEMBERS, MAX_OWNERS,
};
pub use policy::{Count, EvaluationOptions, Policy, PolicyInput, PolicySet, BUILT_IN_SET_IDS};
pub use request::{request_email, RequestPlan, RequestReason};
pub use roster::{parse_roster_csv, RosterCsvReader, RosterRow, COLUMNS};
pub use rules::{rules, Rule, RuleId};
pub use stream::read_roster_json;
