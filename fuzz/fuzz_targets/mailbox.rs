#![no_main]
//! Fuzz target `mailbox`: see `checks::mailbox`.
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::mailbox(data));
