import init from 'nhsmail-rules';
import wasmBytes from 'nhsmail-rules/web/nhsmail_rules_bg.wasm';

export * from 'nhsmail-rules';
export const ready = init({ module_or_path: wasmBytes });
