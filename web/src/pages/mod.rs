//! One module per page.

pub mod access;
pub mod eligibility;
pub mod eligibility_answers;
pub mod eligibility_dspt;
pub mod eligibility_outcome;
pub mod home;
pub mod mailboxes;
pub mod mailboxes_plan;
pub mod roster;
pub mod roster_table;
pub mod roster_view;
pub mod rules;
pub mod scenario_link;
pub mod simulator;
pub mod simulator_events;
pub mod simulator_presets;
pub mod simulator_timeline;
pub mod simulator_view;
