import init, { evaluateAccount } from 'nhsmail-rules';
import wasmUrl from 'nhsmail-rules/web/nhsmail_rules_bg.wasm?url';

await init({ module_or_path: wasmUrl });
const account = { id: 'jane.doe', kind: 'user', created: '2025-01-06', activeOn: '2025-02-20' };
console.log(evaluateAccount(account, '2025-04-01').state); // 'inactive'
