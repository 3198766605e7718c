//! The built-in policy sets (SPEC section 2): the one table of them. Adding a set is a row here
//! and its policies (docs/EXTENDING.md).

use crate::model::policy::{count, date, Policy, PolicySet};

/// A built-in policy set: its contract id, the title a person reads, one line on what it is, and
/// its policies. [`BUILT_IN_SETS`] is the one list of them: the ids, the errors' "known: ..."
/// text, the CLI's help and the app's choices all read it.
#[derive(Clone, Copy, Debug)]
pub struct BuiltInSet {
    /// The id (part of the contract), e.g. `national`.
    pub id: &'static str,
    /// The title a person reads, e.g. "National policy".
    pub title: &'static str,
    /// One line on what it is.
    pub summary: &'static str,
    /// Its policies, in any order.
    pub build: fn() -> Vec<Policy>,
}

/// The built-in policy sets, in the order `policySets()` lists them (SPEC section 2).
pub const BUILT_IN_SETS: [BuiltInSet; 2] = [
    BuiltInSet {
        id: "national",
        title: "National policy",
        summary: "30 days without a sign-in to inactive, 30 more to deleted (001 FAQ)",
        build: national,
    },
    BuiltInSet {
        id: "ncl-icb",
        title: "North Central London ICB",
        summary: "90 and 90 days until 1 December 2022, then the national 30 and 30 (000)",
        build: ncl_icb,
    },
];

/// Built-in policy set ids, in the order `policySets()` lists them (from [`BUILT_IN_SETS`]).
pub const BUILT_IN_SET_IDS: [&str; BUILT_IN_SETS.len()] = {
    let mut ids = [""; BUILT_IN_SETS.len()];
    let mut i = 0;
    while i < ids.len() {
        // INVARIANT: i < ids.len() == BUILT_IN_SETS.len().
        #[allow(clippy::indexing_slicing)]
        {
            ids[i] = BUILT_IN_SETS[i].id;
        }
        i += 1;
    }
    ids
};

fn national() -> Vec<Policy> {
    vec![Policy::national_defaults(
        "national-2016",
        date("2016-01-01"),
    )]
}

fn ncl_icb() -> Vec<Policy> {
    let mut ncl_2016 = Policy::national_defaults("ncl-icb-2016", date("2016-01-01"));
    ncl_2016.inactive_after_days = count(90);
    ncl_2016.delete_after_inactive_days = count(90);
    let ncl_2022 = Policy::national_defaults("ncl-icb-2022-12", date("2022-12-01"));
    vec![ncl_2016, ncl_2022]
}

impl BuiltInSet {
    /// The row with this id.
    pub fn find(id: &str) -> Option<&'static BuiltInSet> {
        BUILT_IN_SETS.iter().find(|s| s.id == id)
    }

    /// The policy set this row builds: its policies ordered by `effectiveFrom`, as
    /// [`PolicySet::new`] orders them. (Every row builds at least one policy: tested.)
    pub fn policy_set(&self) -> PolicySet {
        let mut policies = (self.build)();
        policies.sort_by_key(|p| p.effective_from); // stable
        PolicySet {
            id: self.id.to_owned(),
            policies,
        }
    }
}

impl PolicySet {
    /// The built-in set with this id.
    pub fn built_in(id: &str) -> Option<PolicySet> {
        BuiltInSet::find(id).map(BuiltInSet::policy_set)
    }

    /// The default set: the first built-in one (`national`).
    pub fn default_set() -> PolicySet {
        // INVARIANT: BUILT_IN_SETS is not empty (its length is in its type).
        #[allow(clippy::indexing_slicing)]
        BUILT_IN_SETS[0].policy_set()
    }

    /// Every built-in set.
    pub fn built_ins() -> Vec<PolicySet> {
        BUILT_IN_SETS.iter().map(BuiltInSet::policy_set).collect()
    }

    /// The title a person reads: a built-in set's title, or the caller's own label.
    pub fn title(&self) -> &str {
        BuiltInSet::find(&self.id).map_or(self.id.as_str(), |s| s.title)
    }

    /// The built-in ids as a person reads them in a list: "national, ncl-icb".
    pub(crate) fn known_ids() -> String {
        BUILT_IN_SET_IDS.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_builds_a_non_empty_ordered_set_under_its_own_id() {
        for row in BUILT_IN_SETS {
            let set = row.policy_set();
            assert!(!set.policies().is_empty(), "{} builds no policy", row.id);
            // The same set as the checked constructor makes.
            assert_eq!(Some(&set), PolicySet::new(row.id, (row.build)()).as_ref());
            assert_eq!(BuiltInSet::find(row.id).map(|r| r.title), Some(row.title));
        }
        assert_eq!(PolicySet::default_set().id, BUILT_IN_SET_IDS[0]);
        assert!(BuiltInSet::find("no-such-set").is_none());
    }
}
