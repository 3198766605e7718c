//! The input of `planSharedMailboxes` (SPEC section 6): sites, shared mailboxes, their users and
//! a request for extra accounts, as callers write them; and the limits the plan checks them against.

use serde::Deserialize;

use crate::model::date::IsoDate;
use crate::model::numbers::WholeNumber;
use crate::model::state::State;

/// The most members a shared mailbox may have.
pub const MAX_MEMBERS: usize = 250;
/// The most owners a shared mailbox may have.
pub const MAX_OWNERS: usize = 100;
/// Where a request for extra accounts is sent.
pub const HELPDESK: &str = "helpdesk@nhs.net";

/// A site (a care home).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub struct SiteInput {
    pub id: String,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub name: Option<String>,
}

/// A shared mailbox and the users linked to it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub struct MailboxInput {
    pub id: String,
    pub site_id: String,
    #[serde(default, deserialize_with = "crate::model::account::null_as_empty")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub owners: Vec<String>,
    #[serde(default, deserialize_with = "crate::model::account::null_as_empty")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub members: Vec<String>,
}

/// A named user of a site. Needs `lastActivity` or `state`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub struct UserInput {
    pub id: String,
    pub site_id: String,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub last_activity: Option<IsoDate>,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub state: Option<State>,
}

/// A request for more accounts than the allowance.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub struct ExtraRequestInput {
    pub site_id: String,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "number"))]
    pub additional: Option<WholeNumber>,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub justification: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub mds_complete_on: Option<IsoDate>,
}

/// The input of `planSharedMailboxes`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub struct MailboxPlanInput {
    pub sites: Vec<SiteInput>,
    #[serde(default, deserialize_with = "crate::model::account::null_as_empty")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub mailboxes: Vec<MailboxInput>,
    #[serde(default, deserialize_with = "crate::model::account::null_as_empty")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub users: Vec<UserInput>,
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub request: Option<ExtraRequestInput>,
    pub as_of: IsoDate,
}
