//! Can this account sign in, here, to this service, today? (SPEC section 4, rule ids `AC-*`.)

use serde::{Deserialize, Serialize};

use crate::lifecycle::State;
use crate::model::date::IsoDate;
use crate::model::policy::PolicySet;
use crate::model::rules::RuleId;

/// Where the person is signing in from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub enum Location {
    Uk,
    Abroad,
}

/// What the person is signing in to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub enum Service {
    /// The NHSmail (NHS.net Connect) portal.
    Portal,
    /// Office 365: Outlook, Teams and the rest.
    Office365,
}

/// The input of `checkAccess`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct AccessInput {
    /// The account's lifecycle state on the day.
    pub state: State,
    /// The day of the sign-in.
    pub on: IsoDate,
    /// `uk` or `abroad`.
    pub location: Location,
    /// `portal` or `office365`.
    pub service: Service,
    /// Multi-factor authentication is set up (default false).
    #[serde(default, deserialize_with = "crate::model::account::null_as_false")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub mfa_enabled: bool,
    /// The Account Secret is set (default false).
    #[serde(default, deserialize_with = "crate::model::account::null_as_false")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub account_secret_set: bool,
    /// The AUP is accepted and the Account Secret set (default true); only read when inactive.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub onboarded: Option<bool>,
}

/// One reason in an access answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct AccessReason {
    /// The rule, e.g. `AC-MFA-ABROAD`.
    pub rule: RuleId,
    /// Plain English for the person signing in.
    pub message: String,
}

/// What `checkAccess` returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct AccessResult {
    /// True when no rule refuses the sign-in.
    pub allowed: bool,
    /// True when this sign-in moves an inactive account back to active.
    pub reactivates: bool,
    /// Every refusing rule in rule order, then `AC-REACTIVATE` when it applies.
    pub reasons: Vec<AccessReason>,
}

/// From `from` (when set) onwards.
fn in_force(from: Option<IsoDate>, on: IsoDate) -> bool {
    from.is_some_and(|d| on >= d)
}

/// Checks a sign-in against every `AC-*` rule, with the policy in force on `input.on`.
pub fn check_access(input: &AccessInput, set: &PolicySet) -> AccessResult {
    let p = set.in_force(input.on);
    let mut reasons = Vec::new();
    let mut refuse = |rule: RuleId, message: String| reasons.push(AccessReason { rule, message });
    match input.state {
        State::Deleted => refuse(
            RuleId::AccessDeleted,
            "The account is deleted. Call the helpdesk on 0333 200 1133 or email helpdesk@nhs.net: they can restore it within its restore window.".to_owned(),
        ),
        State::Purged => refuse(
            RuleId::AccessDeleted,
            "The account is permanently deleted and cannot be restored. A new account is needed.".to_owned(),
        ),
        State::Disabled => refuse(
            RuleId::AccessDisabled,
            "The account is disabled. Ask your local administrator to enable it.".to_owned(),
        ),
        _ => {}
    }
    if input.location == Location::Abroad
        && !input.mfa_enabled
        && in_force(p.mfa_abroad_from, input.on)
    {
        refuse(
            RuleId::MfaAbroad,
            "Signing in from outside the UK needs multi-factor authentication (MFA). MFA cannot be set up outside the UK, so set it up before you travel or sign in when you are back.".to_owned(),
        );
    }
    if input.service == Service::Portal
        && !input.account_secret_set
        && in_force(p.account_secret_soft_from, input.on)
    {
        refuse(
            RuleId::SecretSoft,
            "Portal services need an Account Secret, and are refused until it is set. The portal asks for it at sign-in.".to_owned(),
        );
    }
    if input.service == Service::Office365
        && !input.account_secret_set
        && in_force(p.account_secret_hard_from, input.on)
    {
        refuse(
            RuleId::SecretHard,
            "Office 365 services are blocked until you set your Account Secret in the NHS.net Connect portal.".to_owned(),
        );
    }
    let allowed = reasons.is_empty();
    let mut reactivates = false;
    if input.state == State::Inactive {
        if !input.onboarded.unwrap_or(true) {
            reasons.push(AccessReason {
                rule: RuleId::Reactivate,
                message: "Signing in does not reactivate this account until the Acceptable Use Policy is accepted and the Account Secret is set.".to_owned(),
            });
        } else if allowed {
            reactivates = true;
            reasons.push(AccessReason {
                rule: RuleId::Reactivate,
                message: "Signing in as usual reactivates this inactive account.".to_owned(),
            });
        }
    }
    AccessResult {
        allowed,
        reactivates,
        reasons,
    }
}
