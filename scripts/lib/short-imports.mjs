// Gives the control's wasm imports from its wasm-bindgen glue short names,
// in the module and in the glue alike. Usage:
//   node short-imports.mjs MODULE.wasm GLUE.js
//
// Why: wasm-bindgen names each import `__wbg_<name>_<16 hex digits>` and
// puts them all under the module `./<out-name>_bg.js`. The names are
// spelled twice in the first download (the wasm's import section and the
// glue's import object) and the hex digits are random, so gzip cannot
// shrink them: ~220 imports cost ~5 KB gzip. Here they become `a`, `b`, …
// and the module `w`; likewise the closures' mangled exports (below).
// Nothing else refers to these names: the parts
// (wasm-split) import only `__wasm_split`'s memory, table and shared
// functions, and the glue's import object is its only spelling of them.
//
// Run after wasm-bindgen, before wasm-opt and terser. Fails, rather than
// shipping a half-renamed pair, when the glue does not have the expected
// shape (a new wasm-bindgen) or the names do not match the module's.
import fs from 'node:fs';

const [wasmFile, jsFile] = process.argv.slice(2);
if (!wasmFile || !jsFile) {
  console.error('usage: node short-imports.mjs MODULE.wasm GLUE.js');
  process.exit(2);
}
const fail = (what) => {
  console.error(`short-imports: ${what}: has wasm-bindgen changed its output?`);
  process.exit(1);
};

const wasm = fs.readFileSync(wasmFile);
let js = fs.readFileSync(jsFile, 'utf8');

// The glue's import object for the module: `"./x_bg.js": import0,`
const moduleKey = js.match(/^ {8}"(\.\/[^"]+_bg\.js)": (import\d+),$/m);
if (!moduleKey) fail(`${jsFile}: no "./…_bg.js" entry in the imports`);
const [, MODULE, objectName] = moduleKey;
// Its keys: `        NAME: function(` inside `const importN = { … };`.
const objectStart = js.indexOf(`    const ${objectName} = {\n        __proto__: null,\n`);
const objectEnd = js.indexOf('\n    };\n', objectStart);
if (objectStart < 0 || objectEnd < 0) fail(`${jsFile}: no object ${objectName}`);
const body = js.slice(objectStart, objectEnd);
const keys = [...body.matchAll(/^ {8}([A-Za-z_$][A-Za-z0-9_$]*): function\(/gm)].map((m) => m[1]);
const topLevel = body.split('\n').filter((l) => /^ {8}[^\s}]/.test(l) && !l.startsWith('        __proto__'));
if (topLevel.length !== keys.length) fail(`${jsFile}: ${objectName} has entries that are not functions`);

// ---- the module: read its sections, rewrite the import section -----------------
function uleb(buf, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [result, pos];
  }
}
function ulebBytes(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}
const nameBytes = (s) => Buffer.concat([ulebBytes(Buffer.byteLength(s)), Buffer.from(s, 'utf8')]);

if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmFile}: not a wasm module`);
const sections = [];
for (let pos = 8; pos < wasm.length;) {
  const id = wasm[pos];
  const [size, start] = uleb(wasm, pos + 1);
  sections.push({ id, start, end: start + size, head: pos });
  pos = start + size;
}
const importSection = sections.find((s) => s.id === 2);
if (!importSection) fail(`${wasmFile}: no import section`);

// Short names in order of first use: a … z, A … Z, then two letters.
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const shortName = (i) => (i < LETTERS.length ? LETTERS[i]
  : LETTERS[Math.floor(i / LETTERS.length) - 1] + LETTERS[i % LETTERS.length]);
const renamed = new Map(); // long name → short name
const SHORT_MODULE = 'w';

const entries = [];
let [count, pos] = uleb(wasm, importSection.start);
for (let i = 0; i < count; i++) {
  const [moduleLen, m] = uleb(wasm, pos);
  const module = wasm.toString('utf8', m, m + moduleLen);
  const [fieldLen, f] = uleb(wasm, m + moduleLen);
  const field = wasm.toString('utf8', f, f + fieldLen);
  // The import's description (kind and type) is kept byte for byte.
  const descStart = f + fieldLen;
  let p = descStart + 1;
  switch (wasm[descStart]) {
    case 0: [, p] = uleb(wasm, p); break; // function: type index
    case 1: { p += 1; const flags = wasm[p++]; [, p] = uleb(wasm, p); if (flags & 1) [, p] = uleb(wasm, p); break; } // table
    case 2: { const flags = wasm[p++]; [, p] = uleb(wasm, p); if (flags & 1) [, p] = uleb(wasm, p); break; } // memory
    case 3: p += 2; break; // global: type, mutability
    case 4: p += 1; [, p] = uleb(wasm, p); break; // tag
    default: fail(`${wasmFile}: import ${module}.${field} of unknown kind ${wasm[descStart]}`);
  }
  let newModule = module;
  let newField = field;
  if (module === MODULE) {
    if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
    newModule = SHORT_MODULE;
    newField = renamed.get(field);
  }
  entries.push(Buffer.concat([nameBytes(newModule), nameBytes(newField), wasm.subarray(descStart, p)]));
  pos = p;
}
if (pos !== importSection.end) fail(`${wasmFile}: the import section did not parse to its end`);

const jsKeys = new Set(keys);
const missing = [...renamed.keys()].filter((k) => !jsKeys.has(k));
if (missing.length) fail(`${jsFile}: imports not in ${objectName}: ${missing.slice(0, 5).join(', ')}`);
// Keys the module does not import are dropped by nothing here; wasm-bindgen
// only emits what the module imports, so an extra one is a changed shape.
const unused = keys.filter((k) => !renamed.has(k));
if (unused.length) fail(`${jsFile}: ${objectName} has keys the module does not import: ${unused.slice(0, 5).join(', ')}`);
for (const k of keys) {
  if (js.split(k).length !== 2) fail(`${jsFile}: ${k} is spelled more than once`);
}

const content = Buffer.concat([ulebBytes(count), ...entries]);

// The closures' exports keep their mangled names (`_ZN…invoke17h<hash>E`,
// as random as the imports' hashes); the glue calls each as `wasm.NAME`.
// They become `$a`, `$b`, … (nothing else exports names with `$`).
const exportSection = sections.find((s) => s.id === 7);
if (!exportSection) fail(`${wasmFile}: no export section`);
const exportsRenamed = new Map();
const exportUse = (name) => new RegExp(`\\bwasm\\.${name}(?![\\w$])`, 'g');
const exportEntries = [];
let [exportCount, e] = uleb(wasm, exportSection.start);
for (let i = 0; i < exportCount; i++) {
  const [len, n] = uleb(wasm, e);
  const name = wasm.toString('utf8', n, n + len);
  const kindAt = n + len;
  const [, end] = uleb(wasm, kindAt + 1);
  let newName = name;
  if (/^_ZN[A-Za-z0-9_]+E(_\d+)?$/.test(name)) {
    // (Its JS wrapper function of the same name is renamed by terser.)
    const uses = (js.match(exportUse(name)) ?? []).length;
    if (uses !== 1) fail(`${jsFile}: export ${name} is called ${uses} times`);
    newName = `$${shortName(exportsRenamed.size)}`;
    exportsRenamed.set(name, newName);
  }
  exportEntries.push(Buffer.concat([nameBytes(newName), wasm.subarray(kindAt, end)]));
  e = end;
}
if (e !== exportSection.end) fail(`${wasmFile}: the export section did not parse to its end`);
const exportContent = Buffer.concat([ulebBytes(exportCount), ...exportEntries]);

const out = Buffer.concat([
  wasm.subarray(0, importSection.head),
  Buffer.from([2]), ulebBytes(content.length), content,
  wasm.subarray(importSection.end, exportSection.head),
  Buffer.from([7]), ulebBytes(exportContent.length), exportContent,
  wasm.subarray(exportSection.end),
]);

// ---- the glue: the same names ---------------------------------------------------
let newBody = body;
for (const [long, short] of renamed) {
  newBody = newBody.replace(`\n        ${long}: function(`, `\n        ${short}: function(`);
}
js = js.slice(0, objectStart) + newBody + js.slice(objectEnd);
for (const [long, short] of exportsRenamed) js = js.replace(exportUse(long), `wasm.${short}`);
js = js.replace(`        "${MODULE}": ${objectName},\n`, `        "${SHORT_MODULE}": ${objectName},\n`);
if (js.includes(`"${SHORT_MODULE}": ${objectName}`) === false) fail(`${jsFile}: module key not renamed`);
if (/^ {8}"w": /m.test(js.replace(`        "${SHORT_MODULE}": ${objectName},\n`, ''))) fail(`${jsFile}: module name "w" taken`);

fs.writeFileSync(wasmFile, out);
fs.writeFileSync(jsFile, js);
console.error(`${wasmFile}: ${renamed.size} imports of ${MODULE} renamed (module "${SHORT_MODULE}"), ${exportsRenamed.size} closure exports, ${wasm.length - out.length} bytes shorter`);
