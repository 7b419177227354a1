// Browser support (README "Browser support"): where a feature is missing nothing breaks.
// Features are removed before any script runs, then the demo page's script tag embed runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from './harness.mjs';

const env = useBrowser();

async function openWithout(remove) {
  const { page, log, context } = await openPage(env.browser, env.server.url);
  await page.addInitScript(remove);
  await page.addInitScript(() => {
    window.__glossEvents = [];
    for (const type of ['gloss:ready', 'gloss:error']) {
      document.addEventListener(type, (e) => window.__glossEvents.push({ type, detail: e.detail }), true);
    }
  });
  await page.goto(env.server.url + 'index.html');
  await page.waitForFunction(() => window.__glossEvents.length > 0, null, { timeout: 30000 });
  return { page, log, context };
}

test('without WebAssembly: the page is untouched, one warning and a gloss:error, no page error', async () => {
  const { page, log, context } = await openWithout(() => { delete window.WebAssembly; });
  const r = await page.evaluate(() => ({
    events: window.__glossEvents.map((e) => e.type),
    marks: document.querySelectorAll('gloss-mention, gloss-statement, gloss-badge, gloss-panel, gloss-layer').length,
  }));
  assert.deepEqual(r, { events: ['gloss:error'], marks: 0 });
  assert.equal(log.warnings.filter((w) => w.startsWith('[gloss]')).length, 1, log.warnings.join('\n'));
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('without adoptedStyleSheets, ResizeObserver and custom elements: annotated, cards open, styled', async () => {
  const { page, log, context } = await openWithout(() => {
    delete ShadowRoot.prototype.adoptedStyleSheets;
    delete Document.prototype.adoptedStyleSheets;
    delete window.ResizeObserver;
    delete window.customElements;
  });
  const events = await page.evaluate(() => window.__glossEvents.map((e) => e.type));
  assert.deepEqual(events, ['gloss:ready']);
  await page.locator('gloss-mention').first().click();
  const card = await page.evaluate(() => {
    const sr = document.querySelector('gloss-layer').shadowRoot;
    const c = sr.querySelector('[role="dialog"]');
    return { hidden: c.hidden, styleElement: !!sr.querySelector('style'), position: getComputedStyle(c).position };
  });
  assert.equal(card.hidden, false);
  assert.equal(card.styleElement, true, 'the <style> fallback');
  assert.notEqual(card.position, 'static', 'the UI stylesheet applies');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
