// The PDF's own signatures (spec §6a) end to end: a PDF signed with
// pyHanko (verify/tests/pdf/signed.pdf, a self-signed "Zhang San"
// certificate) is stored as a Signature's document, its seal carries the
// embedded CMS and the certificate (a seal that is a PDF signature), and
// the control shows the banner, the signature in words and the seal's
// verdict, first without trust, then with the certificate as a root.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect, seal, part, openDemo, expectState, s1, ROOT } from './helpers.mjs';

const ID = 'e2e-pdf-signature';
const PDF = path.join(ROOT, 'verify/tests/pdf/signed.pdf');

/// The DER of the first `/Contents <hex>` of `pdf`, without its padding.
function embeddedCms(pdf) {
  const match = /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(pdf.toString('latin1'));
  const padded = Buffer.from(match[1], 'hex');
  // SEQUENCE with a two-byte length (30 82 LL LL): the rest is padding.
  expect(padded[0]).toBe(0x30);
  expect(padded[1]).toBe(0x82);
  return padded.subarray(0, 4 + padded.readUInt16BE(2));
}

/// The signer's certificate in PEM, read from the CMS by OpenSSL.
function certificateOf(cms) {
  const text = execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-print_certs'], { input: cms }).toString();
  return /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(text)[0];
}

test('verify: a seal that is a PDF signature, without and with its certificate trusted', async ({ page, request }) => {
  const pdf = fs.readFileSync(PDF);
  const cms = embeddedCms(pdf);
  const pem = certificateOf(cms);

  const stored = await request.post(`/dev/document/${ID}?sign=false`, {
    data: pdf,
    headers: { 'content-type': 'application/pdf' },
  });
  expect(stored.ok(), `POST /dev/document: ${stored.status()} ${await stored.text()}`).toBeTruthy();
  const signature = await s1(request, ID);
  signature.seals[0] = {
    ...signature.seals[0],
    algorithm: 'SHA256withECDSA',
    signature: cms.toString('base64'),
    privateKey: pem,
  };
  const written = await request.post(`/api/signature/${ID}`, { data: signature });
  expect(written.ok(), `S2: ${written.status()} ${await written.text()}`).toBeTruthy();

  await openDemo(page, { ids: [] });
  await page.evaluate((id) => {
    const el = document.createElement('infoplus-signature');
    for (const [k, v] of Object.entries({ 'signature-id': id, engine: '/api', service: '/sign', lang: 'en', readonly: '' })) {
      el.setAttribute(k, v);
    }
    el.dataset.e2e = 'pdf';
    document.querySelector('[data-testid="submit"]').before(el);
    window.__verified = [];
    el.addEventListener('signature-verified', (e) => window.__verified.push(e.detail));
  }, ID);
  const ctl = page.locator('infoplus-signature[data-e2e="pdf"]');
  await expectState(ctl, ['signed']);

  await part(seal(ctl), 'verify-button').click();
  await expectState(ctl, ['verified'], 30_000);
  const detail = await page.evaluate(() => window.__verified[0]);
  test.skip(!detail.pdf || !detail.pdf.verdict, 'verify::embedded is still the stub: no §6a checks yet');

  // No roots configured: intact, but the self-signed signer is not vouched for.
  const banner = part(ctl, 'pdf-banner');
  await expect(banner).toHaveAttribute('data-verdict', 'indeterminate');
  const card = part(ctl, 'pdf-signature').first();
  await expect(card).toHaveAttribute('data-status', 'indeterminate');
  await expect(card).toContainText('Unchanged since it was signed');
  await expect(card).toContainText('Identity unknown: a self-signed certificate');
  await expect(card).toContainText('Signed by: Zhang San');
  const verdict = part(seal(ctl), 'verdict');
  await expect(verdict).toHaveAttribute('data-result', 'indeterminate');
  await expect(part(verdict, 'pdf-signature-name')).toContainText('The PDF signature');
  expect(detail.documentSha256).toMatch(/^[0-9a-f]{64}$/);

  // The certificate as a trusted root: the next verify vouches for it.
  await ctl.evaluate((el, root) => { el.trustRoots = [root]; }, pem);
  await part(seal(ctl), 'verify-button').click();
  await expect(banner).toHaveAttribute('data-verdict', 'valid', { timeout: 30_000 });
  await expect(card).toContainText('Signer verified');
  await expect(verdict).toHaveAttribute('data-result', 'valid');
});

test('verify: "Download report" saves the verdicts with the document\'s SHA-256 and the time', async ({ page, request }) => {
  await openDemo(page, { ids: ['demo-sealed'] });
  const ctl = page.locator('infoplus-signature[signature-id="demo-sealed"]');
  await part(seal(ctl), 'verify-button').click();
  await expectState(ctl, ['verified'], 30_000);
  // demo-sealed is sealed by a PDF signature from the dev CA, and the demo
  // form's controls trust /dev/trust-roots.pem.
  const banner = part(ctl, 'pdf-banner');
  await expect(banner).toHaveAttribute('data-verdict', 'valid');

  const [download] = await Promise.all([page.waitForEvent('download'), part(ctl, 'report-button').click()]);
  expect(download.suggestedFilename()).toMatch(/^verification-report-[0-9a-f]{12}\.json$/);
  const report = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));

  // The SHA-256 of the document the engine serves, computed here.
  const signature = await s1(request, 'demo-sealed');
  const bytes = await (await request.get(signature.uri)).body();
  const sha = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
  expect(report.documentSha256).toBe(sha);
  expect(download.suggestedFilename()).toBe(`verification-report-${sha.slice(0, 12)}.json`);
  expect(Date.parse(report.verifiedAt)).toBeGreaterThan(Date.now() - 120_000);
  expect(report.signature).toEqual({ id: 'demo-sealed', name: signature.name, uri: signature.uri });
  expect(report.seals[0]).toMatchObject({ index: 0, result: 'valid', algorithm: 'SM2withSM3' });
  expect(report.pdf.status).toBe('parsed');
  expect(report.pdf.verdict).toBe('valid');
  // The seal, then the provider's document timestamp (PAdES B-LTA).
  expect(report.pdf.signatures.map((s) => s.format)).toEqual(['cms', 'timestamp']);
  expect(report.pdf.signatures[0]).toMatchObject({ status: 'valid', integrity: 'intact', identity: 'trusted' });
  expect(report.seals[0].pdfSignature).toBeTruthy();
});
