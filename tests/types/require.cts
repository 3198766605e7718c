// CommonJS, as the READMEs' `require('nhsmail-rules')` examples (nodenext only: the `require`
// condition of the package's `exports`).
import m = require('nhsmail-rules');

const r = m.evaluateAccount({ id: 'a', kind: 'user', created: '2025-01-06' }, '2025-04-01');
const next: { on: string } | null = r.next;
// @ts-expect-error next may be null
r.next.on;
new m.Evaluator({ policySet: 'national' }).exportDecisions({ accounts: [] }, '2025-06-01');
export = next;
