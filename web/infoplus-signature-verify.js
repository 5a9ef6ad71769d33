// The verify worker's entry (a module worker, started by the control on
// the first verify). It loads the verification wasm, then answers
// `verify` messages (each one asynchronously: WebCrypto digests first); see
// worker/src/lib.rs for the protocol.
//
// The same file, started again by the worker under the name below, is its
// hasher: a second thread for the document's SHA-256. Chromium hashes on
// the thread that calls `crypto.subtle.digest`, so without it that digest
// (~30 ms for 20 MiB) runs before or after the worker's SM3 in wasm, not
// beside it. One file for both, so the hasher loads wherever the worker
// does (npm package, a strict CSP's 'self'); as a hasher it never
// instantiates the wasm.
import init, { handle } from './worker/infoplus-signature-worker.js';

const HASHER = 'infoplus-signature-hasher';

if (self.name === HASHER) {
  // In: `{id, bytes: Uint8Array (its buffer transferred), hash:
  // "SHA-256"…}`; out: `{id, digest: ArrayBuffer | null}`, null where
  // WebCrypto refused.
  self.onmessage = async ({ data: { id, bytes, hash } }) => {
    let digest = null;
    try {
      digest = await crypto.subtle.digest(hash, bytes);
    } catch {
      // Answered null: the worker hashes on its own thread.
    }
    self.postMessage({ id, digest }, digest ? [digest] : []);
  };
  self.postMessage({ ready: true });
} else {
  // The hasher first: it loads while the wasm compiles, and is mostly
  // ready for the first verify.
  const elsewhere = startHasher();
  await init({ module_or_path: new URL('./worker/infoplus-signature-worker_bg.wasm', import.meta.url) });
  self.onmessage = (event) => handle(event.data, elsewhere);
  self.postMessage(JSON.stringify({ type: 'ready' }));
}

// The hasher, as a function for worker/src/webcrypto.rs: `(bytes, hash)`
// → a promise of the digest of `bytes`, or of null when the hasher cannot
// take the job: not started yet (until it says `ready`, nothing is sent to it: a
// hasher that never loads must not hold a verify up), failed to load, or
// died. `bytes`'s buffer is transferred only when the job is sent.
// Undefined when this worker cannot start one at all. Without the hasher
// the worker hashes on its own thread: slower, same answer.
function startHasher() {
  if (typeof Worker !== 'function') return undefined;
  let worker;
  const options = { type: 'module', name: HASHER };
  try {
    worker = new Worker(import.meta.url, options);
  } catch {
    // This file on another origin (a CDN): the control started the worker
    // from a same-origin blob: module importing it (src/driver/verifier),
    // and so does this.
    try {
      const source = new Blob([`import ${JSON.stringify(import.meta.url)};`], { type: 'text/javascript' });
      worker = new Worker(URL.createObjectURL(source), options);
    } catch {
      return undefined;
    }
  }
  const waiting = new Map();
  let next = 0;
  let ready = false;
  const dead = () => {
    worker = undefined;
    for (const settle of waiting.values()) settle(null);
    waiting.clear();
  };
  worker.onerror = dead;
  worker.onmessageerror = dead;
  worker.onmessage = ({ data: { id, digest, ready: started } }) => {
    if (started) ready = true;
    waiting.get(id)?.(digest ?? null);
    waiting.delete(id);
  };
  return (bytes, hash) =>
    new Promise((settle) => {
      if (!worker || !ready) return settle(null);
      const id = next++;
      waiting.set(id, settle);
      worker.postMessage({ id, bytes, hash }, [bytes.buffer]);
    });
}
