// The verify worker's entry (a module worker, started by the control on
// the first verify). It loads the verification wasm, then answers
// `verify` messages; see worker/src/lib.rs for the protocol.
//
// Its glue and wasm sit in ./worker/. The npm package's entry names them
// instead (`?glue=…&wasm=…`): a bundler copies each file under a hashed
// name, so relative paths no longer hold. Only addresses on the worker's
// own origin are taken.
const here = new URL(import.meta.url);
const named = (key, fallback) => {
  const given = here.searchParams.get(key);
  const url = given ? new URL(given, here) : new URL(fallback, here);
  if (url.origin !== here.origin) throw new Error(`verify worker: ${key} is not on ${here.origin}`);
  return url;
};
const glue = named('glue', './worker/infoplus-signature-worker.js');
const wasm = named('wasm', './worker/infoplus-signature-worker_bg.wasm');

const { default: init, handle } = await import(glue.href);
await init({ module_or_path: wasm });
self.onmessage = (event) => handle(event.data);
self.postMessage({ type: 'ready' });
