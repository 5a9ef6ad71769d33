#!/usr/bin/env node
// The cross-engine end-to-end flows (flows.mjs) in one engine:
//   DEVSERVER_URL=http://127.0.0.1:PORT node tests/engines/run.mjs --engine firefox [--only popup,form]
// Each flow: the devserver reset, a fresh browser session, the flow, the
// session closed. Prints each flow's pass/fail and time; exits 1 if any
// failed (a failed flow leaves a screenshot in tests/engines/artifacts/).
// Flows run one at a time: one devserver, one database.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ENGINES, session } from './driver.mjs';
import { FLOWS, SETUP } from './flows.mjs';
import { Page, Server } from './page.mjs';
import { fixtureServer } from './restore.mjs';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'chromium' },
    only: { type: 'string' },
  },
});
const base = process.env.DEVSERVER_URL;
if (!base) {
  console.error('DEVSERVER_URL is not set: start a devserver (scripts/lib/devserver.sh, start_devserver)');
  process.exit(2);
}
const engine = values.engine;
if (!ENGINES.includes(engine)) {
  console.error(`--engine ${engine}: use one of ${ENGINES.join(', ')}`);
  process.exit(2);
}
const names = values.only ? values.only.split(',') : Object.keys(FLOWS);
for (const n of names) {
  if (!FLOWS[n]) {
    console.error(`no flow ${n}: the flows are ${Object.keys(FLOWS).join(', ')}`);
    process.exit(2);
  }
}

async function screenshot(driver, name) {
  try {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${engine}-${name}.png`);
    fs.writeFileSync(file, await driver.takeScreenshot(), 'base64');
    return file;
  } catch {
    return null;
  }
}

const server = new Server(base);
// Pages of our own, the devserver behind them (restore.mjs).
const fixture = await fixtureServer(base);
const started = Date.now();
let failed = 0;
for (const name of names) {
  const t0 = Date.now();
  let driver;
  try {
    await server.reset();
    const setup = SETUP[name] ?? {};
    driver = await session(engine, setup.session);
    await FLOWS[name]({ page: new Page(driver, setup.fixture ? fixture.base : base), server, engine });
    console.log(`  ok    ${engine} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    const shot = driver ? await screenshot(driver, name) : null;
    console.log(`  FAIL  ${engine} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    console.log(String(e && e.stack ? e.stack : e).replace(/^/gm, '        '));
    if (shot) console.log(`        screenshot: ${shot}`);
  } finally {
    if (driver) await driver.quit().catch(() => {});
  }
}
fixture.close();
const total = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${engine}: ${names.length - failed} of ${names.length} flows passed in ${total} s`);
process.exit(failed ? 1 : 0);
