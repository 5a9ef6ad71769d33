// The npm package as a form builder uses it (issue 10): a Vite + React 19
// app and a Vite + Vue 3 app (tests/apps/), each installing the packed
// tarball and built for production, served at /app/<name>/ on one origin
// with the devserver (tests/apps/serve.mjs; scripts/test sets APPS_URL).
// For each: the control renders, stamping goes to the provider and back
// signed, the framework's handler got the Signature (the app shows it),
// the form submit carries the value, and verifying works (worker and parts
// came through the bundler).
import {
  test, expect, control, seal, part, login, stampToProvider, confirmAtProvider, expectState,
  watchProblems, isSigned, s1,
} from './helpers.mjs';

const APPS_URL = process.env.APPS_URL;
test.use({ baseURL: APPS_URL });

for (const app of ['react', 'vue']) {
  test(`${app}: the packed control renders, stamps, reports to the framework, submits and verifies`, async ({ page, request }) => {
    test.skip(!APPS_URL, 'APPS_URL is not set: scripts/test builds and serves the apps');
    const problems = watchProblems(page);
    // Failed loads by address (the console names none); the browser's own
    // favicon request is the app's business, not the control's.
    const failed = [];
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) failed.push(`${r.status()} ${r.url()}`);
    });
    const wasm = [];
    page.on('response', (r) => { if (r.url().endsWith('.wasm')) wasm.push(`${r.status()} ${new URL(r.url()).pathname}`); });
    await login(page, 'zhangsan');
    await page.goto(`/app/${app}/?id=demo-applicant`);
    const ctl = control(page, 'demo-applicant');
    await expectState(ctl, ['unsigned']);
    await expect(part(seal(ctl), 'stamp-button')).toBeVisible();
    // Everything came from the app's own build, not from the devserver's /dist.
    expect(wasm.every((w) => w.startsWith('200 ') && !w.includes(' /dist/')), wasm.join(', ')).toBe(true);
    await expect(page.getByTestId('from-event')).toHaveText('demo-applicant: 0 of 1 seals signed');

    await stampToProvider(page, ctl);
    await confirmAtProvider(page);
    await page.waitForURL((url) => url.pathname === `/app/${app}/` && !url.search.includes('sig_'), { timeout: 15_000 });
    await expectState(ctl, ['signed']);

    // The framework's handler received the signed Signature.
    await expect(page.getByTestId('from-event')).toHaveText('demo-applicant: 1 of 1 seals signed');
    const value = await ctl.evaluate((el) => el.value);
    expect(isSigned(value.seals[0])).toBe(true);
    expect((await s1(request, 'demo-applicant')).seals[0].signature).toBe(value.seals[0].signature);

    // The form submit carries the value.
    await page.getByRole('button', { name: 'Submit' }).click();
    const submitted = JSON.parse(await page.getByTestId('submitted').textContent());
    expect(submitted).toEqual(value);

    // Verify: the worker, its wasm and the verify part, as the bundler emitted them.
    await part(seal(ctl), 'verify-button').click();
    await expect(part(seal(ctl), 'verdict')).toHaveAttribute('data-result', 'valid', { timeout: 30_000 });
    await expectState(ctl, ['verified']);
    await expect(page.getByTestId('verified')).toHaveText('0:valid');
    expect(failed).toEqual([]);
    const unexplained = problems.filter((p) => !p.includes('Failed to load resource'));
    expect(unexplained, unexplained.join('\n')).toEqual([]);
  });
}
