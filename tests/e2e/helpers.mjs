// Shared pieces of the end-to-end suite: a `test` whose every run starts
// from the seeded demo records with all fault switches off, locators for
// the control's shadow parts, and the provider round trip.
import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export { expect };

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
/// Screenshots of the main states (gitignored).
export const ARTIFACTS = path.join(HERE, 'artifacts');

/// `data-code` of a failed engine call answered with HTTP 5xx: `http`, or
/// `engine` when the answer is an InfoPlus envelope with `errno != 0` (the
/// devserver's fault switch "500" sends one; the control then shows the
/// engine's own message, which says more than the status).
export const ENGINE_FAILURE = /^(http|engine)$/;

export const NO_FAULTS = { s1: null, s2: null, ex: null, provider: null };

/// Puts the demo records back and turns every fault off (faults live in
/// memory and survive /dev/reset).
export async function resetServer(request) {
  const reset = await request.post('/dev/reset');
  expect(reset.ok(), `POST /dev/reset: ${reset.status()}`).toBeTruthy();
  await setFaults(request, NO_FAULTS);
}

export async function setFaults(request, faults) {
  const r = await request.post('/dev/faults', { data: faults });
  expect(r.ok(), `POST /dev/faults ${JSON.stringify(faults)}: ${r.status()} ${await r.text()}`).toBeTruthy();
}

/// S1 from the test itself: the engine's truth.
export async function s1(request, id) {
  const r = await request.get(`/api/signature/${id}`);
  expect(r.ok(), `S1 ${id}: ${r.status()}`).toBeTruthy();
  const body = await r.json();
  return body.entities ? body.entities[0] : body;
}

/// A provider session for `user` in the page's browser context (the
/// context's request shares its cookie jar).
export async function login(page, user) {
  const r = await page.request.get(`/dev/login?user=${user}&next=/dev`);
  expect(r.ok(), `login ${user}: ${r.status()}`).toBeTruthy();
}

/// Console errors and CSP violations of a page, from the moment it is
/// watched (CSP violations are collected by a listener the page cannot
/// miss: added before any document script runs).
export function watchProblems(page) {
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

/// Installs a `securitypolicyviolation` listener in every document of the
/// context before its scripts run; violations are reported through a
/// binding into `sink`.
export async function collectCspViolations(context, sink) {
  await context.exposeBinding('__reportCsp', (_source, text) => sink.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      // eslint-disable-next-line no-undef
      window.__reportCsp(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
}

export function control(page, id) {
  return page.locator(`infoplus-signature[signature-id="${id}"]`);
}

export function seal(ctl, i = 0) {
  return ctl.locator(`[part~="seal"][data-seal="${i}"]`);
}

export function part(scope, name) {
  return scope.locator(`[part~="${name}"]`);
}

/// Waits until the control has left loading for one of `states`.
export async function expectState(ctl, states, timeout) {
  const list = Array.isArray(states) ? states : [states];
  await expect
    .poll(async () => ctl.getAttribute('data-state'), { timeout, message: `data-state in ${list}` })
    .toMatch(new RegExp(`^(${list.join('|')})$`));
}

/// Opens the demo form and waits until the named controls have loaded.
export async function openDemo(page, { lang = 'en', ids = ['demo-applicant'], states = ['unsigned', 'signed'] } = {}) {
  await page.goto(lang === 'en' ? '/?lang=en' : '/');
  for (const id of ids) await expectState(control(page, id), states);
}

/// The control's `value` property, as plain data.
export async function valueOf(ctl) {
  return ctl.evaluate((el) => el.value);
}

/// What the form would submit for `name` (the control's form value).
export async function formValue(page, name) {
  return page.evaluate((n) => {
    const form = document.querySelector('form');
    const v = new FormData(form).get(n);
    return v == null ? null : String(v);
  }, name);
}

export function isSigned(sealJson) {
  return !!(sealJson && typeof sealJson.signature === 'string' && sealJson.signature.length > 0);
}

/// On the provider page: check the seal options offered, choose one and
/// confirm; returns the ids that were offered.
export async function confirmAtProvider(page, sealId) {
  await expect(page.getByTestId('confirm')).toBeVisible();
  const options = await page.getByTestId('seal-option').evaluateAll((els) => els.map((e) => e.value));
  if (sealId) await page.locator(`[data-testid="seal-option"][value="${sealId}"]`).check();
  await page.getByTestId('confirm').click();
  return options;
}

/// Clicks Stamp on seal `i` of `ctl` and waits for the provider page.
export async function stampToProvider(page, ctl, i = 0) {
  await part(seal(ctl, i), 'stamp-button').click();
  await page.waitForURL(/\/provider\/sign\//);
}

/// Back on the form after the provider: waits until the control settled.
export async function backOnForm(page, ctl) {
  await page.waitForURL((url) => url.pathname === '/' && !url.search.includes('sig_'), { timeout: 15_000 });
  await expectState(ctl, ['unsigned', 'signed']);
}

/// One full redirect round trip for seal `i`: stamp, confirm, back.
export async function stampRoundTrip(page, id, { seal: i = 0, sealId } = {}) {
  const ctl = control(page, id);
  await stampToProvider(page, ctl, i);
  const offered = await confirmAtProvider(page, sealId);
  await backOnForm(page, ctl);
  return offered;
}

export async function screenshot(target, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await target.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/// `test` with the database reset and faults off before each test.
export const test = base.extend({
  resetDb: [
    async ({ request }, use) => {
      await resetServer(request);
      await use();
    },
    { auto: true },
  ],
});
