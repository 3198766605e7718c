//! Pieces shared by pages.

pub mod state_tag;
