// The browser build (bundler only: the `browser` and `default` conditions, and `./web`): `init()`
// loads the WebAssembly before any other call.
import init, { evaluateAccount, initSync } from 'nhsmail-rules/web';
import initAgain from 'nhsmail-rules';

await init();
await initAgain({ module_or_path: new URL('nhsmail_rules_bg.wasm', import.meta.url) });
initSync({ module: new Uint8Array() });
const state: 'active' | 'inactive' | 'disabled' | 'leaver' | 'deleted' | 'purged' =
  evaluateAccount({ id: 'a', kind: 'user', created: '2025-01-06' }, '2025-04-01').state;
export { state };
