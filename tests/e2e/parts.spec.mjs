// The control's first download leaves out the code for leaving for the
// service, coming back and verifying (src/parts.rs); each part is fetched
// the first time it is needed. These tests check that the parts really are
// separate files fetched on use, and that a part which cannot be fetched is
// an ordinary error: nothing is lost, and the next attempt fetches it.
import {
  test, expect, control, seal, part, login, openDemo, stampToProvider, confirmAtProvider,
  backOnForm, valueOf, formValue, expectState,
} from './helpers.mjs';

// Parts are named with the build's id: split_trip-<id>.wasm.
const PART = /\/control\/(split_[a-z]+|chunk_\d+)-[0-9a-f]+\.wasm$/;
const partUrl = (name) => new RegExp(`/control/${name}-[0-9a-f]+\\.wasm$`);

/// Names of the parts the page fetched, in order.
function watchParts(page) {
  const fetched = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(PART);
    if (m) fetched.push(m[1]);
  });
  return fetched;
}

test('no part is fetched to show a control; stamping fetches the trip part only', async ({ page }) => {
  await login(page, 'zhangsan');
  const fetched = watchParts(page);
  await openDemo(page);
  const ctl = control(page, 'demo-applicant');
  await expect(ctl).toHaveAttribute('data-state', 'unsigned');
  expect(fetched).toEqual([]);
  await stampToProvider(page, ctl);
  expect(fetched).toContain('split_trip');
  expect(fetched).not.toContain('split_verify');
  expect(fetched).not.toContain('split_back');
});

test('the trip part cannot be fetched → a network error, nothing lost; Retry fetches it and goes', async ({ page }) => {
  await login(page, 'zhangsan');
  await openDemo(page);
  const ctl = control(page, 'demo-applicant');
  await expect(ctl).toHaveAttribute('data-state', 'unsigned');
  const formBefore = await formValue(page, 'applicantSignature');
  const valueBefore = await valueOf(ctl);
  const urlBefore = page.url();

  await page.route(partUrl('split_trip'), (route) => route.abort());
  await part(seal(ctl), 'stamp-button').click();
  const error = part(ctl, 'error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-code', 'network');
  await expect(part(error, 'error-text')).toContainText('part of the control could not be downloaded');
  await expect(ctl).toHaveAttribute('data-state', 'error');
  expect(page.url()).toBe(urlBefore);
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'false');
  // The seals are as they were (the document was generated on the way, so
  // the value now also names it), and the form value is the value.
  const formAfter = JSON.parse(await formValue(page, 'applicantSignature'));
  expect(formAfter.seals).toEqual(JSON.parse(formBefore).seals);
  expect(formAfter.seals).toEqual(valueBefore.seals);
  expect(await valueOf(ctl)).toEqual(formAfter);

  await page.unroute(partUrl('split_trip'));
  await part(error, 'retry-button').click();
  await page.waitForURL(/\/provider\/sign\//);
  await confirmAtProvider(page);
  await backOnForm(page, ctl);
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'true');
});

test('the verify part cannot be fetched → a network error on verify; Retry verifies', async ({ page }) => {
  await openDemo(page, { ids: ['demo-sealed'] });
  const ctl = control(page, 'demo-sealed');
  await expect(ctl).toHaveAttribute('data-state', 'signed');

  await page.route(partUrl('split_verify'), (route) => route.abort());
  await part(seal(ctl), 'verify-button').click();
  const error = part(ctl, 'error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-code', 'network');
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'true');

  await page.unroute(partUrl('split_verify'));
  await part(error, 'retry-button').click();
  await expect(part(seal(ctl), 'verdict')).toHaveAttribute('data-result', 'valid', { timeout: 20_000 });
  await expect(ctl).toHaveAttribute('data-state', 'verified');
});

test('the return part cannot be fetched → signature-error, the seal shown; a reload claims the return', async ({ page }) => {
  await login(page, 'zhangsan');
  await openDemo(page);
  const ctl = control(page, 'demo-applicant');
  await page.locator('[name="reason"]').fill('family visit');
  await stampToProvider(page, ctl);
  await page.route(partUrl('split_back'), (route) => route.abort());
  await page.addInitScript(() => {
    window.__errors = [];
    document.addEventListener('signature-error', (e) => window.__errors.push(e.detail));
  });
  await confirmAtProvider(page);
  await page.waitForURL((url) => url.pathname === '/' && url.search.includes('sig_state'));
  // The engine is still asked: the seal is there.
  await expectState(ctl, 'signed');
  await expect.poll(() => page.evaluate(() => window.__errors.map((e) => `${e.step}/${e.code}`)))
    .toContain('return/network');
  // The pending return was not claimed: the address keeps its parameters.
  expect(page.url()).toContain('sig_state=');

  await page.unroute(partUrl('split_back'));
  await page.reload();
  await backOnForm(page, ctl);
  await expect(part(ctl, 'status')).toHaveAttribute('data-notice', 'done');
  await expect(page.locator('[name="reason"]')).toHaveValue('family visit');
});

test('parts load when the server sends .wasm without Content-Type application/wasm', async ({ page }) => {
  await login(page, 'zhangsan');
  const served = [];
  await page.route(PART, async (route) => {
    const response = await route.fetch();
    served.push(new URL(route.request().url()).pathname);
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-type': 'application/octet-stream' },
    });
  });
  await openDemo(page);
  const ctl = control(page, 'demo-applicant');
  await stampToProvider(page, ctl);
  expect(served.some((p) => partUrl('split_trip').test(p))).toBe(true);
  await confirmAtProvider(page);
  await backOnForm(page, ctl);
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'true');
});
