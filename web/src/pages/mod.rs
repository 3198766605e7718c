//! One page per file.

pub mod simulator;
