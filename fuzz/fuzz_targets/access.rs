#![no_main]
//! Fuzz target `access`: see `checks::access`.
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::access(data));
