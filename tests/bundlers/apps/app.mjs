import { evaluateAccount } from 'nhsmail-rules';

const account = { id: 'jane.doe', kind: 'user', created: '2025-01-06', activeOn: '2025-02-20' };
console.log(evaluateAccount(account, '2025-04-01').state); // 'inactive'
