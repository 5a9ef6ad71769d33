// Stamping in redirect mode (the default): the control sends the user to
// the signature service, the provider simulator seals, the user comes back
// and the engine (S1) is the only source of truth for what was signed.
import {
  test, expect, control, seal, part, login, openDemo, stampToProvider, confirmAtProvider,
  backOnForm, stampRoundTrip, valueOf, formValue, s1, isSigned, setFaults, expectState, ENGINE_FAILURE,
} from './helpers.mjs';

test('stamp → provider → confirm → back signed, with the form value, S1 and the URL agreeing', async ({ page, request }) => {
  await login(page, 'zhangsan');
  await openDemo(page);
  const ctl = control(page, 'demo-applicant');
  await expect(ctl).toHaveAttribute('data-state', 'unsigned');
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'false');
  // Before: the form value is the unsigned structure.
  expect(isSigned(JSON.parse(await formValue(page, 'applicantSignature')).seals[0])).toBe(false);

  // The control announces the trip (cancelable) with the service URL.
  await page.evaluate(() => {
    document.addEventListener('signature-before-redirect', (e) => {
      sessionStorage.setItem('e2e-before-redirect', JSON.stringify(e.detail));
    });
  });
  await stampToProvider(page, ctl);
  const before = JSON.parse(await page.evaluate(() => sessionStorage.getItem('e2e-before-redirect')));
  expect(before.seal).toBe(0);
  expect(before.url).toMatch(/\/sign\?id=demo-applicant&seal=0&return=.+&state=[A-Za-z0-9_-]{22,}/);
  expect(await page.getByTestId('signer').textContent()).toContain('zhangsan');
  await confirmAtProvider(page);
  await backOnForm(page, ctl);

  // Back: signed, and no sig_* parameters left in the address.
  const url = new URL(page.url());
  expect([...url.searchParams.keys()].filter((k) => k.startsWith('sig_'))).toEqual([]);
  expect(url.search).toBe('?lang=en');
  await expect(ctl).toHaveAttribute('data-state', 'signed');
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'true');
  await expect(part(ctl, 'status')).toHaveAttribute('data-notice', 'done');
  await expect(part(seal(ctl), 'seal-image')).toBeVisible();
  // The provider describes the seal in Chinese, with an explicit time zone.
  await expect(part(seal(ctl), 'description')).toHaveText(
    /^张三 个人章，由 张三（zhangsan）于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00 盖章$/,
  );
  await expect(part(seal(ctl), 'verify-button')).toHaveAttribute('aria-disabled', 'false');
  await expect(part(seal(ctl), 'stamp-button')).toHaveCount(0);

  // The `value` property, the form value and S1 say the same.
  const value = await valueOf(ctl);
  expect(value.id).toBe('demo-applicant');
  expect(isSigned(value.seals[0])).toBe(true);
  expect(value.seals[0].algorithm).toBe('SM2withSM3');
  const submitted = JSON.parse(await formValue(page, 'applicantSignature'));
  expect(submitted).toEqual(value);
  const engine = await s1(request, 'demo-applicant');
  expect(engine.seals[0].signature).toBe(value.seals[0].signature);
  expect(engine.uri).toBe(value.uri);
  expect(await ctl.evaluate((el) => el.state)).toBe('signed');
});

test('a double click on Stamp makes one trip to the service (spec §8)', async ({ page }) => {
  await login(page, 'zhangsan');
  await openDemo(page);
  const trips = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/sign') trips.push(r.url()); });
  const exports = [];
  page.on('request', (r) => { if (r.url().endsWith('/export')) exports.push(r.url()); });
  await part(seal(control(page, 'demo-applicant')), 'stamp-button').dblclick();
  await page.waitForURL(/\/provider\/sign\//);
  await expect(page.getByTestId('confirm')).toBeVisible();
  expect(trips).toHaveLength(1);
  expect(exports).toHaveLength(1);
});

test('two seals stamped one by one, the provider offering only the seals each slot allows', async ({ page, request }) => {
  const ctl = control(page, 'demo-approval');

  // zhangsan may not stamp lisi's slot: the provider says so and offers nothing.
  await login(page, 'zhangsan');
  await openDemo(page, { ids: ['demo-approval'] });
  await expect(seal(ctl, 0)).toHaveAttribute('data-signed', 'false');
  await expect(seal(ctl, 1)).toHaveAttribute('data-signed', 'false');
  await stampToProvider(page, ctl, 0);
  await expect(page.getByTestId('not-allowed')).toContainText('only lisi may');
  await expect(page.getByTestId('seal-option')).toHaveCount(0);
  await expect(page.getByTestId('confirm')).toHaveCount(0);
  await page.getByTestId('cancel').click();
  await backOnForm(page, ctl);
  await expect(part(ctl, 'status')).toHaveAttribute('data-notice', 'cancelled');

  // lisi: seal 0 takes a personal seal (not the office seal).
  await login(page, 'lisi');
  await stampToProvider(page, ctl, 0);
  const personal = await confirmAtProvider(page, 'seal-lisi-sm2');
  expect(personal).toContain('seal-lisi-sm2');
  expect(personal).not.toContain('seal-renshichu-sm2');
  expect(personal.every((id) => id.startsWith('seal-lisi-'))).toBe(true);
  await backOnForm(page, ctl);
  await expect(seal(ctl, 0)).toHaveAttribute('data-signed', 'true');
  await expect(seal(ctl, 1)).toHaveAttribute('data-signed', 'false');
  await expect(ctl).toHaveAttribute('data-state', 'unsigned');
  await expect(part(ctl, 'status')).toHaveAttribute('data-notice', 'done');

  // Seal 1 is the HR office seal: the only option offered.
  await stampToProvider(page, ctl, 1);
  const official = await confirmAtProvider(page);
  expect(official).toEqual(['seal-renshichu-sm2']);
  await backOnForm(page, ctl);
  await expect(seal(ctl, 0)).toHaveAttribute('data-signed', 'true');
  await expect(seal(ctl, 1)).toHaveAttribute('data-signed', 'true');
  await expect(ctl).toHaveAttribute('data-state', 'signed');

  const engine = await s1(request, 'demo-approval');
  expect(engine.seals.map(isSigned)).toEqual([true, true]);
  expect(engine.seals[1].image).toContain('seal-renshichu-sm2');
  const value = JSON.parse(await formValue(page, 'approvalSignature'));
  expect(value.seals.map((s) => s.signature)).toEqual(engine.seals.map((s) => s.signature));
});

test('cancel at the provider → back unsigned, with the notice "cancelled"', async ({ page, request }) => {
  await login(page, 'zhangsan');
  await openDemo(page);
  const ctl = control(page, 'demo-applicant');
  const valueBefore = await formValue(page, 'applicantSignature');
  await stampToProvider(page, ctl);
  await page.getByTestId('cancel').click();
  await backOnForm(page, ctl);
  expect(page.url()).not.toContain('sig_');
  await expect(ctl).toHaveAttribute('data-state', 'unsigned');
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'false');
  await expect(part(ctl, 'status')).toHaveAttribute('data-notice', 'cancelled');
  await expect(part(ctl, 'status-text')).not.toBeEmpty();
  await expect(part(seal(ctl), 'stamp-button')).toHaveAttribute('aria-disabled', 'false');
  expect(isSigned((await s1(request, 'demo-applicant')).seals[0])).toBe(false);
  // Cancelling exported the document (EX) but signed nothing.
  const after = JSON.parse(await formValue(page, 'applicantSignature'));
  expect(isSigned(after.seals[0])).toBe(false);
  expect(JSON.parse(valueBefore).seals[0].placeHolder).toBe(after.seals[0].placeHolder);
});

test('provider failure → back unsigned, with the notice "failed" and the reason', async ({ page, request }) => {
  await setFaults(request, { provider: 'fail' });
  await login(page, 'zhangsan');
  await openDemo(page);
  const ctl = control(page, 'demo-applicant');
  await stampRoundTrip(page, 'demo-applicant');
  await expect(ctl).toHaveAttribute('data-state', 'unsigned');
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'false');
  await expect(part(ctl, 'status')).toHaveAttribute('data-notice', 'failed');
  await expect(part(ctl, 'status-text')).toContainText('the provider failed (fault switch)');
  expect(isSigned((await s1(request, 'demo-applicant')).seals[0])).toBe(false);
  // Dismissing the notice clears it; stamping is offered again.
  await part(ctl, 'dismiss-button').click();
  await expect(part(ctl, 'status')).toHaveAttribute('data-notice', '');
  await expect(part(seal(ctl), 'stamp-button')).toHaveAttribute('aria-disabled', 'false');
});

test("the host form's other fields survive the round trip to the provider", async ({ page }) => {
  await login(page, 'zhangsan');
  await openDemo(page);
  const typed = {
    applicant: '王小明 / Wang Xiaoming',
    department: 'E2E 测试部',
    from: '2027-01-04',
    to: '2027-01-08',
    reason: 'Typed before stamping.\n第二行：回来后必须还在。',
  };
  for (const name of ['applicant', 'department', 'reason']) {
    await page.locator(`[name="${name}"]`).fill(typed[name]);
  }
  await page.locator('[name="from"]').fill(typed.from);
  await page.locator('[name="to"]').fill(typed.to);

  await stampRoundTrip(page, 'demo-applicant');
  await expect(control(page, 'demo-applicant')).toHaveAttribute('data-state', 'signed');
  for (const [name, value] of Object.entries(typed)) {
    await expect(page.locator(`[name="${name}"]`), name).toHaveValue(value);
  }
  // Unsaved input is not in the server's copy: the page came back with the
  // server's values and the control put the typed ones back.
  const served = await (await page.request.get('/?lang=en')).text();
  expect(served).not.toContain('E2E 测试部');
});

test('delete with confirmation → unsigned (S2 with If-Match), and Keep changes nothing', async ({ page, request }) => {
  await login(page, 'zhangsan');
  await openDemo(page);
  const ctl = control(page, 'demo-applicant');
  await stampRoundTrip(page, 'demo-applicant');
  await expect(ctl).toHaveAttribute('data-state', 'signed');

  // Delete asks first; "Keep" leaves everything as it was.
  await part(seal(ctl), 'delete-button').click();
  await expect(part(seal(ctl), 'confirm')).toBeVisible();
  await expect(part(seal(ctl), 'delete-button')).toHaveCount(0);
  await part(seal(ctl), 'cancel-delete-button').click();
  await expect(part(seal(ctl), 'confirm')).toHaveCount(0);
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'true');

  const s2 = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/signature/demo-applicant'));
  await part(seal(ctl), 'delete-button').click();
  await part(seal(ctl), 'confirm-delete-button').click();
  expect((await s2).headers()['if-match']).toMatch(/^"[0-9a-f]{64}"$/);
  await expect(ctl).toHaveAttribute('data-state', 'unsigned');
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'false');
  await expect(part(ctl, 'status')).toHaveAttribute('data-notice', 'deleted');
  expect(isSigned((await s1(request, 'demo-applicant')).seals[0])).toBe(false);
  expect(isSigned(JSON.parse(await formValue(page, 'applicantSignature')).seals[0])).toBe(false);
  expect(isSigned((await valueOf(ctl)).seals[0])).toBe(false);
});

test('a failed delete (S2 500) shows the error and keeps the seal and the form value', async ({ page, request }) => {
  await login(page, 'zhangsan');
  await openDemo(page);
  const ctl = control(page, 'demo-applicant');
  await stampRoundTrip(page, 'demo-applicant');
  await expect(ctl).toHaveAttribute('data-state', 'signed');
  const before = await formValue(page, 'applicantSignature');

  await setFaults(request, { s2: '500' });
  await part(seal(ctl), 'delete-button').click();
  await part(seal(ctl), 'confirm-delete-button').click();
  const error = part(ctl, 'error');
  await expect(error).toBeVisible();
  // The devserver's 500 carries an InfoPlus envelope (errno 500): the
  // control reports it as the engine's error, with the engine's words.
  await expect(error).toHaveAttribute('data-code', ENGINE_FAILURE);
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(part(error, 'error-text')).toContainText('S2 failed on purpose (fault switch 500)');
  await expect(part(error, 'retry-button')).toBeVisible();
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'true');
  await expect(part(seal(ctl), 'seal-image')).toBeVisible();
  expect(await formValue(page, 'applicantSignature')).toBe(before);
  expect(isSigned((await valueOf(ctl)).seals[0])).toBe(true);
  expect(isSigned((await s1(request, 'demo-applicant')).seals[0])).toBe(true);

  // Dismissing the error goes back to the signed document.
  await setFaults(request, { s2: null });
  await part(error, 'dismiss-button').click();
  await expect(error).toHaveCount(0);
  await expectState(ctl, 'signed');
  expect(await formValue(page, 'applicantSignature')).toBe(before);
});
