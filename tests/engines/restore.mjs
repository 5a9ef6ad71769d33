// formStateRestoreCallback, the one ElementInternals callback the demo
// form cannot show: a control with a `value` attribute (no engine, so no
// S1 read overrides what is restored), edited, left, and come back to with
// Back. With the back/forward cache off (driver.mjs), every engine loads the
// page again and restores its form state: the `<input>` gets what was typed,
// and the control, through formStateRestoreCallback, the state it gave
// setFormValue. Without the callback it would show its `value` attribute.
//
// The page is served by a small server of ours that passes every other
// request to the devserver (the control's files, same origin): the
// devserver has no page with a local control, and its pages are not ours.
import assert from 'node:assert/strict';
import http from 'node:http';
import { waitFor } from './page.mjs';

const INITIAL = { id: 'e2e-local', seals: [{ placeHolder: 'original' }] };
const EDITED = { id: 'e2e-local', seals: [{ placeHolder: 'edited' }] };
const attr = (s) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;');

const PAGES = {
  '/engines/restore.html': `<!doctype html><meta charset="utf-8"><title>restore</title>
<form><input name="other" value="default">
<infoplus-signature name="local" lang="en" value='${attr(JSON.stringify(INITIAL))}'></infoplus-signature></form>
<a id="away" href="/engines/away.html">away</a>
<script type="module" src="/dist/infoplus-signature.js"></script>`,
  '/engines/away.html': '<!doctype html><meta charset="utf-8"><title>away</title><p>away</p>',
};

/// Serves PAGES, forwards the rest to `upstream`; resolves to its base URL
/// and a close function.
export async function fixtureServer(upstream) {
  const up = new URL(upstream);
  const server = http.createServer((req, res) => {
    const page = PAGES[new URL(req.url, 'http://x').pathname];
    if (page) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    const forward = http.request(
      { host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', (e) => res.writeHead(502, { 'content-type': 'text/plain' }).end(String(e)));
    req.pipe(forward);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

/// The flow; `page` is on the fixture server (run.mjs), in a session with
/// the back/forward cache off.
export async function restore({ page }) {
  const local = 'infoplus-signature[name="local"]';
  await page.go('/engines/restore.html');
  await page.expectState(local, 'unsigned');
  assert.deepEqual(JSON.parse(await page.formValue('local')), INITIAL, 'the value attribute');
  await page.run((sel, v) => {
    document.querySelector(sel).value = v;
    document.querySelector('[name="other"]').value = 'typed';
    window.__left = true;
  }, local, EDITED);
  await waitFor('the edited form value', () => page.formValue('local'), (t) => t && JSON.parse(t).seals[0].placeHolder === 'edited');

  await page.clickCss('#away');
  await page.waitForUrl('away', (u) => u.pathname === '/engines/away.html');
  await page.driver.navigate().back();
  await page.waitForUrl('back', (u) => u.pathname === '/engines/restore.html');
  await page.expectState(local, 'unsigned');
  assert.equal(await page.run(() => window.__left ?? null), null, 'the page was loaded again, not taken from the cache');
  assert.equal(await page.run(() => document.querySelector('[name="other"]').value), 'typed', 'the input restored');
  const restored = await waitFor('the control restored', () => page.formValue('local'), (t) => t && JSON.parse(t).seals[0].placeHolder === 'edited', 5_000);
  assert.deepEqual(JSON.parse(restored), EDITED, 'the form value restored');
  assert.deepEqual(await page.value(local), EDITED, 'the value property restored');
  await waitFor('the view to show it', () => page.text(local, '[part~="seal-title"]'), (t) => t && t.includes('edited'), 5_000);
}
