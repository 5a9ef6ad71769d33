// Engine failures (spec §8): S1 answering 500, hanging past the control's
// 15 s timeout, or answering unreadable JSON. Each shows an error naming
// what failed, with Retry; the last good structure and the form value are
// kept throughout, and Retry recovers once the fault is gone.
import {
  test, expect, control, seal, part, openDemo, valueOf, formValue, setFaults, expectState,
  ENGINE_FAILURE,
} from './helpers.mjs';

const CASES = [
  { fault: '500', label: 'http/engine', code: ENGINE_FAILURE, text: /S1 failed on purpose/ },
  { fault: 'malformed', code: 'unreadable', text: /unreadable signature structure/ },
  { fault: 'truncated', code: 'unreadable', text: /unreadable signature structure/ },
  // The devserver answers after 60 s; the control gives up after 15 s.
  { fault: 'hang', code: 'timeout', text: /.+/, slow: true },
];

for (const c of CASES) {
  test(`S1 ${c.fault} on refresh → error "${c.label ?? c.code}", value kept; cleared → Retry recovers`, async ({ page, request }) => {
    if (c.slow) test.setTimeout(45_000);
    await openDemo(page);
    const ctl = control(page, 'demo-applicant');
    await expect(ctl).toHaveAttribute('data-state', 'unsigned');
    const formBefore = await formValue(page, 'applicantSignature');
    const valueBefore = await valueOf(ctl);
    expect(formBefore).toBeTruthy();
    const errors = [];
    await page.exposeFunction('__e2eError', (d) => errors.push(d));
    await ctl.evaluate((el) => el.addEventListener('signature-error', (e) => window.__e2eError(e.detail)));

    await setFaults(request, { s1: c.fault });
    await ctl.evaluate((el) => el.refresh());
    const error = part(ctl, 'error');
    await expect(error).toBeVisible({ timeout: c.slow ? 25_000 : 10_000 });
    await expect(error).toHaveAttribute('data-code', c.code);
    await expect(part(error, 'error-text')).toHaveText(c.text);
    await expect(part(error, 'retry-button')).toBeVisible();
    await expect(ctl).toHaveAttribute('data-state', 'error');
    expect(errors.at(-1)?.code).toMatch(c.code);
    // Nothing good was lost: the seal is still shown, the value unchanged.
    await expect(seal(ctl)).toHaveAttribute('data-signed', 'false');
    expect(await formValue(page, 'applicantSignature')).toBe(formBefore);
    expect(await valueOf(ctl)).toEqual(valueBefore);

    await setFaults(request, { s1: null });
    await part(error, 'retry-button').click();
    await expect(error).toHaveCount(0);
    await expectState(ctl, 'unsigned');
    expect(await formValue(page, 'applicantSignature')).toBe(formBefore);
    expect(await valueOf(ctl)).toEqual(valueBefore);
  });
}

test('S1 500 on the first load → error without a document; Retry recovers', async ({ page, request }) => {
  await setFaults(request, { s1: '500' });
  await page.goto('/?lang=en');
  const ctl = control(page, 'demo-applicant');
  const error = part(ctl, 'error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-code', ENGINE_FAILURE);
  await expect(seal(ctl)).toHaveCount(0);
  // No good structure yet: nothing to go back to, so no Dismiss.
  await expect(part(error, 'dismiss-button')).toHaveCount(0);
  expect(await ctl.evaluate((el) => el.checkValidity())).toBe(false);

  await setFaults(request, { s1: null });
  await part(error, 'retry-button').click();
  await expectState(ctl, 'unsigned');
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'false');
  expect(JSON.parse(await formValue(page, 'applicantSignature')).id).toBe('demo-applicant');
});

test('S1 answering a bare HTTP 502 (no envelope) → error "http"', async ({ page }) => {
  await openDemo(page);
  const ctl = control(page, 'demo-applicant');
  const formBefore = await formValue(page, 'applicantSignature');
  await page.route('**/api/signature/demo-applicant', (route) =>
    route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }));
  await ctl.evaluate((el) => el.refresh());
  const error = part(ctl, 'error');
  await expect(error).toHaveAttribute('data-code', 'http');
  await expect(part(error, 'error-text')).toContainText('502');
  expect(await formValue(page, 'applicantSignature')).toBe(formBefore);
  await page.unroute('**/api/signature/demo-applicant');
  await part(error, 'retry-button').click();
  await expectState(ctl, 'unsigned');
});
