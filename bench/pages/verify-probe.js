// scripts/bench, control verify page: for each control, the time from the
// click on its Verify button to its `signature-verified` event, and how
// long the main thread was blocked in between: the longest `longtask`
// entry (PerformanceObserver) and the longest gap of a setTimeout(0) probe
// chain (≈ the longest task, also when longtask is not reported).
// A classic script in <head>: it runs before the control's module script.
(() => {
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (_) {
    /* no Long Tasks API: the timer probe still answers */
  }

  const runs = {};
  let probing = null;

  // setTimeout(0) chain: each gap between callbacks is at least the task
  // that ran in between (the browser clamps nested timers to 4 ms).
  const startProbe = () => {
    const p = { last: performance.now(), maxGap: 0, stopped: false };
    const tick = () => {
      if (p.stopped) return;
      const now = performance.now();
      p.maxGap = Math.max(p.maxGap, now - p.last);
      p.last = now;
      setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    return p;
  };

  // The click reaches the window retargeted to the host element.
  window.addEventListener('click', (event) => {
    const host = event.composedPath().find((n) => n.localName === 'infoplus-signature');
    if (!host) return;
    const id = host.getAttribute('signature-id');
    probing = startProbe();
    runs[id] = { clickAt: performance.now(), probe: probing };
  }, true);

  window.addEventListener('signature-verified', (event) => {
    const id = event.target.getAttribute('signature-id');
    const run = runs[id];
    if (!run || run.verifiedAt) return;
    run.verifiedAt = performance.now();
    run.probe.stopped = true;
    run.detail = event.detail;
  });

  window.__benchVerify = {
    /// The finished run of `id`, or null while it is still going.
    result(id) {
      const run = runs[id];
      if (!run || !run.verifiedAt) return null;
      const during = longTasks.filter((t) => t.start + t.duration >= run.clickAt && t.start <= run.verifiedAt);
      return {
        ms: run.verifiedAt - run.clickAt,
        results: (run.detail?.results || []).map((r) => r.result),
        pdf: run.detail?.pdf?.status ?? null,
        longestTaskMs: during.reduce((m, t) => Math.max(m, t.duration), 0),
        longTasks: during.length,
        longestGapMs: run.probe.maxGap,
        longTaskApi: PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false,
      };
    },
    state(id) {
      return document.querySelector(`infoplus-signature[signature-id="${id}"]`)?.getAttribute('data-state');
    },
  };
})();
