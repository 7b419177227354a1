// Shared set-up for the end-to-end tests: serve www/ on a free loopback port with tools/serve.py
// and drive Debian's Chromium with playwright-core (no browser download).
import { before, after } from 'node:test';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Starts the static server on www/ (or `dir`); resolves to {url, stop()} once it answers. */
export async function serve(dir = path.join(ROOT, 'www')) {
  const port = await freePort();
  const proc = spawn('python3', [path.join(ROOT, 'tools', 'serve.py'), '--port', String(port), '--quiet', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    proc.stdout.once('data', resolve);
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => proc.kill() };
}

/**
 * The set-up every e2e file shares: the server on www/ and Chromium, started before the file's
 * tests and stopped after them; then `setUp(env)`, if given (one hook: a second root-level
 * `before` is not guaranteed to wait for this one). Tests read `env.server` and `env.browser`.
 */
export function useBrowser(setUp = async () => {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
    await setUp(env);
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A new page that records console errors/warnings and page errors, and fails any request
 * that leaves the server's origin (the demo must be self-contained).
 */
export async function openPage(browser, url, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const log = { errors: [], warnings: [], pageErrors: [], foreign: [] };
  const origin = new URL(url).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
    if (m.type() === 'warning') log.warnings.push(m.text());
  });
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith('data:')) return route.continue();
    log.foreign.push(u);
    return route.abort();
  });
  return { context, page, log };
}

export { ROOT };
