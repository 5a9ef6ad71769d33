// Accessibility: axe-core over the demo form (inside the controls' open
// shadow roots) in each main state reports no serious or critical
// violation. The devserver's CSP forbids injected scripts, so this spec's
// context bypasses CSP to load axe.
import path from 'node:path';
import {
  test, expect, control, seal, part, login, openDemo, stampRoundTrip, setFaults, ROOT,
} from './helpers.mjs';

test.use({ bypassCSP: true });

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

async function scan(page, state) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
    }));
  });
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length) console.log(`axe violations (${state}):\n${JSON.stringify(serious, null, 2)}`);
  expect(serious, `serious/critical axe violations in state "${state}"`).toEqual([]);
  return result;
}

const ALL = ['demo-applicant', 'demo-approval', 'demo-sealed', 'demo-tampered'];

test('axe: no serious or critical violations unsigned, signed, verified and in error', async ({ page, request }) => {
  await login(page, 'zhangsan');
  await openDemo(page, { ids: ALL });
  const applicant = control(page, 'demo-applicant');

  // Axe sees into the shadow roots (it reports their nodes with a shadow path).
  const shadowSeen = await page.evaluate(async () => {
    await new Promise((r) => setTimeout(r, 0));
    return document.querySelector('infoplus-signature').shadowRoot.querySelectorAll('button').length;
  });
  expect(shadowSeen).toBeGreaterThan(0);
  await scan(page, 'unsigned');

  await stampRoundTrip(page, 'demo-applicant');
  await expect(applicant).toHaveAttribute('data-state', 'signed');
  await scan(page, 'signed');

  for (const id of ['demo-applicant', 'demo-sealed', 'demo-tampered']) {
    await part(seal(control(page, id)), 'verify-button').click();
    await expect(part(seal(control(page, id)), 'verdict')).toHaveAttribute('data-result', /^(valid|invalid)$/);
  }
  await expect(applicant).toHaveAttribute('data-state', 'verified');
  await scan(page, 'verified');

  await setFaults(request, { s1: '500' });
  await control(page, 'demo-approval').evaluate((el) => el.refresh());
  await expect(part(control(page, 'demo-approval'), 'error')).toBeVisible();
  await scan(page, 'error');
  // And an error with no document behind it (first load failed).
  await page.reload();
  await expect(part(applicant, 'error')).toBeVisible();
  await scan(page, 'error on load');
});

test('axe checks shadow content: a deliberately unlabeled button in a shadow root is reported', async ({ page }) => {
  await openDemo(page);
  await page.evaluate(() => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<button type="button"></button>';
    document.body.append(host);
  });
  await page.addScriptTag({ path: AXE });
  const ids = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: ['button-name'] });
    return r.violations.map((v) => v.id);
  });
  expect(ids).toContain('button-name');
});
