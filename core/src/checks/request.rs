//! A request for more accounts than a site's allowance (SPEC section 6, `SM-EXTRA-REQUEST` and
//! `SM-SLA`): its blockers, the filled-in 001 email, and when the helpdesk should finish it.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::checks::plan_input::{ExtraRequestInput, MailboxPlanInput, HELPDESK};
use crate::lifecycle::State;
use crate::model::calendar::add_working_days;
use crate::model::date::IsoDate;
use crate::model::error::EngineError;
use crate::model::numbers::WholeNumber;
use crate::model::policy::PolicySet;
use crate::model::rules::RuleId;

/// Why a request cannot progress yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub struct RequestReason {
    pub rule: RuleId,
    pub message: String,
}

/// The request for extra accounts, checked and written out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(missing_as_null))]
pub struct RequestPlan {
    /// True when every condition of `SM-EXTRA-REQUEST` holds.
    pub can_progress: bool,
    /// Linked accounts that are not active: sign in to each (or remove it) first.
    pub blockers: Vec<String>,
    /// Linked accounts that are active.
    pub active_linked: usize,
    /// `addWorkingDays(mdsCompleteOn, SLA)`, or null without `mdsCompleteOn`.
    pub completes_on: Option<IsoDate>,
    /// The 001 email template, filled in.
    pub email: String,
    /// Where to send it.
    pub to: String,
    /// One reason per unmet condition.
    pub reasons: Vec<RequestReason>,
}

/// Each id once, in order of first appearance.
pub(crate) fn distinct<'a>(ids: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    ids.map(String::as_str)
        .filter(|id| seen.insert(*id))
        .collect()
}

/// The 001 email template, with `{justification}` and `{additional}` filled where given.
pub fn request_email(justification: Option<&str>, additional: Option<u32>) -> String {
    let additional = additional.map_or_else(|| "{additional}".to_owned(), |n| n.to_string());
    [
        "Dear Care Admin Team,",
        "",
        &format!(
            "We require new user accounts for our shared mailbox. The new users will take our shared mailbox total to over ten users. We require these extra accounts because {}",
            justification.unwrap_or("{justification}")
        ),
        "",
        &format!("Number of new users required: {additional}"),
    ]
    .join("\n")
}

pub(crate) fn plan_request(
    input: &MailboxPlanInput,
    r: &ExtraRequestInput,
    named_allowed: u32,
    states: &HashMap<String, State>,
    set: &PolicySet,
) -> Result<RequestPlan, EngineError> {
    let state_of = |id: &str| states.get(id).copied();
    let is_active = |id: &str| state_of(id) == Some(State::Active);
    let linked = distinct(
        input
            .mailboxes
            .iter()
            .filter(|m| m.site_id == r.site_id)
            .flat_map(|m| m.owners.iter().chain(m.members.iter())),
    );
    let (active, blockers): (Vec<&str>, Vec<&str>) = linked.iter().partition(|id| is_active(id));
    let additional = r.additional.map(|WholeNumber(n)| n);
    let mut reasons = Vec::new();
    let mut unmet = |message: String| {
        reasons.push(RequestReason {
            rule: RuleId::ExtraRequest,
            message,
        });
    };
    if r.justification
        .as_deref()
        .is_none_or(|j| j.trim().is_empty())
    {
        unmet("Give a justification for needing more accounts.".to_owned());
    }
    if additional.unwrap_or(0) < 1 {
        unmet("Say how many additional accounts you need (at least 1).".to_owned());
    }
    if active.len() < named_allowed as usize {
        unmet(format!(
            "The shared mailboxes of this site need at least {named_allowed} linked accounts in active use; {} are active.",
            active.len()
        ));
    }
    if !blockers.is_empty() {
        let listed: Vec<String> = blockers
            .iter()
            .map(|id| match state_of(id) {
                // By the state's label, as every page names it ("permanently deleted").
                Some(s) => format!("{id} ({})", s.label().to_ascii_lowercase()),
                None => (*id).to_owned(),
            })
            .collect();
        unmet(format!(
            "These linked accounts are not active: {}. Sign in to each (an inactive account reactivates), ask to enable or restore it, or remove it from the mailbox first.",
            listed.join(", ")
        ));
    }
    let completes_on = match r.mds_complete_on {
        Some(day) => {
            let sla = set.in_force(day).extra_accounts_sla_working_days.get();
            Some(add_working_days(day, sla).map_err(|mut e| {
                e.path = "request.mdsCompleteOn".to_owned();
                e
            })?)
        }
        None => None,
    };
    Ok(RequestPlan {
        can_progress: reasons.is_empty(),
        blockers: blockers.into_iter().map(str::to_owned).collect(),
        active_linked: active.len(),
        completes_on,
        email: request_email(r.justification.as_deref(), additional),
        to: HELPDESK.to_owned(),
        reasons,
    })
}
