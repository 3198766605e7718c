#![no_main]
//! Fuzz target `account`: see `checks::account`.
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::account(data));
