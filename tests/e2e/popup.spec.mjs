// Popup mode (spec §5): the service opens in a window opened inside the
// click; the return page there posts the result to its opener and closes,
// and the control also polls S1 (so a popup closed by hand is noticed).
import {
  test, expect, control, seal, part, login, openDemo, valueOf, formValue, s1, isSigned,
  screenshot, expectState,
} from './helpers.mjs';

async function popupControl(page) {
  await login(page, 'zhangsan');
  await openDemo(page);
  const ctl = control(page, 'demo-applicant');
  await ctl.evaluate((el) => el.setAttribute('mode', 'popup'));
  await expectState(ctl, 'unsigned');
  return ctl;
}

test('popup: stamp → confirm in the popup → the popup closes → the opener is signed', async ({ page, context, request }) => {
  const ctl = await popupControl(page);
  const urlBefore = page.url();
  const opened = context.waitForEvent('page');
  await part(seal(ctl), 'stamp-button').click();
  const popup = await opened;
  await popup.waitForURL(/\/provider\/sign\//);
  // The opener stays where it was, waiting for the seal.
  expect(page.url()).toBe(urlBefore);
  await expect(ctl).toHaveAttribute('data-state', 'signing');
  await expect(seal(ctl)).toHaveAttribute('aria-busy', 'true');
  await expect(part(seal(ctl), 'stamp-button')).toHaveAttribute('aria-disabled', 'true');
  await screenshot(page.locator('infoplus-signature[signature-id="demo-applicant"]'), '05-popup-signing');

  const closed = popup.waitForEvent('close');
  await popup.getByTestId('confirm').click();
  await closed;
  await expectState(ctl, 'signed');
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'true');
  await expect(part(ctl, 'status')).toHaveAttribute('data-notice', 'done');
  expect(page.url()).toBe(urlBefore);
  const value = await valueOf(ctl);
  expect(isSigned(value.seals[0])).toBe(true);
  expect((await s1(request, 'demo-applicant')).seals[0].signature).toBe(value.seals[0].signature);
  expect(JSON.parse(await formValue(page, 'applicantSignature'))).toEqual(value);
});

test('popup closed without confirming → unsigned, with the notice "popup-closed"', async ({ page, context, request }) => {
  const ctl = await popupControl(page);
  const opened = context.waitForEvent('page');
  await part(seal(ctl), 'stamp-button').click();
  const popup = await opened;
  await popup.waitForURL(/\/provider\/sign\//);
  await expect(popup.getByTestId('confirm')).toBeVisible();
  await expect(ctl).toHaveAttribute('data-state', 'signing');
  const closedAt = Date.now();
  await popup.close();
  // Polling notices the closed window within a few seconds.
  await expect(part(ctl, 'status')).toHaveAttribute('data-notice', 'popup-closed', { timeout: 8_000 });
  expect(Date.now() - closedAt).toBeLessThan(8_000);
  await expectState(ctl, 'unsigned');
  await expect(seal(ctl)).toHaveAttribute('data-signed', 'false');
  await expect(part(seal(ctl), 'stamp-button')).toHaveAttribute('aria-disabled', 'false');
  expect(isSigned((await s1(request, 'demo-applicant')).seals[0])).toBe(false);
});

// The return page in the popup hands the result to its opener (postMessage)
// and closes itself.
test('popup: cancel in the popup → it closes → unsigned, with the notice "cancelled"', async ({ page, context }) => {
  const ctl = await popupControl(page);
  const opened = context.waitForEvent('page');
  await part(seal(ctl), 'stamp-button').click();
  const popup = await opened;
  await popup.waitForURL(/\/provider\/sign\//);
  const closed = popup.waitForEvent('close');
  await popup.getByTestId('cancel').click();
  await closed;
  await expect(part(ctl, 'status')).toHaveAttribute('data-notice', 'cancelled');
  await expectState(ctl, 'unsigned');
});
