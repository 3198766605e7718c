//! A lifecycle state as an NHS.UK tag: one colour per state, always with its name (the name is
//! the core's `State::label`).

use nhsmail_rules::State;

/// The tag's colour class for a state.
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
