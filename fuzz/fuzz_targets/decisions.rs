#![no_main]
//! Fuzz target `decisions`: see `checks::decisions`.
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::decisions(data));
