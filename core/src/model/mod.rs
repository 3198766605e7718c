//! The data the rules read and write: dates and working days, whole numbers, accounts and their
//! events, policies and policy sets, the rule catalogue, and coded errors. Nothing here applies a
//! rule; every other layer builds on this one.

pub(crate) mod account;
pub(crate) mod built_in;
pub(crate) mod calendar;
pub(crate) mod date;
pub(crate) mod error;
pub(crate) mod numbers;
pub(crate) mod policy;
pub(crate) mod rules;
pub(crate) mod state;
