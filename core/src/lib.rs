#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[macro_use]
mod vocabulary;

mod api;
mod checks;
mod decisions;
mod lifecycle;
mod model;
mod roster;

pub use api::json::{
    add_working_days_json, check_access_json, check_eligibility_json, compare_policies_json,
    engine_version, evaluate_account_json, evaluate_accounts_json, export_decisions_json,
    parse_roster_csv_json, plan_shared_mailboxes_json, policy_sets_json, rules_json, timeline_json,
};
pub use checks::access::{
    check_access, AccessInput, AccessReason, AccessResult, Location, Service,
};
pub use checks::eligibility::{
    check_eligibility, Allowance, EligibilityReason, EligibilityResult, Route, SecureEmailRoute,
};
pub use checks::eligibility_input::{
    DsptStatus, DsptYear, EligibilityInput, OrganisationType, Sites,
};
pub use checks::mailbox::{plan_shared_mailboxes, MailboxPlan, Problem, Severity, SitePlan};
pub use checks::plan_input::{
    ExtraRequestInput, MailboxInput, MailboxPlanInput, SiteInput, UserInput, HELPDESK, MAX_MEMBERS,
    MAX_OWNERS,
};
pub use checks::request::{request_email, RequestPlan, RequestReason};
pub use decisions::compare::{
    compare_policies, Answer, CompareSummary, Comparer, Comparison, Difference,
};
pub use decisions::decide::decide;
pub use decisions::document::{
    decision_id, Action as DecisionAction, ActionCounts, Decision, DecisionExport, StateCounts,
    Summary, SCHEMA_ID,
};
pub use decisions::{export_decisions, ExportOptions, Exporter, DEFAULT_REMIND_WITHIN_DAYS};
pub use lifecycle::{
    evaluate_account, evaluate_account_explained, segments, segments_from, timeline, AccountResult,
    ActionKind, Because, NextTransition, PolicyChange, Segment, SuggestedAction, Transition,
    Warning, WarningCode,
};
pub use model::account::{Account, AccountKind, Channel, Event, EventType};
pub use model::built_in::{BuiltInSet, BUILT_IN_SETS, BUILT_IN_SET_IDS};
pub use model::calendar::{add_working_days, bank_holidays, is_working_day, FIRST_YEAR, LAST_YEAR};
pub use model::date::{DateParseError, IsoDate};
pub use model::error::{CsvProblem, EngineError, ErrorCode, MAX_CSV_PROBLEMS};
pub use model::numbers::{Count, WholeNumber};
pub use model::policy::{EvaluationOptions, Policy, PolicyInput, PolicySet};
pub use model::rules::{rules, Rule, RuleId, RULE_COUNT};
pub use model::state::State;
pub use roster::columns::{CsvOptions, RosterColumn};
pub use roster::csv::{RosterCsvReader, RosterRow};
pub use roster::dates::read_uk_date;
pub use roster::file::{
    parse_roster_csv, parse_roster_csv_bytes, parse_roster_csv_from, roster_file_text,
};
pub use roster::json::read_roster_json;
pub use roster::text::TextEncoding;
pub use roster::{CsvColumns, Roster, RosterCsv};
