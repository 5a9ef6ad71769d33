// The verify worker's entry (a module worker, started by the control on
// the first verify). It loads the verification wasm, then answers
// `verify` messages; see worker/src/lib.rs for the protocol.
import init, { handle } from './worker/infoplus-signature-worker.js';

await init({ module_or_path: new URL('./worker/infoplus-signature-worker_bg.wasm', import.meta.url) });
self.onmessage = (event) => handle(event.data);
self.postMessage({ type: 'ready' });
