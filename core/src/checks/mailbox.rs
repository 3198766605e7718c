//! Shared mailboxes, per-site allowances and requests for extra accounts (SPEC section 6,
//! rule ids `SM-*`).

use std::collections::HashMap;

use serde::Serialize;

use crate::checks::plan_input::{MailboxInput, MailboxPlanInput, MAX_MEMBERS, MAX_OWNERS};
use crate::checks::request::{distinct, plan_request, RequestPlan};
use crate::lifecycle::{evaluate_account, State};
use crate::model::account::{Account, AccountKind};
use crate::model::error::{EngineError, ErrorCode};
use crate::model::policy::PolicySet;
use crate::model::rules::RuleId;

/// Counts for one site against its allowance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub struct SitePlan {
    pub site_id: String,
    pub named_users: usize,
    pub named_users_allowed: u32,
    pub shared_mailboxes: usize,
    pub shared_mailboxes_allowed: u32,
    pub over_allowance: bool,
}

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub enum Severity {
    Error,
    Warning,
}

/// Something to fix (error) or to watch (warning).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(missing_as_null))]
#[allow(missing_docs)]
pub struct Problem {
    pub rule: RuleId,
    pub severity: Severity,
    /// Null for a problem with the site as a whole.
    pub mailbox_id: Option<String>,
    pub site_id: String,
    pub message: String,
}

/// What `planSharedMailboxes` returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(missing_as_null))]
pub struct MailboxPlan {
    /// Per site, in input order.
    pub sites: Vec<SitePlan>,
    /// Per mailbox in input order, then per site.
    pub problems: Vec<Problem>,
    /// Null when no request was asked.
    pub request: Option<RequestPlan>,
}

fn field_error(path: String, detail: impl Into<String>) -> EngineError {
    EngineError::new(ErrorCode::InvalidField, path, detail)
}

/// Ids must be non-blank and unique within their list.
fn unique_ids<'a>(
    list: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<HashMap<&'a str, usize>, EngineError> {
    let mut seen = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            return Err(field_error(format!("{list}[{i}].id"), "must not be blank"));
        }
        if let Some(first) = seen.insert(id, i) {
            return Err(field_error(
                format!("{list}[{i}].id"),
                format!("`{id}` is already the id of {list}[{first}]"),
            ));
        }
    }
    Ok(seen)
}

/// The state of each user on `asOf`: `state` when given, else the lifecycle of an onboarded
/// account created on its last activity.
fn user_states(
    input: &MailboxPlanInput,
    set: &PolicySet,
) -> Result<HashMap<String, State>, EngineError> {
    let mut states = HashMap::with_capacity(input.users.len());
    for (i, u) in input.users.iter().enumerate() {
        let state = match (u.state, u.last_activity) {
            (Some(state), _) => state,
            (None, None) => {
                return Err(field_error(
                    format!("users[{i}].lastActivity"),
                    "is required when `state` is not given",
                ))
            }
            (None, Some(last)) => {
                if last > input.as_of {
                    return Err(EngineError::new(
                        ErrorCode::InvalidDate,
                        format!("users[{i}].lastActivity"),
                        format!("`{last}` is after asOf `{}`", input.as_of),
                    ));
                }
                let account = Account {
                    id: u.id.clone(),
                    kind: AccountKind::User,
                    created: last,
                    onboarded: Some(true),
                    recorded_since: None,
                    active_on: None,
                    address: None,
                    organisation: None,
                    recorded_state: None,
                    events: Vec::new(),
                };
                evaluate_account(&account, input.as_of, set)
                    .map_err(|e| e.within(&format!("users[{i}]")))?
                    .state
            }
        };
        states.insert(u.id.clone(), state);
    }
    Ok(states)
}

/// Plans a provider's shared mailboxes: counts against the allowance, problems, and any request
/// for extra accounts.
pub fn plan_shared_mailboxes(
    input: &MailboxPlanInput,
    set: &PolicySet,
) -> Result<MailboxPlan, EngineError> {
    let sites = unique_ids("sites", input.sites.iter().map(|s| s.id.as_str()))?;
    unique_ids("mailboxes", input.mailboxes.iter().map(|m| m.id.as_str()))?;
    let users = unique_ids("users", input.users.iter().map(|u| u.id.as_str()))?;
    for (i, u) in input.users.iter().enumerate() {
        if !sites.contains_key(u.site_id.as_str()) {
            return Err(no_site(format!("users[{i}].siteId"), &u.site_id));
        }
    }
    for (i, m) in input.mailboxes.iter().enumerate() {
        if !sites.contains_key(m.site_id.as_str()) {
            return Err(no_site(format!("mailboxes[{i}].siteId"), &m.site_id));
        }
        for (list, ids) in [("owners", &m.owners), ("members", &m.members)] {
            if let Some(j) = ids.iter().position(|id| !users.contains_key(id.as_str())) {
                let id = ids.get(j).map(String::as_str).unwrap_or_default();
                return Err(field_error(
                    format!("mailboxes[{i}].{list}[{j}]"),
                    format!("`{id}` is not the id of any user"),
                ));
            }
        }
    }
    if let Some(r) = &input.request {
        if !sites.contains_key(r.site_id.as_str()) {
            return Err(no_site("request.siteId".to_owned(), &r.site_id));
        }
    }
    let states = user_states(input, set)?;
    let policy = set.in_force(input.as_of);
    let named_allowed = policy.named_users_per_site.get();
    let boxes_allowed = policy.shared_mailboxes_per_site.get();
    let is_active = |id: &str| states.get(id) == Some(&State::Active);

    let mut problems = Vec::new();
    for m in &input.mailboxes {
        mailbox_problems(m, &is_active, &mut problems);
    }
    let mut named_at: HashMap<&str, usize> = HashMap::new();
    for u in &input.users {
        *named_at.entry(u.site_id.as_str()).or_default() += 1;
    }
    let mut boxes_at: HashMap<&str, usize> = HashMap::new();
    for m in &input.mailboxes {
        *boxes_at.entry(m.site_id.as_str()).or_default() += 1;
    }
    let mut plans = Vec::with_capacity(input.sites.len());
    for site in &input.sites {
        let named = named_at.get(site.id.as_str()).copied().unwrap_or(0);
        let boxes = boxes_at.get(site.id.as_str()).copied().unwrap_or(0);
        let name = site
            .name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or(&site.id);
        let mut over = |what: String| {
            problems.push(Problem {
                rule: RuleId::Allowance,
                severity: Severity::Error,
                mailbox_id: None,
                site_id: site.id.clone(),
                message: what,
            });
        };
        if named > named_allowed as usize {
            over(format!("{name} has {named} named users. The allowance is {named_allowed} a site: ask the helpdesk for extra accounts."));
        }
        if boxes > boxes_allowed as usize {
            over(format!(
                "{name} has {boxes} shared mailboxes. The allowance is {boxes_allowed} a site."
            ));
        }
        plans.push(SitePlan {
            site_id: site.id.clone(),
            named_users: named,
            named_users_allowed: named_allowed,
            shared_mailboxes: boxes,
            shared_mailboxes_allowed: boxes_allowed,
            over_allowance: named > named_allowed as usize || boxes > boxes_allowed as usize,
        });
    }
    let request = match &input.request {
        Some(r) => Some(plan_request(input, r, named_allowed, &states, set)?),
        None => None,
    };
    Ok(MailboxPlan {
        sites: plans,
        problems,
        request,
    })
}

fn no_site(path: String, id: &str) -> EngineError {
    field_error(path, format!("`{id}` is not the id of any site"))
}

fn mailbox_problems(m: &MailboxInput, is_active: &dyn Fn(&str) -> bool, out: &mut Vec<Problem>) {
    let owners = distinct(m.owners.iter());
    let members = distinct(m.members.iter());
    let mut flag = |rule, severity, message: String| {
        out.push(Problem {
            rule,
            severity,
            mailbox_id: Some(m.id.clone()),
            site_id: m.site_id.clone(),
            message,
        });
    };
    let missing = match (owners.is_empty(), members.is_empty()) {
        (true, true) => Some("no owner and no member"),
        (true, false) => Some("no owner"),
        (false, true) => Some("no member"),
        (false, false) => None,
    };
    if let Some(missing) = missing {
        flag(
            RuleId::OwnerMember,
            Severity::Error,
            format!(
                "Shared mailbox {} has {missing}. It needs at least one owner and one member.",
                m.id
            ),
        );
    }
    if !owners.iter().any(|o| is_active(o)) {
        flag(
            RuleId::OnlyOwnersDelegate,
            Severity::Error,
            format!(
                "Shared mailbox {} has no active owner, so nobody can give or remove access.",
                m.id
            ),
        );
    }
    if members.len() > MAX_MEMBERS {
        flag(
            RuleId::Size,
            Severity::Error,
            format!(
                "Shared mailbox {} has {} members. The most it can have is {MAX_MEMBERS}.",
                m.id,
                members.len()
            ),
        );
    }
    if owners.len() > MAX_OWNERS {
        flag(
            RuleId::Size,
            Severity::Error,
            format!(
                "Shared mailbox {} has {} owners. The most it can have is {MAX_OWNERS}.",
                m.id,
                owners.len()
            ),
        );
    }
    if owners.len() < 2 {
        flag(
            RuleId::Size,
            Severity::Warning,
            format!(
                "Shared mailbox {} has fewer than two owners. Add another so access survives one owner leaving.",
                m.id
            ),
        );
    }
}
