// "Show on the page" (the page preview): after verify, the PDF panel's
// button opens a region where pdf.js draws each page holding a signature
// and outlines every signature in its status colour. The demo's sealed
// record (a valid PDF signature, plus its document timestamp, which is
// invisible) and its tampered twin (invalid) are checked: each outline's
// box is the widget's rectangle mapped onto the canvas, its border has the
// status colour on screen, the canvas is not blank, pdf.js is fetched only
// on opening, under the demo's CSP with no violation nor console error;
// keyboard (focus, names, Escape), axe, and a 320 px wide screen.
import path from 'node:path';
import {
  test, expect, control, seal, part, openDemo, expectState, watchProblems, collectCspViolations, s1, ROOT,
} from './helpers.mjs';

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
/// The verdict cards' colours (style/control.css), by `data-status`.
const COLOURS = { valid: [0x11, 0x63, 0x29], indeterminate: [0x7d, 0x4e, 0x00], invalid: [0xa4, 0x0e, 0x26] };
const CASES = [['demo-sealed', 'valid'], ['demo-tampered', 'invalid']];

/// The first page's /MediaBox of the stored document (the demo's PDFs have
/// one page box, origin 0 0).
async function mediaBox(request, id) {
  const { uri } = await s1(request, id);
  const bytes = await (await request.get(uri)).body();
  const m = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(bytes.toString('latin1'));
  return m.slice(1).map(Number);
}

/// Verify seal 0 of `id`; the `signature-verified` detail.
async function verify(page, id) {
  const ctl = control(page, id);
  await ctl.evaluate((el) => {
    el.addEventListener('signature-verified', (e) => { el.__detail = e.detail; }, { once: true });
  });
  await part(seal(ctl), 'verify-button').click();
  await expectState(ctl, ['verified'], 30_000);
  return { ctl, detail: await ctl.evaluate((el) => el.__detail) };
}

/// The RGB of one screen pixel (a screenshot decoded by the browser).
async function pixel(page, x, y) {
  const png = await page.screenshot({ clip: { x, y, width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(1, 1);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
  }, png.toString('base64'));
}

test.describe('under the demo CSP', () => {
  test('outlines sit on the widgets in their status colours; pdf.js only on opening', async ({ page, context, request }) => {
    const csp = [];
    await collectCspViolations(context, csp);
    const problems = watchProblems(page);
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    await openDemo(page, { ids: CASES.map(([id]) => id), states: ['signed'] });

    for (const [id, status] of CASES) {
      const { ctl, detail } = await verify(page, id);
      // Nothing of pdf.js before the first view opens (verify included).
      // Nor of the preview's own part.
      if (id === CASES[0][0]) {
        expect(requested.filter((u) => u.includes('/pdfjs/')), 'pdf.js before the view opens').toEqual([]);
        expect(requested.filter((u) => u.includes('split_preview')), 'the preview part before the view opens').toEqual([]);
      }
      const button = part(ctl, 'preview-button');
      await expect(button).toHaveText('Show on the page');
      await button.click();
      const region = part(ctl, 'preview');
      await expect(region).toBeVisible();
      await expect(region).toHaveAttribute('aria-label', /signatures/);
      await expect(part(ctl, 'preview-status')).toHaveAttribute('data-phase', 'ready', { timeout: 20_000 });
      expect(requested.some((u) => u.includes('split_preview'))).toBe(true);
      expect(requested.some((u) => u.endsWith('/pdfjs/pdf.min.mjs'))).toBe(true);
      expect(requested.some((u) => u.endsWith('/pdfjs/pdf.worker.min.mjs'))).toBe(true);

      const [mx0, , mx1, my1] = await mediaBox(request, id);
      const visible = detail.pdf.signatures.filter((s) => s.widget);
      expect(visible.length, 'a visible signature').toBeGreaterThan(0);
      for (const sig of visible) {
        const outline = part(ctl, 'preview-outline').and(ctl.locator(`[data-label="${sig.field}"]`));
        await expect(outline).toHaveAttribute('data-status', sig.status);
        await expect(outline).toHaveAttribute('aria-label', `${sig.field}, ${sig.status === 'valid' ? 'valid' : sig.status === 'invalid' ? 'invalid' : 'not confirmed'}, page ${sig.widget.page}`);
        const canvas = part(ctl, 'preview-page').and(ctl.locator(`[data-page="${sig.widget.page}"]`)).locator('canvas');
        // In view: boxes and the screenshot clip are viewport coordinates.
        await outline.scrollIntoViewIfNeeded();
        const c = await canvas.boundingBox();
        const o = await outline.boundingBox();
        const scale = c.width / (mx1 - mx0);
        const [x1, y1, x2, y2] = sig.widget.rect;
        const want = { x: c.x + (x1 - mx0) * scale, y: c.y + (my1 - y2) * scale, width: (x2 - x1) * scale, height: (y2 - y1) * scale };
        for (const k of ['x', 'y', 'width', 'height']) {
          expect(Math.abs(o[k] - want[k]), `${id} ${sig.field} ${k}: ${o[k]} vs ${want[k]}`).toBeLessThanOrEqual(2);
        }
        // On the left border, halfway down: the status colour.
        const rgb = await pixel(page, o.x + 1.5, o.y + o.height / 2);
        const expected = COLOURS[sig.status];
        for (let i = 0; i < 3; i++) expect(Math.abs(rgb[i] - expected[i]), `${id} pixel ${rgb} vs ${expected}`).toBeLessThanOrEqual(12);
      }
      expect(status).toBe(visible[0].status);
      // The page was drawn: far from all white.
      const inked = await part(ctl, 'preview-page').first().locator('canvas').evaluate((cv) => {
        const data = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) n++;
        return n;
      });
      expect(inked, 'inked pixels on the canvas').toBeGreaterThan(1000);
      // Invisible signatures (the document timestamp) are listed in words.
      if (detail.pdf.signatures.some((s) => !s.widget)) {
        await expect(part(ctl, 'preview-unplaced')).toContainText('invisible signature');
      }

      // Keyboard: the close button has focus; outlines are reachable; Escape
      // closes and gives focus back to the button.
      const active = () => ctl.evaluate((el) => el.shadowRoot.activeElement?.getAttribute('part'));
      expect(await active()).toBe('preview-close');
      await page.keyboard.press('Tab');
      expect(await active()).toBe('preview-outline');
      await page.keyboard.press('Escape');
      await expect(region).toHaveCount(0);
      expect(await active()).toBe('preview-button');
      await expect(button).toHaveAttribute('aria-expanded', 'false');
    }
    expect(csp, 'CSP violations').toEqual([]);
    expect(problems, 'console errors').toEqual([]);
  });
});

test.describe('axe', () => {
  // axe is injected as a script, which the demo's CSP refuses.
  test.use({ bypassCSP: true });
  test('no serious or critical violation in the open view', async ({ page }) => {
    await openDemo(page, { ids: ['demo-sealed'], states: ['signed'] });
    const { ctl } = await verify(page, 'demo-sealed');
    await part(ctl, 'preview-button').click();
    await expect(part(ctl, 'preview-status')).toHaveAttribute('data-phase', 'ready', { timeout: 20_000 });
    await page.addScriptTag({ path: AXE });
    const serious = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target) }));
    });
    expect(serious).toEqual([]);
  });
});

test.describe('at 320 px', () => {
  test.use({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });
  test('the open view fits the control', async ({ page }) => {
    await openDemo(page, { ids: ['demo-sealed'], states: ['signed'] });
    const { ctl } = await verify(page, 'demo-sealed');
    await part(ctl, 'preview-button').click();
    await expect(part(ctl, 'preview-status')).toHaveAttribute('data-phase', 'ready', { timeout: 20_000 });
    await expect(part(ctl, 'preview-outline').first()).toBeVisible();
    const overflow = await ctl.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const width = document.documentElement.clientWidth;
      const out = [];
      if (document.documentElement.scrollWidth > width) out.push(`page ${document.documentElement.scrollWidth} > ${width}`);
      for (const node of el.shadowRoot.querySelectorAll('.preview, .preview *')) {
        const r = node.getBoundingClientRect();
        if (r.width && r.right > box.right + 0.5) out.push(`${node.className} ends at ${r.right} > ${box.right}`);
      }
      return out;
    });
    expect(overflow).toEqual([]);
  });
});
