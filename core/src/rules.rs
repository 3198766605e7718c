//! The rule catalogue: every rule id with its plain-English summary and the exact sentence(s) of
//! the public page it comes from. The engine, the docs and the app all read this one table, so an
//! explanation can never drift from the rule.

use serde::Serialize;

/// A rule id. The ids are part of the JSON contract (SPEC sections 3 to 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub enum RuleId {
    #[serde(rename = "LC-ACTIVE-DELETED")]
    ActiveDeleted,
    #[serde(rename = "LC-ONBOARDING")]
    Onboarding,
    #[serde(rename = "LC-INACTIVE")]
    Inactive,
    #[serde(rename = "LC-INACTIVE-DELETED")]
    InactiveDeleted,
    #[serde(rename = "LC-DISABLED-RETENTION")]
    DisabledRetention,
    #[serde(rename = "LC-LEAVER")]
    Leaver,
    #[serde(rename = "LC-RESTORE-WINDOW")]
    RestoreWindow,
    #[serde(rename = "LC-REACTIVATED")]
    Reactivated,
    #[serde(rename = "LC-DISABLED")]
    Disabled,
    #[serde(rename = "LC-ENABLED")]
    Enabled,
    #[serde(rename = "LC-LEAVER-MARKED")]
    LeaverMarked,
    #[serde(rename = "LC-JOINER")]
    Joiner,
    #[serde(rename = "LC-RESTORED")]
    Restored,
    #[serde(rename = "LC-NAME-CHANGE")]
    NameChange,
    #[serde(rename = "LC-EXEMPT")]
    Exempt,
}

/// One row of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Rule {
    /// The rule id, e.g. `LC-INACTIVE`.
    pub id: RuleId,
    /// The SPEC section the rule belongs to.
    pub section: u8,
    /// One line in plain English.
    pub summary: &'static str,
    /// The file name of the public page in `seeds/` the rule comes from.
    pub source: &'static str,
    /// The exact sentence(s) of that page (whitespace runs written as one space).
    pub quote: &'static str,
}

const NCL: &str = "000_7d288f9dc339b39b.txt";
const CARE: &str = "001_4c4cf53838ee439f.txt";

const fn rule(
    id: RuleId,
    summary: &'static str,
    source: &'static str,
    quote: &'static str,
) -> Rule {
    Rule {
        id,
        section: 3,
        summary,
        source,
        quote,
    }
}

static CATALOGUE: [Rule; 15] = [
    rule(
        RuleId::ActiveDeleted,
        "No activity for the inactive and deletion periods together (60 days nationally): deleted straight from active",
        CARE,
        "Active to deleted if 60+ days of no activity",
    ),
    rule(
        RuleId::Onboarding,
        "A new account that has not accepted the AUP and set its Account Secret within 30 days becomes inactive",
        CARE,
        "New user accounts that have been set up but have not accepted the Acceptable Use Policy (AUP) or set security questions will be moved to inactive within 30 days from creation.",
    ),
    rule(
        RuleId::Inactive,
        "No sign-in or sent email for 30 days",
        NCL,
        "active to inactive if 30-60 days of no activity",
    ),
    rule(
        RuleId::InactiveDeleted,
        "Inactive for 30 days: the account is deleted",
        NCL,
        "inactive to deleted if 30+ days in inactive state.",
    ),
    rule(
        RuleId::DisabledRetention,
        "A disabled account stays for 18 months, then it is deleted",
        CARE,
        "Disabled accounts are classified as inactive whilst in a disabled state, they will remain on the platform for 18 months with no additional activity required.",
    ),
    rule(
        RuleId::Leaver,
        "An account marked as a leaver is permanently deleted after 30 days",
        CARE,
        "After 30 days, accounts marked as ‘leavers’ will be permanently deleted.",
    ),
    rule(
        RuleId::RestoreWindow,
        "A deleted account can be restored for 30 days, then it is permanently deleted",
        NCL,
        "Accounts that move to deleted state will then have 30 days to be restored if required.",
    ),
    rule(
        RuleId::Reactivated,
        "Signing in as usual reactivates an inactive account",
        CARE,
        "You can reactivate your account by signing into it as usual (including your shared site mailbox).",
    ),
    rule(
        RuleId::Disabled,
        "A local administrator disabled the account; it counts as inactive while disabled",
        CARE,
        "Disabled accounts are classified as inactive whilst in a disabled state",
    ),
    rule(
        RuleId::Enabled,
        "A local administrator enabled the account again: it is active and its inactivity clock restarts",
        CARE,
        "Disabled accounts are classified as inactive whilst in a disabled state, they will remain on the platform for 18 months with no additional activity required.",
    ),
    rule(
        RuleId::LeaverMarked,
        "The helpdesk marked the account as a leaver",
        CARE,
        "If you are leaving your organisation, you need to email helpdesk@nhs.net to notify them so that they can mark your account as a ‘leaver’.",
    ),
    rule(
        RuleId::Joiner,
        "A leaver joined a new organisation: the account is active again there",
        CARE,
        "If you are moving to another social care provider, you will also need to inform helpdesk@nhs.net so they can mark you as a ‘joiner’ to your new organisation.",
    ),
    rule(
        RuleId::Restored,
        "The helpdesk restored the deleted account within its restore window",
        CARE,
        "If your account has been deleted, please call the Helpdesk. They will be able to confirm if your account can be restored or not.",
    ),
    rule(
        RuleId::NameChange,
        "The email address changed; the old address stays as an alias that redirects",
        CARE,
        "Your old email address will remain associated with your new account. If another user sends an email to your old email, it will be re-directed to your new email address.",
    ),
    rule(
        RuleId::Exempt,
        "Shared, application and resource accounts are not moved by inactivity",
        NCL,
        "Please note: There is no change to application accounts, shared/resource mailbox hygiene, or the forensic process.",
    ),
];

/// Every rule in the catalogue.
pub fn rules() -> &'static [Rule] {
    &CATALOGUE
}

impl RuleId {
    /// This rule's catalogue row.
    pub fn rule(self) -> &'static Rule {
        // INVARIANT: CATALOGUE has one row per RuleId (checked by a test), so the search finds it.
        CATALOGUE
            .iter()
            .find(|r| r.id == self)
            .unwrap_or(&CATALOGUE[0])
    }

    /// The rule's one-line summary.
    pub fn summary(self) -> &'static str {
        self.rule().summary
    }

    /// The id as written in the contract, e.g. `LC-INACTIVE`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::ActiveDeleted => "LC-ACTIVE-DELETED",
            RuleId::Onboarding => "LC-ONBOARDING",
            RuleId::Inactive => "LC-INACTIVE",
            RuleId::InactiveDeleted => "LC-INACTIVE-DELETED",
            RuleId::DisabledRetention => "LC-DISABLED-RETENTION",
            RuleId::Leaver => "LC-LEAVER",
            RuleId::RestoreWindow => "LC-RESTORE-WINDOW",
            RuleId::Reactivated => "LC-REACTIVATED",
            RuleId::Disabled => "LC-DISABLED",
            RuleId::Enabled => "LC-ENABLED",
            RuleId::LeaverMarked => "LC-LEAVER-MARKED",
            RuleId::Joiner => "LC-JOINER",
            RuleId::Restored => "LC-RESTORED",
            RuleId::NameChange => "LC-NAME-CHANGE",
            RuleId::Exempt => "LC-EXEMPT",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_rule_and_ids_match_serde() {
        let mut seen = std::collections::BTreeSet::new();
        for r in rules() {
            assert!(seen.insert(r.id), "{:?} twice", r.id);
            assert_eq!(serde_json::to_value(r.id).unwrap(), r.id.as_str());
            assert_eq!(r.id.rule().id, r.id);
        }
        assert_eq!(seen.len(), 15);
    }
}
