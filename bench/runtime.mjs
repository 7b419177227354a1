// Benchmark (not a test): the widget's cost on a publisher's page, in Chromium.
//  1. the seed article (www/index.html): time from the loader's script start to gloss:ready,
//     cold (a new browser context: empty HTTP cache) and warm (the same context again: the
//     server's no-cache revalidates, so the Wasm and scripts come from the HTTP cache), with lazy
//     start off (the idle wait does not count) and on (the default);
//  2. a 20,000-word page (tests/e2e/longpage.mjs): annotate() in the worker and with
//     worker:false; the longest gloss step (User Timing gloss:*), every long task during the run
//     and the longest one holding a gloss step; and how long the page takes to lay out again
//     after a one-paragraph change, before and after the annotation.
// The cold page stays open READ_MS (default 3000) before the cached visit, as a reader would:
// the engine caches optimised Wasm code a while after compiling it.
// Run after `make build`:  node bench/runtime.mjs [ROUNDS]   (median of ROUNDS, default 5;
// SEED_ONLY=1 skips the long page)
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { serve, launch, ROOT } from '../tests/e2e/harness.mjs';
import { longPage } from '../tests/e2e/longpage.mjs';

const ROUNDS = Number(process.argv[2] || 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (x) => `${x.toFixed(0)} ms`;

const server = await serve();
const browser = await launch();

/**
 * The seed page with data-gloss-lazy set, written beside index.html for the run (no request
 * interception: Playwright's routing would turn the HTTP cache off, and the warm runs need it).
 */
function writeSeed(lazy) {
  const html = readFileSync(path.join(ROOT, 'www', 'index.html'), 'utf8')
    .replace('data-gloss-target="#story"', `data-gloss-target="#story" data-gloss-lazy="${lazy}"`);
  writeFileSync(SEED, html);
}
const SEED = path.join(ROOT, 'www', 'bench-seed.html');

async function seedPage(context) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__ready = new Promise((resolve) => document.addEventListener('gloss:ready', (e) => resolve(e.detail), { once: true, capture: true }));
  });
  return page;
}

/** How long a reader stays on the cold page before the next visit (the engine may cache code). */
const READ_MS = Number(process.env.READ_MS || 3000);

async function timeSeed(context, lazy, stay = 0) {
  writeSeed(lazy);
  const page = await seedPage(context);
  await page.goto(server.url + 'bench-seed.html');
  const r = await page.evaluate(async () => {
    const detail = await window.__ready;
    const ready = performance.now();
    const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/gloss.js'));
    const core = performance.getEntriesByName('gloss:core-ready')[0];
    return { ready, scriptStart: script ? script.startTime : 0, core: core ? core.startTime : NaN, worker: detail.worker };
  });
  if (stay) await page.waitForTimeout(stay);
  await page.close();
  return { ms: r.ready - r.scriptStart, fromCore: r.ready - r.core, worker: r.worker };
}

try {
  for (const lazy of [false, true]) {
    const cold = [];
    const warm = [];
    for (let i = 0; i < ROUNDS; i++) {
      const context = await browser.newContext();
      cold.push(await timeSeed(context, lazy, READ_MS));
      warm.push(await timeSeed(context, lazy));
      await context.close();
    }
    const ms = (runs, k) => fmt(median(runs.map((r) => r[k])));
    console.log(`seed article, lazy ${lazy}: script start → gloss:ready: cold ${ms(cold, 'ms')}, Wasm cached ${ms(warm, 'ms')}; `
      + `Wasm ready (gloss:core-ready) → gloss:ready: cold ${ms(cold, 'fromCore')}, cached ${ms(warm, 'fromCore')} (median of ${ROUNDS})`);
  }

  const big = longPage();
  for (const worker of process.env.SEED_ONLY ? [] : [true, false]) {
    const runs = [];
    for (let i = 0; i < ROUNDS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.route(server.url + 'bench-big.html', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: big.html }));
      await page.goto(server.url + 'bench-big.html');
      runs.push(await page.evaluate(async (worker) => {
        const long = [];
        new PerformanceObserver((l) => long.push(...l.getEntries())).observe({ type: 'longtask' });
        // The page's own layouts: one paragraph changed, the time to lay out again (median of 15),
        // before and after the annotation (the widget must not make the page slower to lay out).
        const relayout = () => {
          const p = document.querySelector('#story p');
          const t = [];
          for (let i = 0; i < 15; i++) {
            p.style.paddingTop = `${i % 2}px`;
            const a = performance.now();
            void document.body.offsetHeight;
            t.push(performance.now() - a);
          }
          p.style.paddingTop = '';
          return t.sort((a, b) => a - b)[7];
        };
        const layoutBefore = relayout();
        const G = await import('/gloss.js');
        await G.analyze('Warm up.');
        await new Promise((r) => setTimeout(r, 500));
        const start = performance.now();
        const h = await G.annotate(document.getElementById('story'), { worker });
        const end = performance.now();
        await new Promise((r) => setTimeout(r, 500));
        const layoutAfter = relayout();
        const steps = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('gloss:') && m.startTime >= start);
        const during = long.filter((t) => t.startTime + t.duration >= start && t.startTime <= end + 500);
        const held = during.filter((t) => steps.some((m) => m.startTime < t.startTime + t.duration && t.startTime < m.startTime + m.duration));
        return {
          total: end - start, mentions: h.mentionCount, steps: steps.length,
          longestStep: Math.max(...steps.map((m) => m.duration)),
          longestStepName: steps.reduce((a, m) => (m.duration > a.duration ? m : a), { duration: 0 }).name,
          longTasks: during.length, longestTask: Math.max(0, ...during.map((t) => t.duration)),
          longestHeld: Math.max(0, ...held.map((t) => t.duration)),
          layoutBefore, layoutAfter,
        };
      }, worker));
      await context.close();
    }
    const m = (k) => median(runs.map((r) => r[k]));
    console.log(`${big.words}-word page, worker ${worker}: annotated in ${fmt(m('total'))}, ${runs[0].mentions} mentions, ${m('steps')} steps; `
      + `longest gloss step ${m('longestStep').toFixed(1)} ms (max over runs ${Math.max(...runs.map((r) => r.longestStep)).toFixed(1)} ms, ${runs.map((r) => r.longestStepName).join(' ')}); `
      + `long tasks in the run ${m('longTasks')} (longest ${fmt(m('longestTask'))}), longest holding a gloss step ${fmt(m('longestHeld'))}; `
      + `the page's layout after a one-paragraph change: ${m('layoutBefore').toFixed(2)} ms before, ${m('layoutAfter').toFixed(2)} ms annotated (median of ${ROUNDS})`);
  }
} finally {
  rmSync(SEED, { force: true });
  await browser.close();
  server.stop();
}
