//! The npm module's exports (feature `wasm`). Thin: read the JS values with field paths, call the
//! core, write plain JS objects; errors become JS `Error`s with `code` and `path`.

use serde::Serialize;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::api;
use crate::checks::access::{AccessInput, AccessResult};
use crate::checks::eligibility::EligibilityResult;
use crate::checks::eligibility_input::EligibilityInput;
use crate::checks::mailbox::MailboxPlan;
use crate::checks::plan_input::MailboxPlanInput;
use crate::decisions::compare::Comparison;
use crate::decisions::document::DecisionExport;
use crate::decisions::write::export_json;
use crate::decisions::ExportOptions;
use crate::lifecycle::AccountResult;
use crate::model::account::Account;
use crate::model::error::{split_position, EngineError, ErrorCode, Text};
use crate::model::policy::{EvaluationOptions, PolicySet};
use crate::model::rules::rules as catalogue;
use crate::roster::{columns::CsvOptions, Roster, RosterCsv};

pub(crate) fn js_error(e: &EngineError) -> JsValue {
    js_error_as_is(&for_js(e))
}

/// The error as the engine wrote it: for text the caller gave (a roster file), whose lines and
/// columns mean something to them. A CSV error also carries `problems`, every problem in the file.
pub(crate) fn js_error_as_is(e: &EngineError) -> JsValue {
    let err = js_sys::Error::new(&e.render());
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code.as_str().into());
    let _ = js_sys::Reflect::set(&err, &"path".into(), &e.path.as_str().into());
    if e.code == ErrorCode::InvalidCsv {
        let problems = to_js_via_json(&e.problems).unwrap_or_default();
        let _ = js_sys::Reflect::set(&err, &"problems".into(), &problems);
    }
    err.into()
}

/// Arguments cross as text from `JSON.stringify` (see [`arg`]), so serde_json's "at line 1
/// column 7" points into text the caller never saw: it is dropped. The one complaint serde_json
/// can have about that text is nesting deeper than its limit; that is the field's problem.
fn for_js(e: &EngineError) -> EngineError {
    let mut e = e.clone();
    e.detail = split_position(&e.detail).0.to_owned();
    // serde_json's word for a list or number where one of a few words (an enum) belongs.
    if e.detail == "expected value" {
        e.detail = "has the wrong type: expected a string".to_owned();
    }
    if e.code == ErrorCode::InvalidJson {
        e.code = ErrorCode::InvalidField;
    }
    e
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

/// A JS argument as JSON text: one `JSON.stringify` reads the whole value in one crossing, far
/// cheaper than reading it field by field (measured: see README, Performance). Every argument
/// crosses this way, so no input can exhaust the stack (serde_json stops at 128 levels of nesting,
/// and a value is never quoted back in a message), and JS reads exactly as the JSON twins do.
/// `undefined` and functions are `null`, as a missing argument.
pub(crate) fn arg(value: &JsValue, what: &str) -> Result<String, JsValue> {
    if value.is_undefined() {
        return Ok("null".to_owned());
    }
    match js_sys::JSON::stringify(value) {
        Ok(text) if text.is_string() => Ok(string_of(&text)),
        Ok(_) => Ok("null".to_owned()),
        Err(e) => {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            let e = EngineError::new(
                ErrorCode::InvalidField,
                "",
                format!("the {what} cannot be read as JSON: {why}"),
            );
            Err(js_error(&e))
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// The host's `TextEncoder` (browsers and node both have one).
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    /// `encodeInto(text, view)`: `{ read, written }`.
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(
        this: &Utf8Encoder,
        text: &js_sys::JsString,
        into: &js_sys::Uint8Array,
    ) -> Encoded;
    type Encoded;
    #[wasm_bindgen(method, getter)]
    fn read(this: &Encoded) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &Encoded) -> u32;
}

thread_local! {
    static ENCODER: Utf8Encoder = Utf8Encoder::new();
}

/// A JS string as a Rust one, written straight into WebAssembly memory by `TextEncoder.encodeInto`.
/// wasm-bindgen's own conversion copies it a character at a time in a JS loop, which was a fifth
/// of `exportDecisions` on 100,000 accounts (README, Performance). Should the copy not take the
/// whole string (the memory grew while the view was made), the ordinary conversion is used.
pub(crate) fn string_of(text: &js_sys::JsString) -> String {
    let units = text.length() as usize;
    ENCODER.with(|encoder| {
        // A UTF-16 unit is at most three UTF-8 bytes.
        let mut bytes: Vec<u8> = Vec::with_capacity(units.saturating_mul(3));
        // SAFETY: the view covers exactly the vector's spare capacity, which nothing else uses;
        // it is written only by encodeInto, and its length is checked before `set_len`.
        let done = unsafe {
            let view = js_sys::Uint8Array::view_mut_raw(bytes.as_mut_ptr(), bytes.capacity());
            encoder.encode_into(text, &view)
        };
        let written = done.written() as usize;
        if done.read() as usize != units || written > bytes.capacity() {
            return String::from(text);
        }
        // SAFETY: encodeInto wrote `written` bytes (checked above to fit) at the vector's start.
        unsafe { bytes.set_len(written) };
        String::from_utf8(bytes).unwrap_or_else(|_| String::from(text))
    })
}

/// A batch result as JS objects through `JSON.parse`: one crossing, far cheaper than building
/// the objects property by property.
pub(crate) fn to_js_via_json<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&json_text(value)?)
}

/// The `accounts` argument of the batch calls as JSON text; it must be an array.
fn accounts_text(accounts: &JsValue) -> Result<String, JsValue> {
    if !js_sys::Array::is_array(accounts) {
        let e = EngineError::new(
            ErrorCode::InvalidField,
            "",
            "the list of accounts must be an array",
        );
        return Err(js_error(&e));
    }
    arg(accounts, "list of accounts")
}

/// A roster file's text (`{"accounts": [...]}`), read with [`Roster::from_json`]: text that is not
/// JSON is `invalid_json` with its line and column, a bad field names its path.
pub(crate) fn roster_document(roster: &JsValue) -> Result<Roster, JsValue> {
    if let Some(bytes) = roster.dyn_ref::<js_sys::Uint8Array>() {
        return api::columns::json_roster(&bytes.to_vec()).map_err(|e| js_error_as_is(&e));
    }
    let text = roster.dyn_ref::<js_sys::JsString>().ok_or_else(|| {
        let must = "the roster must be JSON text (a string or its UTF-8 bytes), such as a roster file's contents";
        js_error(&EngineError::new(ErrorCode::InvalidField, "", must))
    })?;
    Roster::from_json(&string_of(text)).map_err(|e| js_error_as_is(&e))
}

/// A result as compact JSON text, in the contract's key order.
fn json_text<T: Serialize + ?Sized>(value: &T) -> Result<String, JsValue> {
    serde_json::to_string(value).map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

pub(crate) fn de(text: &str) -> serde_json::Deserializer<serde_json::de::StrRead<'_>> {
    serde_json::Deserializer::from_str(text)
}

/// An optional options argument as the JS value (`undefined` when absent).
pub(crate) fn options_value<T: tsify::Tsify>(options: Option<Ts<T>>) -> JsValue {
    options.map(|o| o.js_value()).unwrap_or(JsValue::UNDEFINED)
}

/// An object argument (`account`, `input`, `roster`, `options`) as JSON text: refused when it is
/// an array, then read by [`arg`].
pub(crate) fn object_arg(value: JsValue, name: &str) -> Result<String, JsValue> {
    arg(&object(value, name)?, name)
}

/// The `options` argument as JSON text (`null` when absent).
fn options_arg(options: Option<Ts<EvaluationOptions>>) -> Result<String, JsValue> {
    object_arg(options_value(options), "options")
}

/// An object argument must not be an array: serde would read an array as the struct's fields in
/// order.
fn object(value: JsValue, name: &str) -> Result<JsValue, JsValue> {
    if js_sys::Array::is_array(&value) {
        let path = if name.starts_with("options") {
            name
        } else {
            ""
        };
        let e = EngineError::new(
            ErrorCode::InvalidField,
            path,
            format!("the {name} must be an object, not an array"),
        );
        return Err(js_error(&e));
    }
    Ok(value)
}

/// The account's state on `asOf` (end of day), its next transition, transitions and warnings.
#[wasm_bindgen(js_name = "evaluateAccount")]
pub fn evaluate_account(
    account: Ts<Account>,
    #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "IsoDate")] as_of: JsValue,
    options: Option<Ts<EvaluationOptions>>,
) -> Result<Ts<AccountResult>, JsValue> {
    let account = object_arg(account.js_value(), "account")?;
    let as_of = arg(&as_of, "date")?;
    let options = options_arg(options)?;
    let result = api::evaluate_account_in(&mut de(&account), &mut de(&as_of), &mut de(&options))
        .map_err(|e| js_error(&e))?;
    to_js(&result).map(Ts::new_unchecked)
}

/// `evaluateAccount` over many accounts in one call; results in input order.
#[wasm_bindgen(
    js_name = "evaluateAccounts",
    unchecked_return_type = "AccountResult[]"
)]
pub fn evaluate_accounts(
    #[wasm_bindgen(unchecked_param_type = "Account[]")] accounts: JsValue,
    #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "IsoDate")] as_of: JsValue,
    options: Option<Ts<EvaluationOptions>>,
) -> Result<JsValue, JsValue> {
    let text = accounts_text(&accounts)?;
    let as_of = arg(&as_of, "date")?;
    let options = options_arg(options)?;
    let results = api::evaluate_accounts_in(Text(&text), &mut de(&as_of), &mut de(&options))
        .map_err(|e| js_error(&e))?;
    to_js_via_json(&results)
}

/// The account's life up to `until` as contiguous state segments, for drawing.
#[wasm_bindgen(js_name = "timeline", unchecked_return_type = "Segment[]")]
pub fn timeline(
    account: Ts<Account>,
    #[wasm_bindgen(unchecked_param_type = "IsoDate")] until: JsValue,
    options: Option<Ts<EvaluationOptions>>,
) -> Result<JsValue, JsValue> {
    let account = object_arg(account.js_value(), "account")?;
    let until = arg(&until, "date")?;
    let options = options_arg(options)?;
    let segments = api::timeline_in(&mut de(&account), &mut de(&until), &mut de(&options))
        .map_err(|e| js_error(&e))?;
    to_js(&segments)
}

/// The `n`-th working day after `date` in England and Wales (the date itself never counts).
#[wasm_bindgen(js_name = "addWorkingDays", unchecked_return_type = "IsoDate")]
pub fn add_working_days(
    #[wasm_bindgen(unchecked_param_type = "IsoDate")] date: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
) -> Result<JsValue, JsValue> {
    let (date, n) = (arg(&date, "date")?, arg(&n, "number")?);
    let day = api::add_working_days_in(&mut de(&date), &mut de(&n)).map_err(|e| js_error(&e))?;
    Ok(JsValue::from_str(&day.to_string()))
}

/// The built-in policy sets (`national`, `ncl-icb`) with every policy's numbers.
#[wasm_bindgen(js_name = "policySets", unchecked_return_type = "PolicySet[]")]
pub fn policy_sets() -> Result<JsValue, JsValue> {
    to_js(&PolicySet::built_ins())
}

/// The rule catalogue: every rule id, its summary and its source sentence.
#[wasm_bindgen(js_name = "rules", unchecked_return_type = "Rule[]")]
pub fn rules() -> Result<JsValue, JsValue> {
    to_js(catalogue())
}

/// The engine's version, as written in exports.
#[wasm_bindgen(js_name = "engineVersion")]
pub fn engine_version() -> String {
    crate::api::json::engine_version().to_owned()
}

/// Can this account sign in, from here, to this service, on this day? Every refusing rule.
#[wasm_bindgen(js_name = "checkAccess")]
pub fn check_access(
    input: Ts<AccessInput>,
    options: Option<Ts<EvaluationOptions>>,
) -> Result<Ts<AccessResult>, JsValue> {
    let result = api::check_access_in(
        &mut de(&object_arg(input.js_value(), "input")?),
        &mut de(&options_arg(options)?),
    )
    .map_err(|e| js_error(&e))?;
    to_js(&result).map(Ts::new_unchecked)
}

/// Can this organisation get NHSmail, by which routes, with what allowance, and what next?
#[wasm_bindgen(js_name = "checkEligibility")]
pub fn check_eligibility(
    input: Ts<EligibilityInput>,
    options: Option<Ts<EvaluationOptions>>,
) -> Result<Ts<EligibilityResult>, JsValue> {
    let result = api::check_eligibility_in(
        &mut de(&object_arg(input.js_value(), "input")?),
        &mut de(&options_arg(options)?),
    )
    .map_err(|e| js_error(&e))?;
    to_js(&result).map(Ts::new_unchecked)
}

/// Shared mailboxes and sites against the allowance, problems, and a request for extra accounts.
#[wasm_bindgen(js_name = "planSharedMailboxes")]
pub fn plan_shared_mailboxes(
    input: Ts<MailboxPlanInput>,
    options: Option<Ts<EvaluationOptions>>,
) -> Result<Ts<MailboxPlan>, JsValue> {
    let result = api::plan_shared_mailboxes_in(
        &mut de(&object_arg(input.js_value(), "input")?),
        &mut de(&options_arg(options)?),
    )
    .map_err(|e| js_error(&e))?;
    to_js(&result).map(Ts::new_unchecked)
}

/// The decisions a back office should apply to its roster on `asOf` (SPEC section 7).
/// `JSON.stringify` of the result is the byte-identical export document.
#[wasm_bindgen(js_name = "exportDecisions")]
pub fn export_decisions(
    roster: Ts<Roster>,
    #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "IsoDate")] as_of: JsValue,
    options: Option<Ts<ExportOptions>>,
) -> Result<Ts<DecisionExport>, JsValue> {
    let options = options_value(options);
    let text = object_arg(roster.js_value(), "roster")?;
    let as_of = arg(&as_of, "date")?;
    let options = object_arg(options, "options")?;
    let roster = api::roster_in(Text(&text)).map_err(|e| js_error(&e))?;
    let result = api::export_decisions_in(&roster, &mut de(&as_of), &mut de(&options))
        .map_err(|e| js_error(&e))?;
    to_js_via_json(&result).map(Ts::new_unchecked)
}

/// Reads a roster CSV as people keep it (SPEC section 9), from its text or the file's bytes
/// (UTF-8, UTF-16 with a byte-order mark, Windows-1252); an error lists every problem.
#[wasm_bindgen(js_name = "parseRosterCsv")]
pub fn parse_roster_csv(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
    options: Option<Ts<CsvOptions>>,
) -> Result<Ts<RosterCsv>, JsValue> {
    let options = object_arg(options_value(options), "options")?;
    let (json, bytes) = match text.dyn_into::<js_sys::Uint8Array>() {
        Ok(bytes) => (String::new(), Some(bytes.to_vec())),
        Err(text) => (arg(&text, "text")?, None),
    };
    let mut json = de(&json);
    let text = bytes.map_or(api::CsvText::Text(&mut json), api::CsvText::Bytes);
    let roster = api::parse_roster_csv_in(text, &mut de(&options)).map_err(|e| js_error(&e))?;
    to_js_via_json(&roster).map(Ts::new_unchecked)
}

/// Runs two policy sets over one roster and lists the accounts they disagree on.
#[wasm_bindgen(js_name = "comparePolicies")]
pub fn compare_policies(
    roster: Ts<Roster>,
    #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "IsoDate")] as_of: JsValue,
    #[wasm_bindgen(js_name = "optionsA")] options_a: Option<Ts<EvaluationOptions>>,
    #[wasm_bindgen(js_name = "optionsB")] options_b: Option<Ts<EvaluationOptions>>,
) -> Result<Ts<Comparison>, JsValue> {
    let text = object_arg(roster.js_value(), "roster")?;
    let as_of = arg(&as_of, "date")?;
    let a = arg(&object(options_value(options_a), "optionsA")?, "options")?;
    let b = arg(&object(options_value(options_b), "optionsB")?, "options")?;
    let result = api::compare_policies_in(Text(&text), &mut de(&as_of), &mut de(&a), &mut de(&b))
        .map_err(|e| js_error(&e))?;
    to_js_via_json(&result).map(Ts::new_unchecked)
}

/// A policy set checked once and reused across calls: `new Evaluator(options?)` takes the same
/// options as `evaluateAccount` (a built-in `policySet`, or your own `policies`), and its methods
/// skip reading and checking them on every call.
#[wasm_bindgen]
pub struct Evaluator {
    set: PolicySet,
    /// `explain: true` in the options: its evaluations give each transition its `because`.
    explain: bool,
}

#[wasm_bindgen]
impl Evaluator {
    /// Checks the options once; errors name the field (`options.policies[0].inactiveAfterDays`).
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<EvaluationOptions>>) -> Result<Evaluator, JsValue> {
        let options = options_arg(options)?;
        let (set, explain) =
            EvaluationOptions::parse_explain(&mut de(&options)).map_err(|e| js_error(&e))?;
        Ok(Evaluator { set, explain })
    }

    /// The policy set's id (or the label of your own policies).
    #[wasm_bindgen(getter, js_name = "policySet", unchecked_return_type = "PolicySetId")]
    pub fn policy_set(&self) -> String {
        self.set.id.clone()
    }

    /// `evaluateAccount(account, asOf)` under this evaluator's policies.
    #[wasm_bindgen(js_name = "evaluateAccount")]
    pub fn evaluate_account(
        &self,
        account: Ts<Account>,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "IsoDate")] as_of: JsValue,
    ) -> Result<Ts<AccountResult>, JsValue> {
        let account = object_arg(account.js_value(), "account")?;
        let as_of = arg(&as_of, "date")?;
        let result = api::evaluate_account_with(
            &mut de(&account),
            &mut de(&as_of),
            (&self.set, self.explain),
        )
        .map_err(|e| js_error(&e))?;
        to_js(&result).map(Ts::new_unchecked)
    }

    /// `evaluateAccounts(accounts, asOf)` under this evaluator's policies, in one crossing.
    #[wasm_bindgen(
        js_name = "evaluateAccounts",
        unchecked_return_type = "AccountResult[]"
    )]
    pub fn evaluate_accounts(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Account[]")] accounts: JsValue,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "IsoDate")] as_of: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = accounts_text(&accounts)?;
        let as_of = arg(&as_of, "date")?;
        let results =
            api::evaluate_accounts_with(Text(&text), &mut de(&as_of), (&self.set, self.explain))
                .map_err(|e| js_error(&e))?;
        to_js_via_json(&results)
    }

    /// `exportDecisions(roster, asOf, remindWithinDays?)` under this evaluator's policies.
    #[wasm_bindgen(js_name = "exportDecisions")]
    pub fn export_decisions(
        &self,
        roster: Ts<Roster>,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "IsoDate")] as_of: JsValue,
        #[wasm_bindgen(js_name = "remindWithinDays", unchecked_optional_param_type = "number")]
        remind_within_days: JsValue,
    ) -> Result<Ts<DecisionExport>, JsValue> {
        let text = object_arg(roster.js_value(), "roster")?;
        let as_of = arg(&as_of, "date")?;
        let remind = arg(&remind_within_days, "number")?;
        let roster = api::roster_in(Text(&text)).map_err(|e| js_error(&e))?;
        let result =
            api::export_decisions_with(&roster, &mut de(&as_of), &mut de(&remind), &self.set)
                .map_err(|e| js_error(&e))?;
        to_js_via_json(&result).map(Ts::new_unchecked)
    }

    /// `exportDecisionsJson(roster, asOf, remindWithinDays?)` under this evaluator's policies:
    /// a roster file's text (or bytes) in, the export document's text out.
    #[wasm_bindgen(js_name = "exportDecisionsJson")]
    pub fn export_decisions_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] roster: JsValue,
        #[wasm_bindgen(js_name = "asOf", unchecked_param_type = "IsoDate")] as_of: JsValue,
        #[wasm_bindgen(js_name = "remindWithinDays", unchecked_optional_param_type = "number")]
        remind_within_days: JsValue,
    ) -> Result<String, JsValue> {
        let roster = roster_document(&roster)?;
        let as_of = arg(&as_of, "date")?;
        let remind = arg(&remind_within_days, "number")?;
        let result =
            api::export_decisions_with(&roster, &mut de(&as_of), &mut de(&remind), &self.set)
                .map_err(|e| js_error(&e))?;
        Ok(export_json(&result))
    }
}
