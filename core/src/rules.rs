//! The rule catalogue: every rule id with its plain-English summary and the exact sentence(s) of
//! the public page it comes from. The engine, the docs and the app all read this one table, so an
//! explanation can never drift from the rule.

use serde::{Deserialize, Serialize};

/// A rule id. The ids are part of the JSON contract (SPEC sections 3 to 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
    #[serde(rename = "AC-DELETED")]
    AccessDeleted,
    #[serde(rename = "AC-DISABLED")]
    AccessDisabled,
    #[serde(rename = "AC-MFA-ABROAD")]
    MfaAbroad,
    #[serde(rename = "AC-SECRET-SOFT")]
    SecretSoft,
    #[serde(rename = "AC-SECRET-HARD")]
    SecretHard,
    #[serde(rename = "AC-REACTIVATE")]
    Reactivate,
    #[serde(rename = "EL-CQC")]
    Cqc,
    #[serde(rename = "EL-DSPT")]
    Dspt,
    #[serde(rename = "EL-DSPT-CURRENT")]
    DsptCurrent,
    #[serde(rename = "EL-APPROACHING-ONCE")]
    ApproachingOnce,
    #[serde(rename = "EL-SECURE-EMAIL")]
    SecureEmail,
    #[serde(rename = "EL-ROUTE-PORTAL")]
    RoutePortal,
    #[serde(rename = "EL-ROUTE-SELF-MANAGEMENT")]
    RouteSelfManagement,
    #[serde(rename = "EL-ROUTE-SPONSOR")]
    RouteSponsor,
    #[serde(rename = "EL-ROUTE-NATIONAL")]
    RouteNational,
    #[serde(rename = "EL-EXISTING")]
    Existing,
    #[serde(rename = "SM-OWNER-MEMBER")]
    OwnerMember,
    #[serde(rename = "SM-ONLY-OWNERS-DELEGATE")]
    OnlyOwnersDelegate,
    #[serde(rename = "SM-SIZE")]
    Size,
    #[serde(rename = "SM-ALLOWANCE")]
    Allowance,
    #[serde(rename = "SM-EXTRA-REQUEST")]
    ExtraRequest,
    #[serde(rename = "SM-SLA")]
    Sla,
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
const LINCS: &str = "003_b2e35ee3adfca8ab.txt";
/// The contract itself, where no public page states the rule.
const SPEC: &str = "SPEC.md";

const fn rule(
    id: RuleId,
    summary: &'static str,
    source: &'static str,
    quote: &'static str,
) -> Rule {
    Rule {
        id,
        section: id.section(),
        summary,
        source,
        quote,
    }
}

static CATALOGUE: [Rule; 37] = [
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
    rule(
        RuleId::AccessDeleted,
        "A deleted account cannot sign in: call the helpdesk within the restore window; once permanently deleted, a new account is needed",
        CARE,
        "If your account has been deleted, please call the Helpdesk. They will be able to confirm if your account can be restored or not. If not, you will need to request a new account.",
    ),
    rule(
        RuleId::AccessDisabled,
        "A disabled account cannot sign in until a local administrator enables it",
        CARE,
        "Disabled accounts are classified as inactive whilst in a disabled state",
    ),
    rule(
        RuleId::MfaAbroad,
        "From outside the UK, signing in needs multi-factor authentication, which cannot be set up abroad",
        NCL,
        "From early September 2023, Multi-Factor Authentication (MFA) will be required to access NHSMail and Collaboration Services from outside of the UK.",
    ),
    rule(
        RuleId::SecretSoft,
        "Portal services need an Account Secret: it is asked for at the next portal sign-in",
        LINCS,
        "Users who have not set up their Account Secret by 3rd February 2025 will be asked to do so the next time they log in into the NHS.net Connect Portal; they will not be able to access portal services until they set up the Account Secret.",
    ),
    rule(
        RuleId::SecretHard,
        "Office 365 services are blocked until the Account Secret is set (from the hard enforcement date)",
        LINCS,
        "Access to Office 365 services will be blocked to users who have not set up their Account Secret.",
    ),
    rule(
        RuleId::Reactivate,
        "Signing in reactivates an inactive account once the AUP is accepted and the Account Secret set",
        CARE,
        "You can reactivate your account by signing into it as usual (including your shared site mailbox).",
    ),
    rule(
        RuleId::Cqc,
        "Registering as a care provider asks for CQC registration",
        CARE,
        "To create new NHS Mail accounts, Registered Care Providers should publish their Data Security and Protection Toolkit (DSPT) to “Approaching Standards”",
    ),
    rule(
        RuleId::Dspt,
        "A care provider needs its DSPT published at Approaching Standards or better",
        CARE,
        "Once you have completed your DSPT and met either ‘Approaching Standards’ or ‘Standards Met’, you are eligible for NHSmail.",
    ),
    rule(
        RuleId::DsptCurrent,
        "The DSPT is published every year: a publication counts until the next year's 30 June deadline has passed",
        CARE,
        "The DSPT is a free annual self-assessment and publishing to either “Approaching Standards” or “Standards Met” ensures NHS mail remains available to Care Providers for free.",
    ),
    rule(
        RuleId::ApproachingOnce,
        "A provider may publish at Approaching Standards only once; the next publication must reach Standards Met",
        SPEC,
        "a provider may publish at `approachingStandards` only once",
    ),
    rule(
        RuleId::SecureEmail,
        "Secure email (DCB1596) has two routes, NHSmail and secure email accreditation; both need the DSPT first",
        CARE,
        "For each of these you must first complete and publish the Data Security and Protection Toolkit to at least ‘Approaching Standards’.",
    ),
    rule(
        RuleId::RoutePortal,
        "An eligible care provider applies through the NHSmail portal; the national administration service sends the log-in details",
        CARE,
        "The application will be processed by the national administration service, who will send you your log-in details.",
    ),
    rule(
        RuleId::RouteSelfManagement,
        "A provider with several sites and its own local administrators may also apply for self-management (CQC registered services only)",
        CARE,
        "Larger providers with multiple sites, who have the necessary IT infrastructure and resourcing to carry out administration activities for their own NHSmail accounts, co-ordinated by their own Local Administrators can take the Self Management route.",
    ),
    rule(
        RuleId::RouteSponsor,
        "A locally commissioned organisation gets sponsor accounts from its commissioner for the length of the contract",
        CARE,
        "If your organisation has been commissioned locally and the commissioning organisation have stipulated the need for NHSmail, they should provide you with sponsor email accounts for the duration of your contract with them.",
    ),
    rule(
        RuleId::RouteNational,
        "An organisation supporting the NHS nationally sends the NHS access process form to feedback@nhs.net",
        CARE,
        "If you are supporting the NHS nationally, complete the NHS access process form here and submit this to feedback@nhs.net",
    ),
    rule(
        RuleId::Existing,
        "Registration is for new users only: existing users should see the FAQs and the training guide",
        CARE,
        "Please note that registering for NHS mail is for new users only.",
    ),
    rule(
        RuleId::OwnerMember,
        "A shared mailbox needs at least one owner and at least one member",
        CARE,
        "A shared mailbox needs to have at least one “owner” and one “member” linked to the shared account",
    ),
    rule(
        RuleId::OnlyOwnersDelegate,
        "Only an owner can give or remove access, so a shared mailbox needs an active owner",
        CARE,
        "only the nominated owner(s) can delegate access to the mailbox to others.",
    ),
    rule(
        RuleId::Size,
        "A shared mailbox has at most 250 members and 100 owners; fewer than two owners is a risk",
        SPEC,
        "at most 250 members and 100 owners (error; NHSmail support pages); fewer than two owners is a warning, so that access survives one owner leaving.",
    ),
    rule(
        RuleId::Allowance,
        "Each site has up to 10 named user accounts and 1 shared mailbox",
        CARE,
        "The default account allowance is up to 10 named user accounts and 1 shared mailbox per site",
    ),
    rule(
        RuleId::ExtraRequest,
        "More than 10 accounts needs a justification, the number wanted, and 10 linked accounts in active use",
        CARE,
        "Confirmation that you already have access to 10 mailboxes and that they are actively being used. (NAS helpdesk can check the activity of the SMB to see how many active/inactive users are already linked and will prompt the user to ensure any inactive accounts are logged into before the request can be progressed.)",
    ),
    rule(
        RuleId::Sla,
        "Once the helpdesk has the minimum data set, it aims to complete the request in 5 working days",
        CARE,
        "The NAS helpdesk actions the request – once NAS has the MDS, they will aim to complete the request in 5 working days.",
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

    /// The SPEC section the rule belongs to (3 lifecycle, 4 access, 5 eligibility, 6 mailboxes).
    pub const fn section(self) -> u8 {
        match self.as_str().as_bytes() {
            [b'A', ..] => 4,
            [b'E', ..] => 5,
            [b'S', ..] => 6,
            _ => 3,
        }
    }

    /// The id as written in the contract, e.g. `LC-INACTIVE`.
    pub const fn as_str(self) -> &'static str {
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
            RuleId::AccessDeleted => "AC-DELETED",
            RuleId::AccessDisabled => "AC-DISABLED",
            RuleId::MfaAbroad => "AC-MFA-ABROAD",
            RuleId::SecretSoft => "AC-SECRET-SOFT",
            RuleId::SecretHard => "AC-SECRET-HARD",
            RuleId::Reactivate => "AC-REACTIVATE",
            RuleId::Cqc => "EL-CQC",
            RuleId::Dspt => "EL-DSPT",
            RuleId::DsptCurrent => "EL-DSPT-CURRENT",
            RuleId::ApproachingOnce => "EL-APPROACHING-ONCE",
            RuleId::SecureEmail => "EL-SECURE-EMAIL",
            RuleId::RoutePortal => "EL-ROUTE-PORTAL",
            RuleId::RouteSelfManagement => "EL-ROUTE-SELF-MANAGEMENT",
            RuleId::RouteSponsor => "EL-ROUTE-SPONSOR",
            RuleId::RouteNational => "EL-ROUTE-NATIONAL",
            RuleId::Existing => "EL-EXISTING",
            RuleId::OwnerMember => "SM-OWNER-MEMBER",
            RuleId::OnlyOwnersDelegate => "SM-ONLY-OWNERS-DELEGATE",
            RuleId::Size => "SM-SIZE",
            RuleId::Allowance => "SM-ALLOWANCE",
            RuleId::ExtraRequest => "SM-EXTRA-REQUEST",
            RuleId::Sla => "SM-SLA",
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
        assert_eq!(seen.len(), 37);
    }
}
