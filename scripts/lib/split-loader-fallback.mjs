// Post-processes the parts' loader that wasm-split-cli writes
// (__wasm_split.js). It instantiates each part with
// `WebAssembly.instantiateStreaming`, which refuses a .wasm file served
// without `Content-Type: application/wasm`; wasm-bindgen's loader for the
// first download falls back to an ArrayBuffer then. Without the same
// fallback here, a server lacking the wasm MIME type would show the control
// but fail every stamp and verify. Usage: node split-loader-fallback.mjs FILE
import fs from 'node:fs';

const file = process.argv[2];
const CALL = 'WebAssembly.instantiateStreaming(src, imports)';
const source = fs.readFileSync(file, 'utf8');
const calls = source.split(CALL).length - 1;
if (calls === 0) {
  console.error(`${file}: no "${CALL}" found: has wasm-split-cli changed its loader?`);
  process.exit(1);
}
const helper = `
// Added by scripts/lib/split-loader-fallback.mjs: the parts load even when
// the server does not send Content-Type: application/wasm.
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
fs.writeFileSync(file, source.split(CALL).join('instantiatePart(src, imports)') + helper);
console.error(`${file}: ${calls} part loaders given the application/wasm fallback`);
