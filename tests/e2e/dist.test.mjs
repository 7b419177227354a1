// `make dist` end to end: tools/dist.mjs builds a folder from www/ (after make build), a page
// embeds it with the printed SRI snippet, and everything it loads besides the entry has a
// content-hashed name; package.json's exports and files point at files that exist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, ROOT } from './harness.mjs';

let server;
let browser;
let dir;
let printed;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gloss-dist-'));
  printed = execFileSync('node', [path.join(ROOT, 'tools', 'dist.mjs'), 'www', dir], { cwd: ROOT, encoding: 'utf8' });
  server = await serve(dir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('dist: package.json, hashed names, and an SRI-checked embed that annotates', async () => {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.exports['.'].default, './gloss.js');
  assert.equal(pkg.exports['.'].types, './gloss.d.ts');
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  for (const f of pkg.files) assert.ok(existsSync(path.join(dir, f)), `${f} listed and present`);
  for (const f of ['gloss.js', 'gloss.d.ts', 'NOTICE']) assert.ok(pkg.files.includes(f), f);
  // The bundled knowledge base is data fetched when a card opens, copied as it is.
  assert.ok(pkg.files.includes('kb/kb.json'), 'the bundled KB ships');
  const hashed = pkg.files.filter((f) => !['gloss.js', 'gloss.d.ts', 'NOTICE'].includes(f) && !f.startsWith('kb/'));
  assert.ok(hashed.some((f) => f.endsWith('.wasm')) && hashed.some((f) => f.endsWith('.css')));
  for (const f of hashed) assert.match(f, /\.[0-9a-f]{10}\.(wasm|js|css)$/, f);
  // The glue keeps V8's compile hint through minification, first in the file (Makefile, build).
  const glue = hashed.find((f) => /^pkg\/gloss_core\.[0-9a-f]{10}\.js$/.test(f));
  assert.ok(glue, hashed.join(' '));
  assert.ok(readFileSync(path.join(dir, glue), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n'), 'compile hint first');

  // The snippet dist printed, with the CDN prefix pointed at this server.
  const sri = JSON.parse(readFileSync(path.join(dir, 'sri.json'), 'utf8'));
  const snippet = printed.split('\n').filter((l) => l.startsWith('<')).join('\n').replaceAll(/https:\/\/cdn\.example\.org\/[^/]+\//g, '/');
  assert.ok(snippet.includes(`integrity="${sri['gloss.js']}"`));
  writeFileSync(path.join(dir, 'page.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
${snippet}</head><body><article id="story"><p>Alex Vatanka, director of the Iran program at the Middle East Institute, said the attack was a setback.</p>
<p>US officials say it is one of the most dangerous groups in the region.</p></article></body></html>`);

  const { page, log, context } = await openPage(browser, server.url);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    window.__ready = null;
    document.addEventListener('gloss:ready', (e) => { window.__ready = e.detail; }, true);
  });
  await page.goto(server.url + 'page.html');
  await page.waitForFunction(() => window.__ready !== null, null, { timeout: 30000 });
  const ready = await page.evaluate(() => window.__ready);
  assert.ok(ready.mentions >= 3);
  assert.equal(ready.summary.statements, 2);
  const assets = requested.filter((p) => !['/page.html', '/gloss.js'].includes(p));
  assert.ok(assets.length >= 3, requested.join(' '));
  for (const p of assets) assert.match(p, /\.[0-9a-f]{10}\.(wasm|js|css)$/, `${p} is content-hashed`);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await context.close();

  // A tampered entry is refused by the browser (SRI), so nothing is annotated.
  writeFileSync(path.join(dir, 'gloss.js'), readFileSync(path.join(dir, 'gloss.js'), 'utf8') + '\n// tampered\n');
  const second = await openPage(browser, server.url);
  await second.page.goto(server.url + 'page.html');
  await second.page.waitForTimeout(1500);
  assert.equal(await second.page.evaluate(() => typeof window.Gloss), 'undefined');
  assert.ok(second.log.errors.some((e) => /integrity/i.test(e)), second.log.errors.join('\n'));
  await second.context.close();
});

test('dist is generic: a worker module beside the loader is hashed and every reference rewritten', () => {
  const src = mkdtempSync(path.join(tmpdir(), 'gloss-dist-src-'));
  const out = path.join(src, 'out');
  const w = (p, text) => { execFileSync('mkdir', ['-p', path.dirname(path.join(src, p))]); writeFileSync(path.join(src, p), text); };
  w('gloss.js', "export const version = '9.8.7';\nconst a = new URL('pkg/core.js', import.meta.url);\nconst b = new URL('gloss-worker.js', import.meta.url);\nconst c = new URL('gloss.css', import.meta.url);\n");
  w('gloss-worker.js', "import init from './pkg/core.js';\ninit(new URL('pkg/core_bg.wasm', import.meta.url));\n");
  w('pkg/core.js', "export default function init(u) { return new URL('core_bg.wasm', import.meta.url) || u; }\n");
  w('pkg/core_bg.wasm', 'WASM');
  w('gloss.css', 'gloss-mention{}');
  w('index.html', '<!doctype html>');
  execFileSync('node', [path.join(ROOT, 'tools', 'dist.mjs'), src, out], { encoding: 'utf8' });
  const pkg = JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8'));
  assert.equal(pkg.version, '9.8.7');
  assert.ok(!pkg.files.includes('index.html'), 'demo pages are not distributed');
  const named = (re) => pkg.files.find((f) => re.test(f));
  const wasm = named(/^pkg\/core_bg\.[0-9a-f]{10}\.wasm$/);
  const glue = named(/^pkg\/core\.[0-9a-f]{10}\.js$/);
  const worker = named(/^gloss-worker\.[0-9a-f]{10}\.js$/);
  const css = named(/^gloss\.[0-9a-f]{10}\.css$/);
  assert.ok(wasm && glue && worker && css, pkg.files.join(' '));
  const entry = readFileSync(path.join(out, 'gloss.js'), 'utf8');
  assert.ok(entry.includes(`'${glue}'`) && entry.includes(`'${worker}'`) && entry.includes(`'${css}'`), entry);
  const workerText = readFileSync(path.join(out, worker), 'utf8');
  assert.ok(workerText.includes(`'./${glue}'`) && workerText.includes(`'${wasm}'`), workerText);
  assert.ok(readFileSync(path.join(out, glue), 'utf8').includes(`'${path.basename(wasm)}'`));
  rmSync(src, { recursive: true, force: true });
});
