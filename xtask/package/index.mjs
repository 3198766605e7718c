// ES module entry for node: the CommonJS build, re-exported by name.
// tests/node/package.test.mjs checks that this list matches the CommonJS exports.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const engine = require('./nhsmail_rules.js');

export const {
  evaluateAccount, evaluateAccounts, timeline, addWorkingDays, checkAccess, checkEligibility,
  planSharedMailboxes, exportDecisions, exportDecisionsJson, parseRosterCsv, comparePolicies, policySets, rules,
  engineVersion, Evaluator, evaluateRosterColumns, RosterColumns,
} = engine;
export default engine;
