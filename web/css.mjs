// Trunk pre-build hook: the NHS.UK frontend's compiled CSS, cut to what this app uses.
// - Without its @font-face rules, which point at assets.nhs.uk. The app uses Arial (UI.md) and must
//   make no request outside its own origin, so the web font is never wanted; without the rules,
//   nothing can ever try to fetch it.
// - Without the rules for classes the app never writes (PurgeCSS over the app's source and
//   index.html): the whole file is 29 KB gzip, most of it components the app does not have. A class
//   the app builds from pieces must be listed in SAFELIST. Custom properties no rule reads go too.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PurgeCSS } from 'purgecss';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css');
const to = join(root, 'target/web/nhsuk-frontend.min.css');
// Classes written with a computed suffix (web/src/components/form.rs: `nhsuk-input--width-{w}`).
const SAFELIST = [/^nhsuk-input--width-/];

const css = readFileSync(from, 'utf8');
const withoutFonts = css.replace(/@font-face\{[^}]*\}/g, '');
const [{ css: used }] = await new PurgeCSS().purge({
  content: [join(root, 'web/src/**/*.rs'), join(root, 'index.html')],
  css: [{ raw: withoutFonts }],
  safelist: { standard: SAFELIST },
  // Custom properties no rule reads (var(--...)) go too.
  variables: true,
});
if (/https?:\/\//.test(used)) throw new Error(`${from}: a URL to another host is left after removing @font-face`);
mkdirSync(dirname(to), { recursive: true });
writeFileSync(to, used);
console.log(
  `css.mjs: ${from}: ${css.length} bytes, ${css.length - withoutFonts.length} of @font-face rules and ` +
    `${withoutFonts.length - used.length} of rules for classes the app does not use removed`,
);
