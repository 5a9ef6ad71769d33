// scripts/bench, render pages: notes the moment every <infoplus-signature>
// on the page is rendered: `data-state` is unsigned or signed, and its
// shadow root shows its seal cards (data-bench-seals of them, no
// placeholder) with a stamp for each signed seal (data-bench-signed).
// Times are performance.now(): milliseconds since navigation start.
// A classic script in <head>: it runs before the control's module script.
(() => {
  const probe = { renderedAt: null, controls: 0, checks: 0 };
  window.__benchRender = probe;

  const rendered = (el) => {
    const state = el.getAttribute('data-state');
    if (state !== 'unsigned' && state !== 'signed') return false;
    const root = el.shadowRoot;
    if (!root || root.querySelector('[part~="placeholder"]')) return false;
    const cards = root.querySelectorAll('[part~="seal"]').length;
    const stamps = root.querySelectorAll('[part~="stamp"]').length;
    return cards >= Number(el.dataset.benchSeals || 1) && stamps >= Number(el.dataset.benchSigned || 0);
  };

  const check = () => {
    if (probe.renderedAt !== null) return true;
    probe.checks++;
    const all = document.querySelectorAll('infoplus-signature');
    if (all.length === 0 || document.readyState === 'loading') return false;
    for (const el of all) if (!rendered(el)) return false;
    probe.renderedAt = performance.now();
    probe.controls = all.length;
    return true;
  };

  // State changes are seen at once (the observer's microtask); a view that
  // lands a little later is caught by the next task or frame.
  new MutationObserver(() => {
    if (!check()) setTimeout(check, 0);
  }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  const frame = () => {
    if (!check()) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
