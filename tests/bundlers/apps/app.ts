import init, { evaluateAccount, type Account, type AccountResult } from 'nhsmail-rules';
import wasmUrl from 'nhsmail-rules/web/nhsmail_rules_bg.wasm?url';

await init({ module_or_path: wasmUrl });
const account: Account = { id: 'jane.doe', kind: 'user', created: '2025-01-06', activeOn: '2025-02-20' };
const result: AccountResult = evaluateAccount(account, '2025-04-01');
console.log(result.state); // 'inactive'
