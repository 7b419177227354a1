// Benchmark (not a test): the whole widget (analysis, marks, badges, panel) on big generated
// articles of quote- and name-dense text, 0.3 to 3 MB, 10 Text nodes per paragraph, in Chromium
// with the release Wasm. Run after `make build`:  node bench/hostile_sizes.mjs
import { serve, launch } from '../tests/e2e/harness.mjs';

const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.log('page error:', String(e)));
  await page.goto(server.url + 'csp.html');
  await page.waitForFunction(() => document.querySelector('gloss-mention'), null, { timeout: 30000 });
  for (const paragraphs of [500, 1000, 2000, 3400]) {
    const r = await page.evaluate(async (n) => {
      const S = ['Alex Vatanka said Iran was ready on Tuesday. ', '“We will respond,” the officials told Reuters. ',
        'Douglas London of the Middle East Institute met 95 people in Kerman. ',
        'The deal was worth $5 million, according to the ministry. ',
        'Nothing else happened in the quiet town that week, and nobody wrote about it. '];
      const a = document.createElement('article');
      document.body.appendChild(a);
      for (let i = 0; i < n; i++) {
        const p = document.createElement('p');
        for (let k = 0; k < 10; k++) {
          const t = document.createTextNode(S[(i + k) % S.length]);
          if (k % 2) { const b = document.createElement('b'); b.appendChild(t); p.appendChild(b); } else p.appendChild(t);
        }
        a.appendChild(p);
      }
      const bytes = new TextEncoder().encode(a.textContent).length;
      const t0 = performance.now();
      const h = await window.Gloss.annotate(a, { maxBytes: 8e6, watch: false });
      const t1 = performance.now();
      const mentions = h.mentionCount;
      const statements = a.querySelectorAll('gloss-badge').length;
      h.destroy();
      const t2 = performance.now();
      a.remove();
      return { bytes, textNodes: n * 10, mentions, statements, annotateMs: Math.round(t1 - t0), destroyMs: Math.round(t2 - t1) };
    }, paragraphs);
    console.log(JSON.stringify(r));
  }
} finally {
  await browser.close();
  server.stop();
}
