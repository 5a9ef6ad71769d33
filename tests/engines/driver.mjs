// One WebDriver session per flow, in one of three engines, all from Debian
// (Playwright's own Firefox and WebKit builds are downloads, unavailable
// here; Selenium's classic WebDriver drives Debian's builds):
//   chromium  /usr/bin/chromium through /usr/bin/chromedriver, headless
//   firefox   /usr/bin/firefox-esr through geckodriver, headless
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver; it has no
//             headless mode, so it needs an X display (scripts/test starts
//             Xvfb and sets DISPLAY; without one we start our own here).
// Driver paths are always given, so Selenium Manager never looks for (or
// downloads) a driver or a browser.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { Builder } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import firefox from 'selenium-webdriver/firefox.js';
import remote from 'selenium-webdriver/remote/index.js';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/// The window every flow starts with (the narrow flow resizes it).
export const WINDOW = { width: 1280, height: 900 };

/// ENGINES_BROWSER_LOG=file: geckodriver's and WebKitWebDriver's output,
/// with Firefox's page console, appended there to look into a failure.
/// (MiniBrowser's console flag is passed too, though WebKitWebDriver was
/// not seen to forward it.)
const LOG = process.env.ENGINES_BROWSER_LOG ? fs.openSync(process.env.ENGINES_BROWSER_LOG, 'a') : null;

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`]).toString().trim();
  } catch {
    throw new Error(`${cmd} is not installed: run scripts/test (ensure_other_engines) first`);
  }
}

function chromium({ noBackForwardCache } = {}) {
  const options = new chrome.Options()
    .setChromeBinaryPath(process.env.CHROMIUM || '/usr/bin/chromium')
    .addArguments(
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--window-size=${WINDOW.width},${WINDOW.height}`,
    );
  if (noBackForwardCache) options.addArguments('--disable-features=BackForwardCache');
  const service = new chrome.ServiceBuilder(process.env.CHROMEDRIVER || '/usr/bin/chromedriver');
  return new Builder().forBrowser('chrome').setChromeOptions(options).setChromeService(service).build();
}

function gecko({ noBackForwardCache } = {}) {
  const options = new firefox.Options()
    .setBinary(process.env.FIREFOX || which('firefox-esr'))
    .addArguments('-headless');
  if (noBackForwardCache) options.setPreference('browser.sessionhistory.max_total_viewers', 0);
  const service = new firefox.ServiceBuilder(process.env.GECKODRIVER || which('geckodriver'));
  if (LOG) {
    options.setPreference('devtools.console.stdout.content', true);
    service.setStdio(['ignore', LOG, LOG]);
  }
  return new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
}

/// A free TCP port on 127.0.0.1 (WebKitWebDriver needs one named).
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/// An X display for WebKitGTK: $DISPLAY if set, else an Xvfb of our own on
/// a display it picks (-displayfd), stopped when this process exits.
let display = process.env.DISPLAY;
async function ensureDisplay() {
  if (display) return display;
  const xvfb = spawn(which('Xvfb'), ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  process.on('exit', () => xvfb.kill());
  const number = await new Promise((resolve, reject) => {
    let text = '';
    xvfb.stdio[3].on('data', (d) => {
      text += d;
      if (text.includes('\n')) resolve(text.trim());
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
  display = `:${number}`;
  return display;
}

async function webkit({ noBackForwardCache } = {}) {
  const port = await freePort();
  const service = new remote.DriverService(process.env.WEBKIT_WEBDRIVER || which('WebKitWebDriver'), {
    port,
    // Selenium would otherwise name the machine's network address.
    hostname: '127.0.0.1',
    args: [`--port=${port}`, '--host=127.0.0.1'],
    env: { ...process.env, DISPLAY: await ensureDisplay() },
    ...(LOG ? { stdio: ['ignore', LOG, LOG] } : {}),
  });
  const url = await service.start();
  const driver = await new Builder()
    .usingServer(url)
    .withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: [
        '--automation',
        ...(noBackForwardCache ? ['--enable-page-cache=false'] : []),
        ...(LOG ? ['--enable-write-console-messages-to-stdout=true'] : []),
      ] },
    })
    .build();
  // Quitting the session leaves WebKitWebDriver running: stop it too.
  const quit = driver.quit.bind(driver);
  driver.quit = async () => {
    try {
      await quit();
    } finally {
      await service.kill();
    }
  };
  return driver;
}

/// A new session in `engine`, its window at WINDOW. `noBackForwardCache`:
/// Back loads the page again (and restores its form state), as when an
/// engine could not keep the page, instead of showing the cached page.
export async function session(engine, options = {}) {
  const make = { chromium, firefox: gecko, webkit }[engine];
  if (!make) throw new Error(`unknown engine ${engine}: use one of ${ENGINES.join(', ')}`);
  const driver = await make(options);
  await driver.manage().window().setRect({ x: 0, y: 0, ...WINDOW });
  await driver.manage().setTimeouts({ script: 30_000, pageLoad: 30_000 });
  return driver;
}
