// Post-processes the parts' loader that wasm-split-cli writes
// (__wasm_split.js). Usage: node split-loader.mjs FILE BUILD
//
// 1. Part file names get the build's id: `split_trip.wasm` is fetched as
//    `split_trip-BUILD.wasm`. A part only works with the main module it was
//    cut from (they share memory and a function table), and parts are
//    fetched minutes after the page loaded. With fixed names, a deploy in
//    between would pair an old main module with a new part; with the id, the
//    old page asks for its own part, which is gone: an ordinary "could not
//    be downloaded" error instead of undefined behaviour.
// 2. Parts are instantiated with `WebAssembly.instantiateStreaming`, which
//    refuses a .wasm file served without `Content-Type: application/wasm`;
//    wasm-bindgen's loader for the first download falls back to an
//    ArrayBuffer then. The parts get the same fallback, or a server lacking
//    the wasm MIME type would show the control but fail every stamp.
//
// Fails when the loader does not have the expected shape (a new
// wasm-split-cli), rather than shipping it unpatched.
import fs from 'node:fs';

const [file, build] = process.argv.slice(2);
if (!file || !/^[0-9a-f]{8,}$/.test(build ?? '')) {
  console.error('usage: node split-loader.mjs FILE BUILD (BUILD: hex id of the build)');
  process.exit(2);
}
const fail = (what) => {
  console.error(`${file}: ${what}: has wasm-split-cli changed its loader?`);
  process.exit(1);
};

let source = fs.readFileSync(file, 'utf8');

const PART_URL = /new URL\("\.\/((?:split_[a-z0-9_]+|chunk_\d+))\.wasm", import\.meta\.url\)/g;
const parts = [...source.matchAll(PART_URL)].map((m) => m[1]);
if (parts.length === 0) fail('no part URLs found');
source = source.replace(PART_URL, (_, name) => `new URL("./${name}-${build}.wasm", import.meta.url)`);

const CALL = 'WebAssembly.instantiateStreaming(src, imports)';
const calls = source.split(CALL).length - 1;
if (calls !== parts.length) fail(`${calls} instantiateStreaming calls for ${parts.length} parts`);
source = source.split(CALL).join('instantiatePart(src, imports)') + `
// Added by scripts/lib/split-loader.mjs: the parts load even when the server
// does not send Content-Type: application/wasm.
async function instantiatePart(pending, imports) {
    const response = await pending;
    if (!response.ok) throw new Error(\`\${response.url}: HTTP \${response.status}\`);
    const type = response.headers.get('Content-Type') || '';
    if (type.split(';')[0].trim() === 'application/wasm') {
        return WebAssembly.instantiateStreaming(response, imports);
    }
    return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
`;
fs.writeFileSync(file, source);
console.error(`${file}: ${parts.length} parts named *-${build}.wasm, with the application/wasm fallback`);
