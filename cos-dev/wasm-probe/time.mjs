// node wasm-probe/time.mjs: times the probe (open + catalog + its first
// stream decoded) on target/perf-20mib.pdf (written by `cargo test --test
// perf`), as is and with every `startxref` gone (rebuilt by scanning).
import { readFileSync } from "node:fs";

const wasm = readFileSync(new URL("./target/wasm32-unknown-unknown/release/cos_wasm_probe.wasm", import.meta.url));
const pdf = readFileSync(new URL("../target/perf-20mib.pdf", import.meta.url));
const broken = Buffer.from(pdf);
for (let at = broken.indexOf("startxref"); at >= 0; at = broken.indexOf("startxref", at + 1)) broken[at + 8] = 0x58;

const { instance } = await WebAssembly.instantiate(wasm, {});
const { cos_probe, cos_alloc, memory } = instance.exports;
for (const [name, bytes] of [["intact", pdf], ["no startxref", broken]]) {
  const ptr = cos_alloc(bytes.length);
  new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
  let best = Infinity, result = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    result = cos_probe(ptr, bytes.length);
    best = Math.min(best, performance.now() - t);
  }
  console.log(`${name}: ${best.toFixed(2)} ms (result ${result}), ${bytes.length} bytes`);
}
