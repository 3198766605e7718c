//! One-off checks a person asks for: can this account sign in (`AC-*`), can this organisation get
//! NHSmail (`EL-*`), and does this shared mailbox plan fit the allowance (`SM-*`).

pub(crate) mod access;
pub(crate) mod eligibility;
pub(crate) mod eligibility_input;
pub(crate) mod mailbox;
pub(crate) mod plan_input;
pub(crate) mod request;
