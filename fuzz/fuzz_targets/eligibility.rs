#![no_main]
//! Fuzz target `eligibility`: see `checks::eligibility`.
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::eligibility(data));
