// Screenshots of the control's main states (tests/e2e/artifacts/, not
// committed; "popup/signing" is taken by popup.spec.mjs), and the demo form
// picture for the docs: written to artifacts/demo-form.png on every run,
// and to docs/demo-form.png (committed) only with E2E_UPDATE_DOCS=1, so a
// test run leaves the checkout clean (the seal's description has the time).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  test, expect, control, seal, part, login, openDemo, stampRoundTrip, setFaults, screenshot,
  expectState, ROOT, ARTIFACTS,
} from './helpers.mjs';

// The pictures read as a user in China sees them: times in their zone.
test.use({ timezoneId: 'Asia/Shanghai' });

test('screenshots of loading, unsigned, signed, verified and error', async ({ page, request }) => {
  await login(page, 'zhangsan');
  // Loading: S1 held back until the picture is taken.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/api/signature/demo-applicant', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/?lang=en');
  const applicant = control(page, 'demo-applicant');
  await expect(applicant).toHaveAttribute('data-state', 'loading');
  await expect(part(applicant, 'placeholder')).toBeVisible();
  await screenshot(applicant, '01-loading');
  release();
  await expectState(applicant, 'unsigned');
  await page.unroute('**/api/signature/demo-applicant');
  await screenshot(applicant, '02-unsigned');

  await stampRoundTrip(page, 'demo-applicant');
  await expect(applicant).toHaveAttribute('data-state', 'signed');
  await expect(part(seal(applicant), 'seal-image')).toBeVisible();
  await screenshot(applicant, '03-signed');

  await part(seal(applicant), 'verify-button').click();
  await expect(part(seal(applicant), 'verdict')).toHaveAttribute('data-result', 'valid');
  await screenshot(applicant, '04-verified');
  const tampered = control(page, 'demo-tampered');
  await part(seal(tampered), 'verify-button').click();
  await expect(part(seal(tampered), 'verdict')).toHaveAttribute('data-result', 'invalid');
  await screenshot(tampered, '04-verified-tampered');

  await setFaults(request, { s1: '500' });
  await applicant.evaluate((el) => el.refresh());
  await expect(part(applicant, 'error')).toBeVisible();
  await screenshot(applicant, '06-error');
  await screenshot(page, '07-demo-form-en');
});

test('demo-form.png: the demo form (zh-CN) with a sealed and an unsealed control', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  await login(page, 'zhangsan');
  await openDemo(page, { lang: 'zh-CN', ids: ['demo-applicant', 'demo-approval'] });
  await stampRoundTrip(page, 'demo-applicant');
  const applicant = control(page, 'demo-applicant');
  await expect(applicant).toHaveAttribute('data-state', 'signed');
  await expect(part(seal(applicant), 'seal-image')).toBeVisible();
  await expect.poll(() => part(seal(applicant), 'seal-image').evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
  // The "stamped" notice is transient; the picture shows the settled form.
  await part(applicant, 'dismiss-button').click();
  await expect(part(applicant, 'status')).toHaveAttribute('data-notice', '');
  const approval = control(page, 'demo-approval');
  await expect(approval).toHaveAttribute('data-state', 'unsigned');
  // No stray focus ring or caret in the picture.
  await page.evaluate(() => document.activeElement?.blur());

  // From the top of the page to the bottom of the approval box.
  const box = await approval.locator('xpath=..').boundingBox();
  const height = Math.ceil(box.y + box.height + 16);
  const out = process.env.E2E_UPDATE_DOCS === '1'
    ? path.join(ROOT, 'docs/demo-form.png')
    : path.join(ARTIFACTS, 'demo-form.png');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1100, height }, fullPage: true });
  expect(fs.statSync(out).size).toBeGreaterThan(10_000);
});

/// Where a docs picture goes: docs/ with E2E_UPDATE_DOCS=1, else artifacts/.
function docsPath(name) {
  const out = process.env.E2E_UPDATE_DOCS === '1' ? path.join(ROOT, 'docs', name) : path.join(ARTIFACTS, name);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  return out;
}

test('sealed-page.png and verified-card.png: the sealed page as the provider writes it, and what an auditor reads', async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 900, height: 1200 });
  await login(page, 'lisi');
  await openDemo(page, { lang: 'zh-CN', ids: ['demo-approval'] });
  await stampRoundTrip(page, 'demo-approval', { seal: 0, sealId: 'seal-lisi-sm2' });
  const ctl = control(page, 'demo-approval');
  await expect(seal(ctl, 0)).toHaveAttribute('data-signed', 'true');

  // The page itself, rendered by poppler (an independent PDF renderer).
  const record = await (await request.get('/api/signature/demo-approval')).json();
  const uri = (record.entities ? record.entities[0] : record).uri;
  const pdf = await (await request.get(uri)).body();
  const dir = fs.mkdtempSync(path.join(ARTIFACTS, 'page-'));
  fs.writeFileSync(path.join(dir, 'sealed.pdf'), pdf);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', '-f', '1', '-l', '1',
    path.join(dir, 'sealed.pdf'), path.join(dir, 'page')]);
  fs.copyFileSync(path.join(dir, 'page.png'), docsPath('sealed-page.png'));
  fs.rmSync(dir, { recursive: true, force: true });

  // The verified card: the seal's verdict and the PDF's own signatures.
  await part(seal(ctl, 0), 'verify-button').click();
  await expectState(ctl, ['verified'], 30_000);
  await expect(part(ctl, 'pdf-signature').first()).toBeVisible();
  await page.evaluate(() => document.activeElement?.blur());
  const out = docsPath('verified-card.png');
  await ctl.screenshot({ path: out });
  expect(fs.statSync(out).size).toBeGreaterThan(10_000);
});

test('page-preview.png: "show on the page" with the seal outlined in its colour', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 1400 });
  await openDemo(page, { lang: 'zh-CN', ids: ['demo-sealed'], states: ['signed'] });
  const ctl = control(page, 'demo-sealed');
  await part(seal(ctl), 'verify-button').click();
  await expectState(ctl, ['verified'], 30_000);
  await part(ctl, 'preview-button').click();
  await expect(part(ctl, 'preview-status')).toHaveAttribute('data-phase', 'ready', { timeout: 20_000 });
  await expect(part(ctl, 'preview-outline').first()).toBeVisible();
  const out = docsPath('page-preview.png');
  await part(ctl, 'preview').screenshot({ path: out });
  expect(fs.statSync(out).size).toBeGreaterThan(10_000);
});
