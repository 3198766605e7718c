//! Can a care provider get NHSmail, and how? (SPEC section 5, rule ids `EL-*`.)

use serde::Serialize;

use crate::checks::eligibility_input::{
    DsptStatus, DsptYear, EligibilityInput, OrganisationType, Sites,
};
use crate::model::date::IsoDate;
use crate::model::error::{EngineError, ErrorCode};
use crate::model::policy::PolicySet;
use crate::model::rules::RuleId;

/// A way to get NHSmail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub enum Route {
    Portal,
    SelfManagement,
    Sponsor,
    NationalForm,
}

/// A way to meet the Secure Email Standard (DCB1596).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub enum SecureEmailRoute {
    Nhsmail,
    SecureEmailAccreditation,
}

/// Named user accounts and shared mailboxes allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Allowance {
    /// `sites × namedUsersPerSite`.
    pub named_users: u64,
    /// `sites × sharedMailboxesPerSite`.
    pub shared_mailboxes: u64,
}

/// One line of the checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct EligibilityReason {
    /// The rule, e.g. `EL-DSPT`.
    pub rule: RuleId,
    /// Whether the organisation meets it.
    pub met: bool,
    /// Plain English.
    pub message: String,
}

/// What `checkEligibility` returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(missing_as_null))]
pub struct EligibilityResult {
    /// Whether the organisation can get NHSmail.
    pub eligible: bool,
    /// How it applies (empty when not eligible, or when it has NHSmail already).
    pub routes: Vec<Route>,
    /// How it can meet the Secure Email Standard.
    pub secure_email_routes: Vec<SecureEmailRoute>,
    /// The last day the DSPT publication counts (null without `dsptYear`).
    pub dspt_valid_until: Option<IsoDate>,
    /// For an eligible care provider: accounts allowed.
    pub allowance: Option<Allowance>,
    /// What to do, in order: fixes first, then how to apply.
    pub next_steps: Vec<String>,
    /// Every rule checked, in rule order.
    pub reasons: Vec<EligibilityReason>,
}

struct Checklist {
    reasons: Vec<EligibilityReason>,
    fixes: Vec<String>,
}

impl Checklist {
    fn check(&mut self, rule: RuleId, met: bool, message: String) -> bool {
        self.reasons.push(EligibilityReason { rule, met, message });
        met
    }
}

/// The DSPT's first assessment year: 2018-19.
const FIRST_DSPT_YEAR: i32 = 2018;

/// A year no publication can have (engine 0.2): before the DSPT began, or after `asOf`'s year.
fn check_dspt_year(year: DsptYear, as_of: IsoDate) -> Result<(), EngineError> {
    use chrono::Datelike;
    let latest = as_of.naive().year();
    let problem = if year.first() < FIRST_DSPT_YEAR {
        format!("must be 2018-19 or later (the DSPT began in 2018-19), found `{year}`")
    } else if year.first() > latest {
        format!("cannot be after {latest}, the year of asOf: no one has published for `{year}` yet")
    } else {
        return Ok(());
    };
    Err(EngineError::new(
        ErrorCode::InvalidField,
        "dsptYear",
        problem,
    ))
}

/// Checks an organisation against every `EL-*` rule, with the policy in force on `asOf`.
pub fn check_eligibility(
    input: &EligibilityInput,
    set: &PolicySet,
) -> Result<EligibilityResult, EngineError> {
    let status = input.dspt_status.unwrap_or_default();
    if status.passes() && input.dspt_year.is_none() {
        return Err(EngineError::new(
            ErrorCode::InvalidField,
            "dsptYear",
            format!(
                "is required when dsptStatus is `{}`",
                serde_json::to_value(status)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            ),
        ));
    }
    if let Some(year) = input.dspt_year {
        check_dspt_year(year, input.as_of)?;
    }
    let valid_until = input.dspt_year.and_then(DsptYear::valid_until);
    let shown = match input.dspt_year {
        Some(y) => format!("{} {}", y.short(), status.label()),
        None => status.label().to_owned(),
    };
    let current = valid_until.is_some_and(|d| input.as_of <= d);
    let dspt_ok = status.passes() && current;
    let sites = input.sites.map_or(1, Sites::get);
    let mut c = Checklist {
        reasons: Vec::new(),
        fixes: Vec::new(),
    };
    let mut routes = Vec::new();
    let mut route_steps = Vec::new();
    let eligible = match input.organisation_type {
        OrganisationType::CareProvider => {
            let cqc = c.check(
                RuleId::Cqc,
                input.cqc_registered,
                if input.cqc_registered {
                    "You are registered with the CQC.".to_owned()
                } else {
                    "You are not registered with the CQC. Care provider registration asks for CQC details.".to_owned()
                },
            );
            if !cqc {
                c.fixes.push(
                    "If a commissioner requires you to use NHSmail, ask it for sponsor accounts."
                        .to_owned(),
                );
            }
            dspt_reasons(&mut c, input, status, &shown, valid_until, current);
            let ok = cqc && dspt_ok;
            secure_email(&mut c, dspt_ok);
            if ok {
                c.check(
                    RuleId::RoutePortal,
                    true,
                    "Apply through the NHSmail portal. The national administration service sends the log-in details.".to_owned(),
                );
                routes.push(Route::Portal);
                route_steps.push("Apply through the NHSmail portal (NHSmail 2 Portal Home). The national administration service will send your log-in details.".to_owned());
                let self_managed = sites >= 2 && input.has_local_administrators;
                c.check(
                    RuleId::RouteSelfManagement,
                    self_managed,
                    if self_managed {
                        format!("With {sites} sites and your own local administrators, you may also apply for self-management.")
                    } else {
                        "Self-management is for providers with several sites and their own local administrators.".to_owned()
                    },
                );
                if self_managed {
                    routes.push(Route::SelfManagement);
                    route_steps.push("You may also apply for self-management with the self-management application form.".to_owned());
                }
            }
            ok
        }
        OrganisationType::LocallyCommissioned => {
            secure_email(&mut c, dspt_ok);
            c.check(
                RuleId::RouteSponsor,
                true,
                "Your commissioner provides sponsor email accounts for the length of your contract.".to_owned(),
            );
            routes.push(Route::Sponsor);
            route_steps.push("Ask your commissioner for NHSmail sponsor accounts for the length of your contract.".to_owned());
            true
        }
        OrganisationType::NationalSupport => {
            secure_email(&mut c, dspt_ok);
            c.check(
                RuleId::RouteNational,
                true,
                "Organisations supporting the NHS nationally apply with the NHS access process form.".to_owned(),
            );
            routes.push(Route::NationalForm);
            route_steps.push(
                "Complete the NHS access process form and send it to feedback@nhs.net.".to_owned(),
            );
            true
        }
    };
    let new_user = c.check(
        RuleId::Existing,
        !input.has_nhsmail_already,
        if input.has_nhsmail_already {
            "Registration is for new users only, and you already have NHSmail.".to_owned()
        } else {
            "You do not have NHSmail yet: registration is for new users.".to_owned()
        },
    );
    if !new_user {
        c.fixes.push("You already have NHSmail: see the NHSmail FAQs and the Training Guide for NHSmail instead of registering.".to_owned());
        routes.clear();
        route_steps.clear();
    }
    if !eligible {
        routes.clear();
        route_steps.clear();
    }
    let p = set.in_force(input.as_of);
    let allowance =
        (eligible && input.organisation_type == OrganisationType::CareProvider).then(|| {
            Allowance {
                named_users: u64::from(sites) * u64::from(p.named_users_per_site.get()),
                shared_mailboxes: u64::from(sites) * u64::from(p.shared_mailboxes_per_site.get()),
            }
        });
    let mut next_steps = c.fixes;
    next_steps.extend(route_steps);
    Ok(EligibilityResult {
        eligible,
        routes,
        secure_email_routes: if dspt_ok {
            vec![
                SecureEmailRoute::Nhsmail,
                SecureEmailRoute::SecureEmailAccreditation,
            ]
        } else {
            Vec::new()
        },
        dspt_valid_until: valid_until,
        allowance,
        next_steps,
        reasons: c.reasons,
    })
}

/// `EL-DSPT`, `EL-DSPT-CURRENT` and `EL-APPROACHING-ONCE` for a care provider.
fn dspt_reasons(
    c: &mut Checklist,
    input: &EligibilityInput,
    status: DsptStatus,
    shown: &str,
    valid_until: Option<IsoDate>,
    current: bool,
) {
    let (message, fixes): (String, &[&str]) = match status {
        DsptStatus::Unknown => (
            "You are not sure of your DSPT status. A care provider needs it published at Approaching Standards or better.".to_owned(),
            &[
                "Find your DSPT status: search for your organisation's name or ODS code on the DSPT website (www.dsptoolkit.nhs.uk).",
                "If it is not Approaching Standards or better, complete and publish your DSPT.",
            ],
        ),
        DsptStatus::NotPublished => (
            "Your DSPT is not published. A care provider needs it published at Approaching Standards or better.".to_owned(),
            &["Complete and publish your DSPT to at least Approaching Standards. It takes 27 questions."],
        ),
        DsptStatus::StandardsNotMet => (
            format!("Your DSPT is published at {shown}. A care provider needs Approaching Standards or better."),
            &["Complete and publish your DSPT to at least Approaching Standards."],
        ),
        _ => (format!("Your DSPT is published at {shown}."), &[]),
    };
    if !c.check(RuleId::Dspt, status.passes(), message) {
        c.fixes.extend(fixes.iter().map(|s| (*s).to_owned()));
        return;
    }
    let until = valid_until.map(IsoDate::long_form).unwrap_or_default();
    let year = input.dspt_year.map(DsptYear::short).unwrap_or_default();
    if !c.check(
        RuleId::DsptCurrent,
        current,
        if current {
            format!("Your {year} publication counts until {until}.")
        } else {
            format!("Your {year} publication stopped counting after {until}. The DSPT is published every year.")
        },
    ) {
        c.fixes.push(format!(
            "Publish this year's DSPT. Your {year} publication counted until {until}."
        ));
    }
    if status == DsptStatus::ApproachingStandards {
        let first_time = !input.approaching_standards_before;
        c.check(
            RuleId::ApproachingOnce,
            first_time,
            if first_time {
                "Approaching Standards is accepted once. Your next publication must reach Standards Met.".to_owned()
            } else {
                "You have published at Approaching Standards before. It is accepted only once.".to_owned()
            },
        );
        if !first_time {
            c.fixes
                .push("Make sure your next DSPT publication reaches Standards Met.".to_owned());
        }
    }
}

/// `EL-SECURE-EMAIL`. A care provider whose DSPT already failed has its fix listed.
fn secure_email(c: &mut Checklist, dspt_ok: bool) {
    let already_fixing = c
        .reasons
        .iter()
        .any(|r| matches!(r.rule, RuleId::Dspt | RuleId::DsptCurrent) && !r.met);
    let met = c.check(
        RuleId::SecureEmail,
        dspt_ok,
        if dspt_ok {
            "You can meet the Secure Email Standard (DCB1596) through NHSmail or secure email accreditation.".to_owned()
        } else {
            "Both secure email routes, NHSmail and secure email accreditation, need a current DSPT at Approaching Standards or better.".to_owned()
        },
    );
    if !met && !already_fixing {
        c.fixes.push("To meet the Secure Email Standard (DCB1596), publish your DSPT to at least Approaching Standards.".to_owned());
    }
}
