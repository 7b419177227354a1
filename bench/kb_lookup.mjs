// Benchmark (not a test): knowledge lookup latency in Chromium against a KB folder (built by
// bench/kb_million.sh). For each of ten people in a small article: click the mention, time until
// the card's knowledge block is in the DOM (fetch the manifest, fetch and parse one shard, link,
// render). "cold": the shard was never fetched; "warm": the same cards again (cached).
// Usage: node bench/kb_lookup.mjs KBDIR     (after `make build`)
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, launch, ROOT } from '../tests/e2e/harness.mjs';

const kb = path.resolve(process.argv[2] || '/tmp/gloss-kb-1m/kb');
const dir = mkdtempSync(path.join(tmpdir(), 'gloss-kb-bench-'));
for (const f of ['gloss.js', 'gloss.css', 'pkg']) symlinkSync(path.join(ROOT, 'www', f), path.join(dir, f));
symlinkSync(kb, path.join(dir, 'bigkb'));

const names = ['Alex Vatanka', 'Tom Hubbard', 'Maria Lopez', 'John Carver', 'Nadia Karimi', 'Omar Haddad',
  'Lena Fischer', 'Pablo Ortiz', 'Sara Nolan', 'Ivan Petrov'];
const article = names.map((n, i) => `<p>${n} said on Monday that the plan number ${i + 1} would not work.</p>`).join('\n');
const html = `<!doctype html><html lang="en"><body><article>${article}</article>
<script type="module" src="gloss.js" data-gloss-kb="bigkb/"></script></body></html>`;

const server = await serve(dir);
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.route(`${server.url}bench.html`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${server.url}bench.html`);
  await page.waitForFunction(() => document.querySelectorAll('gloss-mention[data-gloss-type="PERSON"]').length >= 10, null, { timeout: 30000 });
  const times = await page.evaluate(async (names) => {
    const card = () => document.querySelector('body > gloss-layer').shadowRoot.querySelector('[role="dialog"]');
    const once = async (name) => {
      const m = document.querySelector(`gloss-mention[data-gloss-entity="${name}"]`);
      const t0 = performance.now();
      m.click();
      for (;;) {
        const b = card().querySelector('.kn');
        if (b) break;
        if (performance.now() - t0 > 10000) return null;
        await new Promise((r) => setTimeout(r, 0));
      }
      const t = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 50));
      return t; // the next click replaces the card (and empties its slot) at once
    };
    const cold = [];
    for (const n of names) cold.push(await once(n));
    const warm = [];
    for (const n of names) warm.push(await once(n));
    return { cold, warm };
  }, names);
  const med = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const fmt = (xs) => xs.map((x) => (x == null ? 'timeout' : x.toFixed(1))).join(' ');
  console.log(`lookup, click to knowledge shown (ms): cold median ${med(times.cold).toFixed(1)} [${fmt(times.cold)}]`);
  console.log(`                                       warm median ${med(times.warm).toFixed(1)} [${fmt(times.warm)}]`);
} finally {
  await browser.close();
  server.stop();
}
