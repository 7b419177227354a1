// The three ways to embed Gloss, end to end (www/embed/): the script tag with data-gloss-*
// options, `import { annotate } from '/gloss.js'` on a bundler-free module page, and the
// <gloss-article> element; plus editorial overrides, data-gloss-skip, the report link, option
// validation warnings and the reader's opt-out (panel button, localStorage, Gloss.enable()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from './harness.mjs';

const env = useBrowser();

async function open(path, { waitReady = true } = {}) {
  const { page, log, context } = await openPage(env.browser, env.server.url);
  await page.addInitScript(() => {
    window.__glossEvents = [];
    for (const type of ['gloss:ready', 'gloss:error', 'gloss:disabled']) {
      document.addEventListener(type, (e) => window.__glossEvents.push({ type, target: e.target.id, detail: e.detail }), true);
    }
  });
  await page.goto(env.server.url + path);
  if (waitReady) {
    await page.waitForFunction(() => window.__glossEvents.some((e) => e.type === 'gloss:ready'), null, { timeout: 30000 });
  }
  return { page, log, context };
}

/** Clicks the first mention of `entity` and returns what its card shows. */
async function entityCard(page, entity) {
  await page.locator(`gloss-mention[data-gloss-entity="${entity}"]`).first().click();
  return page.evaluate(() => {
    const card = document.querySelector('body > gloss-layer').shadowRoot.querySelector('[role="dialog"]');
    const a = card.querySelector('a[data-gloss-report]');
    return {
      hidden: card.hidden,
      title: card.querySelector('h2')?.textContent,
      descriptor: card.querySelector('.descriptor')?.textContent ?? null,
      report: a && { href: a.href, rel: a.rel, target: a.target, text: a.textContent },
    };
  });
}

test('script tag: data-gloss-* options are read, typed and validated; overrides and the report link apply', async () => {
  const { page, log, context } = await open('embed/script.html');
  const events = await page.evaluate(() => window.__glossEvents);
  assert.equal(events.filter((e) => e.type === 'gloss:error').length, 0, JSON.stringify(events));
  const ready = events.find((e) => e.type === 'gloss:ready');
  assert.equal(ready.target, 'story');
  // site-overrides.json made "US officials" an institution.
  assert.equal(ready.detail.summary.statements_by_kind.institution, 1);
  assert.equal(ready.detail.summary.statements_by_kind.unnamed, 0);
  // Bad and unknown attributes: one clear warning each, the rest of the options still apply.
  assert.ok(log.warnings.some((w) => w.includes('option "lazy" should be true or false, got "maybe"')), log.warnings.join('\n'));
  assert.ok(log.warnings.some((w) => w.includes('unknown option "colour" ignored')), log.warnings.join('\n'));
  const card = await entityCard(page, 'Alex Vatanka');
  assert.equal(card.hidden, false);
  assert.equal(card.descriptor, 'an Iran analyst (site-wide)');
  // A relative template is resolved against the page; placeholders are URI-encoded.
  assert.equal(card.report.href, `${env.server.url}report?u=${encodeURIComponent(env.server.url + 'embed/script.html')}&t=Alex%20Vatanka`);
  assert.equal(card.report.rel, 'noopener noreferrer');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.foreign, []);
  await context.close();
});

test('module page: import { annotate, analyze } from /gloss.js without a bundler', async () => {
  const { page, log, context } = await open('embed/module.html');
  const result = await page.evaluate(() => window.__embed);
  assert.equal(result.version, '0.1.0');
  assert.ok(result.mentions >= 6, `${result.mentions} mentions`);
  assert.equal(result.kinds.institution, 1, 'inline overrides object applied');
  assert.deepEqual(result.analyzed, ['outlet']);
  const card = await entityCard(page, 'Middle East Institute');
  assert.match(card.report.href, /^mailto:corrections@example\.org\?subject=Gloss%20ORG&body=Middle%20East%20Institute%20http/);
  assert.deepEqual(log.warnings, []);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('<gloss-article>: annotates itself, site-wide then per-article overrides, data-gloss-skip, removal restores', async () => {
  const { page, log, context } = await open('embed/element.html');
  const state = await page.evaluate(() => {
    const el = document.getElementById('story');
    return {
      defined: customElements.get('gloss-article') !== undefined,
      mentions: [...el.querySelectorAll('gloss-mention')].map((m) => m.textContent),
      skipped: el.querySelector('[data-gloss-skip]').querySelectorAll('gloss-mention, gloss-statement').length,
      text: el.textContent,
    };
  });
  assert.ok(state.defined);
  assert.ok(state.mentions.includes('Alex Vatanka'));
  assert.ok(!state.mentions.includes('Tehran'), 'suppressed by the inline per-article overrides');
  assert.equal(state.skipped, 0, 'nothing marked inside data-gloss-skip');
  const card = await entityCard(page, 'Middle East Institute');
  assert.equal(card.descriptor, 'a Washington think tank', 'per-article overrides win over site-wide');
  assert.equal(card.report.target, '_blank');
  assert.equal(card.report.rel, 'noopener noreferrer');
  assert.equal(card.report.text, 'Report a problem');
  assert.ok(card.report.href.startsWith('https://example.org/report?page=http'));
  assert.ok(card.report.href.endsWith('&what=Middle%20East%20Institute&type=ORG'));
  // A badge card has the link too, with the statement as its text.
  await page.locator('gloss-badge .badge').first().click();
  const badgeReport = await page.evaluate(() => document.querySelector('body > gloss-layer').shadowRoot.querySelector('a[data-gloss-report]').href);
  assert.match(badgeReport, /&type=statement$/);
  // Removing the element destroys its annotation: UI gone, its content restored.
  const after = await page.evaluate(async (before) => {
    const el = document.getElementById('story');
    const holder = document.createElement('div');
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    holder.append(el);
    return {
      marks: el.querySelectorAll('gloss-mention, gloss-statement').length,
      layers: document.querySelectorAll('gloss-layer').length,
      panels: document.querySelectorAll('gloss-panel').length,
      same: el.textContent === before,
    };
  }, state.text);
  assert.deepEqual(after, { marks: 0, layers: 0, panels: 0, same: true });
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.warnings, []);
  await context.close();
});

test('opt-out: the panel button turns Gloss off, it stays off after a reload, Gloss.enable() turns it back on', async () => {
  const { page, log, context } = await open('embed/element.html');
  await page.locator('gloss-panel .toggle').click();
  await page.locator('gloss-panel button[data-action="disable"]').click();
  await page.waitForFunction(() => window.__glossEvents.some((e) => e.type === 'gloss:disabled'));
  const off = await page.evaluate(() => ({
    stored: localStorage.getItem('gloss:disabled'),
    marks: document.querySelectorAll('gloss-mention, gloss-statement, gloss-badge, gloss-panel, gloss-layer').length,
    disabled: window.Gloss.isDisabled(),
  }));
  assert.deepEqual(off, { stored: '1', marks: 0, disabled: true });

  await page.reload();
  await page.waitForFunction(() => customElements.get('gloss-article') !== undefined);
  const reloaded = await page.evaluate(async () => ({
    handle: await document.getElementById('story').annotate(),
    api: await window.Gloss.annotate(document.getElementById('story')),
    marks: document.querySelectorAll('gloss-mention').length,
    ready: window.__glossEvents.filter((e) => e.type === 'gloss:ready').length,
  }));
  assert.deepEqual(reloaded, { handle: null, api: null, marks: 0, ready: 0 });

  await page.evaluate(() => window.Gloss.enable());
  await page.waitForFunction(() => window.__glossEvents.some((e) => e.type === 'gloss:ready'), null, { timeout: 30000 });
  const on = await page.evaluate(() => ({ stored: localStorage.getItem('gloss:disabled'), marks: document.querySelectorAll('gloss-mention').length > 0 }));
  assert.deepEqual(on, { stored: null, marks: true });
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('data-gloss-disable on the page turns Gloss off there; bad options passed to the API warn clearly', async () => {
  const { page, log, context } = await open('embed/module.html');
  await page.evaluate(() => window.__embed);
  const result = await page.evaluate(async () => {
    const p = document.createElement('p');
    p.textContent = 'Alex Vatanka said the attack was a setback.';
    document.body.append(p);
    document.documentElement.setAttribute('data-gloss-disable', '');
    const off = await window.Gloss.annotate(p);
    document.documentElement.removeAttribute('data-gloss-disable');
    const on = await window.Gloss.annotate(p, {
      reportUrl: 'javascript:alert(1)', provider: 'altavista', maxBytes: -3, overides: {},
      // A bad set is skipped with a warning; the good one still applies.
      overrides: [{ entities: [{ match: 'Alex Vatanka', supress: true }] }, { statements: [{ source: 'Alex Vatanka', suppress: true }] }],
    });
    return { off, on: on && on.mentionCount, statements: on && on.summary.statements, marks: p.querySelectorAll('gloss-mention').length };
  });
  assert.equal(result.off, null);
  assert.ok(result.on >= 1 && result.marks >= 1);
  assert.equal(result.statements, 0, 'the valid set suppressed the statement');
  const warnings = log.warnings.join('\n');
  assert.match(warnings, /option "reportUrl" should be a http: or https: or mailto: URL, got "javascript:alert\(1\)"; ignored/);
  assert.match(warnings, /option "provider" should be one of "wikipedia", got "altavista"; ignored/);
  assert.match(warnings, /option "maxBytes" should be a positive number, got -3; ignored/);
  assert.match(warnings, /unknown option "overides" ignored/);
  assert.match(warnings, /\[gloss\] overrides: bad overrides: entities\[0\]: unknown field `supress`/);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
