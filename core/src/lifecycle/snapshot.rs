//! A roster row is a snapshot (SPEC section 7.0): where the simulation starts for an account that
//! carries `recordedState` and `recordedSince`, and which rows are held as recorded.

use crate::model::account::Account;
use crate::model::date::IsoDate;
use crate::model::error::{EngineError, ErrorCode};
use crate::model::state::State;

/// How an account's life begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Start {
    /// Section 3: active on the start day (`activeOn`, else `created`). Also every exempt account,
    /// and every undated `active`, `inactive` or `deleted` record, which the dates decide.
    Fresh,
    /// A dated record (or an undated `purged` one): the account is in `state` on `on`, and the
    /// simulation starts there.
    Recorded {
        /// The recorded state.
        state: State,
        /// The day it began (`recordedSince`; for an undated `purged`, the start day).
        on: IsoDate,
    },
    /// An undated state only people cause (`disabled`, `leaver`): kept as recorded, no history.
    Held(State),
}

/// Where `account`'s life starts, evaluated up to `until` (the field named `until_field`).
/// Refuses a `recordedSince` without a `recordedState` or after `until`, and, for a dated
/// record, an `activeOn` after `until`.
pub(crate) fn start_of(account: &Account, until: IsoDate) -> Result<Start, EngineError> {
    if let Some(since) = account.recorded_since {
        if account.recorded_state.is_none() {
            return Err(EngineError::new(
                ErrorCode::InvalidField,
                "recordedSince",
                "is the day the recorded state began, so it needs a recordedState",
            ));
        }
        if since > until {
            return Err(EngineError::new(
                ErrorCode::InvalidDate,
                "recordedSince",
                format!("{since} is after {until}, the date being evaluated: a recorded state cannot begin later than that"),
            ));
        }
    }
    let Some(state) = account.recorded_state else {
        return Ok(Start::Fresh);
    };
    if account.kind.is_exempt() {
        return Ok(Start::Fresh);
    }
    let start = match (state, account.recorded_since) {
        (State::Active, _) | (State::Inactive | State::Deleted, None) => Start::Fresh,
        (State::Purged, None) => Start::Recorded {
            state,
            on: account.start_day(),
        },
        (State::Disabled | State::Leaver, None) => Start::Held(state),
        (_, Some(on)) => Start::Recorded { state, on },
    };
    if let (Start::Recorded { .. }, Some(active_on)) = (start, account.active_on) {
        if active_on > until {
            return Err(EngineError::new(
                ErrorCode::InvalidDate,
                "activeOn",
                format!("{active_on} is after {until}, the date being evaluated"),
            ));
        }
    }
    Ok(start)
}

/// What a person can do about a held account: the `recorded_state_undated` warning's message
/// and the export's `held[].message`.
pub(crate) fn held_message(state: State) -> &'static str {
    match state {
        State::Disabled => "Recorded as disabled with no date: add the date it was disabled to see when it will be deleted",
        State::Leaver => "Recorded as a leaver with no date: add the date it was marked as a leaver to see when it will be permanently deleted",
        _ => "Recorded with no date: add the date the recorded state began",
    }
}
