//! The npm module's calls on a whole roster file (feature `wasm`): `evaluateRosterColumns` (SPEC
//! section 10), its text or bytes in, typed-array columns out, each a copy that belongs to JS; and
//! `exportDecisionsJson`, text in and text out, or bytes in and bytes out.

use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::api;
use crate::api::columns::{read_roster, ColumnsArgs, RosterColumnsOptions, RosterFile};
use crate::api::wasm::{
    arg, de, js_error, js_error_as_is, object_arg, options_value, roster_document, string_of,
    to_js_via_json,
};
use crate::decisions::write::export_json;
use crate::decisions::ExportOptions;
use crate::model::error::{EngineError, ErrorCode};
use crate::model::rules::RuleId;
use crate::model::state::State;

#[wasm_bindgen(typescript_custom_section)]
const ROSTER_COLUMNS_TS: &'static str = r#"
/**
 * What `evaluateRosterColumns` returns (SPEC section 10): one entry per account, in roster order,
 * in each column. The typed arrays are copies that belong to JS: they survive later calls and can
 * be sent to a Worker. The accounts are kept for `result(i)` and `id(i)`, and let go when this
 * object is garbage-collected (or at once by `free()`).
 */
export class RosterColumns {
  private constructor();
  /** How many accounts. */
  readonly count: number;
  /** The six state names, in SPEC section 3's order: the codes of `state` and `nextState`. */
  readonly states: State[];
  /** Every rule id, in the catalogue's order (`rules()`): the codes of `nextRule`. */
  readonly rules: RuleId[];
  /** Each account's state on `asOf`, a code into `states`. */
  readonly state: Uint8Array;
  /** The state of the next automatic transition, a code into `states`; 255 when none. */
  readonly nextState: Uint8Array;
  /** The day of the next transition, in days since 1970-01-01; -2147483648 when none. */
  readonly nextOn: Int32Array;
  /** The rule of the next transition, a code into `rules`; 255 when none. */
  readonly nextRule: Uint8Array;
  /** The day the current state began, in days since 1970-01-01. */
  readonly since: Int32Array;
  /** The i-th account's whole `evaluateAccount` result; `RangeError` outside 0..count. */
  result(i: number): AccountResult;
  /** The i-th account's id; `RangeError` outside 0..count. */
  id(i: number): string;
  /** Lets go of the kept accounts now, rather than when this object is garbage-collected. */
  free(): void;
}

/**
 * `exportDecisions` from a roster file to the export document, with no JS object on either side:
 * `roster` is the file's contents (`{"accounts": [...]}`), and the result is the same bytes as
 * `JSON.stringify(exportDecisions(JSON.parse(roster), asOf, options))`. Given text, it returns
 * text; given the file's bytes (a `Uint8Array`, UTF-8 with or without a byte-order mark), it
 * returns the document's UTF-8 bytes, ready for `fs.writeFileSync`. Text that is not JSON is
 * `invalid_json` with its line and column.
 */
export function exportDecisionsJson(roster: string, asOf: IsoDate, options?: ExportOptions | null): string;
export function exportDecisionsJson(roster: Uint8Array, asOf: IsoDate, options?: ExportOptions | null): Uint8Array;
"#;

/// The decided roster behind a `RosterColumns` object (its typed arrays are own properties of the
/// same object, set once).
#[wasm_bindgen(js_name = "RosterColumns", skip_typescript)]
pub struct RosterColumns {
    inner: crate::api::columns::RosterColumns,
}

#[wasm_bindgen(js_class = "RosterColumns")]
impl RosterColumns {
    /// The i-th account's whole `evaluateAccount` result.
    #[wasm_bindgen(skip_typescript)]
    pub fn result(&self, i: f64) -> Result<JsValue, JsValue> {
        let i = self.index(i)?;
        match self.inner.result(i) {
            Some(Ok(r)) => to_js_via_json(&r),
            Some(Err(e)) => Err(js_error_as_is(&e)),
            None => Err(self.out_of_range(i as f64)),
        }
    }

    /// The i-th account's id.
    #[wasm_bindgen(skip_typescript)]
    pub fn id(&self, i: f64) -> Result<String, JsValue> {
        let i = self.index(i)?;
        self.inner
            .id(i)
            .map(str::to_owned)
            .ok_or_else(|| self.out_of_range(i as f64))
    }
}

impl RosterColumns {
    fn index(&self, i: f64) -> Result<usize, JsValue> {
        if i.fract() == 0.0 && i >= 0.0 && i < self.inner.accounts.len() as f64 {
            Ok(i as usize)
        } else {
            Err(self.out_of_range(i))
        }
    }

    fn out_of_range(&self, i: f64) -> JsValue {
        let n = self.inner.accounts.len();
        js_sys::RangeError::new(&format!(
            "no account {i}: the roster has {n}, numbered 0 to {}",
            n as f64 - 1.0
        ))
        .into()
    }
}

/// The roster argument: a string or a `Uint8Array`.
enum Given {
    Text(String),
    Bytes(Vec<u8>),
}

fn given(roster: JsValue) -> Result<Given, JsValue> {
    if let Some(bytes) = roster.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(Given::Bytes(bytes.to_vec()));
    }
    match roster.dyn_ref::<js_sys::JsString>() {
        Some(text) => Ok(Given::Text(string_of(text))),
        None => Err(js_error(&EngineError::new(
            ErrorCode::InvalidField,
            "",
            "the roster must be a roster file's contents: its text (a string) or its bytes (a Uint8Array)",
        ))),
    }
}

fn set(object: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on an object just made here cannot fail.
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

fn names(list: impl Iterator<Item = &'static str>) -> JsValue {
    list.map(JsValue::from_str)
        .collect::<js_sys::Array>()
        .into()
}

/// Decides a whole roster file, CSV or JSON, in one call: columns of codes and day numbers, not
/// one object per account (SPEC section 10).
#[wasm_bindgen(
    js_name = "evaluateRosterColumns",
    unchecked_return_type = "RosterColumns"
)]
pub fn evaluate_roster_columns(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] roster: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] as_of: JsValue,
    options: Option<Ts<RosterColumnsOptions>>,
) -> Result<JsValue, JsValue> {
    let given = given(roster)?;
    let as_of = arg(&as_of, "date")?;
    let options = object_arg(options_value(options), "options")?;
    let args = ColumnsArgs::parse(&mut de(&as_of), &mut de(&options)).map_err(|e| js_error(&e))?;
    let file = match &given {
        Given::Text(t) => RosterFile::Text(t),
        Given::Bytes(b) => RosterFile::Bytes(b),
    };
    let roster = read_roster(file, &args.csv).map_err(|e| js_error_as_is(&e))?;
    drop(given);
    let mut inner = crate::api::columns::RosterColumns::evaluate(roster, args)
        .map_err(|e| js_error_as_is(&e))?;
    // Copied out to JS, and not kept twice.
    let bytes = |v: &mut Vec<u8>| JsValue::from(js_sys::Uint8Array::from(&std::mem::take(v)[..]));
    let days = |v: &mut Vec<i32>| JsValue::from(js_sys::Int32Array::from(&std::mem::take(v)[..]));
    let columns = [
        ("state", bytes(&mut inner.state)),
        ("nextState", bytes(&mut inner.next_state)),
        ("nextOn", days(&mut inner.next_on)),
        ("nextRule", bytes(&mut inner.next_rule)),
        ("since", days(&mut inner.since)),
    ];
    let count = inner.accounts.len();
    let object: JsValue = RosterColumns { inner }.into();
    set(&object, "count", &JsValue::from_f64(count as f64));
    set(
        &object,
        "states",
        &names(State::ALL.iter().map(|s| s.as_str())),
    );
    set(
        &object,
        "rules",
        &names(RuleId::ALL.iter().map(|r| r.as_str())),
    );
    for (key, value) in &columns {
        set(&object, key, value);
    }
    Ok(object)
}

/// `exportDecisions` from a roster file's text to the document's text, or from its bytes to the
/// document's UTF-8 bytes (no decoding into a JS string: README, Performance). The TypeScript
/// overloads are written above.
#[wasm_bindgen(js_name = "exportDecisionsJson", skip_typescript)]
pub fn export_decisions_json(
    roster: JsValue,
    as_of: JsValue,
    options: Option<Ts<ExportOptions>>,
) -> Result<JsValue, JsValue> {
    let options = options_value(options);
    let bytes_out = roster.is_instance_of::<js_sys::Uint8Array>();
    let roster = roster_document(&roster)?;
    let as_of = arg(&as_of, "date")?;
    let options = object_arg(options, "options")?;
    let result = api::export_decisions_in(&roster, &mut de(&as_of), &mut de(&options))
        .map_err(|e| js_error(&e))?;
    drop(roster);
    let text = export_json(&result);
    drop(result);
    Ok(if bytes_out {
        js_sys::Uint8Array::from(text.as_bytes()).into()
    } else {
        JsValue::from_str(&text)
    })
}
