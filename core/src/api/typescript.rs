//! The npm module's TypeScript that no Rust type declares: the built-in policy set ids as a
//! literal union (built at compile time from [`BUILT_IN_SET_IDS`], so the list is written once),
//! and the `EngineError` every export throws (what `wasm.rs`'s `js_error_as_is` sets on it).
//! wasm-bindgen copies each section into `nhsmail_rules.d.ts` as it is.

// Only wasm-bindgen reads the sections (feature `wasm`), and it copies each one's expression
// into items of its own, which the dead-code lint does not follow to the helpers here.
#![allow(dead_code)]

#[cfg(feature = "wasm")]
use wasm_bindgen::prelude::wasm_bindgen;

use crate::model::built_in::BUILT_IN_SET_IDS;

const SET_IDS_HEAD: &str = "\
/**
 * A built-in policy set's id, as `policySets()` lists them.
 */
export type BuiltInPolicySetId = ";

const SET_IDS_TAIL: &str = ";

/**
 * A policy set's id: a built-in one (suggested by editors), or the label of your own `policies`.
 */
export type PolicySetId = BuiltInPolicySetId | (string & {});";

/// The length of `head`, then `words` each in double quotes joined by ` | `, then `tail`.
const fn union_len(head: &str, words: &[&str], tail: &str) -> usize {
    let mut n = head.len() + tail.len();
    let mut i = 0;
    while i < words.len() {
        // INVARIANT: i < words.len().
        #[allow(clippy::indexing_slicing)]
        let word = words[i];
        n += word.len() + 2 + if i > 0 { 3 } else { 0 };
        i += 1;
    }
    n
}

/// Copies `from` into `out` at `at`; returns the index after it.
const fn put(out: &mut [u8], at: usize, from: &[u8]) -> usize {
    let mut i = 0;
    while i < from.len() {
        // INVARIANT: the caller sized `out` with `union_len`, which counts every byte put here.
        #[allow(clippy::indexing_slicing)]
        {
            out[at + i] = from[i];
        }
        i += 1;
    }
    at + from.len()
}

/// `head`, `"a" | "b" | ...`, `tail` as bytes; `N` is [`union_len`] of the same arguments.
const fn union<const N: usize>(head: &str, words: &[&str], tail: &str) -> [u8; N] {
    let mut out = [0u8; N];
    let mut at = put(&mut out, 0, head.as_bytes());
    let mut i = 0;
    while i < words.len() {
        if i > 0 {
            at = put(&mut out, at, b" | ");
        }
        at = put(&mut out, at, b"\"");
        // INVARIANT: i < words.len().
        #[allow(clippy::indexing_slicing)]
        let word = words[i];
        at = put(&mut out, at, word.as_bytes());
        at = put(&mut out, at, b"\"");
        i += 1;
    }
    put(&mut out, at, tail.as_bytes());
    out
}

const SET_IDS_LEN: usize = union_len(SET_IDS_HEAD, &BUILT_IN_SET_IDS, SET_IDS_TAIL);
const SET_IDS_BYTES: [u8; SET_IDS_LEN] = union(SET_IDS_HEAD, &BUILT_IN_SET_IDS, SET_IDS_TAIL);

/// `BuiltInPolicySetId` (`"national" | "ncl-icb"`) and `PolicySetId`, which every `policySet`
/// field and the `Evaluator`'s getter are typed with.
#[cfg_attr(feature = "wasm", wasm_bindgen(typescript_custom_section))]
const POLICY_SET_IDS: &str = match core::str::from_utf8(&SET_IDS_BYTES) {
    Ok(text) => text,
    // Evaluated at compile time: text joined from UTF-8 strings at UTF-8 boundaries is UTF-8.
    #[allow(clippy::panic)]
    Err(_) => panic!("the policy set ids are not UTF-8"),
};

/// The error every export throws for bad input (SPEC section 8).
#[cfg_attr(feature = "wasm", wasm_bindgen(typescript_custom_section))]
const ENGINE_ERROR: &str = "\
/**
 * What every export throws for bad input (SPEC section 8): a JS `Error` whose `message` is
 * `path: detail`, with the error `code` and the field `path` (`events[3].on`; empty for the input
 * as a whole; for a CSV, the first problem's place). An `invalid_csv` error also has `problems`,
 * every problem in the file. In a `catch`, check `e instanceof Error && 'code' in e`, or cast.
 */
export interface EngineError extends Error {
    code: ErrorCode;
    path: string;
    problems?: CsvProblem[];
}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_set_union_is_every_built_in_id_in_order() {
        let union: Vec<String> = BUILT_IN_SET_IDS
            .iter()
            .map(|id| format!("\"{id}\""))
            .collect();
        let line = format!("export type BuiltInPolicySetId = {};", union.join(" | "));
        assert!(POLICY_SET_IDS.contains(&line), "{POLICY_SET_IDS}");
        assert!(POLICY_SET_IDS.contains("\"national\" | \"ncl-icb\""));
        assert!(POLICY_SET_IDS
            .ends_with("export type PolicySetId = BuiltInPolicySetId | (string & {});"));
    }

    #[test]
    fn the_engine_error_names_what_js_error_sets() {
        for field in [
            "code: ErrorCode;",
            "path: string;",
            "problems?: CsvProblem[];",
        ] {
            assert!(ENGINE_ERROR.contains(field), "{field}");
        }
    }
}
