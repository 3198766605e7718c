// The browser entry (`nhsmail-rules` in a browser or bundler, and `nhsmail-rules/web`): the
// wasm-bindgen web build, re-exported so that a function called before `init()` says so, instead
// of failing inside the glue code. Written by `cargo xtask package` from xtask/package/web.js; the
// generated nhsmail_rules.js beside it is not edited. tests/bundlers/node.test.mjs checks that this
// list matches the generated exports.
import * as engine from './nhsmail_rules.js';

let initialised = false;

function ready(name) {
  if (!initialised) {
    throw new Error(
      `nhsmail-rules: call \`await init()\` (the default export of nhsmail-rules/web) before ${name}`,
    );
  }
}

function guard(name, f) {
  // A method named as the export, so stack traces and `.name` read as before.
  return { [name](...args) { ready(name); return f(...args); } }[name];
}

/**
 * Loads the WebAssembly. With no argument, fetches nhsmail_rules_bg.wasm from beside the generated
 * script (`new URL('nhsmail_rules_bg.wasm', import.meta.url)`); otherwise give
 * `{ module_or_path }`: its URL, a `Response`, its bytes or a `WebAssembly.Module`.
 */
export default async function init(options) {
  let out;
  try {
    out = await engine.default(options);
  } catch (e) {
    if (options !== undefined) throw e;
    // No import.meta here: an IIFE bundle would warn of it once more.
    throw new Error(
      `nhsmail-rules: init() could not load nhsmail_rules_bg.wasm from beside the script (${e.message}). ` +
        'Copy the file there, or pass its URL or bytes: `init({ module_or_path })`. An IIFE or ' +
        'CommonJS bundle has no import.meta.url to find it by, so there always pass it.',
      { cause: e },
    );
  }
  initialised = true;
  return out;
}

/** Loads the WebAssembly from its bytes or a `WebAssembly.Module`, at once: `initSync({ module })`. */
export function initSync(options) {
  const out = engine.initSync(options);
  initialised = true;
  return out;
}

export const Evaluator = /* @__PURE__ */ new Proxy(engine.Evaluator, {
  construct(target, args, newTarget) {
    ready('new Evaluator');
    return Reflect.construct(target, args, newTarget);
  },
});

// Made only by evaluateRosterColumns (its constructor is private): exported for `instanceof`.
export const RosterColumns = engine.RosterColumns;
export const addWorkingDays = /* @__PURE__ */ guard('addWorkingDays', engine.addWorkingDays);
export const checkAccess = /* @__PURE__ */ guard('checkAccess', engine.checkAccess);
export const checkEligibility = /* @__PURE__ */ guard('checkEligibility', engine.checkEligibility);
export const comparePolicies = /* @__PURE__ */ guard('comparePolicies', engine.comparePolicies);
export const engineVersion = /* @__PURE__ */ guard('engineVersion', engine.engineVersion);
export const evaluateAccount = /* @__PURE__ */ guard('evaluateAccount', engine.evaluateAccount);
export const evaluateAccounts = /* @__PURE__ */ guard('evaluateAccounts', engine.evaluateAccounts);
export const evaluateRosterColumns = /* @__PURE__ */ guard('evaluateRosterColumns', engine.evaluateRosterColumns);
export const exportDecisions = /* @__PURE__ */ guard('exportDecisions', engine.exportDecisions);
export const exportDecisionsJson = /* @__PURE__ */ guard('exportDecisionsJson', engine.exportDecisionsJson);
export const parseRosterCsv = /* @__PURE__ */ guard('parseRosterCsv', engine.parseRosterCsv);
export const planSharedMailboxes = /* @__PURE__ */ guard('planSharedMailboxes', engine.planSharedMailboxes);
export const policySets = /* @__PURE__ */ guard('policySets', engine.policySets);
export const rules = /* @__PURE__ */ guard('rules', engine.rules);
export const timeline = /* @__PURE__ */ guard('timeline', engine.timeline);
