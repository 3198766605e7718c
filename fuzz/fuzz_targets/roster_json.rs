#![no_main]
//! Fuzz target `roster_json`: see `checks::roster_json`.
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::roster_json(data));
