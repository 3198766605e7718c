//! The words a roster CSV's cells may hold (SPEC section 9): kinds and their synonyms, the six
//! states and the NHSmail portal's account statuses, and yes or no for `onboarded`. Matching
//! ignores case, spaces, `_` and brackets (the bracket characters: `Disabled (Leaver)` is
//! `disabledleaver`).

use crate::model::account::AccountKind;
use crate::model::state::State;

/// The bytes of a word as it is matched: lowercased, without spaces, `_` and brackets.
fn key(word: &str) -> impl Iterator<Item = u8> + '_ {
    word.bytes()
        .filter(|b| {
            !matches!(
                b,
                b' ' | b'_' | b'\t' | b'(' | b')' | b'[' | b']' | b'{' | b'}'
            )
        })
        .map(|b| b.to_ascii_lowercase())
}

/// Looks a cell up in a table of (word as the SPEC writes it, value): as written first, case
/// ignored (nearly every cell), then as matched.
fn find<T: Copy>(table: &[(&str, T)], cell: &str) -> Option<T> {
    table
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(cell))
        .or_else(|| table.iter().find(|(w, _)| key(w).eq(key(cell))))
        .map(|(_, v)| *v)
}

/// A vocabulary's words as a [`find`] table: `(as_str, value)` for each of `all`.
fn words<T: Copy, const N: usize>(
    all: [T; N],
    word: fn(T) -> &'static str,
) -> [(&'static str, T); N] {
    all.map(|v| (word(v), v))
}

/// `a, b, c or d`.
fn one_of(words: &[&str]) -> String {
    match words.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The kinds' synonyms (the kinds' own words come from [`AccountKind::ALL`]).
const KIND_SYNONYMS: [(&str, AccountKind); 7] = [
    ("user mailbox", AccountKind::User),
    ("person", AccountKind::User),
    ("shared mailbox", AccountKind::Shared),
    ("room", AccountKind::Resource),
    ("room mailbox", AccountKind::Resource),
    ("equipment", AccountKind::Resource),
    ("equipment mailbox", AccountKind::Resource),
];

/// The portal's account statuses (support.nhs.net, "Types of account status"); the six states'
/// own words come from [`State::ALL`].
const PORTAL_STATUSES: [(&str, State); 13] = [
    ("Active (Leaver)", State::Leaver),
    ("Disabled_Leaver", State::Leaver),
    ("Disabled (Leaver)", State::Leaver),
    // A password lock, not a lifecycle state; the others are the portal at work.
    ("Locked", State::Active),
    ("Pending", State::Active),
    ("Enabling", State::Active),
    ("Restoring", State::Active),
    ("Migration Pending", State::Active),
    ("Disabling", State::Disabled),
    ("Deleting", State::Deleted),
    ("Deleted Permanent", State::Purged),
    ("Deleted_Permanent", State::Purged),
    // ... which is also the engine's own label for purged.
    ("Permanently deleted", State::Purged),
];

const ONBOARDED: [(&str, bool); 8] = [
    ("true", true),
    ("yes", true),
    ("y", true),
    ("1", true),
    ("false", false),
    ("no", false),
    ("n", false),
    ("0", false),
];

/// A kind cell: the kind, or what to say.
pub(crate) fn kind(cell: &str) -> Result<AccountKind, String> {
    let own = words(AccountKind::ALL, AccountKind::as_str);
    find(&own, cell)
        .or_else(|| find(&KIND_SYNONYMS, cell))
        .ok_or_else(|| {
            format!(
                "`{cell}` is not a kind of account: use {} (User mailbox and Person are read as \
                 user, Shared mailbox as shared, Room, Room mailbox, Equipment and Equipment \
                 mailbox as resource)",
                one_of(&own.map(|(w, _)| w))
            )
        })
}

/// A recorded state cell: the state, or what to say.
pub(crate) fn state(cell: &str) -> Result<State, String> {
    let own = words(State::ALL, State::as_str);
    find(&own, cell)
        .or_else(|| find(&PORTAL_STATUSES, cell))
        .ok_or_else(|| {
            format!(
                "`{cell}` is not an account status: use {}, or a status of the NHSmail portal \
                 (Active (Leaver), Disabled (Leaver), Locked, Pending, Enabling, Restoring, \
                 Migration Pending, Disabling, Deleting, Deleted Permanent)",
                one_of(&own.map(|(w, _)| w))
            )
        })
}

/// An onboarded cell: yes or no, or what to say.
pub(crate) fn onboarded(cell: &str) -> Result<bool, String> {
    find(&ONBOARDED, cell)
        .ok_or_else(|| format!("`{cell}` is not yes or no: use true, false, yes, no, y, n, 1 or 0"))
}

/// A `lastActivity` cell that means no sign-in is known: `never`, `n/a`, `-` (any case).
pub(crate) fn is_never(cell: &str) -> bool {
    !cell.starts_with(|c: char| c.is_ascii_digit())
        && ["never", "n/a", "-"]
            .iter()
            .any(|w| cell.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_words_as_written() {
        for (written, want) in [
            ("User Mailbox", AccountKind::User),
            ("UserMailbox", AccountKind::User),
            ("person", AccountKind::User),
            ("Shared mailbox", AccountKind::Shared),
            ("EQUIPMENT_MAILBOX", AccountKind::Resource),
            ("Room", AccountKind::Resource),
        ] {
            assert_eq!(kind(written), Ok(want), "{written}");
        }
        for (written, want) in [
            ("Active (Leaver)", State::Leaver),
            ("Disabled_Leaver", State::Leaver),
            ("Disabled (Leaver)", State::Leaver),
            ("Locked", State::Active),
            ("Migration Pending", State::Active),
            ("Disabling", State::Disabled),
            ("Deleting", State::Deleted),
            ("Deleted Permanent", State::Purged),
            ("Deleted_Permanent", State::Purged),
            ("Permanently deleted", State::Purged),
            ("INACTIVE", State::Inactive),
        ] {
            assert_eq!(state(written), Ok(want), "{written}");
        }
        // Every state's label is read back as that state.
        for s in State::ALL {
            assert_eq!(state(s.label()), Ok(s), "{}", s.label());
        }
        assert_eq!(onboarded(" Y "), Ok(true));
        assert!(state("Suspended").unwrap_err().contains("`Suspended`"));
        assert!(state("Suspended").unwrap_err().contains(
            "use active, inactive, disabled, leaver, deleted or purged, or a status of the NHSmail portal"
        ));
        assert!(kind("robot")
            .unwrap_err()
            .contains("use user, shared, application or resource (User mailbox"));
        assert!(kind("a very long cell that is not a kind at all").is_err());
        assert!(is_never("N/A") && is_never("Never") && !is_never("none"));
    }
}
