// Trunk pre-build hook: the NHS.UK frontend CSS without its @font-face rules, which point at
// assets.nhs.uk. The app uses Arial (UI.md) and must make no request outside its own origin, so the
// web font is never wanted; without the rules, nothing can ever try to fetch it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css');
const to = join(root, 'target/web/nhsuk-frontend.min.css');
const css = readFileSync(from, 'utf8');
const stripped = css.replace(/@font-face\{[^}]*\}/g, '');
if (/https?:\/\//.test(stripped)) throw new Error(`${from}: a URL to another host is left after removing @font-face`);
mkdirSync(dirname(to), { recursive: true });
writeFileSync(to, stripped);
console.log(`css.mjs: ${from} without its ${(css.length - stripped.length)} bytes of @font-face rules`);
