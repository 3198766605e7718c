//! Policies and policy sets (SPEC section 2): numbers in force from a date.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::model::date::IsoDate;
use crate::model::error::{parse_at, EngineError, ErrorCode};
use crate::model::numbers::Count;

/// One policy: the numbers in force from `effectiveFrom`. Field names follow SPEC section 2.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(missing_as_null))]
pub struct Policy {
    /// The policy's id, e.g. `national-2016`.
    pub id: String,
    /// The first day the policy is in force.
    pub effective_from: IsoDate,
    /// active → inactive after this many days without activity.
    pub inactive_after_days: Count,
    /// inactive → deleted after this many days in the inactive state.
    pub delete_after_inactive_days: Count,
    /// A deleted account can be restored for this many days, then it is purged.
    pub restore_window_days: Count,
    /// A new account must accept the AUP and set its Account Secret within this many days.
    pub onboarding_days: Count,
    /// A disabled account stays this many months, then is deleted.
    pub disabled_retention_months: Count,
    /// An account marked as a leaver is purged after this many days.
    pub leaver_deletion_days: Count,
    /// From this date, access from outside the UK needs MFA (null: not in force).
    pub mfa_abroad_from: Option<IsoDate>,
    /// From this date, portal services need an Account Secret (null: not in force).
    pub account_secret_soft_from: Option<IsoDate>,
    /// From this date, Office 365 services need an Account Secret (null: not in force).
    pub account_secret_hard_from: Option<IsoDate>,
    /// Default named user accounts per site.
    pub named_users_per_site: Count,
    /// Default shared mailboxes per site.
    pub shared_mailboxes_per_site: Count,
    /// Working days for the helpdesk to complete a request for more than ten accounts.
    pub extra_accounts_sla_working_days: Count,
}

pub(crate) fn date(s: &str) -> IsoDate {
    // Only called on the literals below, which are real dates (checked by a test).
    s.parse().unwrap_or(IsoDate::MIN)
}

pub(crate) fn count(n: u32) -> Count {
    Count::new(n).unwrap_or(Count(1))
}

impl Policy {
    /// The national defaults (001 FAQ), in force from `effective_from`.
    pub fn national_defaults(id: &str, effective_from: IsoDate) -> Policy {
        Policy {
            id: id.to_owned(),
            effective_from,
            inactive_after_days: count(30),
            delete_after_inactive_days: count(30),
            restore_window_days: count(30),
            onboarding_days: count(30),
            disabled_retention_months: count(18),
            leaver_deletion_days: count(30),
            mfa_abroad_from: Some(date("2023-09-01")),
            account_secret_soft_from: Some(date("2025-02-03")),
            account_secret_hard_from: None,
            named_users_per_site: count(10),
            shared_mailboxes_per_site: count(1),
            extra_accounts_sla_working_days: count(5),
        }
    }
}

/// A user-supplied policy as written in JSON: `id` and `effectiveFrom` are required, a missing
/// number takes the national default, and a date field may be null (not in force).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub struct PolicyInput {
    pub id: String,
    pub effective_from: IsoDate,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    pub inactive_after_days: Option<Count>,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    pub delete_after_inactive_days: Option<Count>,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    pub restore_window_days: Option<Count>,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    pub onboarding_days: Option<Count>,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    pub disabled_retention_months: Option<Count>,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    pub leaver_deletion_days: Option<Count>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string | null"))]
    pub mfa_abroad_from: Option<Option<IsoDate>>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string | null"))]
    pub account_secret_soft_from: Option<Option<IsoDate>>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string | null"))]
    pub account_secret_hard_from: Option<Option<IsoDate>>,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    pub named_users_per_site: Option<Count>,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    pub shared_mailboxes_per_site: Option<Count>,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    pub extra_accounts_sla_working_days: Option<Count>,
}

/// A field that is present (possibly null) as opposed to missing.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

impl PolicyInput {
    /// The full policy, national defaults filling what is missing.
    pub fn resolve(self) -> Policy {
        let d = Policy::national_defaults(&self.id, self.effective_from);
        Policy {
            id: self.id,
            effective_from: self.effective_from,
            inactive_after_days: self.inactive_after_days.unwrap_or(d.inactive_after_days),
            delete_after_inactive_days: self
                .delete_after_inactive_days
                .unwrap_or(d.delete_after_inactive_days),
            restore_window_days: self.restore_window_days.unwrap_or(d.restore_window_days),
            onboarding_days: self.onboarding_days.unwrap_or(d.onboarding_days),
            disabled_retention_months: self
                .disabled_retention_months
                .unwrap_or(d.disabled_retention_months),
            leaver_deletion_days: self.leaver_deletion_days.unwrap_or(d.leaver_deletion_days),
            mfa_abroad_from: self.mfa_abroad_from.unwrap_or(d.mfa_abroad_from),
            account_secret_soft_from: self
                .account_secret_soft_from
                .unwrap_or(d.account_secret_soft_from),
            account_secret_hard_from: self
                .account_secret_hard_from
                .unwrap_or(d.account_secret_hard_from),
            named_users_per_site: self.named_users_per_site.unwrap_or(d.named_users_per_site),
            shared_mailboxes_per_site: self
                .shared_mailboxes_per_site
                .unwrap_or(d.shared_mailboxes_per_site),
            extra_accounts_sla_working_days: self
                .extra_accounts_sla_working_days
                .unwrap_or(d.extra_accounts_sla_working_days),
        }
    }
}

/// A named list of policies. The policy in force on day X is the last one whose
/// `effectiveFrom <= X`; before the first policy's date, the first applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct PolicySet {
    /// The set's id (`national`, `ncl-icb`) or the caller's label (default `custom`).
    #[cfg_attr(feature = "wasm", tsify(type = "PolicySetId"))]
    pub id: String,
    // INVARIANT: non-empty, sorted by effective_from; among equal dates, input order is kept
    // (so the later one in the input is the one in force).
    pub(crate) policies: Vec<Policy>,
}

impl PolicySet {
    /// A set from policies in any order; `None` when the list is empty.
    pub fn new(id: impl Into<String>, mut policies: Vec<Policy>) -> Option<PolicySet> {
        if policies.is_empty() {
            return None;
        }
        policies.sort_by_key(|p| p.effective_from); // stable
        Some(PolicySet {
            id: id.into(),
            policies,
        })
    }

    /// The policies, ordered by `effectiveFrom`.
    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }

    /// The policy in force on `day`.
    pub fn in_force(&self, day: IsoDate) -> &Policy {
        let later = self.policies.partition_point(|p| p.effective_from <= day);
        // INVARIANT: policies is non-empty (`new` refuses an empty list), so this index exists.
        #[allow(clippy::indexing_slicing)]
        &self.policies[later.saturating_sub(1)]
    }

    /// The stretches of days each policy governs: `(first day, first day of the next, policy)`.
    /// The first stretch starts at the beginning of the calendar; a policy overridden on its own
    /// day governs an empty stretch.
    pub(crate) fn segments(&self) -> impl Iterator<Item = (IsoDate, Option<IsoDate>, &Policy)> {
        self.policies.iter().enumerate().map(move |(i, p)| {
            let start = if i == 0 {
                IsoDate::MIN
            } else {
                p.effective_from
            };
            let end = self.policies.get(i + 1).map(|q| q.effective_from);
            (start, end, p)
        })
    }
}

/// How a caller picks the policies: a built-in set by id, or their own policies with a label.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct EvaluationOptions {
    /// A built-in set id (default `national`), or the label for `policies` (default `custom`).
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "PolicySetId"))]
    pub policy_set: Option<String>,
    /// The caller's own policies; when given, `policySet` is only a label.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub policies: Option<Vec<PolicyInput>>,
    /// `evaluateAccount` and `evaluateAccounts` only: `true` gives each transition its `because`
    /// (why, with the numbers); absent or `false` leaves the output as SPEC section 3 shows it.
    /// Other operations ignore it.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub explain: Option<bool>,
}

impl EvaluationOptions {
    /// Options naming a built-in set.
    pub fn built_in(id: &str) -> Self {
        Self {
            policy_set: Some(id.to_owned()),
            policies: None,
            explain: None,
        }
    }

    /// The policy set these options choose. Paths in errors start with `options`.
    pub fn resolve(self) -> Result<PolicySet, EngineError> {
        match self.policies {
            Some(list) => {
                let label = self.policy_set.unwrap_or_else(|| "custom".to_owned());
                if label.trim().is_empty() {
                    return Err(EngineError::new(
                        ErrorCode::InvalidField,
                        "options.policySet",
                        "must not be blank: it labels your policies in every result",
                    ));
                }
                let mut policies = Vec::with_capacity(list.len());
                for (i, p) in list.into_iter().enumerate() {
                    if p.id.trim().is_empty() {
                        return Err(EngineError::new(
                            ErrorCode::InvalidField,
                            format!("options.policies[{i}].id"),
                            "must not be blank",
                        ));
                    }
                    policies.push(p.resolve());
                }
                PolicySet::new(label, policies).ok_or_else(|| {
                    EngineError::new(
                        ErrorCode::InvalidField,
                        "options.policies",
                        "must list at least one policy",
                    )
                })
            }
            None => {
                let Some(id) = self.policy_set else {
                    return Ok(PolicySet::default_set());
                };
                PolicySet::built_in(&id).ok_or_else(|| {
                    EngineError::new(
                        ErrorCode::UnknownPolicySet,
                        "options.policySet",
                        format!(
                            "`{id}` is not a built-in policy set (known: {})",
                            PolicySet::known_ids()
                        ),
                    )
                })
            }
        }
    }

    /// Reads options from JSON text, as a person would keep them in a file:
    /// `{"policySet": "my-trust", "policies": [...]}`. Error paths start with `options`.
    pub fn from_json(text: &str) -> Result<PolicySet, EngineError> {
        crate::model::error::read_json_object::<EvaluationOptions>(
            text,
            "options",
            "must be a JSON object with `policySet` and `policies`",
            "options",
            None,
        )?
        .resolve()
    }

    /// Reads options from any serde input (`None`/null means the defaults): the policy set, and
    /// whether to explain each transition (`explain`).
    pub(crate) fn parse_explain<'de, D>(input: D) -> Result<(PolicySet, bool), EngineError>
    where
        D: Deserializer<'de>,
        D::Error: fmt::Display,
    {
        let opts: Option<EvaluationOptions> = parse_at(input, "options")?;
        let opts = opts.unwrap_or_default();
        let explain = opts.explain.unwrap_or(false);
        Ok((opts.resolve()?, explain))
    }

    /// Reads options from any serde input; `None`/null means the defaults.
    pub(crate) fn parse<'de, D>(input: D) -> Result<PolicySet, EngineError>
    where
        D: Deserializer<'de>,
        D::Error: fmt::Display,
    {
        Self::parse_named(input, "options")
    }

    /// As [`parse`](Self::parse) for an argument with another name (`optionsA`): errors start
    /// with that name.
    pub(crate) fn parse_named<'de, D>(input: D, name: &str) -> Result<PolicySet, EngineError>
    where
        D: Deserializer<'de>,
        D::Error: fmt::Display,
    {
        let opts: Option<EvaluationOptions> = parse_at(input, name)?;
        opts.unwrap_or_default().resolve().map_err(|mut e| {
            if let Some(rest) = e.path.strip_prefix("options") {
                e.path = format!("{name}{rest}");
            }
            e
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> IsoDate {
        s.parse().unwrap()
    }

    #[test]
    fn built_in_sets_have_their_contract_ids() {
        let national = PolicySet::built_in("national").unwrap();
        assert_eq!(national.policies()[0].id, "national-2016");
        assert_eq!(national.policies()[0].effective_from, d("2016-01-01"));
        let ncl = PolicySet::built_in("ncl-icb").unwrap();
        assert_eq!(ncl.in_force(d("2022-11-30")).id, "ncl-icb-2016");
        assert_eq!(ncl.in_force(d("2022-11-30")).inactive_after_days.get(), 90);
        assert_eq!(ncl.in_force(d("2022-12-01")).id, "ncl-icb-2022-12");
        assert_eq!(ncl.in_force(d("2022-12-01")).inactive_after_days.get(), 30);
        // Before the first policy's date, the first applies.
        assert_eq!(ncl.in_force(d("2010-01-01")).id, "ncl-icb-2016");
    }

    #[test]
    fn later_policy_in_the_list_wins_on_a_shared_date() {
        let a = Policy::national_defaults("a", d("2020-01-01"));
        let b = Policy::national_defaults("b", d("2020-01-01"));
        let set = PolicySet::new("x", vec![a, b]).unwrap();
        assert_eq!(set.in_force(d("2020-01-01")).id, "b");
    }

    #[test]
    fn options_errors_name_the_field() {
        let v = serde_json::json!({ "policies": [ { "id": "p", "effectiveFrom": "2020-01-01", "inactiveAfterDays": 0 } ] });
        let e = EvaluationOptions::parse(v).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidField);
        assert_eq!(e.path, "options.policies[0].inactiveAfterDays");

        let v = serde_json::json!({ "policies": [ { "id": "p", "effectiveFrom": "2020-02-30" } ] });
        let e = EvaluationOptions::parse(v).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::InvalidDate, "options.policies[0].effectiveFrom")
        );

        let e = EvaluationOptions::parse(serde_json::json!({ "policySet": "nope" })).unwrap_err();
        assert_eq!(e.code, ErrorCode::UnknownPolicySet);
    }

    #[test]
    fn custom_policy_takes_defaults_and_null_dates() {
        let v = serde_json::json!({ "policySet": "mine", "policies": [
            { "id": "p", "effectiveFrom": "2020-01-01", "inactiveAfterDays": 45.0, "mfaAbroadFrom": null } ] });
        let set = EvaluationOptions::parse(v).unwrap();
        let p = set.in_force(d("2021-01-01"));
        assert_eq!(set.id, "mine");
        assert_eq!(p.inactive_after_days.get(), 45);
        assert_eq!(p.restore_window_days.get(), 30);
        assert_eq!(p.mfa_abroad_from, None);
        assert_eq!(p.account_secret_soft_from, Some(d("2025-02-03")));
    }
}
