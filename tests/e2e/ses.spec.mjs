// An electronic seal (GB/T 38540, spec §6d) end to end: 张三 stamps the
// demo form with "张三 电子印章 (GB/T 38540)" at the provider, and a control
// that trusts the dev roots verifies it — valid, its seal card showing the
// seal's own picture, taken from the signature's bytes: the same picture
// the form shows for the stamp.
import { test, expect, seal, part, login, openDemo, expectState, stampRoundTrip, s1, screenshot } from './helpers.mjs';

test('an electronic seal verifies and shows the picture it carries', async ({ page, request }) => {
  await login(page, 'zhangsan');
  await openDemo(page);
  await stampRoundTrip(page, 'demo-applicant', { sealId: 'seal-zhangsan-ses' });
  const signature = await s1(request, 'demo-applicant');
  const formPicture = await (await request.get(signature.seals[0].image)).body();

  await page.evaluate(() => {
    const el = document.createElement('infoplus-signature');
    const attributes = {
      'signature-id': 'demo-applicant', engine: '/api', service: '/sign', lang: 'en', readonly: '',
      'trust-roots': '/dev/trust-roots.pem',
    };
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
    el.dataset.e2e = 'ses';
    document.querySelector('[data-testid="submit"]').before(el);
  });
  const ctl = page.locator('infoplus-signature[data-e2e="ses"]');
  await expectState(ctl, ['signed']);
  await part(seal(ctl), 'verify-button').click();
  await expectState(ctl, ['verified'], 30_000);

  // The seal's card (the provider's document timestamp has its own).
  const card = part(ctl, 'pdf-signature').first();
  await expect(card).toHaveAttribute('data-status', 'valid');
  await expect(part(ctl, 'pdf-seal')).toContainText('Electronic seal: 张三 电子印章 (GB/T 38540) (personal seal)');
  await expect(part(ctl, 'pdf-seal')).toContainText('valid when used');
  const image = part(ctl, 'pdf-seal-image');
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute('alt', 'The picture of the seal “张三 电子印章 (GB/T 38540)”');
  const src = await image.getAttribute('src');
  expect(src.startsWith('data:image/svg+xml;base64,')).toBeTruthy();
  const carried = Buffer.from(src.slice(src.indexOf(',') + 1), 'base64');
  expect(carried.equals(formPicture), 'the picture inside the signature is the one the form shows').toBeTruthy();
  // The browser decoded it: an image, not a broken icon.
  expect(await image.evaluate((img) => img.complete && img.naturalWidth > 0)).toBeTruthy();
  await screenshot(card, 'ses-seal-card');
});
