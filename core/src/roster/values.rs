//! The words a roster CSV's cells may hold (SPEC section 9): kinds and their synonyms, the six
//! states and the NHSmail portal's account statuses, and yes or no for `onboarded`. Matching
//! ignores case, spaces, `_` and brackets (the bracket characters: `Disabled (Leaver)` is
//! `disabledleaver`).

use crate::model::account::AccountKind;
use crate::model::state::State;

/// A cell's words as they are matched, on the stack: the longest word here is 17 letters, so a
/// cell whose key is longer matches nothing.
struct Key {
    bytes: [u8; 24],
    len: usize,
}

impl Key {
    /// The cell lowercased without spaces, `_` and brackets; `None` when it cannot be a word here.
    fn of(cell: &str) -> Option<Key> {
        let mut key = Key {
            bytes: [0; 24],
            len: 0,
        };
        for b in cell.bytes() {
            match b {
                b' ' | b'_' | b'\t' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => {}
                _ => {
                    let slot = key.bytes.get_mut(key.len)?;
                    *slot = b.to_ascii_lowercase();
                    key.len += 1;
                }
            }
        }
        Some(key)
    }

    fn get(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

/// Looks a cell up in a table of (matched form, value).
fn find<T: Copy>(table: &[(&str, T)], cell: &str) -> Option<T> {
    let key = Key::of(cell)?;
    let key = key.get();
    table
        .iter()
        .find(|(word, _)| word.as_bytes() == key)
        .map(|(_, v)| *v)
}

/// The kinds and their synonyms, as matched (the SPEC's `user mailbox` is `usermailbox`).
const KINDS: [(&str, AccountKind); 11] = [
    ("user", AccountKind::User),
    ("shared", AccountKind::Shared),
    ("application", AccountKind::Application),
    ("resource", AccountKind::Resource),
    ("usermailbox", AccountKind::User),
    ("person", AccountKind::User),
    ("sharedmailbox", AccountKind::Shared),
    ("room", AccountKind::Resource),
    ("roommailbox", AccountKind::Resource),
    ("equipment", AccountKind::Resource),
    ("equipmentmailbox", AccountKind::Resource),
];

/// The six states and the portal's account statuses (support.nhs.net, "Types of account
/// status"), as matched.
const STATES: [(&str, State); 17] = [
    ("active", State::Active),
    ("inactive", State::Inactive),
    ("disabled", State::Disabled),
    ("leaver", State::Leaver),
    ("deleted", State::Deleted),
    ("purged", State::Purged),
    // Active (Leaver), Disabled_Leaver, Disabled (Leaver)
    ("activeleaver", State::Leaver),
    ("disabledleaver", State::Leaver),
    // A password lock, not a lifecycle state; the others are the portal at work.
    ("locked", State::Active),
    ("pending", State::Active),
    ("enabling", State::Active),
    ("restoring", State::Active),
    ("migrationpending", State::Active),
    ("disabling", State::Disabled),
    ("deleting", State::Deleted),
    // Deleted Permanent, Deleted_Permanent, Permanently deleted
    ("deletedpermanent", State::Purged),
    // ... and the engine's own label for purged.
    ("permanentlydeleted", State::Purged),
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
    find(&KINDS, cell).ok_or_else(|| {
        format!(
            "`{cell}` is not a kind of account: use user, shared, application or resource (User \
             mailbox and Person are read as user, Shared mailbox as shared, Room, Room mailbox, \
             Equipment and Equipment mailbox as resource)"
        )
    })
}

/// A recorded state cell: the state, or what to say.
pub(crate) fn state(cell: &str) -> Result<State, String> {
    find(&STATES, cell).ok_or_else(|| {
        format!(
            "`{cell}` is not an account status: use active, inactive, disabled, leaver, deleted \
             or purged, or a status of the NHSmail portal (Active (Leaver), Disabled (Leaver), \
             Locked, Pending, Enabling, Restoring, Migration Pending, Disabling, Deleting, Deleted \
             Permanent)"
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
    ["never", "n/a", "-"]
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
        assert!(kind("a very long cell that is not a kind at all").is_err());
        assert!(is_never("N/A") && is_never("Never") && !is_never("none"));
    }
}
