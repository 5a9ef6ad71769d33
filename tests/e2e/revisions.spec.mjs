// Two seals are two PDF revisions (issue 9), as a user and an auditor meet
// them: lisi stamps both seals of the approval field through the provider;
// `seal-verify --document … --trust /dev/trust-roots.pem` (the CLI, built
// by `cargo test`) finds both signatures valid; the first seal cannot be
// deleted while the second builds on its revision and the control says
// why; deleting the second gives back exactly the bytes before it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  test, expect, control, seal, part, login, openDemo, stampRoundTrip, s1, expectState, ROOT,
} from './helpers.mjs';

const SEAL_VERIFY = path.join(ROOT, 'target/debug/seal-verify');

async function bytesOf(request, uri) {
  const r = await request.get(uri);
  expect(r.ok(), `GET ${uri}: ${r.status()}`).toBeTruthy();
  return r.body();
}

/// seal-verify's JSON verdict and exit code for `pdf`, trusting `roots`.
function sealVerify(dir, pdf, roots) {
  const doc = path.join(dir, 'sealed.pdf');
  const trust = path.join(dir, 'roots.pem');
  fs.writeFileSync(doc, pdf);
  fs.writeFileSync(trust, roots);
  try {
    const stdout = execFileSync(SEAL_VERIFY, ['--document', doc, '--trust', trust, '--json'], { encoding: 'utf8' });
    return { code: 0, report: JSON.parse(stdout) };
  } catch (e) {
    return { code: e.status, report: e.stdout ? JSON.parse(e.stdout) : null, stderr: String(e.stderr) };
  }
}

test('two seals: two valid revisions for seal-verify, delete only the last, and it reverts exactly', async ({ page, request }) => {
  test.skip(!fs.existsSync(SEAL_VERIFY), `${SEAL_VERIFY} is built by cargo test (scripts/test runs it first)`);
  await login(page, 'lisi');
  await openDemo(page, { ids: ['demo-approval'] });
  const ctl = control(page, 'demo-approval');

  await stampRoundTrip(page, 'demo-approval', { seal: 0, sealId: 'seal-lisi-sm2' });
  const once = await s1(request, 'demo-approval');
  const first = await bytesOf(request, once.uri);
  await stampRoundTrip(page, 'demo-approval', { seal: 1, sealId: 'seal-renshichu-sm2' });
  await expectState(ctl, ['signed']);
  const twice = await s1(request, 'demo-approval');
  const second = await bytesOf(request, twice.uri);
  expect(second.subarray(0, first.length).equals(first), 'an incremental update').toBe(true);
  expect(twice.seals.map((s) => s.pdfRevision)).toEqual([1, 2]);

  // The auditor's check, with the CLI and the provider's roots.
  const roots = await (await request.get('/dev/trust-roots.pem')).text();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revisions-'));
  const verified = sealVerify(dir, second, roots);
  // On failure, each signature's answer (an earlier test's revocation
  // leaking through /dev/reset showed here).
  const answers = verified.report?.pdf?.signatures?.map((s) => [s.field, s.status, s.identity, s.warnings]);
  expect(verified.code, `${verified.stderr ?? ''} ${JSON.stringify(answers)}`).toBe(0);
  expect(verified.report.pdf.verdict).toBe('valid');
  // Each seal is followed by its validation data and a document timestamp
  // (PAdES B-LTA): seal, timestamp, seal, timestamp.
  const all = verified.report.pdf.signatures;
  expect(all.map((s) => s.format)).toEqual(['cms', 'timestamp', 'cms', 'timestamp']);
  for (const s of all) expect(s).toMatchObject({ status: 'valid', integrity: 'intact', identity: 'trusted' });
  const sigs = all.filter((s) => s.format !== 'timestamp');
  expect(sigs[0].coverage).toBe('revision');
  expect(sigs[0].changesAfter).toEqual(['signing', 'timestamp']);
  expect(sigs[1].coverage).toBe('revision');
  expect(sigs[1].changesAfter).toEqual(['timestamp']);
  expect(all[3].coverage).toBe('whole-file');

  // The first seal cannot go while the second builds on it: no delete,
  // and the reason instead.
  await expect(part(seal(ctl, 0), 'delete-button')).toHaveCount(0);
  await expect(part(seal(ctl, 0), 'delete-blocked')).toBeVisible();
  await expect(part(seal(ctl, 0), 'delete-blocked')).not.toBeEmpty();
  await expect(part(seal(ctl, 1), 'delete-button')).toHaveCount(1);

  // From a script too: the machine refuses it, the engine is not asked
  // (it would answer 409), nothing changes and nothing fails.
  const writes = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/api/signature/')) writes.push(r.url());
  });
  const stateBefore = await ctl.evaluate((el) => el.state);
  await ctl.evaluate((el) => el.removeSeal(0));
  await page.waitForTimeout(300);
  expect(writes).toEqual([]);
  expect(await ctl.evaluate((el) => el.state)).toBe(stateBefore);
  await expect(part(ctl, 'error')).toHaveCount(0);
  await expect(seal(ctl, 0)).toHaveAttribute('data-signed', 'true');
  expect((await s1(request, 'demo-approval')).uri).toBe(twice.uri);

  // Deleting the last one gives back exactly the bytes before it.
  await part(seal(ctl, 1), 'delete-button').click();
  await part(seal(ctl, 1), 'confirm-delete-button').click();
  await expect(seal(ctl, 1)).toHaveAttribute('data-signed', 'false');
  const after = await s1(request, 'demo-approval');
  expect((await bytesOf(request, after.uri)).equals(first)).toBe(true);
  await expect(part(seal(ctl, 0), 'delete-button')).toHaveCount(1);
  fs.rmSync(dir, { recursive: true, force: true });
});
