// The one module script a form builder includes:
//   <script type="module" src="…/infoplus-signature.js"></script>
// It instantiates the control's wasm module and defines
// <infoplus-signature>. No inline script is needed anywhere, so the control
// runs under `script-src 'self' 'wasm-unsafe-eval'`.
import init, { define } from './control/infoplus-signature.js';

const base = new URL('./', import.meta.url).href;
await init({ module_or_path: new URL('./control/infoplus-signature_bg.wasm', import.meta.url) });
define(base);
