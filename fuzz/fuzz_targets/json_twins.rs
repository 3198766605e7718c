#![no_main]
//! Fuzz target `json_twins`: see `checks::json_twins`.
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::json_twins(data));
