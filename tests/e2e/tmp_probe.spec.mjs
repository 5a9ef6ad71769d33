import { test, expect, seal, part, openDemo, expectState, control } from './helpers.mjs';
test('probe', async ({ browser }) => {
  let hung = 0;
  for (let i = 0; i < 12; i++) {
    const page = await browser.newPage();
    const logs = [];
    page.on('worker', (w) => { logs.push('worker ' + w.url()); w.on('console', (m) => logs.push('wconsole ' + m.text())); w.on('close', () => logs.push('closed')); });
    page.on('console', (m) => logs.push('page ' + m.text()));
    await openDemo(page, { ids: ['demo-tampered'], states: ['signed'] });
    const ctl = control(page, 'demo-tampered');
    await part(seal(ctl), 'verify-button').click();
    try {
      await expectState(ctl, ['verified'], 5000);
    } catch (e) {
      hung++;
      console.log('HUNG', i, logs.join(' | '), 'workers', page.workers().length);
    }
    await page.close();
  }
  console.log('hung', hung);
});
