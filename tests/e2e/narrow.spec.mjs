// Narrow screens and in-app browsers (issue 10): at 320 px wide the demo
// form and its controls scroll only vertically and every touch target is
// at least 44 × 44 px; in WeChat's browser, popup mode goes by redirect
// (WeChat blocks window.open), and the round trip still ends signed.
import {
  test, expect, control, seal, part, login, openDemo, confirmAtProvider, backOnForm,
  expectState, screenshot, isSigned, valueOf,
} from './helpers.mjs';

const WECHAT =
  'Mozilla/5.0 (Linux; Android 13; V2171A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 ' +
  'MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

/// What overflows sideways and which targets are too small, in the page
/// and in every control's shadow root.
async function layoutProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) {
      problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const el of document.querySelectorAll('infoplus-signature')) {
      const id = el.getAttribute('signature-id');
      const box = el.getBoundingClientRect();
      if (box.right > width + 0.5) problems.push(`${id} ends at ${box.right} > ${width}`);
      for (const node of el.shadowRoot.querySelectorAll('*')) {
        const r = node.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.right > box.right + 0.5) {
          problems.push(`${id} ${node.getAttribute('part') || node.localName} overflows: ${r.right} > ${box.right}`);
        }
        if (node.matches('button, a[href], summary') && (r.width < 44 || r.height < 44)) {
          problems.push(`${id} ${node.getAttribute('part')} is ${r.width.toFixed(1)} × ${r.height.toFixed(1)} px`);
        }
      }
    }
    return problems;
  });
}

test.describe('at 320 px on a touch screen', () => {
  test.use({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });

  test('no sideways scrolling and 44 px targets, unsigned, signed and after a verify', async ({ page }) => {
    await login(page, 'zhangsan');
    await openDemo(page, { lang: 'zh', ids: ['demo-applicant'] });
    const controls = page.locator('infoplus-signature');
    const n = await controls.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) await expectState(controls.nth(i), ['unsigned', 'signed']);
    expect(await layoutProblems(page)).toEqual([]);
    await screenshot(page, '20-narrow-320');

    // The sealed record, verified: the longest texts the control shows.
    const sealed = control(page, 'demo-sealed');
    await part(seal(sealed), 'verify-button').click();
    await expectState(sealed, ['verified'], 30_000);
    await expect(part(sealed, 'pdf-banner')).toHaveAttribute('data-verdict', 'valid');
    expect(await layoutProblems(page)).toEqual([]);
    await screenshot(sealed, '21-narrow-320-verified');
  });
});

test.describe("in WeChat's browser", () => {
  test.use({ userAgent: WECHAT, viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });

  test('popup mode goes by redirect, and comes back signed', async ({ page, context }) => {
    await login(page, 'zhangsan');
    await openDemo(page);
    const ctl = control(page, 'demo-applicant');
    await ctl.evaluate((el) => el.setAttribute('mode', 'popup'));
    await expectState(ctl, 'unsigned');
    const popups = [];
    context.on('page', (p) => popups.push(p));

    await part(seal(ctl), 'stamp-button').click();
    await page.waitForURL(/\/provider\/sign\//);
    expect(popups, 'no window was opened').toEqual([]);
    await confirmAtProvider(page);
    await backOnForm(page, ctl);
    await expectState(ctl, 'signed');
    expect(isSigned((await valueOf(ctl)).seals[0])).toBe(true);
  });
});
