// What an auditor reads after verifying (issue 16): each embedded
// signature links to the exact version of the document it signed (a blob:
// URL of its revision, made from the bytes already downloaded), equal to
// what `seal-verify --signed-version N` writes and to the file's first
// bytes; times read in the viewer's zone with the zone named; names short
// with the full name on request; "On page N"; what changed after a
// signature by field; a fingerprint copied whole.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  test, expect, control, seal, part, login, openDemo, stampRoundTrip, s1, expectState, ROOT,
} from './helpers.mjs';

const SEAL_VERIFY = path.join(ROOT, 'target/debug/seal-verify');

test.use({ timezoneId: 'Asia/Shanghai' });

/// The bytes behind a blob: URL, read in the page.
async function blobBytes(page, url) {
  const base64 = await page.evaluate(async (u) => {
    const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(text);
  }, url);
  return Buffer.from(base64, 'base64');
}

test('each signature links to the version it signed, and the card speaks in words', async ({ page, request }) => {
  test.skip(!fs.existsSync(SEAL_VERIFY), `${SEAL_VERIFY} is built by cargo test (scripts/test runs it first)`);
  await login(page, 'lisi');
  await openDemo(page, { ids: ['demo-approval'] });
  const ctl = control(page, 'demo-approval');
  await stampRoundTrip(page, 'demo-approval', { seal: 0, sealId: 'seal-lisi-sm2' });
  await stampRoundTrip(page, 'demo-approval', { seal: 1, sealId: 'seal-renshichu-sm2' });
  const record = await s1(request, 'demo-approval');
  const r = await request.get(record.uri);
  expect(r.ok()).toBeTruthy();
  const document = await r.body();

  await part(seal(ctl, 1), 'verify-button').click();
  await expectState(ctl, ['verified'], 30_000);
  const cards = part(ctl, 'pdf-signature');
  // Seal, document timestamp, seal, document timestamp (B-LTA).
  await expect(cards).toHaveCount(4);

  // Our own revision reader, independent of the browser: seal-verify.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signed-version-'));
  const doc = path.join(dir, 'document.pdf');
  fs.writeFileSync(doc, document);
  let report;
  try {
    report = JSON.parse(execFileSync(SEAL_VERIFY, ['--document', doc, '--json'], { encoding: 'utf8' }));
  } catch (e) {
    report = JSON.parse(e.stdout);
  }
  const signatures = report.pdf.signatures;
  expect(signatures).toHaveLength(4);
  for (let i = 0; i < 4; i += 1) {
    const link = part(cards.nth(i), 'signed-version-link');
    await expect(link).toHaveCount(1);
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^blob:/);
    const [start, length] = signatures[i].byteRange.slice(2);
    await expect(link).toHaveAttribute('data-bytes', String(start + length));
    await expect(link).toHaveAttribute('data-revision', String(signatures[i].revision));
    const bytes = await blobBytes(page, href);
    const written = path.join(dir, `v${i + 1}.pdf`);
    // Exit 1 only says not every signature is trusted (no roots given).
    const run = spawnSync(SEAL_VERIFY, ['--document', doc, '--signed-version', String(i + 1), written]);
    expect(run.status, String(run.stderr)).not.toBe(2);
    expect(bytes.equals(fs.readFileSync(written)), `signature ${i + 1}: the link's bytes are seal-verify's`).toBe(true);
    expect(bytes.equals(document.subarray(0, start + length)), `signature ${i + 1}: a prefix of the file`).toBe(true);
  }
  // Revisions grow: each version is a later one.
  expect(signatures.map((s) => s.revision)).toEqual([...signatures.map((s) => s.revision)].sort((a, b) => a - b));
  fs.rmSync(dir, { recursive: true, force: true });

  const first = cards.nth(0);
  // Times in the viewer's zone, named, with their source.
  await expect(first).toContainText(/Signed at \d{1,2} \w{3} \d{4}, [\d:]{8} \(Asia\/Shanghai, UTC\+8\), according to timestamp authority/);
  await expect(first).toContainText(/Valid from \d{1,2} \w{3} \d{4}, [\d:]{8} \(Asia\/Shanghai, UTC\+8\)/);
  await expect(first).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/);
  // Names short; the full name on request.
  const fullName = part(first, 'full-name').first();
  await expect(fullName.locator('code')).toBeHidden();
  await fullName.locator('summary').click();
  await expect(fullName.locator('code')).toBeVisible();
  await expect(fullName.locator('code')).toContainText('CN=');
  // Where it is, and where the later revisions changed the document.
  await expect(first).toContainText('On page 1');
  await expect(first).toContainText(/Changed after this signature: .*field “[^”]+” \(further signatures\)/);
  // The verified seal's card: its place as the document says, not x/y.
  await expect(part(seal(ctl, 1), 'position')).toHaveText('On page 1');
  // The fingerprint, copied whole.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const code = first.locator('code.fingerprint');
  const fingerprint = await code.getAttribute('title');
  expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
  await expect(code).toHaveText(`${fingerprint.slice(0, 4)} ${fingerprint.slice(4, 8)} … ${fingerprint.slice(-4)}`);
  const copy = part(first, 'copy-button');
  await copy.click();
  await expect(copy).toHaveAttribute('data-copied', 'true');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(fingerprint);
});
