#![no_main]
//! Fuzz target `roster_bytes`: see `checks::roster_bytes`.
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::roster_bytes(data));
