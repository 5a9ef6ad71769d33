// The browser half of scripts/bench. Run it through scripts/bench, which
// builds everything, makes the inputs, runs the native helper and starts the
// devserver first. Prints the report on stdout; progress goes to stderr.
//
// Environment (set by scripts/bench):
//   DEVSERVER_URL      the devserver (engine at /api, --dev-faults routes)
//   BENCH_WORK         work directory: dist/ (a snapshot of the build),
//                      inputs/ (documents), cases/ (keys, signatures,
//                      Signature JSON), native.jsonl (the native helper's lines),
//                      inputs/pades-{ecdsa,sm2}.pdf + pades-roots.pem (bench/make_pades.py)
//   BENCH_RUNS         cold page loads per render figure (default 5)
//   BENCH_VERIFY_RUNS  page loads for the control's click-to-verified (default 3)
//   BENCH_SMCRYPTO_MAX_MIB  largest document sm-crypto verifies (default 20)
//   BENCH_ONLY         1: section 1 only (the first download), then the summary
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const WORK = need('BENCH_WORK');
const DEVSERVER = need('DEVSERVER_URL').replace(/\/$/, '');
const ENGINE = `${DEVSERVER}/api`;
const RUNS = positive('BENCH_RUNS', 5);
const VERIFY_RUNS = positive('BENCH_VERIFY_RUNS', 3);
const WORKER_RUNS = 7;
const SMCRYPTO_MAX_MIB = positive('BENCH_SMCRYPTO_MAX_MIB', 20);
// Section 1 alone: seconds instead of minutes, for work on the first download.
const FIRST_ONLY = (() => {
  const v = process.env.BENCH_ONLY;
  if (v && v !== '1') throw new Error(`BENCH_ONLY=${v}: only section 1 can be run alone`);
  return v === '1';
})();
const SIZES_MIB = [1, 5, 20];
const ALGORITHMS = [
  { key: 'sm2', name: 'SM2withSM3', devSeal: 'seal-zhangsan-sm2', other: 'sm-crypto' },
  { key: 'ecdsa', name: 'SHA256withECDSA', devSeal: 'seal-zhangsan-ecdsa', other: 'WebCrypto' },
];
const BUDGET_BYTES = 170 * 1024; // issue 10's budget: 170 KB gzip, KB = 1024 bytes
const LONG_TASK_LIMIT_MS = 50;
// /dev/large pads to *about* N MiB: the "20 MiB" document is a little over
// the default limit (20 MiB = 20971520), so the bench's controls allow more.
const MAX_DOCUMENT_BYTES = 64 * 1048576;
const CONTROL_SCRIPT = '/dist/infoplus-signature.js';
const WORKER_SCRIPT = '/dist/infoplus-signature-verify.js';
const WARMUP_ID = 'bench-verify-warmup';
// Issue 8's speed acceptance (see bench/README.md): targets and the figures
// they are measured against.
const PADES_TARGET_MS = 150; // a 20 MiB PAdES PDF verified in a warm worker
const WEBCRYPTO_TARGET_RATIO = 1.5; // ECDSA worker / WebCrypto, 20 MiB (was 2.8)
const WORKER_GZIP_BEFORE = 449 * 1024; // the worker's download before issue 8
const WORKER_GROWTH_LIMIT = 60 * 1024;
const FIRST_GZIP_BEFORE = 182_887; // issue 10's "today 178.6 KB", before its cuts
const PADES = [
  { key: 'ecdsa', name: 'PAdES ECDSA P-256 (pyHanko)' },
  { key: 'sm2', name: 'SM2withSM3 CMS (asn1crypto + OpenSSL, pyHanko)' },
];

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run scripts/bench`);
  return v;
}

function positive(name, fallback) {
  const n = Number(process.env[name] || fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${process.env[name]}: a positive integer, please`);
  return n;
}

// ---- formatting ----------------------------------------------------------------

const log = (...a) => console.error('   ', ...a);
const out = (line = '') => console.log(line);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (x === null || x === undefined ? '—' : `${x.toFixed(x < 10 ? 2 : 1)} ms`);
const int = (n) => n.toLocaleString('en-US');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rate = (bytes, t) => `${(bytes / 1048576 / (t / 1000)).toFixed(bytes / 1048576 / (t / 1000) < 10 ? 1 : 0)} MiB/s`;
/// `ours / theirs` as a number and in words.
const ratio = (ours, theirs) => {
  const r = ours / theirs;
  const words = r < 1 ? `${(1 / r).toFixed(1)}× faster` : `${r.toFixed(1)}× slower`;
  return `${r.toFixed(r < 0.1 ? 4 : 2)} (${words})`;
};
const esc = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const loadText = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const fmt = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  out(`  ${fmt(all[0])}`);
  out(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of all.slice(1)) out(`  ${fmt(r)}`);
}

// ---- the bench's own static server: dist snapshot, pages, inputs ---------------

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
const generated = new Map(); // pages filled in from bench/pages templates

function resolveFile(urlPath) {
  let clean;
  try {
    clean = path.posix.normalize(decodeURIComponent(urlPath));
  } catch {
    return null;
  }
  if (clean.includes('..')) return null;
  if (clean === '/bench/vendor/sm2.js') return path.join(ROOT, 'node_modules/sm-crypto/dist/sm2.js');
  const under = (prefix, dir) => (clean.startsWith(prefix) ? path.join(dir, clean.slice(prefix.length)) : null);
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

// ---- devserver -------------------------------------------------------------------

async function dev(method, route, body) {
  const r = await fetch(`${DEVSERVER}${route}`, { method, body });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${route}: HTTP ${r.status} ${text.slice(0, 300)}`);
  const json = JSON.parse(text);
  if (json.errno) throw new Error(`${method} ${route}: ${text.slice(0, 300)}`);
  return json.entities ? json.entities[0] : json;
}

// ---- browser ----------------------------------------------------------------------

const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage',
  ],
};

const problems = [];
function watch(page, what) {
  page.on('pageerror', (e) => problems.push(`${what}: page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${what}: console: ${m.text()}`);
  });
}

function distFile(url) {
  const u = new URL(url);
  return u.pathname.startsWith('/dist/') ? path.join(WORK, 'dist', u.pathname.slice('/dist/'.length)) : null;
}

/// Brotli at quality 11 and window 24 (the `brotli` command's defaults):
/// what a server precompressing with it would send. The command if it is
/// installed, else Node's zlib (the same Google library, same settings).
const BROTLI_CLI = (() => {
  try {
    execFileSync('brotli', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const BROTLI = true;
const brotliSize = (file) => (BROTLI_CLI
  ? execFileSync('brotli', ['-q', '11', '-w', '24', '-c', file], { maxBuffer: 256 << 20 }).length
  : zlib.brotliCompressSync(fs.readFileSync(file), {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: fs.statSync(file).size,
    },
  }).length);

/// Raw, `gzip -9` and (with the `brotli` command) `brotli -q 11` sizes of
/// the dist files behind `urls`.
function sizes(urls) {
  const rows = [...new Set(urls)].map((url) => {
    const file = distFile(url);
    const gzip = execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 256 << 20 }).length;
    const brotli = BROTLI ? brotliSize(file) : null;
    return { name: `dist/${path.relative(path.join(WORK, 'dist'), file)}`, raw: fs.statSync(file).size, gzip, brotli };
  });
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + (r.brotli ?? 0) }),
    { raw: 0, gzip: 0, brotli: 0 });
  if (!BROTLI) total.brotli = null;
  return { rows, total };
}

function printSizes(s) {
  const br = (n) => (BROTLI ? [int(n)] : []);
  table(['file', 'raw bytes', 'gzip -9 bytes', ...(BROTLI ? ['brotli -q 11 bytes'] : [])], [
    ...s.rows.map((r) => [r.name, int(r.raw), int(r.gzip), ...br(r.brotli)]),
    ['total', int(s.total.raw), int(s.total.gzip), ...br(s.total.brotli)],
  ]);
}

/// `now` against `before`, in bytes and KB, signed.
const growth = (now, before) => `${now >= before ? '+' : '−'}${kb(Math.abs(now - before))} (${now >= before ? '+' : '−'}${int(Math.abs(now - before))} B)`;

function controlTag(attrs) {
  const list = Object.entries(attrs).map(([k, v]) => `${k}="${esc(String(v))}"`).join(' ');
  return `<infoplus-signature ${list}></infoplus-signature>`;
}

function fillPage(template, fields) {
  let html = fs.readFileSync(path.join(HERE, 'pages', template), 'utf8');
  for (const [k, v] of Object.entries(fields)) html = html.replaceAll(`{{${k}}}`, v);
  return html;
}

function listFiles(dir, prefix = '') {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
}

/// The cases scripts/bench made with OpenSSL: cases/{sm2,ecdsa}.spki.der
/// (the SM2 point is its last 65 bytes), cases/{alg}-{mib}.sig.der and
/// cases/{alg}-{mib}.signature.json.
function readCases() {
  const dir = path.join(WORK, 'cases');
  return ALGORITHMS.flatMap((alg) => {
    const spki = fs.readFileSync(path.join(dir, `${alg.key}.spki.der`));
    return SIZES_MIB.map((mib) => ({
      alg,
      mib,
      url: `/inputs/doc-${mib}.pdf`,
      spki,
      point: spki.subarray(spki.length - 65),
      signatureDer: fs.readFileSync(path.join(dir, `${alg.key}-${mib}.sig.der`)),
      signatureJson: fs.readFileSync(path.join(dir, `${alg.key}-${mib}.signature.json`), 'utf8'),
    }));
  });
}

// ---- the measurements ------------------------------------------------------------

/// Signatures on the devserver: 50 sealed (one SM2 seal each, small
/// document) for the render pages, a small one to start the worker with,
/// and /dev/large sealed PDFs of 1/5/20 MiB, SM2 and ECDSA. With
/// `firstOnly` (BENCH_ONLY=1), one Signature: section 1's page.
async function makeRecords(firstOnly) {
  const small = fs.readFileSync(path.join(WORK, 'inputs', 'doc-1.pdf')).subarray(0, 4096);
  const renderIds = Array.from({ length: firstOnly ? 1 : 50 }, (_, i) => `bench-render-${String(i).padStart(2, '0')}`);
  const renderSigs = [];
  for (let i = 0; i < renderIds.length; i += 10) {
    const batch = renderIds.slice(i, i + 10).map((id) => dev('POST', `/dev/document/${id}`, small));
    renderSigs.push(...(await Promise.all(batch)));
  }
  if (firstOnly) return { renderIds, renderSigs, verify: [] };
  const warmup = await dev('POST', `/dev/document/${WARMUP_ID}`, small);
  const verify = [{ id: WARMUP_ID, label: 'first verify, 4 KiB (SM2)', size: warmup.size, uri: warmup.uri }];
  for (const alg of ALGORITHMS) {
    for (const mib of SIZES_MIB) {
      const id = `bench-large-${alg.key}-${mib}`;
      const sig = await dev('POST', `/dev/large/${id}?mib=${mib}&seal=${alg.devSeal}`);
      verify.push({ id, alg, mib, label: `${alg.name} ${mib} MiB`, size: sig.size, uri: sig.uri, json: JSON.stringify(sig) });
    }
  }
  return { renderIds, renderSigs, verify };
}

async function firstDownload(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  watch(page, 'render-1');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.waitForFunction(() => window.__benchRender?.renderedAt !== null, null, { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await context.close();
  return requests;
}

async function renderOnce(browser, url, label) {
  const context = await browser.newContext();
  const page = await context.newPage();
  watch(page, label);
  await page.goto(url);
  await page.waitForFunction(() => window.__benchRender?.renderedAt !== null, null, { timeout: 60_000, polling: 100 });
  const r = await page.evaluate(() => {
    const entry = (suffix) => performance.getEntriesByType('resource').find((e) => e.name.endsWith(suffix));
    return {
      renderedAt: window.__benchRender.renderedAt,
      controls: window.__benchRender.controls,
      loaderStart: entry('/dist/infoplus-signature.js')?.startTime ?? null,
      wasmEnd: entry('/dist/control/infoplus-signature_bg.wasm')?.responseEnd ?? null,
      // S1 requests: the first sent, the last answered
      s1: (() => {
        const s1 = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/signature/'));
        return s1.length ? { start: Math.min(...s1.map((e) => e.startTime)), end: Math.max(...s1.map((e) => e.responseEnd)) } : null;
      })(),
      states: [...document.querySelectorAll('infoplus-signature')].map((e) => e.getAttribute('data-state')),
    };
  });
  await context.close();
  return r;
}

/// One page load of the verify page: click each control's Verify in turn.
async function controlVerifyRun(browser, url, verify) {
  const context = await browser.newContext();
  const page = await context.newPage();
  watch(page, 'control-verify');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  const ids = verify.map((v) => v.id);
  await page.waitForFunction((ids) => ids.every((id) => window.__benchVerify.state(id) === 'signed'), ids,
    { timeout: 60_000, polling: 100 });
  const results = {};
  let workerRequests = null;
  for (const v of verify) {
    const before = requests.length;
    await page.locator(`infoplus-signature[signature-id="${v.id}"] [part~="verify-button"]`).first().click();
    const handle = await page.waitForFunction(([id, uri]) => window.__benchVerify.result(id, uri), [v.id, v.uri],
      { timeout: 180_000, polling: 250 });
    const r = await handle.jsonValue();
    if (r.results[0] !== 'valid') throw new Error(`the control's verify of ${v.label}: ${JSON.stringify(r)}`);
    if (v.id === WARMUP_ID) workerRequests = requests.slice(before).filter((u) => distFile(u));
    results[v.id] = r;
  }
  await context.close();
  return { results, workerRequests };
}

// ---- main --------------------------------------------------------------------------

/// The problems seen in the pages, then the summary table.
function finish(summary, started, loadAtStart) {
  if (problems.length) {
    out('== Problems seen in the pages ==');
    for (const p of [...new Set(problems)]) out(`  ${p}`);
    out();
  }
  out('== Summary ==');
  table(['what', 'figure', 'compared'], summary);
  const busy = Math.max(loadAtStart, os.loadavg()[0]) > os.cpus().length;
  out(`  browser part: ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${loadText()}` +
    (busy ? ' — other work was competing for the CPUs: expect noisy figures' : ''));
}

async function main() {
  const started = Date.now();
  const server = await startStatic();
  const BASE = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch(LAUNCH);
  const summary = [];
  const loadAtStart = os.loadavg()[0];
  try {
    out('InfoPlus <infoplus-signature> benchmark (scripts/bench)');
    out(`  ${new Date().toISOString()}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model?.trim()}); load average ${loadText()}`);
    out(`  Chromium ${browser.version()} headless, Node ${process.version}; pages on ${BASE}, engine ${ENGINE}`);
    out();

    log(FIRST_ONLY ? 'devserver: 1 sealed Signature (BENCH_ONLY=1: section 1 only)'
      : 'devserver: 50 sealed Signatures for the render pages, 6 large sealed documents (/dev/large)');
    const records = await makeRecords(FIRST_ONLY);

    const renderUrl = (n, withValue) => {
      const name = `/bench/render-${n}${withValue ? '-value' : ''}.html`;
      const controls = records.renderIds.slice(0, n).map((id, i) => {
        const sig = records.renderSigs[i];
        return controlTag({
          'signature-id': id,
          engine: ENGINE,
          lang: 'en',
          ...(withValue ? { value: JSON.stringify(sig) } : {}),
          // what render-probe.js waits for
          'data-bench-seals': sig.seals.length,
          'data-bench-signed': sig.seals.filter((s) => String(s.signature ?? '').trim()).length,
        });
      });
      generated.set(name, fillPage('render.html', {
        TITLE: `bench: ${n} control${n > 1 ? 's' : ''}${withValue ? ', value attribute' : ', S1'}`,
        CONTROL_SCRIPT,
        CONTROLS: controls.join('\n'),
      }));
      return `${BASE}${name}`;
    };
    generated.set('/bench/control-verify.html', fillPage('control-verify.html', {
      CONTROL_SCRIPT,
      CONTROLS: records.verify.map((v) => controlTag({
        'signature-id': v.id, engine: ENGINE, lang: 'en', 'max-document-bytes': MAX_DOCUMENT_BYTES,
      })).join('\n'),
    }));

    // ---- 1. first download ----------------------------------------------------------
    log('1. first download: one page load with a request log');
    const requests = await firstDownload(browser, renderUrl(1, false));
    const first = sizes(requests.filter((u) => distFile(u)));
    out('== 1. The control\'s first download (a page with one control, before any verify) ==');
    out('  requests of one page load (Playwright request log; * = the control\'s files, counted below):');
    for (const u of requests) out(`    ${distFile(u) ? '*' : ' '} ${u.replace(BASE, '').replace(DEVSERVER, '<devserver>')}`);
    printSizes(first);
    const over = first.total.gzip - BUDGET_BYTES;
    const verdict = over > 0 ? `OVER by ${int(over)} bytes` : `under by ${int(-over)} bytes`;
    out(`  ${kb(first.total.gzip)} gzip -9 against the budget of 170 KB (${int(BUDGET_BYTES)} bytes): ${verdict}`);
    if (over <= 0 && first.total.gzip > 110_000) out('  (over the budget if KB means 1000 bytes)');
    for (const f of ['infoplus-signature.js', 'control/infoplus-signature.js', 'control/infoplus-signature_bg.wasm']) {
      if (!first.rows.some((r) => r.name === `dist/${f}`)) problems.push(`first download: dist/${f} was not requested`);
    }
    if (first.rows.some((r) => /worker|verify/.test(r.name))) problems.push('first download: the verify worker was fetched before any verify');
    if (first.rows.some((r) => /split_|chunk_/.test(r.name))) problems.push('first download: a part was fetched before it was used');
    // The parts (src/parts.rs): in dist/control/, fetched on first use.
    const parts = sizes(listFiles(path.join(WORK, 'dist', 'control'))
      .filter((f) => /^(split_|chunk_).*\.wasm$/.test(f))
      .map((f) => `${BASE}/dist/control/${f}`));
    out('  not in it: the parts fetched on first use (split_trip: stamping, split_back: coming back,');
    out('  split_verify: verifying, split_preview: the page preview, on opening it; chunk_*: code two');
    out('  parts share, fetched with the first of them):');
    printSizes(parts);
    // The page preview's pdf.js (src/views/pdfjs.rs) and its own part
    // (split_preview): neither in the first download nor on verify, only
    // when a user opens "show on the page".
    const pdfjs = sizes(['pdf.min.mjs', 'pdf.worker.min.mjs'].map((f) => `${BASE}/dist/control/pdfjs/${f}`));
    out('  nor pdf.js, fetched when a user opens the page preview ("show on the page"), never before:');
    printSizes(pdfjs);
    if (first.rows.some((r) => /pdfjs/.test(r.name))) problems.push('first download: pdf.js was fetched before the preview opened');
    summary.push(['1. page preview (pdf.js), gzip -9', `${kb(pdfjs.total.gzip)} (${int(pdfjs.total.gzip)} B)`,
      'module + worker, when: on opening the view']);
    out();
    out(`  brotli: quality 11, window 24, ${BROTLI_CLI ? 'the brotli command' : "Node's zlib (no brotli command here)"}`);
    summary.push(['1. first download, gzip -9', `${kb(first.total.gzip)} (${int(first.total.gzip)} B)`,
      `budget 170 KB: ${over > 0 ? 'OVER' : 'under'}; ${growth(first.total.gzip, FIRST_GZIP_BEFORE)} on issue 10's ${int(FIRST_GZIP_BEFORE)} B`]);
    if (BROTLI) summary.push(['1. first download, brotli -q 11', `${kb(first.total.brotli)} (${int(first.total.brotli)} B)`, 'the same files']);
    if (FIRST_ONLY) {
      finish(summary, started, loadAtStart);
      return;
    }

    // ---- 3. render time (measured now, printed after section 2) ------------------------
    log(`3. render time: ${RUNS} cold page loads each for 1 and 50 controls, S1 and value attribute`);
    await renderOnce(browser, renderUrl(1, false), 'warm-up'); // browser processes, OS file cache
    const render = [];
    for (const n of [1, 50]) {
      for (const withValue of [false, true]) {
        const label = `${n} control${n > 1 ? 's' : ''}, ${withValue ? 'value attribute (no S1)' : 'S1 from the engine'}`;
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await renderOnce(browser, renderUrl(n, withValue), label));
        const wrong = runs.flatMap((r) => r.states).filter((s) => s !== 'signed');
        if (wrong.length || runs.some((r) => r.controls !== n)) throw new Error(`${label}: controls not all signed: ${wrong}`);
        if (withValue ? runs.some((r) => r.s1) : runs.some((r) => !r.s1)) throw new Error(`${label}: S1 requests not as expected`);
        render.push({
          n, withValue, label,
          nav: median(runs.map((r) => r.renderedAt)),
          script: median(runs.map((r) => r.renderedAt - r.loaderStart)),
          wasm: median(runs.map((r) => r.wasmEnd)),
          s1Start: withValue ? null : median(runs.map((r) => r.s1.start)),
          s1End: withValue ? null : median(runs.map((r) => r.s1.end)),
          each: runs.map((r) => r.renderedAt.toFixed(0)).join(' '),
        });
      }
    }

    // ---- 4b, 5 and 2: the real control verifying ---------------------------------------
    log(`4b/5. the control: click Verify → signature-verified, ${VERIFY_RUNS} page loads × ${records.verify.length} controls`);
    const verifyRuns = [];
    let workerRequests = null;
    for (let i = 0; i < VERIFY_RUNS; i++) {
      const run = await controlVerifyRun(browser, `${BASE}/bench/control-verify.html`, records.verify);
      verifyRuns.push(run.results);
      workerRequests ??= run.workerRequests;
    }
    // The usual case: a 20 MiB document is the first and only verify on the
    // page (cold worker: its wasm has not been optimized yet).
    const large20 = records.verify.filter((v) => v.mib === 20);
    const coldRuns = new Map(large20.map((v) => [v.id, []]));
    for (let i = 0; i < VERIFY_RUNS; i++) {
      for (const v of large20) {
        const run = await controlVerifyRun(browser, `${BASE}/bench/control-verify.html`, [v]);
        coldRuns.get(v.id).push(run.results[v.id]);
      }
    }

    out('== 2. What the first verify on a page downloads: the verify part and the worker ==');
    const worker = sizes(workerRequests);
    printSizes(worker);
    const workerFiles = ['infoplus-signature-verify.js', ...listFiles(path.join(WORK, 'dist', 'worker'))
      .filter((f) => !/\.(br|gz)$/.test(f)).map((f) => `worker/${f}`)]; // precompressed copies are not fetched by name
    const unfetched = workerFiles.filter((f) => !worker.rows.some((r) => r.name === `dist/${f}`));
    if (unfetched.length) out(`  in dist/ but never fetched: ${unfetched.map((f) => `dist/${f}`).join(', ')}`);
    out();
    const workerGrowth = worker.total.gzip - WORKER_GZIP_BEFORE;
    summary.push(['2. first verify downloads, gzip -9', `${kb(worker.total.gzip)} (${int(worker.total.gzip)} B)`,
      `${growth(worker.total.gzip, WORKER_GZIP_BEFORE)} over 449 KB: ` +
      `${workerGrowth <= WORKER_GROWTH_LIMIT ? 'ok' : 'OVER'} (growth ≤ 60 KB wanted)`]);
    // The worker's own files, without the control's verify part (split_verify, chunks).
    const own = worker.rows.filter((r) => /^dist\/(worker\/|infoplus-signature-verify\.js$)/.test(r.name))
      .reduce((t, r) => t + r.gzip, 0);
    summary.push(['2. the worker alone (verify.js + worker/), gzip -9', `${kb(own)} (${int(own)} B)`,
      `${growth(own, WORKER_GZIP_BEFORE)} over 449 KB: ${own - WORKER_GZIP_BEFORE <= WORKER_GROWTH_LIMIT ? 'ok' : 'OVER'}`]);
    if (BROTLI) summary.push(['2. first verify downloads, brotli -q 11', `${kb(worker.total.brotli)} (${int(worker.total.brotli)} B)`, 'the same files']);

    out(`== 3. Time to rendered controls (headless Chromium, cold cache, median of ${RUNS} page loads) ==`);
    out('  rendered: every control has data-state unsigned|signed and shows its seal cards and stamps');
    out('  (here: one signed SM2 seal each). "from nav": since navigation start; "from script": since the');
    out('  request for dist/infoplus-signature.js; since navigation start: "wasm in" = the control\'s wasm downloaded,');
    out('  "S1 sent" = first S1 request started, "S1 done" = last S1 answer received (Resource Timing).');
    table(['page', 'from nav', 'from script', 'wasm in', 'S1 sent', 'S1 done', 'each run, from nav (ms)'],
      render.map((r) => [r.label, ms(r.nav), ms(r.script), ms(r.wasm), ms(r.s1Start), ms(r.s1End), r.each]));
    out();
    for (const n of [1, 50]) {
      const s1 = render.find((r) => r.n === n && !r.withValue);
      const value = render.find((r) => r.n === n && r.withValue);
      summary.push([`3. render ${n} control${n > 1 ? 's' : ''}`, `${ms(s1.nav)} (S1)`, `${ms(value.nav)} with value attribute`]);
    }

    // ---- 4. pure verify in the browser ---------------------------------------------------
    log('4. pure verify in the browser: our worker, sm-crypto (about 10 s), WebCrypto');
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page, 'verify');
    await page.goto(`${BASE}/bench/verify.html`);
    await page.waitForFunction(() => window.bench?.ready === true, null, { timeout: 30_000 });
    const starts = [];
    const freshWorker = async () => starts.push((await page.evaluate((url) => window.bench.startWorker(url), WORKER_SCRIPT)).startMs);
    const browserResults = new Map();
    for (const c of readCases()) {
      await freshWorker();
      const w = await page.evaluate((a) => window.bench.workerVerify(a),
        { url: c.url, signature: c.signatureJson, runs: WORKER_RUNS });
      if (w.result !== 'valid') throw new Error(`our worker, ${c.alg.name} ${c.mib} MiB: ${w.result}`);
      let other = null;
      if (c.alg.key === 'sm2' && c.mib <= SMCRYPTO_MAX_MIB) {
        log(`   sm-crypto, ${c.mib} MiB (about 0.3 s per MiB)`);
        other = await page.evaluate((a) => window.bench.smCryptoVerify(a), {
          url: c.url, signatureHex: c.signatureDer.toString('hex'), publicKeyHex: c.point.toString('hex'),
          runs: c.mib === 1 ? 3 : 1,
        });
      } else if (c.alg.key === 'ecdsa') {
        other = await page.evaluate((a) => window.bench.webCryptoVerify(a), {
          url: c.url, spkiBase64: c.spki.toString('base64'),
          signatureDerBase64: c.signatureDer.toString('base64'), runs: WORKER_RUNS,
        });
      }
      if (other && other.result !== 'valid') throw new Error(`${c.alg.other}, ${c.alg.name} ${c.mib} MiB: ${other.result}`);
      browserResults.set(`${c.alg.key}-${c.mib}`, { worker: w, other });
    }
    // The worker alone on 4b's real PDFs: how much of click → verified is
    // the verify and the PDF reading.
    const realPdf = new Map();
    for (const v of records.verify.filter((x) => x.alg)) {
      await freshWorker();
      const w = await page.evaluate((a) => window.bench.workerVerify(a),
        { url: `${DEVSERVER}${v.uri}`, signature: v.json, runs: 5 });
      if (w.result !== 'valid') throw new Error(`our worker on the devserver's ${v.label}: ${w.result}`);
      realPdf.set(v.id, w);
    }
    // 4c: the 20 MiB PAdES PDFs (bench/make_pades.py) and their roots.
    const roots = fs.readFileSync(path.join(WORK, 'inputs', 'pades-roots.pem'), 'utf8');
    const pades = [];
    for (const p of PADES) {
      const file = `pades-${p.key}.pdf`;
      const size = fs.statSync(path.join(WORK, 'inputs', file)).size;
      // No seals: the worker's `pdf` answer is the PDF's own signatures.
      const signature = JSON.stringify({ id: `bench-pades-${p.key}`, name: file, size, uri: `/inputs/${file}`,
        mime: 'application/pdf', seals: [] });
      await freshWorker();
      const w = await page.evaluate((a) => window.bench.workerPdfVerify(a),
        { url: `/inputs/${file}`, signature, roots, runs: WORKER_RUNS });
      if (w.result !== 'valid') throw new Error(`our worker on ${file} (${p.name}): ${w.result}`);
      pades.push({ ...p, file, ...w });
    }
    await context.close();

    const native = fs.readFileSync(path.join(WORK, 'native.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const nativeOf = (alg, mib) => {
      const n = native.find((x) => x.document.endsWith(`/doc-${mib}.pdf`) && x.signature.endsWith(`/${alg}-${mib}.signature.json`));
      if (!n || n.result !== 'valid') throw new Error(`no valid native figure for ${alg} ${mib} MiB`);
      return n;
    };

    out('== 4. Verify speed: the same documents, keys and signatures everywhere, every verify checked valid ==');
    out('  documents: %PDF-1.7 + pseudo-random bytes, 1/5/20 MiB; keys and signatures made by OpenSSL for this run.');
    out('  native  core::verify (verify_seal_verdicts), release build with the worker\'s profile (bench/native), median');
    out(`  worker  dist/infoplus-signature-verify.js in Chromium: postMessage → its "seals" answer (copy into wasm`);
    out(`          memory + the same verify), median of ${WORKER_RUNS}; "+pdf": until its "pdf" answer; "1st": the`);
    out('          first verify in a freshly started worker (as the control\'s first verify on a page), not in the median');
    const smVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/sm-crypto/package.json'), 'utf8')).version;
    out(`  sm-crypto ${smVersion} (its dist/sm2.js) doVerifySignature(bytes, derHex, 04‖X‖Y, {der, hash, userId}), main thread`);
    out(`  WebCrypto importKey(spki) + verify(ECDSA P-256, SHA-256), median of ${WORKER_RUNS}; [digest SHA-256 alone]`);
    out('  Each cell: median, throughput, (best run). Ratios are of medians: below 1 our worker is faster.');
    for (const alg of ALGORITHMS) {
      const rows = SIZES_MIB.map((mib) => {
        const n = nativeOf(alg.key, mib);
        const { worker: w, other: o } = browserResults.get(`${alg.key}-${mib}`);
        return [
          `${mib} MiB`,
          `${ms(n.verify_ms)}  ${rate(w.bytes, n.verify_ms)}  (${ms(n.best_ms)})`,
          `${ms(w.sealsMs)}  ${rate(w.bytes, w.sealsMs)}  (${ms(w.sealsBestMs)})`,
          ms(w.pdfMs),
          ms(w.firstSealsMs),
          o ? `${ms(o.ms)}  ${rate(w.bytes, o.ms)}${o.bestMs !== undefined ? `  (${ms(o.bestMs)})` : ''}` +
            `${o.digestMs !== undefined ? `  [${ms(o.digestMs)}]` : ''}` : 'skipped',
          o ? ratio(w.sealsMs, o.ms) : '—',
          ratio(w.sealsMs, n.verify_ms),
        ];
      });
      out(`  ${alg.name}:`);
      table(['size', 'native', 'worker', 'worker +pdf', 'worker 1st', alg.other, `worker / ${alg.other}`, 'worker / native'], rows);
      const n20 = nativeOf(alg.key, 20);
      const { worker: w20, other: o20 } = browserResults.get(`${alg.key}-20`);
      summary.push([`4. ${alg.name} 20 MiB, pure verify`,
        `worker ${ms(w20.sealsMs)} (${rate(w20.bytes, w20.sealsMs)}; 1st ${ms(w20.firstSealsMs)}), native ${ms(n20.verify_ms)}`,
        o20 ? `${alg.other} ${ms(o20.ms)}; worker/${alg.other} ${ratio(w20.sealsMs, o20.ms)}` : `${alg.other} skipped`]);
    }
    out(`  worker start-up (new Worker → "ready": script, wasm download and compile), median of ${starts.length}: ${ms(median(starts))}`);
    const ecdsa20 = browserResults.get('ecdsa-20');
    const webCryptoRatio = ecdsa20.worker.sealsMs / ecdsa20.other.ms;
    out(`  ECDSA 20 MiB, worker / WebCrypto: ${ratio(ecdsa20.worker.sealsMs, ecdsa20.other.ms)}; ` +
      `target ≤ ${WEBCRYPTO_TARGET_RATIO}× (2.8× before the worker hashed with WebCrypto)`);
    out();
    summary.push(['4. ECDSA 20 MiB, worker / WebCrypto',
      `${webCryptoRatio.toFixed(2)}× (worker ${ms(ecdsa20.worker.sealsMs)}, WebCrypto ${ms(ecdsa20.other.ms)})`,
      `target ≤ ${WEBCRYPTO_TARGET_RATIO}×: ${webCryptoRatio <= WEBCRYPTO_TARGET_RATIO ? 'met' : 'NOT met'} (was 2.8×)`]);

    out('== 4c. A 20 MiB PAdES PDF verified in the worker (its own signature, §6a) ==');
    out('  made for this run by bench/make_pades.py with the fixtures\' generator (verify/tests/pades/gen): the base');
    out('  document grown by an unreferenced stream of pseudo-random bytes, then signed by pyHanko (ECDSA P-256,');
    out('  PAdES) or with an asn1crypto CMS signed by OpenSSL (SM2withSM3), each checked first by pyHanko resp.');
    out('  OpenSSL; trust: the generator\'s roots (trust.roots). The worker\'s verify message with no seals;');
    out(`  postMessage → its "pdf" answer (verdict checked "valid"): median and best of ${WORKER_RUNS} warm runs, and the`);
    out(`  first verify in a freshly started worker. Target ≤ ${PADES_TARGET_MS} ms warm.`);
    table(['document', 'bytes', 'warm (median)', 'best', 'throughput', '1st in fresh worker', '"seals" answer', 'target'],
      pades.map((p) => [p.name, int(p.bytes), ms(p.pdfMs), ms(p.pdfBestMs), rate(p.bytes, p.pdfMs), ms(p.firstPdfMs),
        ms(p.sealsMs), p.pdfMs <= PADES_TARGET_MS ? 'met' : 'NOT met']));
    for (const p of pades) out(`  ${p.file}: ${p.signatures.join('; ')}`);
    // SM3 over the signed bytes is most of the SM2 figure and cannot be
    // split over threads; the native raw SM2 verify of 20 MiB (section 4,
    // this run) is that hash on this machine now: its speed, for reading
    // the SM2 row on a loaded or throttled machine.
    const sm3Floor = nativeOf('sm2', 20).verify_ms;
    out(`  SM2's floor on this machine in this run: native SM2withSM3 over 20 MiB (section 4) ${ms(sm3Floor)}`);
    out();
    for (const p of pades) {
      const floor = p.key === 'sm2' ? `; native SM2 20 MiB this run ${ms(sm3Floor)}` : '';
      summary.push([`4c. PAdES 20 MiB, ${p.key === 'sm2' ? 'SM2' : 'ECDSA'}, worker → pdf`,
        `warm ${ms(p.pdfMs)} (best ${ms(p.pdfBestMs)}); 1st ${ms(p.firstPdfMs)}`,
        `target ≤ ${PADES_TARGET_MS} ms warm: ${p.pdfMs <= PADES_TARGET_MS ? 'met' : 'NOT met'}${floor}`]);
    }

    out('== 4b. The real control: click on Verify → signature-verified (devserver-sealed PDFs from /dev/large) ==');
    out(`  median of ${VERIFY_RUNS} page loads, each verifying every document below in turn. Times since the click:`);
    out('  "download" = the document\'s request started → its last byte arrived (Resource Timing); "posted" = the');
    out('  control posted it to the worker; "seals", "pdf" = the worker\'s two answers arrived; "verified" = the');
    out('  signature-verified event. "worker alone": section 4\'s measurement on the same PDF: seals / +pdf (median),');
    out('  and seals of the first verify in a fresh worker.');
    out('  Rows in page order: the first verify on a page (4 KiB) also downloads and starts the worker; the');
    out('  worker\'s code is still unoptimized for the next ones. "first on page": a page load whose only verify');
    out('  is that document (worker download, start and unoptimized code included: a user\'s first verify).');
    out(`  max-document-bytes=${MAX_DOCUMENT_BYTES}: /dev/large pads to about N MiB, the "20 MiB" one is just over 20 MiB.`);
    const med = (all, key) => (all.every((r) => r[key] !== null) ? median(all.map((r) => r[key])) : null);
    const row4b = (label, v, all) => {
      const t = median(all.map((r) => r.ms));
      const w = realPdf.get(v.id);
      return [label, int(v.size),
        `${ms(med(all, 'downloadStartMs'))} → ${ms(med(all, 'downloadMs'))}`,
        ms(med(all, 'postedMs')), ms(med(all, 'sealsMs')), ms(med(all, 'pdfMs')), ms(t),
        v.alg ? rate(v.size, t) : '—',
        w ? `${ms(w.sealsMs)} / ${ms(w.pdfMs)}, 1st ${ms(w.firstSealsMs)}` : '—', all[0].pdf ?? '—'];
    };
    const rows4b = [
      ...records.verify.map((v) => row4b(v.label, v, verifyRuns.map((r) => r[v.id]))),
      ...large20.map((v) => row4b(`${v.label}, first on page`, v, coldRuns.get(v.id))),
    ];
    table(['document', 'bytes', 'download', 'posted', 'seals', 'pdf', 'verified', 'throughput', 'worker alone', 'pdf'], rows4b);
    out();
    // Issue 17: the provider's documents are PAdES B-LTA (a DSS with OCSP
    // responses and CRLs, and a document timestamp, after each seal).
    for (const v of large20) {
      const w = realPdf.get(v.id);
      summary.push([`4d. provider's B-LTA 20 MiB, ${v.alg.name}, warm worker → pdf`,
        `${ms(w.pdfMs)} (seals ${ms(w.sealsMs)})`, 'DSS + document timestamp verified (issue 17)']);
    }
    for (const v of large20) {
      summary.push([`4b. control, ${v.alg.name} 20 MiB`,
        `click → verified ${ms(median(coldRuns.get(v.id).map((r) => r.ms)))} first on a page`,
        `${ms(median(verifyRuns.map((r) => r[v.id].ms)))} after other verifies`]);
    }

    out(`== 5. The main thread during a 20 MiB verify by the control (click → verified, worst of 4b's ${2 * VERIFY_RUNS} runs) ==`);
    out('  longest task: longest "longtask" entry (PerformanceObserver; Chromium reports only tasks over 50 ms);');
    out('  longest gap: longest gap of a setTimeout(0) chain, an upper bound on the longest task (on a loaded');
    out('  machine it also counts time the renderer was not scheduled).');
    let worst = 0;
    const all20 = (v) => [...verifyRuns.map((r) => r[v.id]), ...coldRuns.get(v.id)];
    const rows5 = large20.map((v) => {
      const all = all20(v);
      const longest = Math.max(...all.map((r) => r.longestTaskMs));
      worst = Math.max(worst, longest);
      return [v.label, longest ? ms(longest) : 'none > 50 ms', String(all.reduce((t, r) => t + r.longTasks, 0)),
        ms(Math.max(...all.map((r) => r.longestGapMs))),
        longest > LONG_TASK_LIMIT_MS ? `FAIL: blocked > ${LONG_TASK_LIMIT_MS} ms` : `ok: ≤ ${LONG_TASK_LIMIT_MS} ms`];
    });
    table(['document', 'longest task', 'long tasks', 'longest gap', 'verdict'], rows5);
    for (const v of large20) {
      for (const [i, r] of all20(v).entries()) {
        if (!r.longTasks) continue;
        const scripts = r.longestTaskScripts?.length
          ? r.longestTaskScripts.map((x) => `${x.what} ${x.duration} ms`).join('; ')
          : 'no script attribution (style/layout, GC, or the renderer not scheduled)';
        out(`  ${v.label}, run ${i + 1}: ${ms(r.longestTaskMs)} task at +${ms(r.longestTaskAt)} after the click ` +
          `(document downloaded at +${ms(r.downloadMs)}, verified at +${ms(r.ms)}); in it: ${scripts}`);
      }
    }
    if (!verifyRuns[0][WARMUP_ID].longTaskApi) out('  (this Chromium reports no longtask entries: read the gap column)');
    out();
    summary.push(['5. main thread, 20 MiB verify', worst ? `longest task ${ms(worst)}` : 'no task over 50 ms',
      worst > LONG_TASK_LIMIT_MS ? `FAIL (> ${LONG_TASK_LIMIT_MS} ms)` : `ok (≤ ${LONG_TASK_LIMIT_MS} ms)`]);

    out('== 6. Stamping a 20 MiB document (issue 9: the provider signs the PDF itself, ≤ 1 s) ==');
    out('  /dev/large makes an unsigned ~20 MiB export; the bench logs in as zhangsan, opens the signature');
    out('  service for seal 0 and confirms on the provider page: time from the click on "confirm" to the');
    out('  return to the form (incremental revision with the drawn seal, CMS with SM2, RFC 3161 timestamp,');
    out('  the new document stored), median of 3, release devserver.');
    const stampTimes = [];
    let stampedSize = 0;
    for (let run = 0; run < 3; run++) {
      const id = `bench-stamp-${run}-${Date.now().toString(36)}`;
      await dev('POST', `/dev/large/${id}?mib=20&sign=false`);
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        const login = await page.request.get(`${DEVSERVER}/dev/login?user=zhangsan&next=/dev`);
        if (!login.ok()) throw new Error(`login: HTTP ${login.status()}`);
        const back = `${DEVSERVER}/?bench=1`;
        const nonce = `bench${run}${'x'.repeat(24)}`;
        await page.goto(`${DEVSERVER}/sign?id=${id}&seal=0&return=${encodeURIComponent(back)}&state=${nonce}`);
        await page.waitForURL(/\/provider\/sign\//);
        await page.getByTestId('confirm').waitFor();
        const t0 = Date.now();
        await Promise.all([
          page.waitForURL((u) => u.searchParams.get('sig_status') === 'done', { waitUntil: 'commit', timeout: 30_000 }),
          page.getByTestId('confirm').click(),
        ]);
        stampTimes.push(Date.now() - t0);
        stampedSize = (await dev('GET', `/api/signature/${id}`)).size;
      } finally {
        await context.close();
      }
    }
    const stampMs = median(stampTimes);
    table(['document', 'bytes after', 'confirm → back (median)', 'runs', 'target'],
      [['20 MiB export, SM2 seal', int(stampedSize), ms(stampMs), stampTimes.map((t) => `${t} ms`).join(', '),
        stampMs <= 1000 ? 'ok: ≤ 1 s' : 'FAIL: > 1 s']]);
    out();
    summary.push(['6. stamping 20 MiB (issue 9)', `${ms(stampMs)} confirm → back`, stampMs <= 1000 ? 'ok (≤ 1 s)' : 'FAIL (> 1 s)']);

    finish(summary, started, loadAtStart);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(`bench/run.mjs: ${e.stack || e}`);
  process.exit(1);
});
