// scripts/bench, control verify page: for each control, the time from the
// click on its Verify button to its `signature-verified` event, and how
// long the main thread was blocked in between: the longest `longtask`
// entry (PerformanceObserver), what ran in it (`long-animation-frame`
// script attribution, where Chromium has it), and the longest gap of a
// setTimeout(0) probe chain (≈ the longest task, also without longtask).
// A classic script in <head>: it runs before the control's module script.
(() => {
  const longTasks = [];
  const frames = [];
  const observe = (type, sink, map) => {
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) sink.push(map(e));
      }).observe({ type, buffered: true });
    } catch (_) {
      /* not supported: the timer probe still answers */
    }
  };
  observe('longtask', longTasks, (e) => ({ start: e.startTime, duration: e.duration }));
  observe('long-animation-frame', frames, (e) => ({
    start: e.startTime,
    duration: e.duration,
    scripts: (e.scripts || []).map((s) => ({
      duration: Math.round(s.duration),
      what: `${s.invoker || s.invokerType || '?'}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ''}` +
        `${s.sourceURL ? ` (${s.sourceURL.replace(location.origin, '')})` : ''}`,
    })),
  }));

  // The control's verify worker, watched from outside: when the request
  // is posted and when its two steps are answered, the seals' (`seals`)
  // and the PDF's (`pdf`; core/src/verify_protocol.rs) (this
  // listener is added before the control sets its onmessage, so it runs
  // first). Behaviour is unchanged: same constructor, same postMessage.
  const workerLog = [];
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        let d = null;
        try { d = typeof e.data === 'string' ? JSON.parse(e.data) : null; } catch { d = null; }
        if (d && d.type === 'step') workerLog.push({ type: d.last ? 'pdf' : 'seals', id: d.id, at: performance.now() });
      });
    }
    postMessage(message, ...rest) {
      if (message && typeof message.request === 'string') {
        const { id } = JSON.parse(message.request);
        workerLog.push({ type: 'verify', id, at: performance.now() });
      }
      return super.postMessage(message, ...rest);
    }
  };

  const runs = {};

  // setTimeout(0) chain: each gap between callbacks is at least the task
  // (or tasks) that ran in between; nested timers are clamped to 4 ms.
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
    runs[host.getAttribute('signature-id')] = { clickAt: performance.now(), probe: startProbe() };
  }, true);

  window.addEventListener('signature-verified', (event) => {
    const run = runs[event.target.getAttribute('signature-id')];
    if (!run || run.verifiedAt) return;
    run.verifiedAt = performance.now();
    run.probe.stopped = true;
    run.detail = event.detail;
  });

  window.__benchVerify = {
    /// The finished run of `id`, or null while it is still going. `uri`:
    /// the document's address, for its download time (Resource Timing).
    result(id, uri) {
      const run = runs[id];
      if (!run || !run.verifiedAt) return null;
      const inWindow = (t) => t.start + t.duration >= run.clickAt && t.start <= run.verifiedAt;
      const download = performance.getEntriesByType('resource')
        .filter((e) => uri && e.name.endsWith(uri) && e.startTime >= run.clickAt)
        .pop();
      const during = longTasks.filter(inWindow);
      const longest = during.reduce((m, t) => (!m || t.duration > m.duration ? t : m), null);
      const frame = longest && frames.find((f) => f.start <= longest.start + 1 && f.start + f.duration >= longest.start + longest.duration - 1);
      const posted = workerLog.find((w) => w.type === 'verify' && w.at >= run.clickAt && w.at <= run.verifiedAt);
      const answer = (type) => posted && workerLog.find((w) => w.type === type && w.id === posted.id && w.at >= posted.at);
      const since = (w) => (w ? w.at - run.clickAt : null);
      return {
        ms: run.verifiedAt - run.clickAt,
        postedMs: since(posted),
        sealsMs: since(answer('seals')),
        pdfMs: since(answer('pdf')),
        downloadMs: download ? download.responseEnd - run.clickAt : null,
        downloadStartMs: download ? download.startTime - run.clickAt : null,
        results: (run.detail?.results || []).map((r) => r.result),
        pdf: run.detail?.pdf?.status ?? null,
        longestTaskMs: longest ? longest.duration : 0,
        longestTaskAt: longest ? longest.start - run.clickAt : null,
        longestTaskScripts: frame ? frame.scripts : null,
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
