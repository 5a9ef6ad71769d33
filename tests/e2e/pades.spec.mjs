// Seals that are PAdES signatures made by pyHanko (verify/tests/pades, whose
// verdicts are cross-checked against pyHanko's own validation), verified by
// a control whose trust comes from its `trust-roots` attribute: a trusted
// signer is valid, an untrusted one "identity unknown", a page-content
// change after signing not valid; and the report downloads.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect, seal, part, openDemo, expectState, s1, ROOT } from './helpers.mjs';

const FIXTURES = path.join(ROOT, 'verify/tests/pades');
const ROOTS_URL = '/e2e/fixture-roots.pem';

/// The DER of the first `/Contents <hex>` of `pdf`, without its padding.
function embeddedCms(pdf) {
  const match = /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(pdf.toString('latin1'));
  const padded = Buffer.from(match[1], 'hex');
  expect(padded[0]).toBe(0x30);
  expect(padded[1]).toBe(0x82);
  return padded.subarray(0, 4 + padded.readUInt16BE(2));
}

/// The certificate of the CMS whose subject names `who`, by OpenSSL.
function certificateOf(cms, who) {
  const text = execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-print_certs'], { input: cms }).toString();
  const blocks = text.split(/\n(?=subject=)/);
  const block = blocks.find((b) => b.split('\n')[0].includes(who));
  expect(block, `a certificate for ${who} in the CMS`).toBeTruthy();
  return /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(block)[0];
}

/// Store `file` as the document of Signature `id`, its seal 0 being the
/// file's first PDF signature (CMS and the signer's certificate).
async function storeSealedFixture(request, id, file, signer) {
  const pdf = fs.readFileSync(path.join(FIXTURES, file));
  const cms = embeddedCms(pdf);
  const stored = await request.post(`/dev/document/${id}?sign=false`, {
    data: pdf,
    headers: { 'content-type': 'application/pdf' },
  });
  expect(stored.ok(), `POST /dev/document: ${stored.status()} ${await stored.text()}`).toBeTruthy();
  const signature = await s1(request, id);
  signature.seals[0] = {
    ...signature.seals[0],
    signature: cms.toString('base64'),
    privateKey: certificateOf(cms, signer),
  };
  const written = await request.post(`/api/signature/${id}`, { data: signature });
  expect(written.ok(), `S2: ${written.status()} ${await written.text()}`).toBeTruthy();
}

/// A control for `id` with `trust-roots` set, on the demo page; the
/// fixtures' roots are served at ROOTS_URL.
async function controlWithTrust(page, id) {
  const roots = fs.readFileSync(path.join(FIXTURES, 'roots.pem'), 'utf8');
  let fetched = 0;
  await page.route(`**${ROOTS_URL}`, (route) => {
    fetched += 1;
    return route.fulfill({ status: 200, contentType: 'application/x-pem-file', body: roots });
  });
  await openDemo(page, { ids: [] });
  await page.evaluate(({ id, roots }) => {
    const el = document.createElement('infoplus-signature');
    const attributes = { 'signature-id': id, engine: '/api', service: '/sign', lang: 'en', readonly: '', 'trust-roots': roots };
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
    el.dataset.e2e = id;
    document.querySelector('[data-testid="submit"]').before(el);
    window.__verified = [];
    el.addEventListener('signature-verified', (e) => window.__verified.push(e.detail));
  }, { id, roots: ROOTS_URL });
  const ctl = page.locator(`infoplus-signature[data-e2e="${id}"]`);
  await expectState(ctl, ['signed']);
  await part(seal(ctl), 'verify-button').click();
  await expectState(ctl, ['verified'], 30_000);
  return { ctl, fetched: () => fetched };
}

test('PAdES: a trusted signer through trust-roots is valid, and the report downloads', async ({ page, request }) => {
  await storeSealedFixture(request, 'e2e-pades-valid', 'ecdsa-p256.pdf', 'Fixture P-256 Signer');
  const { ctl, fetched } = await controlWithTrust(page, 'e2e-pades-valid');
  expect(fetched()).toBe(1);
  await expect(part(ctl, 'pdf-banner')).toHaveAttribute('data-verdict', 'valid');
  const card = part(ctl, 'pdf-signature').first();
  await expect(card).toHaveAttribute('data-status', 'valid');
  await expect(card).toContainText('Signer verified');
  await expect(card).toContainText('Fixture P-256 Signer');
  await expect(part(seal(ctl), 'verdict')).toHaveAttribute('data-result', 'valid');

  const detail = await page.evaluate(() => window.__verified[0]);
  expect(detail.pdf.verdict).toBe('valid');
  expect(detail.pdf.signatures[0]).toMatchObject({ identity: 'trusted', integrity: 'intact', algorithm: 'SHA256withECDSA' });

  const [download] = await Promise.all([page.waitForEvent('download'), part(ctl, 'report-button').click()]);
  const report = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const sha = (await import('node:crypto')).createHash('sha256')
    .update(fs.readFileSync(path.join(FIXTURES, 'ecdsa-p256.pdf'))).digest('hex');
  expect(report.documentSha256).toBe(sha);
  expect(report.pdf.verdict).toBe('valid');
  expect(report.pdf.signatures[0].status).toBe('valid');
  expect(report.seals[0]).toMatchObject({ index: 0, result: 'valid', pdfSignature: 'Signature1' });
});

test('PAdES: a signer whose root is not trusted is "identity unknown"', async ({ page, request }) => {
  await storeSealedFixture(request, 'e2e-pades-untrusted', 'untrusted.pdf', 'Fixture Untrusted Signer');
  const { ctl } = await controlWithTrust(page, 'e2e-pades-untrusted');
  await expect(part(ctl, 'pdf-banner')).toHaveAttribute('data-verdict', 'indeterminate');
  const card = part(ctl, 'pdf-signature').first();
  await expect(card).toHaveAttribute('data-status', 'indeterminate');
  await expect(card).toContainText('Identity unknown');
  await expect(card).toContainText('Unchanged since it was signed');
  await expect(part(seal(ctl), 'verdict')).toHaveAttribute('data-result', 'indeterminate');
});

test('PAdES: page content changed after signing is not valid', async ({ page, request }) => {
  await storeSealedFixture(request, 'e2e-pades-changed', 'content-after.pdf', 'Fixture RSA Signer');
  const { ctl } = await controlWithTrust(page, 'e2e-pades-changed');
  const banner = part(ctl, 'pdf-banner');
  await expect(banner).not.toHaveAttribute('data-verdict', 'valid');
  const card = part(ctl, 'pdf-signature').first();
  await expect(card).not.toHaveAttribute('data-status', 'valid');
  const detail = await page.evaluate(() => window.__verified[0]);
  expect(detail.pdf.signatures[0].changesAfter).toContain('other');
  expect(detail.pdf.signatures[0].identity).toBe('trusted');
  await expect(part(seal(ctl), 'verdict')).not.toHaveAttribute('data-result', 'valid');
});

// The verify worker hashes the document's SHA-256 on a second thread: its
// entry started again as a nested worker (the hasher). (Its fallback, a
// hasher that dies, is in tests/browser_verify_restart.rs.)
test("PAdES: the worker starts its hasher, and the document's SHA-256 is right", async ({ page, request }) => {
  const id = 'e2e-pades-hasher';
  await storeSealedFixture(request, id, 'ecdsa-p256.pdf', 'Fixture P-256 Signer');
  const { ctl } = await controlWithTrust(page, id);
  await expect(part(ctl, 'pdf-banner')).toHaveAttribute('data-verdict', 'valid');
  // The worker, and the hasher: the same file, started again by the worker.
  const entry = (w) => new URL(w.url()).pathname.endsWith('/infoplus-signature-verify.js');
  expect(page.workers().filter(entry).length).toBe(2);
  const detail = await page.evaluate(() => window.__verified[0]);
  const sha = (await import('node:crypto')).createHash('sha256')
    .update(fs.readFileSync(path.join(FIXTURES, 'ecdsa-p256.pdf'))).digest('hex');
  expect(detail.documentSha256).toBe(sha);
  expect(detail.pdf.signatures[0]).toMatchObject({ integrity: 'intact', identity: 'trusted' });
});
