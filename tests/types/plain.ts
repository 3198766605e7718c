// A consumer as the quickest start writes one: no tsconfig at all, `tsc --strict app.ts`, so
// TypeScript's default `lib` and module resolution (no `esnext` library, no `@types/node`). The
// package's types must compile here too (`skipLibCheck` is off).
import { evaluateAccount, Evaluator, exportDecisions } from 'nhsmail-rules';

const result = evaluateAccount({ id: 'jane.doe', kind: 'user', created: '2025-01-06' }, '2025-04-01');
const next: string | null = result.next ? result.next.on : null;
const evaluator = new Evaluator({ policySet: 'national' });
const doc = evaluator.exportDecisions({ accounts: [] }, '2025-06-01');
const held: number = doc.summary.held;
evaluator.free();
// @ts-expect-error a kind that does not exist
exportDecisions({ accounts: [{ id: 'a', kind: 'robot', created: '2025-01-06' }] }, '2025-06-01');
export const seen = [next, held];
