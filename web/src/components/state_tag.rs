//! A lifecycle state as an NHS.UK tag: one colour per state, always with its name.

use nhsmail_rules::State;

/// The words people read for a state.
pub fn state_label(state: State) -> &'static str {
    match state {
        State::Active => "Active",
        State::Inactive => "Inactive",
        State::Disabled => "Disabled",
        State::Leaver => "Leaver",
        State::Deleted => "Deleted",
        State::Purged => "Permanently deleted",
    }
}

pub fn colour(state: State) -> &'static str {
    match state {
        State::Active => "nhsuk-tag--green",
        State::Inactive => "nhsuk-tag--yellow",
        State::Disabled => "nhsuk-tag--orange",
        State::Leaver => "nhsuk-tag--blue",
        State::Deleted => "nhsuk-tag--red",
        State::Purged => "nhsuk-tag--grey",
    }
}
