// ES module entry for node: the CommonJS build, re-exported by name. A static import (not
// createRequire) so that a bundler for node (esbuild --platform=node) follows it.
// tests/node/package.test.mjs checks that this list matches the CommonJS exports.
import engine from './nhsmail_rules.js';

export const {
  evaluateAccount, evaluateAccounts, timeline, addWorkingDays, checkAccess, checkEligibility,
  planSharedMailboxes, exportDecisions, exportDecisionsJson, parseRosterCsv, comparePolicies, policySets, rules,
  engineVersion, Evaluator, evaluateRosterColumns, RosterColumns,
} = engine;
export default engine;
