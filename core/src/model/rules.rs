//! The rule catalogue: every rule id with its plain-English summary and the exact sentence(s) of
//! the public page it comes from. The engine, the docs and the app all read this one table, so an
//! explanation can never drift from the rule.

use serde::{Deserialize, Serialize};

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

/// The catalogue's one table: each row `Variant = "ID", source, summary, quote;` gives the
/// `RuleId` variant, its contract id (serde name and `as_str`), and its catalogue row, so no list of
/// rule ids is written anywhere else. Rows are in the catalogue's order, which is `rules()`'s.
macro_rules! catalogue {
    ($( $variant:ident = $id:literal, $source:expr, $summary:expr, $quote:expr; )+) => {
        /// A rule id. The ids are part of the JSON contract (SPEC sections 3 to 8).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
        #[allow(missing_docs)]
        pub enum RuleId {
            $( #[serde(rename = $id)] $variant, )+
        }

        /// How many rules there are.
        pub const RULE_COUNT: usize = [$($id),+].len();

        static CATALOGUE: [Rule; RULE_COUNT] = [
            $( rule(RuleId::$variant, $summary, $source, $quote), )+
        ];

        impl RuleId {
            /// Every rule id, in the catalogue's order.
            pub const ALL: [RuleId; RULE_COUNT] = [$(RuleId::$variant),+];

            /// The id as written in the contract, e.g. `LC-INACTIVE`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( RuleId::$variant => $id, )+
                }
            }
        }
    };
}

catalogue! {
    ActiveDeleted = "LC-ACTIVE-DELETED", CARE,
        "No activity for the inactive and deletion periods together (60 days nationally): deleted straight from active",
        "Active to deleted if 60+ days of no activity";
    Onboarding = "LC-ONBOARDING", CARE,
        "A new account that has not accepted the AUP and set its Account Secret within 30 days becomes inactive",
        "New user accounts that have been set up but have not accepted the Acceptable Use Policy (AUP) or set security questions will be moved to inactive within 30 days from creation.";
    Inactive = "LC-INACTIVE", NCL,
        "No sign-in or sent email for 30 days",
        "active to inactive if 30-60 days of no activity";
    InactiveDeleted = "LC-INACTIVE-DELETED", NCL,
        "Inactive for 30 days: the account is deleted",
        "inactive to deleted if 30+ days in inactive state.";
    DisabledRetention = "LC-DISABLED-RETENTION", CARE,
        "A disabled account stays for 18 months, then it is deleted",
        "Disabled accounts are classified as inactive whilst in a disabled state, they will remain on the platform for 18 months with no additional activity required.";
    Leaver = "LC-LEAVER", CARE,
        "An account marked as a leaver is permanently deleted after 30 days",
        "After 30 days, accounts marked as ‘leavers’ will be permanently deleted.";
    RestoreWindow = "LC-RESTORE-WINDOW", NCL,
        "A deleted account can be restored for 30 days, then it is permanently deleted",
        "Accounts that move to deleted state will then have 30 days to be restored if required.";
    Reactivated = "LC-REACTIVATED", CARE,
        "Signing in as usual reactivates an inactive account",
        "You can reactivate your account by signing into it as usual (including your shared site mailbox).";
    Disabled = "LC-DISABLED", CARE,
        "A local administrator disabled the account; it counts as inactive while disabled",
        "Disabled accounts are classified as inactive whilst in a disabled state";
    Enabled = "LC-ENABLED", CARE,
        "A local administrator enabled the account again: it is active and its inactivity clock restarts",
        "Disabled accounts are classified as inactive whilst in a disabled state, they will remain on the platform for 18 months with no additional activity required.";
    LeaverMarked = "LC-LEAVER-MARKED", CARE,
        "The helpdesk marked the account as a leaver",
        "If you are leaving your organisation, you need to email helpdesk@nhs.net to notify them so that they can mark your account as a ‘leaver’.";
    Joiner = "LC-JOINER", CARE,
        "A leaver joined a new organisation: the account is active again there",
        "If you are moving to another social care provider, you will also need to inform helpdesk@nhs.net so they can mark you as a ‘joiner’ to your new organisation.";
    Restored = "LC-RESTORED", CARE,
        "The helpdesk restored the deleted account within its restore window",
        "If your account has been deleted, please call the Helpdesk. They will be able to confirm if your account can be restored or not.";
    NameChange = "LC-NAME-CHANGE", CARE,
        "The email address changed; the old address stays as an alias that redirects",
        "Your old email address will remain associated with your new account. If another user sends an email to your old email, it will be re-directed to your new email address.";
    Exempt = "LC-EXEMPT", NCL,
        "Shared, application and resource accounts are not moved by inactivity",
        "Please note: There is no change to application accounts, shared/resource mailbox hygiene, or the forensic process.";
    AccessDeleted = "AC-DELETED", CARE,
        "A deleted account cannot sign in: call the helpdesk within the restore window; once permanently deleted, a new account is needed",
        "If your account has been deleted, please call the Helpdesk. They will be able to confirm if your account can be restored or not. If not, you will need to request a new account.";
    AccessDisabled = "AC-DISABLED", CARE,
        "A disabled account cannot sign in until a local administrator enables it",
        "Disabled accounts are classified as inactive whilst in a disabled state";
    MfaAbroad = "AC-MFA-ABROAD", NCL,
        "From outside the UK, signing in needs multi-factor authentication, which cannot be set up abroad",
        "From early September 2023, Multi-Factor Authentication (MFA) will be required to access NHSMail and Collaboration Services from outside of the UK.";
    SecretSoft = "AC-SECRET-SOFT", LINCS,
        "Portal services need an Account Secret: it is asked for at the next portal sign-in",
        "Users who have not set up their Account Secret by 3rd February 2025 will be asked to do so the next time they log in into the NHS.net Connect Portal; they will not be able to access portal services until they set up the Account Secret.";
    SecretHard = "AC-SECRET-HARD", LINCS,
        "Office 365 services are blocked until the Account Secret is set (from the hard enforcement date)",
        "Access to Office 365 services will be blocked to users who have not set up their Account Secret.";
    Reactivate = "AC-REACTIVATE", CARE,
        "Signing in reactivates an inactive account once the AUP is accepted and the Account Secret set",
        "You can reactivate your account by signing into it as usual (including your shared site mailbox).";
    Cqc = "EL-CQC", CARE,
        "Registering as a care provider asks for CQC registration",
        "To create new NHS Mail accounts, Registered Care Providers should publish their Data Security and Protection Toolkit (DSPT) to “Approaching Standards”";
    Dspt = "EL-DSPT", CARE,
        "A care provider needs its DSPT published at Approaching Standards or better",
        "Once you have completed your DSPT and met either ‘Approaching Standards’ or ‘Standards Met’, you are eligible for NHSmail.";
    DsptCurrent = "EL-DSPT-CURRENT", CARE,
        "The DSPT is published every year: a publication counts until the next year's 30 June deadline has passed",
        "The DSPT is a free annual self-assessment and publishing to either “Approaching Standards” or “Standards Met” ensures NHS mail remains available to Care Providers for free.";
    ApproachingOnce = "EL-APPROACHING-ONCE", SPEC,
        "A provider may publish at Approaching Standards only once; the next publication must reach Standards Met",
        "a provider may publish at `approachingStandards` only once";
    SecureEmail = "EL-SECURE-EMAIL", CARE,
        "Secure email (DCB1596) has two routes, NHSmail and secure email accreditation; both need the DSPT first",
        "For each of these you must first complete and publish the Data Security and Protection Toolkit to at least ‘Approaching Standards’.";
    RoutePortal = "EL-ROUTE-PORTAL", CARE,
        "An eligible care provider applies through the NHSmail portal; the national administration service sends the log-in details",
        "The application will be processed by the national administration service, who will send you your log-in details.";
    RouteSelfManagement = "EL-ROUTE-SELF-MANAGEMENT", CARE,
        "A provider with several sites and its own local administrators may also apply for self-management (CQC registered services only)",
        "Larger providers with multiple sites, who have the necessary IT infrastructure and resourcing to carry out administration activities for their own NHSmail accounts, co-ordinated by their own Local Administrators can take the Self Management route.";
    RouteSponsor = "EL-ROUTE-SPONSOR", CARE,
        "A locally commissioned organisation gets sponsor accounts from its commissioner for the length of the contract",
        "If your organisation has been commissioned locally and the commissioning organisation have stipulated the need for NHSmail, they should provide you with sponsor email accounts for the duration of your contract with them.";
    RouteNational = "EL-ROUTE-NATIONAL", CARE,
        "An organisation supporting the NHS nationally sends the NHS access process form to feedback@nhs.net",
        "If you are supporting the NHS nationally, complete the NHS access process form here and submit this to feedback@nhs.net";
    Existing = "EL-EXISTING", CARE,
        "Registration is for new users only: existing users should see the FAQs and the training guide",
        "Please note that registering for NHS mail is for new users only.";
    OwnerMember = "SM-OWNER-MEMBER", CARE,
        "A shared mailbox needs at least one owner and at least one member",
        "A shared mailbox needs to have at least one “owner” and one “member” linked to the shared account";
    OnlyOwnersDelegate = "SM-ONLY-OWNERS-DELEGATE", CARE,
        "Only an owner can give or remove access, so a shared mailbox needs an active owner",
        "only the nominated owner(s) can delegate access to the mailbox to others.";
    Size = "SM-SIZE", SPEC,
        "A shared mailbox has at most 250 members and 100 owners; fewer than two owners is a risk",
        "at most 250 members and 100 owners (error; NHSmail support pages); fewer than two owners is a warning, so that access survives one owner leaving.";
    Allowance = "SM-ALLOWANCE", CARE,
        "Each site has up to 10 named user accounts and 1 shared mailbox",
        "The default account allowance is up to 10 named user accounts and 1 shared mailbox per site";
    ExtraRequest = "SM-EXTRA-REQUEST", CARE,
        "More than 10 accounts needs a justification, the number wanted, and 10 linked accounts in active use",
        "Confirmation that you already have access to 10 mailboxes and that they are actively being used. (NAS helpdesk can check the activity of the SMB to see how many active/inactive users are already linked and will prompt the user to ensure any inactive accounts are logged into before the request can be progressed.)";
    Sla = "SM-SLA", CARE,
        "Once the helpdesk has the minimum data set, it aims to complete the request in 5 working days",
        "The NAS helpdesk actions the request – once NAS has the MDS, they will aim to complete the request in 5 working days.";
}

/// Every rule in the catalogue.
pub fn rules() -> &'static [Rule] {
    &CATALOGUE
}

impl RuleId {
    /// This rule's catalogue row.
    pub fn rule(self) -> &'static Rule {
        // INVARIANT: CATALOGUE has one row per RuleId (checked by a test), so the search finds it.
        CATALOGUE
            .get(self as usize)
            .filter(|r| r.id == self)
            .unwrap_or(&CATALOGUE[0])
    }

    /// The rule's one-line summary.
    pub fn summary(self) -> &'static str {
        self.rule().summary
    }

    /// Whether the rule moves an account from one state to another: the rules a transition, a
    /// timeline segment or a decision can name.
    pub const fn moves_state(self) -> bool {
        self.section() == 3 && !matches!(self, RuleId::NameChange | RuleId::Exempt)
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
        assert_eq!(seen.len(), RULE_COUNT);
        assert_eq!(RuleId::ALL.len(), RULE_COUNT);
    }
}
