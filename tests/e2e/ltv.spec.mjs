// Long-term validation (spec §6c) as an auditor meets it in the control:
// lisi stamps both seals of the approval field; between them her
// certificate is revoked (key compromise). The provider's second DSS
// carries fresh data for the first seal: the control says the first
// signature is still valid but its certificate was revoked after it, and
// names each signature's PAdES level (B-LTA) and that it is LTV enabled.
import { test, expect, control, seal, part, login, openDemo, stampRoundTrip, expectState } from './helpers.mjs';

test('B-LTA seals show their level and LTV; a certificate revoked after sealing shows the revocation', async ({ page, request }) => {
  await login(page, 'lisi');
  await openDemo(page, { ids: ['demo-approval'] });
  await stampRoundTrip(page, 'demo-approval', { seal: 0, sealId: 'seal-lisi-sm2' });
  const revoked = await request.post('/dev/revoke/seal-lisi-sm2', { data: { reason: 'keyCompromise' } });
  expect(revoked.ok(), `revoke: ${revoked.status()} ${await revoked.text()}`).toBeTruthy();
  await stampRoundTrip(page, 'demo-approval', { seal: 1, sealId: 'seal-renshichu-sm2' });

  const ctl = control(page, 'demo-approval');
  await part(seal(ctl, 1), 'verify-button').click();
  await expectState(ctl, ['verified'], 30_000);
  const cards = part(ctl, 'pdf-signature');
  // Seal, document timestamp, seal, document timestamp.
  await expect(cards).toHaveCount(4);
  const first = cards.nth(0);
  const second = cards.nth(2);
  await expect(first).toHaveAttribute('data-status', 'valid');
  // In the viewer's zone, named (the browser's here: UTC).
  await expect(first).toContainText(/Revoked on \d{1,2} \w{3} \d{4}, [\d:]{8} \([^)]*UTC[^)]*\) \(keyCompromise\)/);
  await expect(first).toContainText('The certificate was revoked after the signing');
  for (const card of [first, second]) {
    await expect(card).toContainText('PAdES B-LTA');
    await expect(card).toContainText('LTV enabled');
  }
  await expect(second).toHaveAttribute('data-status', 'valid');
  await expect(second).toContainText('Not revoked');
  await expect(second).not.toContainText('whether the certificate was revoked is not known');
});
