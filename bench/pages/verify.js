// Pure verify timings in the browser, for scripts/bench (see verify.html).
// Every function answers plain JSON-able objects to bench/run.mjs.

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const documents = new Map();

/// The document's bytes, fetched once (downloading is not what we time).
async function bytesOf(url) {
  if (!documents.has(url)) {
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
    documents.set(url, new Uint8Array(await response.arrayBuffer()));
  }
  return documents.get(url);
}

const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

// ---- our verify worker -----------------------------------------------------

let worker = null;
const pending = new Map();
let nextId = 1;

/// Start a fresh worker as the control does (module worker, next to the
/// control's files; the previous one is stopped) and wait for its `ready`.
/// Answers the start-up time.
async function startWorker(url) {
  if (worker) worker.terminate();
  const started = performance.now();
  worker = new Worker(url, { type: 'module' });
  await new Promise((resolve, reject) => {
    worker.onerror = (e) => reject(new Error(`the verify worker failed to start: ${e.message || e}`));
    // The worker's answers are JSON text (core/src/verify_protocol.rs):
    // `ready`, `panic`, and per request two `step`s, the seals' verdicts
    // first (`last: false`), then the PDF's (`last: true`).
    worker.onmessage = (event) => {
      const data = JSON.parse(event.data);
      if (data.type === 'ready') return resolve();
      if (data.type === 'panic') {
        for (const p of pending.values()) p.reject(new Error(`worker panic: ${data.message}`));
        pending.clear();
        return;
      }
      const p = pending.get(data.id);
      if (!p || data.type !== 'step') return;
      if (!data.last) {
        p.sealsAt = performance.now();
        p.report = data.report;
      } else {
        pending.delete(data.id);
        const pdfAt = performance.now();
        p.resolve({ sealsAt: p.sealsAt ?? pdfAt, pdfAt, report: p.report ?? data.report, pdf: data.report.pdf });
      }
    };
  });
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(`the verify worker died: ${e.message || e}`));
    pending.clear();
  };
  return { startMs: performance.now() - started };
}

/// One `verify` round trip: from postMessage to the `seals` answer (the
/// seal verified) and to the `pdf` answer (the PDF read as well).
/// `seals`: the seal indexes to verify; `trust`: the worker's
/// `{roots, intermediates}` (PEM bundles) for the PDF's own signatures.
async function workerOnce(bytes, signature, { seals = [0], trust } = {}) {
  const copy = bytes.slice(); // outside the timing: the control transfers its own chunks
  const id = nextId++;
  const answer = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  const request = {
    id,
    // The Signature as the engine holds it: an object (the cases carry
    // its JSON text).
    signature: typeof signature === 'string' ? JSON.parse(signature) : signature,
    seals,
    limit: bytes.length,
    roots: trust?.roots ?? [],
    intermediates: trust?.intermediates ?? [],
    now: Math.floor(Date.now() / 1000),
    atNow: false,
  };
  const postedAt = performance.now();
  worker.postMessage({ request: JSON.stringify(request), chunks: [copy] }, [copy.buffer]);
  const a = await answer;
  const report = a.report;
  const pdf = a.pdf;
  return {
    sealsMs: a.sealsAt - postedAt,
    pdfMs: a.pdfAt - postedAt,
    result: report.seals?.[0]?.result ?? 'missing',
    pdfStatus: pdf?.status ?? null,
    pdfVerdict: pdf?.verdict ?? null,
    // what each embedded signature was found to be, for a failure's message
    pdfSignatures: (pdf?.signatures ?? []).map((s) =>
      `${s.field}: ${s.status} (integrity ${s.integrity}, identity ${s.identity}, ${s.algorithm})`),
  };
}

async function workerVerify({ url, signature, runs }) {
  const bytes = await bytesOf(url);
  // The first verify in this worker: run as soon as it has started, as the
  // control's first verify on a page is; not in the median.
  const first = await workerOnce(bytes, signature);
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await workerOnce(bytes, signature));
  const bad = all.find((r) => r.result !== 'valid');
  return {
    bytes: bytes.length,
    result: bad ? bad.result : 'valid',
    pdfStatus: all[0].pdfStatus,
    firstSealsMs: first.sealsMs,
    firstPdfMs: first.pdfMs,
    sealsMs: median(all.map((r) => r.sealsMs)),
    sealsBestMs: Math.min(...all.map((r) => r.sealsMs)),
    pdfMs: median(all.map((r) => r.pdfMs)),
    runs,
  };
}

/// A PDF's own signatures (§6a) in the worker: no seal to verify, the
/// roots to trust; timed from postMessage to the `pdf` answer, whose
/// `verdict` must be `valid`.
async function workerPdfVerify({ url, signature, roots, runs }) {
  const bytes = await bytesOf(url);
  const options = { seals: [], trust: { roots: [roots], intermediates: [] } };
  const first = await workerOnce(bytes, signature, options);
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await workerOnce(bytes, signature, options));
  const bad = [first, ...all].find((r) => r.pdfVerdict !== 'valid');
  return {
    bytes: bytes.length,
    result: bad ? `${bad.pdfStatus} ${bad.pdfVerdict}: ${bad.pdfSignatures.join('; ')}` : 'valid',
    signatures: first.pdfSignatures,
    firstPdfMs: first.pdfMs,
    pdfMs: median(all.map((r) => r.pdfMs)),
    pdfBestMs: Math.min(...all.map((r) => r.pdfMs)),
    sealsMs: median(all.map((r) => r.sealsMs)),
    runs,
  };
}

// ---- sm-crypto -------------------------------------------------------------

/// sm-crypto's SM2 verify with SM3 (Z value with the default user id),
/// DER signature, the document as bytes.
async function smCryptoVerify({ url, signatureHex, publicKeyHex, runs }) {
  const bytes = await bytesOf(url);
  const times = [];
  let ok = true;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const valid = globalThis.sm2.doVerifySignature(bytes, signatureHex, publicKeyHex, {
      der: true,
      hash: true,
      userId: '1234567812345678',
    });
    times.push(performance.now() - t);
    ok = ok && valid === true;
  }
  return { bytes: bytes.length, result: ok ? 'valid' : 'invalid', ms: median(times), runs };
}

// ---- WebCrypto ---------------------------------------------------------------

/// DER ECDSA-Sig-Value → r‖s (32 bytes each), the form WebCrypto takes.
function derToRaw(der) {
  let at = 0;
  const expect = (tag) => {
    if (der[at++] !== tag) throw new Error('not a DER ECDSA signature');
  };
  const length = () => {
    let n = der[at++];
    if (n & 0x80) {
      let k = n & 0x7f;
      n = 0;
      while (k--) n = (n << 8) | der[at++];
    }
    return n;
  };
  expect(0x30);
  length();
  const out = new Uint8Array(64);
  for (let part = 0; part < 2; part++) {
    expect(0x02);
    let n = length();
    let int = der.subarray(at, at + n);
    at += n;
    while (int.length > 32 && int[0] === 0) int = int.subarray(1);
    out.set(int, part * 32 + (32 - int.length));
  }
  return out;
}

/// `crypto.subtle.verify` (ECDSA P-256, SHA-256: it hashes the document
/// itself) after importing the SPKI key; and `digest('SHA-256')` alone.
async function webCryptoVerify({ url, spkiBase64, signatureDerBase64, runs }) {
  const bytes = await bytesOf(url);
  const spki = fromBase64(spkiBase64);
  const raw = derToRaw(fromBase64(signatureDerBase64));
  const once = async () => {
    const t = performance.now();
    const key = await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    const valid = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw, bytes);
    return { ms: performance.now() - t, valid };
  };
  await once(); // warm-up
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await once());
  const digests = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await crypto.subtle.digest('SHA-256', bytes);
    digests.push(performance.now() - t);
  }
  return {
    bytes: bytes.length,
    result: all.every((r) => r.valid) ? 'valid' : 'invalid',
    ms: median(all.map((r) => r.ms)),
    bestMs: Math.min(...all.map((r) => r.ms)),
    digestMs: median(digests),
    runs,
  };
}

window.bench = { startWorker, workerVerify, workerPdfVerify, smCryptoVerify, webCryptoVerify, ready: true };
