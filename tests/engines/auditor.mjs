// What an auditor does after a verify, in every engine (issue 16): opens
// the version a signature signed (a blob: link, sliced from the document
// the control downloaded: its bytes must be the file's first `data-bytes`),
// reads times in the viewer's zone (no ISO UTC strings left), and opens
// "show on the page": pdf.js (module script, its own worker) draws the page
// under the demo's CSP, each outline sits inside the drawn page, the drawing
// is not blank, and Escape closes the region and gives focus back.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sealPart, waitFor, host } from './page.mjs';

const ID = 'demo-sealed';

/// SHA-256 (hex) of the bytes behind a blob: URL, in the page.
function blobDigest(page, href) {
  return page.driver.executeAsyncScript((href, done) => {
    fetch(href).then((r) => r.arrayBuffer()).then((b) => crypto.subtle.digest('SHA-256', b))
      .then((d) => done([...new Uint8Array(d)].map((x) => x.toString(16).padStart(2, '0')).join('')))
      .catch((e) => done(`error: ${e}`));
  }, href);
}

/// Facts about the open preview region, read in the page.
function previewFacts(page) {
  return page.run((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const canvas = root.querySelector('[part~="preview-page"] canvas');
    const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    let inked = 0;
    if (canvas && canvas.width) {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4 * 97) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) inked += 1;
    }
    return {
      phase: root.querySelector('[part~="preview-status"]')?.dataset.phase,
      canvas: canvas ? box(canvas) : null,
      outlines: [...root.querySelectorAll('[part~="preview-outline"]')].map((o) => ({
        box: box(o), status: o.dataset.status, name: o.getAttribute('aria-label'),
      })),
      inked,
      focused: root.activeElement?.getAttribute('part') ?? null,
    };
  }, host(ID));
}

export async function auditor({ page, server }) {
  await page.openDemo([ID]);
  await page.click(ID, sealPart('verify-button'));
  await page.expectState(ID, ['verified'], 30_000);

  // The signed version: exactly the file's first data-bytes.
  const record = await server.s1(ID);
  const file = Buffer.from(await (await fetch(new URL(record.uri, server.base))).arrayBuffer());
  const link = '[part~="pdf-signature"] [part~="signed-version-link"]';
  const href = await page.attr(ID, 'href', link);
  assert.match(href ?? '', /^blob:/, 'a blob: link to the signed version');
  const bytes = Number(await page.attr(ID, 'data-bytes', link));
  assert.ok(bytes > 0 && bytes <= file.length, `data-bytes ${bytes} of ${file.length}`);
  const want = crypto.createHash('sha256').update(file.subarray(0, bytes)).digest('hex');
  assert.equal(await blobDigest(page, href), want, 'the link gives the bytes of its revision');

  // Times as people read them: the zone named, no ISO UTC strings.
  const card = await page.text(ID, '[part~="pdf-signature"]');
  assert.match(card, /\d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2} \(/, card);
  assert.doesNotMatch(card, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/, card);
  assert.match(card, /On page 1/, card);

  // The page with its seals.
  await page.click(ID, '[part~="preview-button"]');
  const facts = await waitFor('the preview drawn', () => previewFacts(page), (f) => f.phase === 'ready' || f.phase === 'failed', 30_000);
  assert.equal(facts.phase, 'ready', 'pdf.js drew the page');
  assert.ok(facts.inked > 20, `the drawing is not blank (${facts.inked} inked samples)`);
  assert.ok(facts.outlines.length >= 1, 'an outline per visible signature');
  const [cl, ct, cr, cb] = facts.canvas;
  for (const o of facts.outlines) {
    const [l, t, r, b] = o.box;
    assert.ok(l >= cl - 1 && t >= ct - 1 && r <= cr + 1 && b <= cb + 1, `${o.name} inside the page: ${o.box} in ${facts.canvas}`);
    assert.ok(r - l > 4 && b - t > 4, `${o.name} has a size`);
    assert.equal(o.status, 'valid', o.name);
  }
  assert.equal(facts.focused, 'preview-close', 'focus moves into the region');
  await page.run((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    root.querySelector('[part~="preview"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  }, host(ID));
  await waitFor('the region closed', () => page.attr(ID, 'aria-expanded', '[part~="preview-button"]'), (v) => v === 'false');
  assert.equal(await page.run((sel) => document.querySelector(sel).shadowRoot.activeElement?.getAttribute('part') ?? null, host(ID)), 'preview-button', 'focus back on the button');
}
