// What the flows say to the devserver (from Node, outside the browser) and
// to the page (through one WebDriver session). Everything inside the
// control's shadow root is reached with executeScript, which behaves the
// same in ChromeDriver, geckodriver and WebKitWebDriver; clicks are
// WebDriver element clicks (trusted events: popup mode needs one to open
// its window).
import assert from 'node:assert/strict';

/// The devserver's test routes, as the Playwright suite's helpers use them.
export class Server {
  constructor(base) {
    this.base = base;
  }

  async #call(method, path, body, type = 'application/json') {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.body = type === 'application/json' ? JSON.stringify(body) : body;
      init.headers['content-type'] = type;
    }
    const r = await fetch(new URL(path, this.base), init);
    const text = await r.text();
    assert.ok(r.ok, `${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }

  /// The seeded demo records back, every fault switch off (faults live in
  /// memory and survive /dev/reset).
  async reset() {
    await this.#call('POST', '/dev/reset');
    await this.#call('POST', '/dev/faults', { s1: null, s2: null, ex: null, provider: null });
  }

  /// S1: the engine's own record of Signature `id`.
  async s1(id) {
    const body = await this.#call('GET', `/api/signature/${id}`);
    return body.entities ? body.entities[0] : body;
  }

  /// `bytes` become Signature `id`'s document, seal 0 signed over exactly
  /// those bytes (a raw seal: no PDF signature).
  async document(id, bytes) {
    return this.#call('POST', `/dev/document/${id}`, bytes, 'application/octet-stream');
  }
}

export function isSigned(seal) {
  return !!(seal && typeof seal.signature === 'string' && seal.signature.length > 0);
}

/// Polls `probe` until `ok(value)`; fails with the last value seen.
export async function waitFor(what, probe, ok = Boolean, timeout = 15_000) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (ok(last)) return last;
    } catch (e) {
      last = `threw ${e.message}`;
    }
    if (Date.now() > until) assert.fail(`timed out after ${timeout} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/// The control's CSS selector: a Signature id, or a selector as it is.
export const host = (id) => (/[[.#\s]/.test(id) ? id : `infoplus-signature[signature-id="${id}"]`);

const SEAL = (i) => `[part~="seal"][data-seal="${i}"]`;
/// A selector inside the control for part `name` of seal `i`.
export const sealPart = (name, i = 0) => `${SEAL(i)} [part~="${name}"]`;

/// One browser session on the devserver's pages.
export class Page {
  constructor(driver, base) {
    this.driver = driver;
    this.base = base;
  }

  url(path) {
    return new URL(path, this.base).href;
  }

  async go(path) {
    await this.driver.get(this.url(path));
  }

  /// A provider session for `user` (the browser's cookie).
  async login(user) {
    await this.go(`/dev/login?user=${user}&next=/dev`);
  }

  run(fn, ...args) {
    return this.driver.executeScript(fn, ...args);
  }

  async location() {
    return new URL(await this.driver.getCurrentUrl());
  }

  /// Attribute `name` of the control `id` (host), or of the first element
  /// matching `selector` in its shadow root; null if there is none.
  attr(id, name, selector = null) {
    return this.run((id, name, selector) => {
      const el = document.querySelector(id);
      const node = el && (selector ? el.shadowRoot.querySelector(selector) : el);
      return node ? node.getAttribute(name) : null;
    }, host(id), name, selector);
  }

  /// Text of the first element matching `selector` in control `id`.
  text(id, selector) {
    return this.run((id, selector) => {
      const el = document.querySelector(id);
      const node = el && el.shadowRoot.querySelector(selector);
      return node ? node.textContent : null;
    }, host(id), selector);
  }

  /// Waits until control `id` is in one of `states` (its `data-state`).
  async expectState(id, states, timeout = 15_000) {
    const list = [states].flat();
    return waitFor(`${id} data-state in ${list}`, () => this.attr(id, 'data-state'), (s) => list.includes(s), timeout);
  }

  async expectAttr(id, name, want, selector = null, timeout = 15_000) {
    const ok = want instanceof RegExp ? (v) => v != null && want.test(v) : (v) => v === want;
    return waitFor(`${id} ${selector || ''} [${name}] = ${want}`, () => this.attr(id, name, selector), ok, timeout);
  }

  /// Opens the demo form in English and waits until `ids` have loaded.
  async openDemo(ids = ['demo-applicant']) {
    await this.go('/?lang=en');
    for (const id of ids) await this.expectState(id, ['unsigned', 'signed']);
  }

  /// A WebDriver click on `selector` in control `id`'s shadow root.
  async click(id, selector) {
    const node = await waitFor(`${id} ${selector} to be there`, () =>
      this.run((id, selector) => {
        const el = document.querySelector(id);
        const n = el && el.shadowRoot.querySelector(selector);
        if (n) n.scrollIntoView({ block: 'center' });
        return n;
      }, host(id), selector));
    await node.click();
  }

  /// A WebDriver click on a light-DOM element.
  async clickCss(css) {
    const { By } = await import('selenium-webdriver');
    await (await this.driver.findElement(By.css(css))).click();
  }

  /// The control's `value` property, as plain data.
  value(id) {
    return this.run((id) => {
      const v = document.querySelector(id).value;
      return v == null ? null : JSON.stringify(v);
    }, host(id)).then((t) => (t == null ? null : JSON.parse(t)));
  }

  /// What the first form on the page would submit under `name`.
  formValue(name) {
    return this.run((name) => {
      const v = new FormData(document.querySelector('form')).get(name);
      return v == null ? null : String(v);
    }, name);
  }

  async waitForUrl(what, ok, timeout = 15_000) {
    return waitFor(`the URL: ${what}`, () => this.location(), ok, timeout);
  }

  /// On the provider page: choose `sealId` (if given) and confirm; returns
  /// the seal ids offered.
  async confirmAtProvider(sealId) {
    await waitFor('the provider page', () => this.run(() => !!document.querySelector('[data-testid="confirm"]')));
    const offered = await this.run(() =>
      [...document.querySelectorAll('[data-testid="seal-option"]')].map((e) => e.value));
    if (sealId) await this.clickCss(`[data-testid="seal-option"][value="${sealId}"]`);
    await this.clickCss('[data-testid="confirm"]');
    return offered;
  }

  /// Redirect mode, seal `i` of control `id`: stamp, confirm, back settled.
  async stampRoundTrip(id, { seal = 0, sealId } = {}) {
    await this.click(id, sealPart('stamp-button', seal));
    await this.waitForUrl('/provider/sign/…', (u) => u.pathname.startsWith('/provider/sign/'));
    const offered = await this.confirmAtProvider(sealId);
    await this.waitForUrl('back on / without sig_*', (u) => u.pathname === '/' && !u.search.includes('sig_'));
    await this.expectState(id, ['unsigned', 'signed']);
    return offered;
  }
}
