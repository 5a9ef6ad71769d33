// The control as a form field: `required` blocks submitting until every
// seal is signed; then the form posts the Signature JSON under `name`.
import {
  test, expect, control, login, openDemo, stampRoundTrip, formValue, expectState,
} from './helpers.mjs';

const ALL = ['demo-applicant', 'demo-approval', 'demo-sealed', 'demo-tampered'];

test('required blocks submit until every required control is sealed; then /submit shows the Signatures', async ({ page }) => {
  await login(page, 'zhangsan');
  await openDemo(page, { ids: ALL });
  const applicant = control(page, 'demo-applicant');

  // Unsealed: submitting stays on the form, the control says why.
  await page.getByTestId('submit').click();
  expect(new URL(page.url()).pathname).toBe('/');
  expect(await page.evaluate(() => document.querySelector('form').checkValidity())).toBe(false);
  const validity = await applicant.evaluate((el) => ({
    valid: el.checkValidity(),
    valueMissing: el.validity.valueMissing,
    message: el.validationMessage,
    willValidate: el.willValidate,
  }));
  expect(validity).toMatchObject({ valid: false, valueMissing: true, willValidate: true });
  expect(validity.message.length).toBeGreaterThan(0);
  // The already sealed (read-only) controls are valid.
  for (const id of ['demo-sealed', 'demo-tampered']) {
    expect(await control(page, id).evaluate((el) => el.checkValidity()), id).toBe(true);
  }

  // One of two sealed: still blocked.
  await stampRoundTrip(page, 'demo-applicant');
  await expect(applicant).toHaveAttribute('data-state', 'signed');
  expect(await applicant.evaluate((el) => el.checkValidity())).toBe(true);
  await page.getByTestId('submit').click();
  expect(new URL(page.url()).pathname).toBe('/');
  const approval = control(page, 'demo-approval');
  expect(await approval.evaluate((el) => el.validity.valueMissing)).toBe(true);

  // The approval control needs both of its seals (lisi can do both).
  await login(page, 'lisi');
  await stampRoundTrip(page, 'demo-approval', { seal: 0, sealId: 'seal-lisi-sm2' });
  expect(await approval.evaluate((el) => el.validity.valueMissing)).toBe(true);
  await stampRoundTrip(page, 'demo-approval', { seal: 1 });
  await expectState(approval, 'signed');
  expect(await page.evaluate(() => document.querySelector('form').checkValidity())).toBe(true);

  const sent = {
    applicant: await formValue(page, 'applicantSignature'),
    approval: await formValue(page, 'approvalSignature'),
  };
  await page.getByTestId('submit').click();
  await page.waitForURL((url) => url.pathname === '/submit');
  await expect(page.locator('h1')).toHaveText('What the server received');
  const rows = page.getByTestId('field');
  for (const [name, json] of [['applicantSignature', sent.applicant], ['approvalSignature', sent.approval]]) {
    const row = rows.filter({ has: page.locator('code', { hasText: new RegExp(`^${name}$`) }) });
    await expect(row).toHaveCount(1);
    const shown = JSON.parse(await row.locator('pre').textContent());
    expect(shown).toEqual(JSON.parse(json));
    await expect(row.getByTestId('seal-state').first()).toContainText('signed');
    await expect(row.getByTestId('seal-state').filter({ hasText: 'unsigned' })).toHaveCount(0);
  }
  const approvalRow = rows.filter({ has: page.locator('code', { hasText: /^approvalSignature$/ }) });
  await expect(approvalRow.getByTestId('seal-state')).toHaveCount(2);
  // The other fields went along, and read-only controls submit their value too.
  await expect(rows.filter({ has: page.locator('code', { hasText: /^reason$/ }) })).toHaveCount(1);
  await expect(rows.filter({ has: page.locator('code', { hasText: /^sealedSignature$/ }) })).toHaveCount(1);
});
