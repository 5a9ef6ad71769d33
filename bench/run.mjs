// The browser half of scripts/bench (run it through scripts/bench, which
// builds everything, makes the inputs, runs the native helper and starts the
// devserver first). Prints the report on stdout; progress goes to stderr.
//
// Environment (set by scripts/bench):
//   DEVSERVER_URL   the devserver (engine at /api, --dev-faults routes)
//   BENCH_WORK      work directory: dist/ (a snapshot of the build), inputs/
//                   (documents), cases/ (keys, signatures, Signature JSON),
//                   native.jsonl (the native helper's lines)
//   BENCH_RUNS      runs per render measurement (default 5)
//   BENCH_VERIFY_RUNS  page loads for the control's click-to-verified (default 3)
//   BENCH_SMCRYPTO_MAX_MIB  largest document sm-crypto verifies (default 20)
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const WORK = need('BENCH_WORK');
const DEVSERVER = need('DEVSERVER_URL').replace(/\/$/, '');
const ENGINE = `${DEVSERVER}/api`;
const RUNS = Number(process.env.BENCH_RUNS || 5);
const VERIFY_RUNS = Number(process.env.BENCH_VERIFY_RUNS || 3);
const SMCRYPTO_MAX_MIB = Number(process.env.BENCH_SMCRYPTO_MAX_MIB || 20);
const SIZES_MIB = [1, 5, 20];
const ALGORITHMS = [
  { key: 'sm2', name: 'SM2withSM3', devSeal: 'seal-zhangsan-sm2' },
  { key: 'ecdsa', name: 'SHA256withECDSA', devSeal: 'seal-zhangsan-ecdsa' },
];
const BUDGET_BYTES = 110 * 1024; // 110 KB gzip, KB = 1024 bytes
const LONG_TASK_LIMIT_MS = 50;
const CONTROL_SCRIPT = '/dist/infoplus-signature.js';
const WORKER_SCRIPT = '/dist/infoplus-signature-verify.js';

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run scripts/bench`);
  return v;
}

const log = (...a) => console.error('   ', ...a);
const out = (line = '') => console.log(line);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (x === null || x === undefined ? '—' : `${x.toFixed(x < 10 ? 2 : 1)} ms`);
const bytesText = (n) => n.toLocaleString('en-US');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mibPerS = (bytes, t) => (bytes / 1048576) / (t / 1000);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const esc = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const fmt = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  out(`  ${fmt(all[0])}`);
  out(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of all.slice(1)) out(`  ${fmt(r)}`);
}

// ---- the bench's own static server: dist snapshot, pages, inputs ---------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.json': 'application/json',
};
const generated = new Map(); // /bench/… pages made below

function resolveFile(urlPath) {
  const clean = path.posix.normalize(decodeURIComponent(urlPath));
  if (clean.includes('..')) return null;
  const under = (prefix, dir) =>
    clean.startsWith(prefix) ? path.join(dir, clean.slice(prefix.length)) : null;
  if (clean === '/bench/vendor/sm2.js') return path.join(ROOT, 'node_modules/sm-crypto/dist/sm2.js');
  return (
    under('/dist/', path.join(WORK, 'dist')) ??
    under('/inputs/', path.join(WORK, 'inputs')) ??
    under('/bench/', path.join(HERE, 'pages'))
  );
}

function startStatic() {
  const server = http.createServer((req, res) => {
    const urlPath = new URL(req.url, 'http://x').pathname;
    const send = (status, type, body) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-cache', 'Content-Length': body.length });
      res.end(body);
    };
    if (generated.has(urlPath)) return send(200, TYPES['.html'], Buffer.from(generated.get(urlPath)));
    const file = resolveFile(urlPath);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(404, 'text/plain', Buffer.from('not found'));
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    fs.readFile(file, (err, body) => (err ? send(500, 'text/plain', Buffer.from(String(err))) : send(200, type, body)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- devserver ---------------------------------------------------------------

async function dev(method, route, body) {
  const r = await fetch(`${DEVSERVER}${route}`, { method, body });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${route}: HTTP ${r.status} ${text.slice(0, 300)}`);
  const json = JSON.parse(text);
  if (json.errno && json.errno !== 0) throw new Error(`${method} ${route}: ${text.slice(0, 300)}`);
  return json.entities ? json.entities[0] : json;
}

// ---- browser -------------------------------------------------------------------

const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage',
  ],
};

function watch(page, what) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`${what}: page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${what}: console: ${m.text()}`);
  });
  return problems;
}

function gzipSize(file) {
  return execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 64 << 20 }).length;
}

function distFile(url) {
  const u = new URL(url);
  return u.pathname.startsWith('/dist/') ? path.join(WORK, 'dist', u.pathname.slice('/dist/'.length)) : null;
}

function sizeRows(urls) {
  const rows = [...new Set(urls)].map((url) => {
    const file = distFile(url);
    const raw = fs.statSync(file).size;
    return { name: `dist/${path.relative(path.join(WORK, 'dist'), file)}`, raw, gzip: gzipSize(file) };
  });
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
  return { rows, total };
}

function printSizes(sizes) {
  table(
    ['file', 'raw bytes', 'gzip -9 bytes'],
    [
      ...sizes.rows.map((r) => [r.name, bytesText(r.raw), bytesText(r.gzip)]),
      ['total', bytesText(sizes.total.raw), bytesText(sizes.total.gzip)],
    ],
  );
}

function controlTag(attrs) {
  return `<infoplus-signature ${Object.entries(attrs)
    .map(([k, v]) => `${k}="${esc(String(v))}"`)
    .join(' ')}></infoplus-signature>`;
}

function fillPage(template, fields) {
  let html = fs.readFileSync(path.join(HERE, 'pages', template), 'utf8');
  for (const [k, v] of Object.entries(fields)) html = html.replaceAll(`{{${k}}}`, v);
  return html;
}

const seals = (sig) => ({
  'data-bench-seals': sig.seals.length,
  'data-bench-signed': sig.seals.filter((s) => s.signature && String(s.signature).trim()).length,
});

// ---- main -----------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const server = await startStatic();
  const BASE = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch(LAUNCH);
  const problems = [];
  const summary = [];
  try {
    out('InfoPlus <infoplus-signature> benchmark');
    out(`  date ${new Date().toISOString()}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model?.trim()}), ` +
      `load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    out(`  ${browser.version ? `Chromium ${browser.version()}` : 'Chromium'} headless, Node ${process.version}, ` +
      `pages on ${BASE}, engine ${ENGINE}`);
    out();

    // ---- records on the devserver ------------------------------------------------
    log('devserver: 50 sealed Signatures for the render pages, 6 large sealed documents');
    const small = fs.readFileSync(path.join(WORK, 'inputs', 'doc-1.pdf')).subarray(0, 4096);
    const renderIds = Array.from({ length: 50 }, (_, i) => `bench-render-${String(i).padStart(2, '0')}`);
    const renderSigs = [];
    for (let i = 0; i < renderIds.length; i += 10) {
      renderSigs.push(...(await Promise.all(renderIds.slice(i, i + 10).map((id) => dev('POST', `/dev/document/${id}`, small)))));
    }
    await dev('POST', '/dev/document/bench-verify-warmup', small);
    const large = [];
    for (const alg of ALGORITHMS) {
      for (const mib of SIZES_MIB) {
        const id = `bench-large-${alg.key}-${mib}`;
        const sig = await dev('POST', `/dev/large/${id}?mib=${mib}&seal=${alg.devSeal}`);
        large.push({ id, alg, mib, size: sig.size });
      }
    }

    // ---- pages ----------------------------------------------------------------------
    const renderPage = (n, withValue) => {
      const controls = renderIds.slice(0, n).map((id, i) =>
        controlTag({
          'signature-id': id,
          engine: ENGINE,
          lang: 'en',
          ...(withValue ? { value: JSON.stringify(renderSigs[i]) } : {}),
          ...seals(renderSigs[i]),
        }),
      );
      const name = `/bench/render-${n}${withValue ? '-value' : ''}.html`;
      generated.set(name, fillPage('render.html', {
        TITLE: `bench: ${n} control${n > 1 ? 's' : ''}${withValue ? ' (value attribute)' : ' (S1)'}`,
        CONTROL_SCRIPT,
        CONTROLS: controls.join('\n'),
      }));
      return `${BASE}${name}`;
    };
    const verifyPage = (() => {
      const ids = ['bench-verify-warmup', ...large.map((l) => l.id)];
      generated.set('/bench/control-verify.html', fillPage('control-verify.html', {
        CONTROL_SCRIPT,
        CONTROLS: ids.map((id) => controlTag({ 'signature-id': id, engine: ENGINE, lang: 'en' })).join('\n'),
      }));
      return `${BASE}/bench/control-verify.html`;
    })();

    // ---- 1. first download ------------------------------------------------------------
    log('1. first download: one page load with a request log');
    const first = await (async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      problems.push(...watch(page, 'render-1'));
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(renderPage(1, false));
      await page.waitForFunction(() => window.__benchRender?.renderedAt !== null, null, { timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      await context.close();
      return requests;
    })();
    const firstDist = first.filter((u) => distFile(u));
    const firstSizes = sizeRows(firstDist);
    out('== 1. The control\'s first download (what a page with one control fetches before any verify) ==');
    out('  requests of one page load (Playwright request log):');
    for (const u of first) out(`    ${distFile(u) ? '*' : ' '} ${u.replace(BASE, '').replace(DEVSERVER, '<devserver>')}`);
    out('  (* = the control\'s files, counted below; the rest is the page, S1 and the seal image)');
    printSizes(firstSizes);
    const over = firstSizes.total.gzip - BUDGET_BYTES;
    const budgetText = `${kb(firstSizes.total.gzip)} gzip vs budget 110 KB (${bytesText(BUDGET_BYTES)} bytes): ` +
      (over > 0 ? `OVER by ${bytesText(over)} bytes` : `under by ${bytesText(-over)} bytes`);
    out(`  ${budgetText}`);
    if (over <= 0 && firstSizes.total.gzip > 110_000) out('  (note: over 110 000 bytes if KB means 1000 bytes)');
    const expected = ['infoplus-signature.js', 'control/infoplus-signature.js', 'control/infoplus-signature_bg.wasm'];
    const missing = expected.filter((f) => !firstSizes.rows.some((r) => r.name === `dist/${f}`));
    if (missing.length) problems.push(`first download: expected files not requested: ${missing.join(', ')}`);
    if (firstSizes.rows.some((r) => r.name.includes('worker') || r.name.includes('verify'))) {
      problems.push('first download: the page fetched the verify worker before any verify');
    }
    out();
    summary.push(['first download (gzip -9)', `${kb(firstSizes.total.gzip)} (${bytesText(firstSizes.total.gzip)} B)`,
      over > 0 ? 'OVER 110 KB' : 'under 110 KB']);

    // ---- 3. render time ------------------------------------------------------------------
    log(`3. render time: ${RUNS} cold page loads each for 1 and 50 controls, S1 and value attribute`);
    const renderOnce = async (url) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const seen = watch(page, url.replace(BASE, ''));
      await page.goto(url);
      await page.waitForFunction(() => window.__benchRender?.renderedAt !== null, null, { timeout: 60_000, polling: 50 });
      const r = await page.evaluate(() => {
        const entry = (suffix) => performance.getEntriesByType('resource').find((e) => e.name.endsWith(suffix));
        const loader = entry('/dist/infoplus-signature.js');
        const wasm = entry('/dist/control/infoplus-signature_bg.wasm');
        const states = [...document.querySelectorAll('infoplus-signature')].map((e) => e.getAttribute('data-state'));
        return {
          renderedAt: window.__benchRender.renderedAt,
          controls: window.__benchRender.controls,
          loaderStart: loader ? loader.startTime : null,
          wasmEnd: wasm ? wasm.responseEnd : null,
          states,
        };
      });
      await context.close();
      problems.push(...seen);
      return r;
    };
    await renderOnce(renderPage(1, false)); // warm-up: OS file cache, browser process
    const render = {};
    for (const n of [1, 50]) {
      for (const withValue of [false, true]) {
        const url = renderPage(n, withValue);
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await renderOnce(url));
        const bad = runs.flatMap((r) => r.states).filter((s) => s !== 'signed');
        if (bad.length || runs.some((r) => r.controls !== n)) {
          throw new Error(`render ${n}${withValue ? ' value' : ''}: controls not all signed: ${bad.join(',')}`);
        }
        render[`${n}${withValue ? 'v' : ''}`] = {
          nav: median(runs.map((r) => r.renderedAt)),
          fromScript: median(runs.map((r) => r.renderedAt - r.loaderStart)),
          wasm: median(runs.map((r) => r.wasmEnd)),
          all: runs.map((r) => r.renderedAt),
        };
      }
    }
    const renderRows = [];
    for (const n of [1, 50]) {
      for (const v of ['', 'v']) {
        const r = render[`${n}${v}`];
        renderRows.push([
          `${n} control${n > 1 ? 's' : ''}, ${v ? 'value attribute (no S1)' : 'S1 from the engine'}`,
          ms(r.nav), ms(r.fromScript), ms(r.wasm), r.all.map((x) => x.toFixed(0)).join(' '),
        ]);
      }
    }

    // ---- 4b + 5 + 2. the real control verifying ----------------------------------------------
    log(`4b/5. the control: click Verify → signature-verified, ${VERIFY_RUNS} page loads × 7 controls`);
    const verifyRuns = [];
    let workerRequests = null;
    for (let run = 0; run < VERIFY_RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      problems.push(...watch(page, 'control-verify'));
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(verifyPage);
      const ids = ['bench-verify-warmup', ...large.map((l) => l.id)];
      await page.waitForFunction(
        (ids) => ids.every((id) => window.__benchVerify.state(id) === 'signed'), ids, { timeout: 60_000, polling: 50 });
      const beforeVerify = requests.length;
      const results = {};
      for (const id of ids) {
        await page.locator(`infoplus-signature[signature-id="${id}"] [part~="verify-button"]`).first().click();
        const h = await page.waitForFunction((id) => window.__benchVerify.result(id), id, { timeout: 180_000, polling: 200 });
        results[id] = await h.jsonValue();
        if (id === 'bench-verify-warmup' && workerRequests === null) {
          workerRequests = requests.slice(beforeVerify).filter((u) => distFile(u));
        }
        const r = results[id];
        if (r.results[0] !== 'valid') throw new Error(`control verify of ${id}: ${JSON.stringify(r)}`);
      }
      verifyRuns.push(results);
      await context.close();
    }

    // ---- 2. worker download --------------------------------------------------------------------
    out('== 2. The verify worker\'s download (fetched on the first verify only) ==');
    const workerSizes = sizeRows(workerRequests);
    out('  requests made by the first verify (Playwright request log, dist files):');
    for (const r of workerSizes.rows) out(`    ${r.name}`);
    printSizes(workerSizes);
    const workerFiles = ['infoplus-signature-verify.js', ...listFiles(path.join(WORK, 'dist', 'worker')).map((f) => `worker/${f}`)];
    const notFetched = workerFiles.filter((f) => !workerSizes.rows.some((r) => r.name === `dist/${f}`));
    if (notFetched.length) out(`  in dist/ but not fetched: ${notFetched.map((f) => `dist/${f}`).join(', ')}`);
    out();
    summary.push(['worker download (gzip -9)', `${kb(workerSizes.total.gzip)} (${bytesText(workerSizes.total.gzip)} B)`, 'on first verify']);

    out('== 3. Time to rendered controls (headless Chromium, cold cache, median of ' + RUNS + ' page loads) ==');
    out('  rendered = every control has data-state unsigned|signed and shows its seal cards and stamps;');
    out('  "from nav" = since navigation start; "from script" = since the request for dist/infoplus-signature.js;');
    out('  "wasm in" = control wasm downloaded (since navigation start). All controls here are signed (one seal each).');
    table(['page', 'from nav', 'from script', 'wasm in', `each run (from nav, ms)`], renderRows);
    out();
    summary.push(['render 1 control (S1)', ms(render['1'].nav), `value attr: ${ms(render['1v'].nav)}`]);
    summary.push(['render 50 controls (S1)', ms(render['50'].nav), `value attr: ${ms(render['50v'].nav)}`]);

    // ---- 4. verify speed ------------------------------------------------------------------------
    log('4. pure verify in the browser: our worker, sm-crypto, WebCrypto');
    const context = await browser.newContext();
    const page = await context.newPage();
    problems.push(...watch(page, 'verify'));
    await page.goto(`${BASE}/bench/verify.html`);
    await page.waitForFunction(() => window.bench?.ready === true, null, { timeout: 30_000 });
    const workerStart = await page.evaluate((url) => window.bench.startWorker(url), WORKER_SCRIPT);
    const cases = readCases();
    const browserRows = {};
    for (const c of cases) {
      const w = await page.evaluate((a) => window.bench.workerVerify(a), {
        url: `/inputs/doc-${c.mib}.pdf`, signature: c.signatureJson, runs: 5,
      });
      if (w.result !== 'valid') throw new Error(`worker verify ${c.alg} ${c.mib} MiB: ${w.result}`);
      let other = null;
      if (c.alg === 'sm2' && c.mib <= SMCRYPTO_MAX_MIB) {
        log(`   sm-crypto ${c.mib} MiB (slow: about 2 s per MiB)`);
        other = await page.evaluate((a) => window.bench.smCryptoVerify(a), {
          url: `/inputs/doc-${c.mib}.pdf`, signatureHex: c.signatureDer.toString('hex'),
          publicKeyHex: c.point.toString('hex'), runs: c.mib === 1 ? 3 : 1,
        });
      } else if (c.alg === 'ecdsa') {
        other = await page.evaluate((a) => window.bench.webCryptoVerify(a), {
          url: `/inputs/doc-${c.mib}.pdf`, spkiBase64: c.spki.toString('base64'),
          signatureDerBase64: c.signatureDer.toString('base64'), runs: 5,
        });
      }
      if (other && other.result !== 'valid') throw new Error(`${c.alg === 'sm2' ? 'sm-crypto' : 'WebCrypto'} ${c.mib} MiB: ${other.result}`);
      browserRows[`${c.alg}-${c.mib}`] = { worker: w, other };
    }
    await context.close();

    const native = fs.readFileSync(path.join(WORK, 'native.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const nativeOf = (alg, mib) => native.find((n) => n.document.endsWith(`/doc-${mib}.pdf`) && n.signature.includes(`/${alg}-${mib}.`));

    out('== 4. Verification speed (same documents, keys and signatures everywhere; every verify checked valid) ==');
    out('  documents: pseudo-random bytes beginning with %PDF-1.7 (1/5/20 MiB); keys and signatures made by');
    out('  OpenSSL at bench time (SM2 with SM3 and distid 1234567812345678; ECDSA P-256 with SHA-256).');
    out('  (a) native: core::verify in a release build with the worker\'s profile (bench/native), median;');
    out('  (b) worker: postMessage → "seals" answer (copy into wasm memory + verify), median of 5 after a warm-up;');
    out('      "+pdf" = until the "pdf" answer (the PDF reader ran too; these documents are not real PDFs);');
    out('  (c) sm-crypto 0.5.8 doVerifySignature({der, hash, userId}) on the page\'s main thread;');
    out('      WebCrypto importKey(spki) + verify(ECDSA, SHA-256), median of 5 (digest alone in brackets).');
    const rows4 = [];
    for (const alg of ALGORITHMS) {
      for (const mib of SIZES_MIB) {
        const n = nativeOf(alg.key, mib);
        const b = browserRows[`${alg.key}-${mib}`];
        const bytes = b.worker.bytes;
        const o = b.other;
        const otherName = alg.key === 'sm2' ? 'sm-crypto' : 'WebCrypto';
        rows4.push([
          `${alg.name} ${mib} MiB`,
          n ? `${ms(n.verify_ms)} ${mibPerS(bytes, n.verify_ms).toFixed(0)} MB/s` : '—',
          `${ms(b.worker.sealsMs)} ${mibPerS(bytes, b.worker.sealsMs).toFixed(0)} MB/s`,
          ms(b.worker.pdfMs),
          o ? `${otherName} ${ms(o.ms)} ${mibPerS(bytes, o.ms).toFixed(1)} MB/s${o.digestMs !== undefined ? ` [${ms(o.digestMs)}]` : ''}` : `${otherName} skipped`,
          o ? `${(b.worker.sealsMs / o.ms).toFixed(o.ms > b.worker.sealsMs * 10 ? 3 : 2)}` : '—',
          n ? `${(b.worker.sealsMs / n.verify_ms).toFixed(2)}` : '—',
        ]);
      }
    }
    table(['case (MB = MiB)', '(a) native', '(b) worker', '(b) +pdf', '(c) other in browser', 'worker/other', 'worker/native'], rows4);
    out(`  worker start-up (module worker + its wasm, on this page): ${ms(workerStart.startMs)}`);
    out();

    // 4b: the control
    out('== 4b. The real control: click on Verify → signature-verified (devserver /dev/large sealed PDFs) ==');
    out(`  median of ${VERIFY_RUNS} page loads; includes streaming the document from the devserver and reading the PDF.`);
    out('  The first verify on a page (a 4 KiB document) also downloads and starts the worker.');
    const ids = ['bench-verify-warmup', ...large.map((l) => l.id)];
    const rows4b = ids.map((id) => {
      const l = large.find((x) => x.id === id);
      const all = verifyRuns.map((r) => r[id]);
      const t = median(all.map((r) => r.ms));
      return [
        l ? `${l.alg.name} ${l.mib} MiB` : 'first verify, 4 KiB (SM2)',
        l ? bytesText(l.size) : '4,096',
        ms(t),
        l ? `${mibPerS(l.size, t).toFixed(0)} MB/s` : '—',
        all[0].pdf ?? '—',
      ];
    });
    table(['document', 'bytes', 'click → verified', 'throughput', 'pdf'], rows4b);
    out();

    // 5. main thread
    out(`== 5. Main thread during a 20 MiB verify (click → verified, worst of ${VERIFY_RUNS} runs) ==`);
    out(`  longest task = longest PerformanceObserver "longtask" entry (Chromium reports only tasks > 50 ms; 0 = none);`);
    out('  longest gap = longest gap in a setTimeout(0) chain (an upper bound on the longest task).');
    const rows5 = [];
    let blocked = 0;
    for (const l of large.filter((x) => x.mib === 20)) {
      const all = verifyRuns.map((r) => r[l.id]);
      const longest = Math.max(...all.map((r) => r.longestTaskMs));
      const gap = Math.max(...all.map((r) => r.longestGapMs));
      blocked = Math.max(blocked, longest);
      rows5.push([`${l.alg.name} 20 MiB`, ms(longest), String(all.reduce((t, r) => t + r.longTasks, 0)), ms(gap),
        longest > LONG_TASK_LIMIT_MS ? `FAIL (> ${LONG_TASK_LIMIT_MS} ms)` : `ok (≤ ${LONG_TASK_LIMIT_MS} ms)`]);
    }
    if (!verifyRuns[0]['bench-verify-warmup'].longTaskApi) out('  (this Chromium does not report longtask entries: rely on the gap)');
    table(['document', 'longest task', 'long tasks', 'longest gap', 'verdict'], rows5);
    out();

    for (const alg of ALGORITHMS) {
      const n = nativeOf(alg.key, 20);
      const b = browserRows[`${alg.key}-20`];
      const o = b.other;
      summary.push([`${alg.name} 20 MiB verify`,
        `native ${ms(n.verify_ms)}, worker ${ms(b.worker.sealsMs)} (${mibPerS(b.worker.bytes, b.worker.sealsMs).toFixed(0)} MB/s)`,
        o ? `${alg.key === 'sm2' ? 'sm-crypto' : 'WebCrypto'} ${ms(o.ms)}, ratio ${(b.worker.sealsMs / o.ms).toFixed(3)}` : '']);
    }
    for (const l of large.filter((x) => x.mib === 20)) {
      summary.push([`control ${l.alg.name} 20 MiB`, `click → verified ${ms(median(verifyRuns.map((r) => r[l.id].ms)))}`, '']);
    }
    summary.push(['main thread during 20 MiB verify', `longest task ${ms(blocked)}`,
      blocked > LONG_TASK_LIMIT_MS ? `FAIL (> ${LONG_TASK_LIMIT_MS} ms)` : `ok (≤ ${LONG_TASK_LIMIT_MS} ms)`]);

    // ---- problems and summary -------------------------------------------------------------
    if (problems.length) {
      out('== Problems seen in the pages ==');
      for (const p of [...new Set(problems)]) out(`  ${p}`);
      out();
    }
    out('== Summary ==');
    table(['what', 'figure', 'note'], summary);
    out(`  (bench run took ${((Date.now() - started) / 1000).toFixed(0)} s in the browser part)`);
  } finally {
    await browser.close();
    server.close();
  }
}

function listFiles(dir, prefix = '') {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
}

/// The cases scripts/bench made: cases/{sm2,ecdsa}-{mib}.{sig.der,signature.json}
/// and the keys (cases/{sm2,ecdsa}.spki.der; the SM2 point is its last 65 bytes).
function readCases() {
  const dir = path.join(WORK, 'cases');
  const cases = [];
  for (const alg of ALGORITHMS) {
    const spki = fs.readFileSync(path.join(dir, `${alg.key}.spki.der`));
    for (const mib of SIZES_MIB) {
      cases.push({
        alg: alg.key,
        mib,
        spki,
        point: spki.subarray(spki.length - 65),
        signatureDer: fs.readFileSync(path.join(dir, `${alg.key}-${mib}.sig.der`)),
        signatureJson: fs.readFileSync(path.join(dir, `${alg.key}-${mib}.signature.json`), 'utf8'),
      });
    }
  }
  return cases;
}

main().catch((e) => {
  console.error(`bench/run.mjs: ${e.stack || e}`);
  process.exit(1);
});
