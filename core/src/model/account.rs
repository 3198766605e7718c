//! The account input of SPEC section 3, as callers write it, and its checked form.

use serde::{Deserialize, Serialize};

use crate::model::date::IsoDate;
use crate::model::error::{EngineError, ErrorCode};
use crate::model::state::State;

vocabulary! {
    /// What kind of account it is. Only `user` accounts are moved by inactivity.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    pub enum AccountKind {
        /// A named person's account.
        User = "user" => "User account",
        /// A shared mailbox.
        Shared = "shared" => "Shared mailbox",
        /// An application account.
        Application = "application" => "Application account",
        /// A room or equipment mailbox.
        Resource = "resource" => "Resource mailbox",
    }
}

impl AccountKind {
    /// Shared, application and resource accounts are exempt from inactivity (`LC-EXEMPT`).
    pub fn is_exempt(self) -> bool {
        !matches!(self, AccountKind::User)
    }
}

vocabulary! {
    /// The event types of SPEC section 3.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    pub enum EventType {
        /// A sign-in or a sent email (its `channel` says which).
        Activity = "activity" => "Used NHSmail",
        /// The acceptable use policy was accepted.
        AupAccepted = "aupAccepted" => "Accepted the acceptable use policy",
        /// The Account Secret (or security questions) was set.
        AccountSecretSet = "accountSecretSet" => "Set the Account Secret",
        /// A local administrator disabled the account.
        Disabled = "disabled" => "Disabled by a local administrator",
        /// A local administrator enabled the account.
        Enabled = "enabled" => "Enabled by a local administrator",
        /// The helpdesk marked the account as a leaver.
        MarkedLeaver = "markedLeaver" => "Marked as a leaver",
        /// The person joined another organisation (`organisation`).
        Joined = "joined" => "Joined another organisation",
        /// The helpdesk restored the deleted account.
        Restored = "restored" => "Restored by the helpdesk",
        /// The primary address changed (`address`).
        NameChanged = "nameChanged" => "Name changed (new email address)",
    }
}

vocabulary! {
    /// How the account was used. Only these count as activity (000); receiving email does not.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    pub enum Channel {
        /// A sign-in to the NHSmail portal.
        PortalLogin = "portalLogin" => "Signed in to the NHSmail portal",
        /// A sign-in to Office 365 (for example Teams).
        Office365Login = "office365Login" => "Signed in to Office 365 (for example Teams)",
        /// An Office 365 app used (for example Outlook with cached credentials).
        Office365AppUse = "office365AppUse" => "Used an Office 365 app (for example Outlook)",
        /// An email sent.
        EmailSent = "emailSent" => "Sent an email",
    }
}

/// One event as written: `{ "on": "2025-02-20", "type": "activity", "channel": "emailSent" }`.
/// In TypeScript a union discriminated by `type`: `activity` needs `channel`, `joined` needs
/// `organisation`, `nameChanged` needs `address`, and the other types take none of them (as
/// `Event::check` requires; the other types come from `EventType`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(
    feature = "wasm",
    tsify(
        type = "{ on: IsoDate; type: \"activity\"; channel: Channel } | { on: IsoDate; type: \"joined\"; organisation: string } | { on: IsoDate; type: \"nameChanged\"; address: string } | { on: IsoDate; type: Exclude<EventType, \"activity\" | \"joined\" | \"nameChanged\"> }"
    )
)]
pub struct Event {
    /// The day it happened.
    pub on: IsoDate,
    /// What happened.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// For `activity`: how the account was used (required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub channel: Option<Channel>,
    /// For `joined`: the new organisation (required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub organisation: Option<String>,
    /// For `nameChanged`: the new primary address (required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub address: Option<String>,
}

impl Event {
    /// A plain event of a type that needs no extra field.
    pub fn new(on: IsoDate, kind: EventType) -> Self {
        Event {
            on,
            kind,
            channel: None,
            organisation: None,
            address: None,
        }
    }
}

/// An account as callers write it (SPEC section 3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Account {
    /// The account's id, e.g. `jane.doe`.
    pub id: String,
    /// `user`, `shared`, `application` or `resource`.
    pub kind: AccountKind,
    /// The day the account was created.
    pub created: IsoDate,
    /// True: the AUP was accepted and the Account Secret set before any listed event. Absent or
    /// null: true when `activeOn` is given (a known sign-in went through the first-sign-in
    /// steps), else false (SPEC section 3, engine 0.2); see [`Account::is_onboarded`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub onboarded: Option<bool>,
    /// For a caller with no event history: the latest activity it knows of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub active_on: Option<IsoDate>,
    /// The primary email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub address: Option<String>,
    /// The organisation the account belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub organisation: Option<String>,
    /// In a roster for `exportDecisions`: the state the back office holds now (absent or null:
    /// `active`). The lifecycle does not read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub recorded_state: Option<State>,
    /// The day the recorded state began (SPEC section 7.0): with a recorded state other than
    /// `active`, the simulation starts there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub recorded_since: Option<IsoDate>,
    /// What happened to the account, in any order.
    #[serde(default, deserialize_with = "null_as_empty")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub events: Vec<Event>,
}

pub(crate) fn null_as_false<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(false))
}

/// A list that may be written as null or left out: both mean empty.
pub(crate) fn null_as_empty<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A checked event: the extra field each type needs is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Happening {
    SignIn(SignIn),
    Disabled,
    Enabled,
    MarkedLeaver,
    Joined(String),
    Restored,
    NameChanged(String),
}

/// The three events that are a sign-in and so count as activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SignIn {
    Activity,
    AupAccepted,
    AccountSecretSet,
}

fn required_text(
    value: &Option<String>,
    index: usize,
    field: &str,
    kind: &str,
) -> Result<String, EngineError> {
    match value {
        Some(v) if !v.trim().is_empty() => Ok(v.clone()),
        _ => Err(EngineError::new(
            ErrorCode::InvalidField,
            format!("events[{index}].{field}"),
            format!("is required for a `{kind}` event"),
        )),
    }
}

impl Event {
    /// The checked form; `index` is the event's place in the input, for error paths.
    pub(crate) fn check(&self, index: usize) -> Result<Happening, EngineError> {
        Ok(match self.kind {
            EventType::Activity => {
                if self.channel.is_none() {
                    return Err(EngineError::new(
                        ErrorCode::InvalidField,
                        format!("events[{index}].channel"),
                        "is required for an `activity` event (portalLogin, office365Login, office365AppUse or emailSent)",
                    ));
                }
                Happening::SignIn(SignIn::Activity)
            }
            EventType::AupAccepted => Happening::SignIn(SignIn::AupAccepted),
            EventType::AccountSecretSet => Happening::SignIn(SignIn::AccountSecretSet),
            EventType::Disabled => Happening::Disabled,
            EventType::Enabled => Happening::Enabled,
            EventType::MarkedLeaver => Happening::MarkedLeaver,
            EventType::Joined => Happening::Joined(required_text(
                &self.organisation,
                index,
                "organisation",
                "joined",
            )?),
            EventType::Restored => Happening::Restored,
            EventType::NameChanged => Happening::NameChanged(required_text(
                &self.address,
                index,
                "address",
                "nameChanged",
            )?),
        })
    }
}

impl Account {
    /// Whether the AUP and Account Secret count as done before any listed event: `onboarded`
    /// when given, else whether `activeOn` is (SPEC section 3, engine 0.2).
    pub fn is_onboarded(&self) -> bool {
        self.onboarded.unwrap_or(self.active_on.is_some())
    }

    /// The day the simulation starts: `activeOn` when given, else `created`.
    pub fn start_day(&self) -> IsoDate {
        self.active_on.unwrap_or(self.created)
    }

    /// Checks what serde cannot: the fields each event type needs, and `activeOn >= created`.
    pub(crate) fn check(&self) -> Result<Vec<Happening>, EngineError> {
        if self.id.trim().is_empty() {
            return Err(EngineError::new(
                ErrorCode::InvalidField,
                "id",
                "must not be blank",
            ));
        }
        if let Some(active_on) = self.active_on {
            if active_on < self.created {
                return Err(EngineError::new(
                    ErrorCode::InvalidDate,
                    "activeOn",
                    format!(
                        "{active_on} is before the account was created ({})",
                        self.created
                    ),
                ));
            }
        }
        self.events
            .iter()
            .enumerate()
            .map(|(i, e)| e.check(i))
            .collect()
    }
}
