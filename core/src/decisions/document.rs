//! The decisions document (SPEC section 7): what the back office should do, the decision ids
//! that keep a decision the same across exports, the counts, and the whole export, which a back
//! office can read back.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::date::IsoDate;
use crate::model::error::{read_json_object, EngineError, ErrorCode};
use crate::model::rules::RuleId;
use crate::model::state::State;

/// The export's schema id (engine 0.2: `summary.held` and the `held` list).
pub const SCHEMA_ID: &str = "nhsmail-decisions/2";
/// The schema id engine 0.1 wrote; [`DecisionExport::from_json`] still reads it.
pub const SCHEMA_ID_1: &str = "nhsmail-decisions/1";

vocabulary! {
    /// What the back office should do.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    pub enum Action {
        /// Make the account active again.
        Reactivate = "reactivate" => "Make active again",
        /// Mark the account inactive.
        MarkInactive = "markInactive" => "Mark inactive",
        /// Disable the account.
        Disable = "disable" => "Disable",
        /// Mark the account as a leaver.
        MarkLeaver = "markLeaver" => "Mark as leaver",
        /// Delete the account (it can still be restored).
        Delete = "delete" => "Delete",
        /// Delete the account permanently.
        Purge = "purge" => "Delete permanently",
        /// Remind the person before the next change.
        Remind = "remind" => "Remind",
    }
}

impl Action {
    /// The action that brings the recorded state to `state`.
    pub fn to_reach(state: State) -> Action {
        match state {
            State::Active => Action::Reactivate,
            State::Inactive => Action::MarkInactive,
            State::Disabled => Action::Disable,
            State::Leaver => Action::MarkLeaver,
            State::Deleted => Action::Delete,
            State::Purged => Action::Purge,
        }
    }
}

/// One decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(missing_as_null))]
pub struct Decision {
    /// SHA-256 of `["<accountId>","<action>","<effectiveOn>"]`: the same decision keeps its id.
    pub id: String,
    /// The account.
    pub account_id: String,
    /// What to do.
    pub action: Action,
    /// From when (the computed `since`, or for a reminder the last day to act).
    pub effective_on: IsoDate,
    /// The state the back office holds.
    pub from_state: State,
    /// The state the engine computed.
    pub to_state: State,
    /// The rule behind it (null when no transition happened).
    pub rule: Option<RuleId>,
    /// Plain English.
    pub reason: Cow<'static, str>,
}

/// Counts of computed states, every state listed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub struct StateCounts {
    pub active: usize,
    pub inactive: usize,
    pub disabled: usize,
    pub leaver: usize,
    pub deleted: usize,
    pub purged: usize,
}

impl StateCounts {
    /// Counts one more account in `state`.
    pub fn add(&mut self, state: State) {
        *match state {
            State::Active => &mut self.active,
            State::Inactive => &mut self.inactive,
            State::Disabled => &mut self.disabled,
            State::Leaver => &mut self.leaver,
            State::Deleted => &mut self.deleted,
            State::Purged => &mut self.purged,
        } += 1;
    }
}

/// Counts of decisions, every action listed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub struct ActionCounts {
    pub reactivate: usize,
    pub mark_inactive: usize,
    pub disable: usize,
    pub mark_leaver: usize,
    pub delete: usize,
    pub purge: usize,
    pub remind: usize,
}

impl ActionCounts {
    pub(crate) fn add(&mut self, action: Action) {
        *match action {
            Action::Reactivate => &mut self.reactivate,
            Action::MarkInactive => &mut self.mark_inactive,
            Action::Disable => &mut self.disable,
            Action::MarkLeaver => &mut self.mark_leaver,
            Action::Delete => &mut self.delete,
            Action::Purge => &mut self.purge,
            Action::Remind => &mut self.remind,
        } += 1;
    }
}

/// The export's counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Summary {
    /// Accounts in the roster.
    pub accounts: usize,
    /// Accounts held as recorded for want of a date (schema `/2`; absent in a `/1` export read
    /// back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub held: Option<usize>,
    /// Computed states of all accounts.
    pub by_state: StateCounts,
    /// Decisions by action.
    pub by_action: ActionCounts,
}

/// What `exportDecisions` returns. Field order is the contract's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct DecisionExport {
    /// `nhsmail-decisions/2` (or `/1` for an old export read back).
    pub schema: String,
    /// The engine that made it.
    pub engine_version: String,
    /// The evaluation date.
    pub as_of: IsoDate,
    /// The policy set's id or label.
    #[cfg_attr(feature = "wasm", tsify(type = "PolicySetId"))]
    pub policy_set: String,
    /// Counts.
    pub summary: Summary,
    /// In roster order; per account a state decision before a reminder.
    pub decisions: Vec<Decision>,
    /// The accounts held as recorded, in roster order (schema `/2`; absent in a `/1` export read
    /// back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub held: Option<Vec<HeldAccount>>,
}

/// An account the export makes no decision for because its recorded state has no date
/// (SPEC section 7.0): a person can add the date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct HeldAccount {
    /// The account.
    pub account_id: String,
    /// The state the back office holds (`disabled` or `leaver`).
    pub recorded_state: State,
    /// The field to add: always `recordedSince`.
    pub missing: Cow<'static, str>,
    /// What to do, in plain English.
    pub message: Cow<'static, str>,
}

impl DecisionExport {
    /// Reads an export back (a back office's saved file): errors name the field
    /// (`decisions[3].action`). The schema must be this one, and every decision's id must be the
    /// one its account, action and date give, so an edited decision is caught. Written out again,
    /// it is byte for byte the file that was read, when that file is what the engine wrote.
    pub fn from_json(text: &str) -> Result<DecisionExport, EngineError> {
        let export: DecisionExport = read_json_object(
            text,
            "",
            "the decisions must be a JSON object, as exportDecisions writes them",
            "",
            None,
        )?;
        let v2 = export.schema == SCHEMA_ID;
        if !v2 && export.schema != SCHEMA_ID_1 {
            return Err(EngineError::new(
                ErrorCode::InvalidField,
                "schema",
                format!(
                    "must be `{SCHEMA_ID}` (or `{SCHEMA_ID_1}` for an older export), not `{}`",
                    export.schema
                ),
            ));
        }
        // Each version has exactly its own fields.
        let (has_count, has_list) = (export.summary.held.is_some(), export.held.is_some());
        let wrong = match (v2, has_count, has_list) {
            (true, false, _) => Some(("summary.held", "is required in a `/2` export")),
            (true, _, false) => Some(("held", "is required in a `/2` export")),
            (false, true, _) => Some(("summary.held", "is not part of a `/1` export")),
            (false, _, true) => Some(("held", "is not part of a `/1` export")),
            _ => None,
        };
        if let Some((path, detail)) = wrong {
            return Err(EngineError::new(ErrorCode::InvalidField, path, detail));
        }
        for (i, d) in export.decisions.iter().enumerate() {
            if d.id != decision_id(&d.account_id, d.action, d.effective_on) {
                return Err(EngineError::new(
                    ErrorCode::InvalidField,
                    format!("decisions[{i}].id"),
                    "is not the id of this decision's account, action and date: the decision was changed after it was exported",
                ));
            }
        }
        Ok(export)
    }
}

/// Lowercase hex SHA-256 of `["<accountId>","<action>","<effectiveOn>"]` as `JSON.stringify`
/// writes it.
pub fn decision_id(account_id: &str, action: Action, effective_on: IsoDate) -> String {
    // The key written by hand, as serde_json writes the triple (a test below checks both agree).
    let mut key = String::with_capacity(account_id.len() + 40);
    key.push('[');
    push_json_string(&mut key, account_id);
    key.push_str(",\"");
    key.push_str(action.as_str());
    key.push_str("\",\"");
    effective_on.push_to(&mut key);
    key.push_str("\"]");
    base16ct::lower::encode_string(&Sha256::digest(key.as_bytes()))
}

/// Appends `text` as a JSON string, escaped as serde_json (and `JSON.stringify`) escape it: `"`,
/// `\` and the control characters below U+0020; nothing else.
pub(crate) fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    if !text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(text);
        out.push('"');
        return;
    }
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0C}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX.get(n >> 4).copied().unwrap_or(b'0')));
                out.push(char::from(HEX.get(n & 15).copied().unwrap_or(b'0')));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_what_serde_json_writes() {
        for id in ["jane.doe", "q\"u\\o\n\u{1}\u{1f}\u{7f}", "zoë 🙂 \u{2028}"] {
            let d: IsoDate = "2025-03-22".parse().unwrap();
            let key = serde_json::to_vec(&(id, Action::Remind.as_str(), d)).unwrap();
            let want = base16ct::lower::encode_string(&Sha256::digest(&key));
            assert_eq!(decision_id(id, Action::Remind, d), want);
        }
    }

    #[test]
    fn id_is_sha256_of_the_compact_json_triple() {
        let d: IsoDate = "2025-03-22".parse().unwrap();
        // printf %s '["jane.doe","markInactive","2025-03-22"]' | sha256sum
        assert_eq!(
            decision_id("jane.doe", Action::MarkInactive, d),
            "5ed3f36e3bda39b488f30db37b17edb26b850efc89b1c0bae42f6e770af651bc"
        );
    }
}
