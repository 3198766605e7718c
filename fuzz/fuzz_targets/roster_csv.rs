#![no_main]
//! Fuzz target `roster_csv`: see `checks::roster_csv`.
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::roster_csv(data));
