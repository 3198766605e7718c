//! The lifecycle timeline: its geometry ([`layout`]) and its SVG ([`draw`]).

pub mod draw;
pub mod layout;
