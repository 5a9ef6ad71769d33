// Under the devserver's strict CSP (script-src 'self' 'wasm-unsafe-eval';
// nothing inline), a load, a stamp round trip through the provider and a
// verify log no console error and trigger no CSP violation.
import {
  test, expect, control, seal, part, login, openDemo, stampRoundTrip, collectCspViolations,
  watchProblems,
} from './helpers.mjs';

test('no console errors and no CSP violations through load, stamp round trip and verify', async ({ page, context }) => {
  const violations = [];
  await collectCspViolations(context, violations);
  const problems = watchProblems(page);

  await login(page, 'zhangsan');
  const response = await page.goto('/?lang=en');
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-inline');
  await openDemo(page, { ids: ['demo-applicant', 'demo-approval', 'demo-sealed', 'demo-tampered'] });

  await stampRoundTrip(page, 'demo-applicant');
  const applicant = control(page, 'demo-applicant');
  await expect(applicant).toHaveAttribute('data-state', 'signed');
  await part(seal(applicant), 'verify-button').click();
  await expect(part(seal(applicant), 'verdict')).toHaveAttribute('data-result', 'valid');
  const tampered = control(page, 'demo-tampered');
  await part(seal(tampered), 'verify-button').click();
  await expect(part(seal(tampered), 'verdict')).toHaveAttribute('data-result', 'invalid');
  // The seal image (an SVG from the provider) is shown, not blocked.
  expect(await part(seal(applicant), 'seal-image').evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);

  expect(violations, 'CSP violations').toEqual([]);
  expect(problems, 'console errors').toEqual([]);
});

test('the watchers work: an inline script is blocked and reported as a CSP violation', async ({ page, context }) => {
  const violations = [];
  await collectCspViolations(context, violations);
  const problems = watchProblems(page);
  await openDemo(page);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations[0]).toContain('script-src');
  expect(await page.evaluate(() => window.__inlineRan === true)).toBe(false);
  await expect.poll(() => problems.length).toBeGreaterThan(0);
});
