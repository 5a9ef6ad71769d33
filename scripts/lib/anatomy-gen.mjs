// Writes types/index.d.ts, custom-elements.json and the README's Reference
// tables from the element's anatomy (scripts/lib/anatomy.mjs).
//
//   node scripts/lib/anatomy-gen.mjs          write them
//   node scripts/lib/anatomy-gen.mjs --check  fail when they differ from what
//       is committed, or when the anatomy drifts from the code: observed
//       attributes and the class's members (src/element/shim.rs), events
//       fired in src/element/, part="…" in src/, custom properties in
//       style/control.css, state names and error codes in core/src/machine/.
//       The manifest is also validated against the Custom Elements Manifest
//       schema (npm custom-elements-manifest, with ajv).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { anatomy as A, types } from './anatomy.mjs';
import { dts, manifest, partNames, readmeTables } from './anatomy-render.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');
const check = process.argv.includes('--check');
const problems = [];
const notes = [];
/** Listed as pending and not in the code yet (one line for all). */
const pending = [];

/** `--infoplus-signature-x: value;` declarations in the control's CSS. */
function cssDefaults() {
  const css = read('style/control.css');
  const found = new Map();
  for (const m of css.matchAll(/(--infoplus-signature-[a-z0-9-]+)\s*:\s*([^;]+);/g)) {
    if (!found.has(m[1])) found.set(m[1], m[2].trim().replace(/\s+/g, ' '));
  }
  return found;
}

function replaceTables(readme, tables) {
  let out = readme;
  for (const [name, body] of Object.entries(tables)) {
    const open = `<!-- anatomy:${name} -->`;
    const close = `<!-- /anatomy:${name} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start) {
      problems.push(`README.md: no ${open} … ${close} markers`);
      continue;
    }
    out = out.slice(0, start + open.length) + '\n' + body + '\n' + out.slice(end);
  }
  return out;
}

// ---- drift: what the code says ------------------------------------------

const files = (dir, ext) =>
  fs.readdirSync(path.join(root, dir), { recursive: true })
    .filter((f) => f.endsWith(ext))
    .map((f) => path.join(dir, f));

function fromCode() {
  const shim = read('src/element/shim.rs');
  const observed = shim.match(/const OBSERVED = \[([^\]]*)\]/);
  const attributes = observed ? [...observed[1].matchAll(/'([^']+)'/g)].map((m) => m[1]) : [];
  if (!observed) problems.push('src/element/shim.rs: no `const OBSERVED = [...]` found');
  const klass = shim.slice(shim.indexOf('extends HTMLElement'), shim.indexOf('customElements.define'));
  const properties = new Set([...klass.matchAll(/^\s*(?:get|set) ([A-Za-z]+)\(/gm)].map((m) => m[1]));
  const skip = new Set(['constructor', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback',
    'formResetCallback', 'formStateRestoreCallback', 'formDisabledCallback', 'get', 'set', 'if']);
  const methods = new Set([...klass.matchAll(/^\s*([A-Za-z]+)\([^)]*\)\s*\{/gm)].map((m) => m[1]).filter((n) => !skip.has(n)));

  const element = files('src/element', '.rs').map(read).join('\n');
  const events = new Set([
    ...[...element.matchAll(/\.fire\(\s*"([a-z-]+)"/g)].map((m) => m[1]),
    ...[...element.matchAll(/Event::new(?:_with_event_init_dict)?\(\s*"([a-z-]+)"/g)].map((m) => m[1]),
    ...[...element.matchAll(/new (?:Custom)?Event\(\s*'([a-z-]+)'/g)].map((m) => m[1]),
  ]);
  const customStates = /\.states\b|CustomStateSet/.test(element);

  const src = files('src', '.rs').map(read).join('\n');
  // part="…" in view! macros, and the buttons made by src/views/seal.rs's
  // `button(&cx, "<part>", …)` helper.
  const parts = new Set([
    ...[...src.matchAll(/\bpart="([^"{}]+)"/g)].flatMap((m) => m[1].trim().split(/\s+/)),
    ...[...src.matchAll(/\bbutton\(\s*&cx,\s*"([a-z-]+)"/g)].map((m) => m[1]),
  ]);

  const machine = read('core/src/machine/state.rs');
  const nameFn = machine.slice(machine.indexOf('pub fn name('));
  const states = new Set([...nameFn.slice(0, nameFn.indexOf('\n    }\n')).matchAll(/=> "([a-z-]+)"/g)].map((m) => m[1]));
  const problem = read('core/src/machine/problem.rs');
  const codeFn = problem.slice(problem.indexOf('pub fn code('));
  const codes = new Set([...codeFn.slice(0, codeFn.indexOf('\n    }\n')).matchAll(/=> "([a-z-]+)"/g)].map((m) => m[1]));
  return { attributes: new Set(attributes), properties, methods, events, parts, states, codes, customStates };
}

/** Compare one list; `listed`: [{name, pending}]. */
function compare(what, listed, inCode, where) {
  const names = new Set(listed.map((x) => x.name));
  for (const x of listed) {
    if (inCode.has(x.name) && x.pending) notes.push(`${what} \`${x.name}\` is in ${where} now: drop its \`pending\``);
    if (!inCode.has(x.name) && x.pending) pending.push(`${what} ${x.name}`);
    if (!inCode.has(x.name) && !x.pending) problems.push(`${what} \`${x.name}\` is in the anatomy but not in ${where}`);
  }
  for (const name of inCode) {
    if (!names.has(name)) problems.push(`${what} \`${name}\` is in ${where} but not in the anatomy (scripts/lib/anatomy.mjs)`);
  }
}

/** The string literals of a union type alias in the anatomy's types. */
function union(name) {
  const m = types.match(new RegExp(`export type ${name} =([^;]+);`));
  return m ? [...m[1].matchAll(/'([^']+)'/g)].map((x) => ({ name: x[1] })) : [];
}

function drift() {
  const code = fromCode();
  compare('attribute', A.attributes, code.attributes, 'src/element/shim.rs OBSERVED');
  compare('property', A.properties, code.properties, 'the class in src/element/shim.rs');
  compare('method', A.methods, code.methods, 'the class in src/element/shim.rs');
  compare('event', A.events, code.events, 'src/element/ (fire / Event::new)');
  compare('part', partNames(), code.parts, 'src/ (part="…")');
  compare('custom property', A.cssProperties, new Set(cssDefaults().keys()), 'style/control.css');
  compare('state', A.states.list, code.states, 'core/src/machine/state.rs (State::name)');
  compare('error code', union('SignatureErrorCode'), code.codes, 'core/src/machine/problem.rs (Problem::code)');
  const stateUnion = new Set(union('SignatureState').map((x) => x.name));
  for (const s of A.states.list) {
    if (!stateUnion.has(s.name)) problems.push(`state \`${s.name}\` is missing from the SignatureState type`);
  }
  if (A.states.pending && code.customStates) notes.push('custom states are set in src/element/ now: drop `states.pending`');
  if (A.states.pending && !code.customStates) pending.push('custom states (:state())');
  if (!A.states.pending && !code.customStates) problems.push('custom states are listed but src/element/ sets none (internals.states)');
}

// ---- the manifest against its schema ------------------------------------

async function validateManifest(doc) {
  let Ajv;
  try {
    Ajv = (await import('ajv')).default;
  } catch {
    problems.push('ajv is not installed (npm ci)');
    return;
  }
  const schema = JSON.parse(read('node_modules/custom-elements-manifest/schema.json'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (!validate(doc)) {
    for (const e of validate.errors) problems.push(`custom-elements.json${e.instancePath}: ${e.message}`);
  }
}

// ---- main ---------------------------------------------------------------

const defaults = cssDefaults();
const wanted = {
  'types/index.d.ts': dts(),
  'custom-elements.json': JSON.stringify(manifest(defaults), null, 2) + '\n',
  'README.md': replaceTables(read('README.md'), readmeTables(defaults)),
};

if (check) {
  for (const [file, text] of Object.entries(wanted)) {
    const have = fs.existsSync(path.join(root, file)) ? read(file) : null;
    if (have !== text) problems.push(`${file} is not what scripts/lib/anatomy-gen.mjs makes: run it and commit`);
  }
  drift();
  await validateManifest(JSON.parse(wanted['custom-elements.json']));
  if (pending.length) console.error(`anatomy: pending, not in the code yet: ${pending.join(', ')}`);
  for (const n of notes) console.error(`note: ${n}`);
  for (const p of problems) console.error(`anatomy: ${p}`);
  if (problems.length) process.exit(1);
  console.error('anatomy: types, manifest and README tables match the anatomy, and the anatomy matches the code');
} else {
  for (const [file, text] of Object.entries(wanted)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  for (const p of problems) console.error(`anatomy: ${p}`);
  if (problems.length) process.exit(1);
  console.error(`anatomy: wrote ${Object.keys(wanted).join(', ')}`);
}
