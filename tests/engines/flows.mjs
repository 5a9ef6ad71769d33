// The end-to-end flows every engine must pass, written once against
// WebDriver (page.mjs). Each asserts outcomes, not just "no error":
// data-state, the form value the form would submit, the engine's record
// (S1), verdicts, boxes. Each flow gets a fresh session and a reset devserver.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSigned, sealPart, waitFor, host } from './page.mjs';
import { restore } from './restore.mjs';
import { auditor } from './auditor.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ALL = ['demo-applicant', 'demo-approval', 'demo-sealed', 'demo-tampered'];

/// Adds a control with `attrs` to the demo form, before its submit button.
async function addControl(page, attrs, key) {
  await page.run((attrs, key) => {
    const el = document.createElement('infoplus-signature');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.dataset.e2e = key;
    document.querySelector('[data-testid="submit"]').before(el);
  }, attrs, key);
  return `infoplus-signature[data-e2e="${key}"]`;
}

/// Clicks Verify on seal 0 and waits for its verdict; returns `data-result`.
async function verify(page, id) {
  await page.click(id, sealPart('verify-button'));
  const result = await page.expectAttr(id, 'data-result', /.+/, sealPart('verdict'), 30_000);
  await page.expectState(id, ['verified'], 30_000);
  return result;
}

export const FLOWS = {
  // (1) The control renders what S1 says: state, seals, titles, value.
  async load({ page, server }) {
    await page.openDemo(ALL);
    for (const id of ALL) {
      const record = await server.s1(id);
      const signed = record.seals.every(isSigned);
      assert.equal(await page.attr(id, 'data-state'), signed ? 'signed' : 'unsigned', id);
      const seals = await page.run((sel) => [...document.querySelector(sel).shadowRoot
        .querySelectorAll('[part~="seal"]')].map((s) => ({ signed: s.dataset.signed, title: s.querySelector('[part~="seal-title"]')?.textContent })), host(id));
      assert.deepEqual(seals.map((s) => s.signed), record.seals.map((s) => String(isSigned(s))), `${id} data-signed`);
      record.seals.forEach((s, i) => assert.ok(seals[i].title.includes(s.placeHolder), `${id} seal ${i} title ${seals[i].title}`));
      // The `value` property is S1's record, and so is the form value.
      assert.deepEqual(await page.value(id), record, `${id} value`);
      // The state as a custom state too (:state(), CustomStateSet).
      const state = signed ? 'signed' : 'unsigned';
      assert.equal(await page.run((sel, s) => document.querySelector(sel).matches(`:state(${s})`), host(id), state), true, `${id} :state(${state})`);
    }
    assert.deepEqual(JSON.parse(await page.formValue('applicantSignature')), await server.s1('demo-applicant'));
    assert.equal(await page.text('demo-sealed', sealPart('stamp-button')), null, 'read-only: no Stamp');
  },

  // (2) Redirect mode: stamp → provider → confirm → back signed.
  async redirect({ page, server }) {
    await page.login('zhangsan');
    await page.openDemo();
    const id = 'demo-applicant';
    assert.equal(await page.attr(id, 'data-signed', '[part~="seal"]'), 'false');
    await page.click(id, sealPart('stamp-button'));
    await page.waitForUrl('the provider', (u) => u.pathname.startsWith('/provider/sign/'));
    assert.match(await page.run(() => document.querySelector('[data-testid="signer"]').textContent), /zhangsan/);
    await page.confirmAtProvider();
    await page.waitForUrl('back on /?lang=en', (u) => u.pathname === '/' && u.search === '?lang=en', 20_000);
    await page.expectState(id, 'signed');
    await page.expectAttr(id, 'data-notice', 'done', '[part~="status"]');
    assert.equal(await page.attr(id, 'data-signed', '[part~="seal"]'), 'true');
    const value = await page.value(id);
    const record = await server.s1(id);
    assert.ok(isSigned(value.seals[0]), 'value signed');
    assert.equal(value.seals[0].signature, record.seals[0].signature, 'value = S1');
    assert.deepEqual(JSON.parse(await page.formValue('applicantSignature')), value, 'form value = value');
  },

  // (3) Popup mode: the service in a new window; the result in the opener.
  async popup({ page, server }) {
    const { driver } = page;
    await page.login('zhangsan');
    await page.openDemo();
    const id = 'demo-applicant';
    await page.run((sel) => document.querySelector(sel).setAttribute('mode', 'popup'), host(id));
    await page.expectState(id, 'unsigned');
    const opener = await driver.getWindowHandle();
    const before = await driver.getCurrentUrl();
    await page.click(id, sealPart('stamp-button'));
    const handles = await waitFor('a second window', () => driver.getAllWindowHandles(), (h) => h.length === 2);
    await page.expectState(id, 'signing');
    await driver.switchTo().window(handles.find((h) => h !== opener));
    await page.waitForUrl('the provider in the popup', (u) => u.pathname.startsWith('/provider/sign/'));
    await page.confirmAtProvider();
    // The return page posts to its opener and closes itself.
    await waitFor('the popup to close', () => driver.getAllWindowHandles(), (h) => h.length === 1, 20_000);
    await driver.switchTo().window(opener);
    await page.expectState(id, 'signed', 20_000);
    await page.expectAttr(id, 'data-notice', 'done', '[part~="status"]');
    assert.equal(await driver.getCurrentUrl(), before, 'the opener stayed where it was');
    const value = await page.value(id);
    assert.equal(value.seals[0].signature, (await server.s1(id)).seals[0].signature, 'value = S1');
    assert.deepEqual(JSON.parse(await page.formValue('applicantSignature')), value);
  },

  // (4) A form field through ElementInternals: setValidity (required),
  // setFormValue (FormData), formResetCallback, and the host form's other
  // fields put back after the redirect round trip.
  async form({ page, server }) {
    await page.login('zhangsan');
    await page.openDemo(ALL);
    const id = 'demo-applicant';
    const validity = () => page.run((sel) => {
      const el = document.querySelector(sel);
      return { valid: el.checkValidity(), missing: el.validity.valueMissing, message: el.validationMessage,
        willValidate: el.willValidate, form: el.form === document.querySelector('form') };
    }, host(id));
    const v = await validity();
    assert.deepEqual({ ...v, message: undefined }, { valid: false, missing: true, willValidate: true, form: true, message: undefined });
    assert.ok(v.message.length > 0, 'a validation message');
    assert.equal(await page.run(() => document.querySelector('form').checkValidity()), false, 'form invalid');
    for (const sealed of ['demo-sealed', 'demo-tampered']) {
      assert.equal(await page.run((sel) => document.querySelector(sel).checkValidity(), host(sealed)), true, sealed);
    }
    // Submitting is blocked: still on the form a moment later.
    await page.clickCss('[data-testid="submit"]');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await page.location()).pathname, '/', 'submit blocked');

    // The form value is S1's record, compact JSON, under `name`.
    assert.deepEqual(JSON.parse(await page.formValue('applicantSignature')), await server.s1(id));

    // Reset: a control with a `value` attribute goes back to it.
    const initial = { id: 'e2e-local', seals: [{ placeHolder: 'original' }] };
    const local = await addControl(page, { name: 'local', lang: 'en', value: JSON.stringify(initial) }, 'local');
    await page.expectState(local, 'unsigned');
    assert.deepEqual(JSON.parse(await page.formValue('local')), initial);
    const edited = { id: 'e2e-local', seals: [{ placeHolder: 'edited' }] };
    await page.run((sel, v) => { document.querySelector(sel).value = v; }, local, edited);
    await waitFor('the edited form value', () => page.formValue('local'), (t) => t && JSON.parse(t).seals[0].placeHolder === 'edited');
    await page.run(() => document.querySelector('form').reset());
    await waitFor('form.reset() to restore the value attribute', () => page.formValue('local'), (t) => t === JSON.stringify(initial));
    await waitFor('the view to show it', () => page.text(local, '[part~="seal-title"]'), (t) => t && t.includes('original'));
    await page.run((sel) => document.querySelector(sel).remove(), local);
    await page.expectState(id, 'unsigned');

    // The other fields, typed, survive the trip to the provider and back.
    const { By, Key } = await import('selenium-webdriver');
    const typed = { applicant: 'Wang Xiaoming 王小明', department: 'E2E dept', reason: 'Typed before stamping.\nSecond line.' };
    for (const [name, text] of Object.entries(typed)) {
      const field = await page.driver.findElement(By.css(`[name="${name}"]`));
      await field.clear();
      // Enter as the WebDriver key: WebKitWebDriver types "\n" as nothing.
      await field.sendKeys(...text.split('\n').flatMap((line, i) => (i ? [Key.ENTER, line] : [line])));
    }
    const dates = { from: '2027-01-04', to: '2027-01-08' };
    await page.run((d) => { for (const [n, v] of Object.entries(d)) document.querySelector(`[name="${n}"]`).value = v; }, dates);
    const want = { ...typed, ...dates };
    const fields = () => page.run((names) => Object.fromEntries(names.map((n) => [n, document.querySelector(`[name="${n}"]`).value])), Object.keys(want));
    assert.deepEqual(await fields(), want, 'typed');
    await page.stampRoundTrip(id);
    await page.expectState(id, 'signed');
    assert.deepEqual(await waitFor('the fields put back', fields, (f) => isDeepStrictEqual(f, want)), want);
    // Valid now (setValidity cleared); the form still waits for approval.
    assert.deepEqual({ ...(await validity()), message: undefined }, { valid: true, missing: false, willValidate: true, form: true, message: undefined });
    const sent = JSON.parse(await page.formValue('applicantSignature'));
    assert.equal(sent.seals[0].signature, (await server.s1(id)).seals[0].signature, 'the form submits what S1 has');
    assert.equal(await page.run(() => document.querySelector('form').checkValidity()), false, 'approval still unsigned');
  },

  // (4b) formStateRestoreCallback (restore.mjs): on a page of our own, in
  // a session whose Back loads the page again.
  restore,

  // (5) Verify a raw seal (over the document's bytes) and a seal that is a
  // PDF signature (demo-sealed, from the dev CA the demo form trusts).
  async verify({ page, server }) {
    const pdf = fs.readFileSync(path.join(ROOT, 'verify/tests/pdf/unsigned-2pages.pdf'));
    await server.document('e2e-raw', pdf);
    await page.openDemo(['demo-sealed']);
    const raw = await addControl(page, { 'signature-id': 'e2e-raw', engine: '/api', service: '/sign', lang: 'en', readonly: '' }, 'raw');
    await page.expectState(raw, 'signed');
    assert.equal(await verify(page, raw), 'valid', 'the raw seal');
    assert.ok((await page.text(raw, sealPart('verdict-headline'))).trim().length > 0, 'a verdict headline');
    assert.match(await page.text(raw, sealPart('verdict-details')), /SM2withSM3/);

    assert.equal(await verify(page, 'demo-sealed'), 'valid', 'the PDF-signature seal');
    await page.expectAttr('demo-sealed', 'data-verdict', 'valid', '[part~="pdf-banner"]');
    assert.equal(await page.attr('demo-sealed', 'data-status', '[part~="pdf"]'), 'parsed');
    assert.equal(await page.attr('demo-sealed', 'data-notice', '[part~="status"]'), 'verified');
    // And a tampered document is not valid (the verdict is not a constant).
    assert.equal(await verify(page, 'demo-tampered'), 'invalid', 'the tampered document');
  },

  // (5b) After a verify: the signed version, times in words, the page
  // preview with pdf.js (auditor.mjs).
  auditor,

  // (2b) Redirect mode, then Back from the provider: Chromium and WebKit
  // restore the page from the back/forward cache as it was left (once stuck
  // at "Going to the signature service…"), Firefox loads it again. Either
  // way the control is usable again, and the next trip signs.
  async back({ page, server }) {
    await page.login('zhangsan');
    await page.openDemo();
    const id = 'demo-applicant';
    await page.run(() => { window.__before = true; });
    await page.click(id, sealPart('stamp-button'));
    await page.waitForUrl('the provider', (u) => u.pathname.startsWith('/provider/sign/'));
    await page.driver.navigate().back();
    await page.waitForUrl('back on the form', (u) => u.pathname === '/');
    const restored = await page.run(() => window.__before === true);
    await page.expectState(id, 'unsigned');
    await page.expectAttr(id, 'aria-disabled', 'false', sealPart('stamp-button'));
    assert.notEqual(await page.attr(id, 'aria-busy', '[part~="seal"]'), 'true', `not busy (restored from the cache: ${restored})`);
    assert.equal(isSigned((await server.s1(id)).seals[0]), false, 'S1 unsigned');
    await page.stampRoundTrip(id);
    await page.expectState(id, 'signed');
    assert.equal((await page.value(id)).seals[0].signature, (await server.s1(id)).seals[0].signature, 'value = S1');
  },

  // (6) Delete a seal: confirm, S2, back to unsigned everywhere.
  async delete({ page, server }) {
    await page.login('zhangsan');
    await page.openDemo();
    const id = 'demo-applicant';
    await page.stampRoundTrip(id);
    await page.expectState(id, 'signed');
    await page.click(id, sealPart('delete-button'));
    await page.expectAttr(id, 'part', /confirm/, sealPart('confirm'));
    await page.click(id, sealPart('confirm-delete-button'));
    await page.expectState(id, 'unsigned');
    await page.expectAttr(id, 'data-notice', 'deleted', '[part~="status"]');
    assert.equal(await page.attr(id, 'data-signed', '[part~="seal"]'), 'false');
    assert.equal(isSigned((await server.s1(id)).seals[0]), false, 'S1 unsigned');
    assert.equal(isSigned(JSON.parse(await page.formValue('applicantSignature')).seals[0]), false, 'form value unsigned');
    assert.equal(isSigned((await page.value(id)).seals[0]), false, 'value unsigned');
  },

  // (7) 320 px wide: no sideways scrolling, every control within the
  // viewport, nothing in a shadow root past its control's right edge. The
  // viewport is an iframe 320 px wide: Firefox will not make a window
  // narrower than 500 px (headless too), and an iframe is the same 320 px
  // viewport (media queries, layout) in every engine.
  async narrow({ page }) {
    await page.go('/dev');
    await page.run((src) => {
      document.body.innerHTML = '';
      document.body.style.margin = '0';
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.style.cssText = 'width: 320px; height: 700px; border: 0; display: block';
      document.body.append(frame);
    }, page.url('/?lang=en'));
    const { By } = await import('selenium-webdriver');
    await page.driver.switchTo().frame(await page.driver.findElement(By.css('iframe')));
    await waitFor('the demo in the frame', () => page.run(() => document.readyState === 'complete' && !!document.querySelector('infoplus-signature')));
    for (const id of ['demo-applicant', 'demo-sealed']) await page.expectState(id, ['unsigned', 'signed']);
    assert.equal(await page.run(() => window.innerWidth), 320, 'a 320 px viewport');
    const problems = () => page.run(() => {
      const out = [];
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth > width) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
      for (const el of document.querySelectorAll('infoplus-signature')) {
        const id = el.getAttribute('signature-id');
        const box = el.getBoundingClientRect();
        if (box.width > width || box.right > width + 0.5) out.push(`${id}: ${box.left}..${box.right} in ${width}`);
        for (const node of el.shadowRoot.querySelectorAll('*')) {
          const r = node.getBoundingClientRect();
          if ((r.width || r.height) && r.right > box.right + 0.5) out.push(`${id} ${node.getAttribute('part') || node.localName}: ${r.right} > ${box.right}`);
        }
      }
      return out;
    });
    assert.deepEqual(await problems(), [], 'unsigned and signed');
    // The longest texts the control shows: a verified PDF signature.
    assert.equal(await verify(page, 'demo-sealed'), 'valid');
    assert.deepEqual(await problems(), [], 'after a verify');
  },
};

/// Sessions some flows need: restore's Back must load the page again, and
/// run on the fixture server (run.mjs) rather than the devserver.
export const SETUP = { restore: { session: { noBackForwardCache: true }, fixture: true } };
