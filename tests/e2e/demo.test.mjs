// The demo page end to end: it loads, the Wasm instantiates, gloss:ready fires on the article,
// nothing errors, nothing leaves the origin, the article's text is untouched, destroy restores it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from './harness.mjs';

const env = useBrowser();

/** Opens the demo and waits for the widget's gloss:ready on #story. */
async function openDemo(hash = '') {
  const { page, log, context } = await openPage(env.browser, env.server.url);
  await page.addInitScript(() => {
    window.__glossEvents = [];
    document.addEventListener('gloss:ready', (e) => window.__glossEvents.push({ type: e.type, target: e.target.id, detail: e.detail }), true);
    document.addEventListener('gloss:error', (e) => window.__glossEvents.push({ type: e.type, detail: e.detail }), true);
  });
  await page.goto(env.server.url + 'index.html' + hash);
  await page.waitForFunction(() => window.__glossEvents.some((e) => e.type === 'gloss:ready'), null, { timeout: 30000 });
  return { page, log, context };
}

test('the demo loads, the Wasm instantiates and gloss:ready fires without console errors', async () => {
  const { page, log, context } = await openDemo();
  const events = await page.evaluate(() => window.__glossEvents);
  assert.equal(events.filter((e) => e.type === 'gloss:error').length, 0, JSON.stringify(events));
  const ready = events.find((e) => e.type === 'gloss:ready');
  assert.equal(ready.target, 'story');
  assert.equal(typeof ready.detail.summary.paragraphs, 'number');
  assert.ok(ready.detail.summary.paragraphs >= 15, `seed article has ${ready.detail.summary.paragraphs} paragraphs`);
  const wasmType = await page.evaluate(async () => (await fetch('pkg/gloss_core_bg.wasm')).headers.get('content-type'));
  assert.equal(wasmType, 'application/wasm');
  assert.deepEqual(await page.evaluate(() => Object.keys(window.Gloss).sort()), ['analyze', 'annotate', 'disable', 'enable', 'isDisabled', 'version']);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.foreign, [], 'no request leaves the origin');
  await context.close();
});

test('the seed article is in the HTML itself, before any script runs', async () => {
  const res = await fetch(env.server.url + 'index.html');
  const html = await res.text();
  assert.match(html, /Speaking to WSJ, Alex Vatanka, director of the Iran program at the Middle East Institute/);
  assert.match(html, /<script type="module" src="gloss\.js" data-gloss-target="#story"><\/script>/);
});

test('annotating keeps the article text, annotate twice returns the same handle, destroy restores the HTML', async () => {
  const { page, context } = await openDemo();
  const result = await page.evaluate(async () => {
    const story = document.getElementById('story');
    const h1 = await window.Gloss.annotate(story);
    const h2 = await window.Gloss.annotate(story);
    const textWhileAnnotated = story.textContent;
    h1.destroy();
    const htmlAfter = story.innerHTML;
    const h3 = await window.Gloss.annotate(story);
    const sameAfterReannotate = story.textContent === textWhileAnnotated;
    h3.destroy();
    return { same: h1 === h2, textWhileAnnotated, htmlAfter, htmlAfter2: story.innerHTML, sameAfterReannotate, marks: story.querySelectorAll('gloss-mention').length };
  });
  const original = await (await fetch(env.server.url + 'index.html')).text();
  const start = original.indexOf('<article id="story" aria-live="off">') + '<article id="story" aria-live="off">'.length;
  const originalInner = original.slice(start, original.indexOf('</article>'));
  assert.ok(result.same, 'second annotate resolves to the first handle');
  assert.equal(result.htmlAfter, originalInner, 'destroy restores the served HTML exactly');
  assert.equal(result.htmlAfter2, originalInner);
  assert.ok(result.sameAfterReannotate);
  assert.equal(result.marks, 0);
  await context.close();
});

test('analyze() returns the CLI JSON shape, and bad input is a clear rejection, not a page error', async () => {
  const { page, log, context } = await openDemo();
  const out = await page.evaluate(async () => {
    const a = await window.Gloss.analyze('Alex Vatanka said, “Yes.”\nIran’s 😀 reply.');
    let typeError = null;
    try { await window.Gloss.analyze(42); } catch (e) { typeError = e.message; }
    let tooLarge = null;
    try { await window.Gloss.analyze('x'.repeat(100), { maxBytes: 10 }); } catch (e) { tooLarge = e.message; }
    let notElement = null;
    try { await window.Gloss.annotate('article'); } catch (e) { notElement = e.message; }
    return { keys: Object.keys(a).sort(), summary: a.summary, typeError, tooLarge, notElement };
  });
  assert.deepEqual(out.keys, ['attributions', 'entities', 'summary']);
  assert.equal(out.summary.paragraphs, 2);
  assert.match(out.typeError, /text must be a string/);
  assert.match(out.tooLarge, /over the configured limit of 10 bytes/);
  assert.match(out.notElement, /must be a DOM Element/);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('every article in the picker loads and annotates', async () => {
  const { page, log, context } = await openDemo();
  const ids = await page.evaluate(() => [...document.querySelectorAll('#article-picker option')].map((o) => o.value));
  assert.ok(ids.length >= 6, `picker lists ${ids.length} articles`);
  for (const id of ids.slice(1)) {
    await page.evaluate(() => { window.__glossEvents.length = 0; });
    await page.selectOption('#article-picker', id);
    await page.waitForFunction(() => window.__glossEvents.some((e) => e.type === 'gloss:ready'), null, { timeout: 15000 });
    assert.equal(await page.evaluate(() => document.getElementById('story').dataset.article), id);
  }
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('every mention of the seed article is a gloss-mention with its type and canonical entity', async () => {
  const { page, context } = await openDemo();
  const r = await page.evaluate(async () => {
    const story = document.getElementById('story');
    const h = await window.Gloss.annotate(story);
    const marks = [...story.querySelectorAll('gloss-mention')];
    const ids = new Set(marks.map((m) => m.dataset.glossM));
    const bad = marks.filter((m) => !m.dataset.glossType || !m.dataset.glossEntity).length;
    const vatanka = marks.filter((m) => m.textContent === 'Vatanka').map((m) => [m.dataset.glossType, m.dataset.glossEntity]);
    const kerman = marks.filter((m) => m.textContent === 'Kerman').map((m) => m.dataset.glossType);
    return { mentions: h.analysis.entities.length, marked: ids.size, bad, vatanka, kerman };
  });
  assert.ok(r.mentions >= 90, `only ${r.mentions} mentions found in the seed article`);
  assert.equal(r.marked, r.mentions, 'every mention is marked (the seed article has no links)');
  assert.equal(r.bad, 0);
  assert.deepEqual(r.vatanka, [['PERSON', 'Alex Vatanka'], ['PERSON', 'Alex Vatanka']]);
  assert.ok(r.kerman.length >= 4 && r.kerman.every((t) => t === 'PLACE'), JSON.stringify(r.kerman));
  await context.close();
});
