// The reader's UI end to end on the demo's seed article (and a Persian RTL page): hover intent
// and grace, hoverable cards, Escape, the keyboard path, touch, viewport containment at 360 px
// and 200% zoom, right-to-left mirroring, no layout shift, axe-core (WCAG 2.2 AA tags) with
// cards open and closed, the article's text unchanged, destroy removing everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, openPage, ROOT } from './harness.mjs';

const env = useBrowser();

const INTENT = 400;
const GRACE = 300;

/** Opens a page, records gloss:* events and layout shifts, waits for gloss:ready. */
async function open(file = 'index.html', contextOptions = {}) {
  const { page, log, context } = await openPage(env.browser, env.server.url, { viewport: { width: 1280, height: 900 }, ...contextOptions });
  await page.addInitScript(() => {
    window.__events = [];
    for (const type of ['gloss:ready', 'gloss:open', 'gloss:close', 'gloss:error']) {
      document.addEventListener(type, (e) => window.__events.push({ type, target: e.target.id, bubbles: e.bubbles, composed: e.composed, detail: type === 'gloss:ready' ? null : e.detail }));
    }
    window.__shifts = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          window.__shifts.push({ value: e.value, recent: e.hadRecentInput });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    } catch (_) { /* no layout-shift entries in this browser */ }
  });
  await page.goto(env.server.url + file);
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'gloss:ready'), null, { timeout: 30000 });
  return { page, log, context };
}

/** The card's state: open (not hidden), its rect, title and kind. */
function cardState(page) {
  return page.evaluate(() => {
    const layers = document.querySelectorAll('body > gloss-layer');
    const card = layers[layers.length - 1]?.shadowRoot?.querySelector('[role="dialog"]');
    if (!card) return null;
    const r = card.getBoundingClientRect();
    return {
      open: !card.hidden && getComputedStyle(card).display !== 'none',
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      title: card.querySelector('#gloss-card-title')?.textContent ?? null,
      kind: card.dataset.glossCard,
      dir: card.getAttribute('dir'),
      text: card.textContent,
      labelledBy: card.getAttribute('aria-labelledby'),
    };
  });
}

const events = (page, type) => page.evaluate((t) => window.__events.filter((e) => e.type === t), type);

/** An empty spot of the page, away from every mention and card. */
async function moveAway(page) {
  await page.mouse.move(5, 5);
}

test('a card opens after ~400 ms of hover, is hoverable, and closes ~300 ms after the pointer leaves', async () => {
  const { page, context, log } = await open();
  const m = page.locator('gloss-mention[data-gloss-entity="Alex Vatanka"]').first();
  await m.scrollIntoViewIfNeeded();
  await moveAway(page);
  const box = await m.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForTimeout(INTENT / 2);
  assert.equal((await cardState(page)).open, false, 'no card before the hover intent has elapsed');
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'gloss:open'), null, { timeout: 2000 });
  let c = await cardState(page);
  assert.equal(c.open, true);
  assert.equal(c.title, 'Alex Vatanka');
  assert.equal(c.labelledBy, 'gloss-card-title');
  const [opened] = await events(page, 'gloss:open');
  assert.equal(opened.target, 'story');
  assert.ok(opened.bubbles && opened.composed);
  assert.equal(opened.detail.type, 'entity');
  assert.equal(opened.detail.trigger, 'hover');
  assert.equal(opened.detail.entity.name, 'Alex Vatanka');
  assert.equal(opened.detail.entity.type, 'PERSON');
  assert.ok(opened.detail.entity.mentions >= 2);
  assert.equal(await m.getAttribute('aria-expanded'), 'true');

  // Hoverable: move onto the card (crossing the gap) and stay well past the grace period.
  await page.mouse.move((c.rect.left + c.rect.right) / 2, (c.rect.top + c.rect.bottom) / 2, { steps: 4 });
  await page.waitForTimeout(GRACE * 3);
  assert.equal((await cardState(page)).open, true, 'the card stays while the pointer is on it');

  // Leave both: still there just after, gone after the grace period.
  await moveAway(page);
  await page.waitForTimeout(GRACE / 3);
  assert.equal((await cardState(page)).open, true, 'the grace period keeps the card briefly');
  await page.waitForTimeout(GRACE * 2);
  c = await cardState(page);
  assert.equal(c.open, false);
  const closed = await events(page, 'gloss:close');
  assert.equal(closed.at(-1).detail.reason, 'grace');
  assert.equal(await m.getAttribute('aria-expanded'), 'false');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('a quick pass over a mention opens nothing; Escape dismisses a hover card without moving the pointer', async () => {
  const { page, context } = await open();
  const m = page.locator('gloss-mention[data-gloss-entity="Douglas London"]').first();
  await m.scrollIntoViewIfNeeded();
  await moveAway(page);
  const box = await m.boundingBox();
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.waitForTimeout(100);
  await moveAway(page);
  await page.waitForTimeout(INTENT + 200);
  assert.equal((await cardState(page)).open, false, 'passing over a mention opens no card');
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.waitForTimeout(INTENT + 300);
  assert.equal((await cardState(page)).open, true);
  await page.keyboard.press('Escape');
  assert.equal((await cardState(page)).open, false, 'Escape closes');
  await page.waitForTimeout(INTENT + GRACE);
  assert.equal((await cardState(page)).open, false, 'and it stays closed while the pointer rests');
  assert.equal((await events(page, 'gloss:close')).at(-1).detail.reason, 'escape');
  await context.close();
});

test('hovering a badge tints its statement; a badge card shows source, cue and form', async () => {
  const { page, context } = await open();
  const badge = page.locator('gloss-badge[data-gloss-source="Alex Vatanka"]').first();
  await badge.scrollIntoViewIfNeeded();
  const id = await badge.getAttribute('data-gloss-statement');
  const face = badge.locator('.badge'); // what the reader sees and points at (the host is empty)
  await face.hover();
  const tinted = await page.evaluate((k) => [...document.querySelectorAll(`gloss-statement[data-gloss-statement="${k}"]`)].every((s) => s.hasAttribute('data-gloss-active') && getComputedStyle(s).backgroundColor !== 'rgba(0, 0, 0, 0)'), id);
  assert.ok(tinted, 'the statement is tinted while its badge is hovered');
  await face.click();
  const c = await cardState(page);
  assert.equal(c.open, true);
  assert.equal(c.kind, 'source');
  assert.equal(c.title, 'Alex Vatanka');
  assert.match(c.text, /Named source/);
  assert.match(c.text, /Cue\s*said/);
  assert.match(c.text, /Direct quote|Paraphrase/);
  assert.match(c.text, /Other statements from this source/);
  const opened = (await events(page, 'gloss:open')).at(-1);
  assert.equal(opened.detail.type, 'source');
  assert.equal(opened.detail.trigger, 'click');
  assert.equal(opened.detail.source.kind, 'named');
  assert.equal(opened.detail.source.name, 'Alex Vatanka');
  assert.equal(typeof opened.detail.source.direct, 'boolean');
  // Badge labels live in shadow DOM: no badge text in the article's textContent.
  const label = await badge.evaluate((b) => b.shadowRoot.textContent);
  assert.equal(label, 'Vatanka');
  // The host is an empty inline, the containing block of its face, which is out of flow: no text
  // moves, and the page's own layouts never have to place the face.
  const geo = await badge.evaluate((b) => ({
    host: getComputedStyle(b).position, display: getComputedStyle(b).display, width: b.getBoundingClientRect().width,
    face: getComputedStyle(b.shadowRoot.querySelector('.badge')).position,
  }));
  assert.deepEqual(geo, { host: 'relative', display: 'inline', width: 0, face: 'absolute' });
  await context.close();
});

test('keyboard: one tab stop per entity, every badge reachable, Enter opens, Tab enters the card, Escape returns focus, arrows move', async () => {
  const { page, context } = await open();
  const expected = await page.evaluate(() => ({
    entities: new Set([...document.querySelectorAll('#story gloss-mention[data-gloss-e]')].map((m) => m.dataset.glossE)).size,
    badges: document.querySelectorAll('#story gloss-badge').length,
  }));
  await page.locator('#story').evaluate((s) => { s.tabIndex = -1; s.focus(); s.removeAttribute('tabindex'); });
  const seen = [];
  for (let n = 0; n < 400; n++) {
    await page.keyboard.press('Tab');
    const a = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || !document.getElementById('story').contains(e)) return null;
      return { tag: e.localName, entity: e.dataset.glossE ?? null, statement: e.dataset.glossStatement ?? null };
    });
    if (!a) break;
    seen.push(a);
  }
  const mentionStops = seen.filter((a) => a.tag === 'gloss-mention');
  const badgeStops = seen.filter((a) => a.tag === 'gloss-badge');
  assert.equal(new Set(mentionStops.map((a) => a.entity)).size, mentionStops.length, 'at most one tab stop per entity');
  assert.equal(mentionStops.length, expected.entities, 'every entity is reachable');
  assert.equal(badgeStops.length, expected.badges, 'every badge is reachable');

  // Enter on the first Vatanka mention opens its card; focus stays on the mention.
  const m = page.locator('gloss-mention[data-gloss-entity="Alex Vatanka"][tabindex="0"]');
  await m.focus();
  await page.keyboard.press('Enter');
  let c = await cardState(page);
  assert.equal(c.open, true);
  assert.equal((await events(page, 'gloss:open')).at(-1).detail.trigger, 'keyboard');
  // Tab moves into the card: first its close button, then the previous/next buttons and links.
  await page.keyboard.press('Tab');
  let inCard = await page.evaluate(() => { const a = document.activeElement; return a.localName === 'gloss-layer' ? a.shadowRoot.activeElement?.getAttribute('aria-label') || a.shadowRoot.activeElement?.localName : null; });
  assert.equal(inCard, 'Close');
  await page.keyboard.press('Tab');
  inCard = await page.evaluate(() => document.activeElement.shadowRoot?.activeElement?.getAttribute('aria-label'));
  assert.equal(inCard, 'Previous mention');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // "Next mention": moves the card to the 2nd mention
  await page.waitForTimeout(100);
  c = await cardState(page);
  assert.match(c.text, /2 of \d+/);
  await page.keyboard.press('Escape');
  assert.equal((await cardState(page)).open, false);
  const focused = await page.evaluate(() => ({ tag: document.activeElement.localName, entity: document.activeElement.dataset.glossEntity }));
  assert.deepEqual(focused, { tag: 'gloss-mention', entity: 'Alex Vatanka' }, 'Escape returns focus to the mention');
  // Arrow keys move through all mentions.
  const before = await page.evaluate(() => Number(document.activeElement.dataset.glossM));
  await page.keyboard.press('ArrowRight');
  const afterRight = await page.evaluate(() => Number(document.activeElement.dataset.glossM));
  assert.ok(afterRight > before, `ArrowRight moved from mention ${before} to ${afterRight}`);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.evaluate(() => Number(document.activeElement.dataset.glossM)), before);
  // Space opens a badge card; Tab past the card's last link closes it and continues after the badge.
  const badge = page.locator('gloss-badge').first();
  await badge.focus();
  await page.keyboard.press(' ');
  assert.equal((await cardState(page)).open, true);
  const controls = await page.evaluate(() => document.querySelector('gloss-layer').shadowRoot.querySelectorAll('[role="dialog"] button, [role="dialog"] a[href]').length);
  const afterBadge = await page.evaluate(() => {
    // What Tab reaches after the first badge when no card is open: the next tab stop in the article.
    const all = [...document.querySelectorAll('#story [tabindex="0"], #story a[href]')];
    const b = document.querySelector('gloss-badge');
    const next = all.find((e) => b.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
    return next ? next.outerHTML.slice(0, 60) : null;
  });
  for (let n = 0; n < controls + 1; n++) await page.keyboard.press('Tab');
  assert.equal((await cardState(page)).open, false, 'Tab past the last control closes the card');
  const now = await page.evaluate(() => document.activeElement.outerHTML.slice(0, 60));
  assert.equal(now, afterBadge, 'and focus continues after the badge');
  await context.close();
});

test('touch: a tap opens, a tap outside closes, the close button closes, and nothing opens on hover', async () => {
  const { page, context } = await open('index.html', { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const m = page.locator('gloss-mention[data-gloss-entity="Alex Vatanka"]').first();
  await m.scrollIntoViewIfNeeded();
  await m.tap();
  let c = await cardState(page);
  assert.equal(c.open, true, 'a tap opens the card');
  assert.equal((await events(page, 'gloss:open')).at(-1).detail.trigger, 'touch');
  await page.waitForTimeout(GRACE * 2);
  assert.equal((await cardState(page)).open, true, 'no grace close for touch');
  // Tap outside: a point of the page that is neither the card nor a mention or badge.
  const spot = await page.evaluate(() => {
    for (let y = 20; y < innerHeight; y += 20) {
      for (let x = 20; x < innerWidth; x += 20) {
        const e = document.elementFromPoint(x, y);
        if (e && !e.closest('gloss-layer, gloss-mention, gloss-badge, a, button, select, label')) return { x, y };
      }
    }
    return null;
  });
  assert.ok(spot, 'found a spot outside the card');
  await page.touchscreen.tap(spot.x, spot.y);
  assert.equal((await cardState(page)).open, false, 'a tap outside closes');
  await m.tap();
  assert.equal((await cardState(page)).open, true);
  const close = await page.evaluate(() => {
    const layers = document.querySelectorAll('body > gloss-layer');
    const r = layers[layers.length - 1].shadowRoot.querySelector('.close').getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
  });
  assert.ok(close.w >= 24 && close.h >= 24, 'the close button is a 24 px target at least (WCAG 2.5.8)');
  await page.touchscreen.tap(close.x, close.y);
  assert.equal((await cardState(page)).open, false, 'the close button closes');
  await page.waitForTimeout(INTENT + GRACE);
  assert.equal((await cardState(page)).open, false, 'no sticky hover reopens it');
  await context.close();
});

/** Opens cards for a spread of mentions and badges; every card must be inside the viewport and off its trigger. */
async function checkContainment(page) {
  const vp = await page.evaluate(() => ({ w: document.documentElement.clientWidth, h: document.documentElement.clientHeight }));
  const n = await page.locator('#story gloss-mention[tabindex]').count();
  const picks = [0, 1, 5, Math.floor(n / 3), Math.floor(n / 2), n - 3, n - 1].filter((i, k, a) => i >= 0 && a.indexOf(i) === k);
  const triggers = [...picks.map((i) => page.locator('#story gloss-mention[tabindex]').nth(i)), page.locator('gloss-badge .badge').first(), page.locator('gloss-badge .badge').last()];
  for (const t of triggers) {
    await t.scrollIntoViewIfNeeded();
    await t.click();
    await page.waitForTimeout(50);
    const c = await cardState(page);
    assert.equal(c.open, true);
    const r = c.rect;
    assert.ok(r.left >= 0 && r.right <= vp.w + 0.5, `card inside horizontally: ${JSON.stringify(r)} in ${vp.w}`);
    assert.ok(r.top >= 0 && r.bottom <= vp.h + 0.5, `card inside vertically: ${JSON.stringify(r)} in ${vp.h}`);
    const rects = await t.evaluate((e) => [...e.getClientRects()].map((q) => ({ left: q.left, top: q.top, right: q.right, bottom: q.bottom })));
    for (const q of rects) {
      const overlap = q.left < r.right && q.right > r.left && q.top < r.bottom && q.bottom > r.top;
      assert.ok(!overlap, `the card covers its trigger: ${JSON.stringify({ card: r, trigger: q })}`);
    }
    await page.keyboard.press('Escape');
  }
}

test('cards stay inside a 360 px wide viewport and never cover their trigger', async () => {
  const { page, context } = await open('index.html', { viewport: { width: 360, height: 640 } });
  await checkContainment(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `badges cause no horizontal scrolling (${overflow}px)`);
  await context.close();
});

test('cards stay inside the viewport at 200% zoom (1280×800 at 2×: 640×400 CSS px)', async () => {
  const { page, context } = await open('index.html', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  await checkContainment(page);
  await context.close();
});

test('a Persian page: right-to-left cards, badges in the right gutter, Persian strings and digits', async () => {
  const { page, context, log } = await open('fa.html');
  const m = page.locator('gloss-mention[data-gloss-entity="Alex Vatanka"]').first();
  await m.click();
  const c = await cardState(page);
  assert.equal(c.open, true);
  assert.equal(c.dir, 'rtl');
  assert.match(c.text, /شخص/, 'type in Persian');
  assert.match(c.text, /[۰-۹]/, 'Persian digits');
  const mr = await m.boundingBox();
  assert.ok(Math.abs(c.rect.right - (mr.x + mr.width)) < 2 || c.rect.right <= mr.x + mr.width, 'the card is aligned to the mention’s right (inline-start) edge');
  const sides = await page.evaluate(() => {
    const a = document.getElementById('story').getBoundingClientRect();
    return [...document.querySelectorAll('gloss-badge')].map((b) => b.shadowRoot.querySelector('.badge').getBoundingClientRect().left >= a.right);
  });
  assert.ok(sides.length > 0 && sides.every(Boolean), 'badges sit in the right-hand gutter');
  const panel = await page.evaluate(() => document.querySelector('gloss-panel').shadowRoot.querySelector('.panel').textContent);
  assert.match(panel, /منابع این مطلب/);
  // Arrow keys are mirrored: ArrowLeft goes forward on a right-to-left page.
  await page.keyboard.press('Escape');
  await m.focus();
  const from = await page.evaluate(() => Number(document.activeElement.dataset.glossM));
  await page.keyboard.press('ArrowLeft');
  assert.ok(await page.evaluate((f) => Number(document.activeElement.dataset.glossM) > f, from));
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

/** Layout-shift total of the demo at `viewport`, with the widget or with gloss.js stubbed out. */
async function shiftTotal(viewport, withWidget) {
  const { page, context } = await openPage(env.browser, env.server.url, { viewport });
  if (!withWidget) {
    await page.route('**/gloss.js', (r) => r.fulfill({ status: 200, contentType: 'text/javascript', body: 'export async function annotate() { return { destroy() {} }; }' }));
  }
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__shifts.push({ value: e.value, sources: (e.sources || []).map((s) => s.node ? `${s.node.nodeName}.${s.node.className || s.node.id || ''}` : '?') });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(env.server.url + 'index.html');
  if (withWidget) await page.waitForSelector('gloss-panel', { state: 'attached', timeout: 30000 });
  await page.waitForTimeout(600);
  if (withWidget) {
    // Hover-opened cards (no recent input excuses these: pointer moves are not "input").
    for (const sel of ['gloss-mention[tabindex="0"]', 'gloss-badge .badge']) {
      const t = page.locator(sel).first();
      await t.hover();
      await page.waitForTimeout(INTENT + 200);
      await page.mouse.move(5, 5);
      await page.waitForTimeout(GRACE + 200);
    }
  }
  const shifts = await page.evaluate(() => window.__shifts);
  await context.close();
  return { total: shifts.reduce((a, e) => a + e.value, 0), shifts };
}

test('the widget causes no layout shift: marks, badges, panel and hover cards add nothing to the page’s own', async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 640 }]) {
    const page = await shiftTotal(viewport, false);
    const widget = await shiftTotal(viewport, true);
    assert.ok(page.total < 1e-9, `the demo page itself shifts at ${viewport.width}px: ${JSON.stringify(page.shifts)}`);
    assert.ok(Math.abs(widget.total - page.total) < 1e-9,
      `at ${viewport.width}px: with the widget ${JSON.stringify(widget.shifts)}, without ${JSON.stringify(page.shifts)}`);
  }
});

async function axe(page) {
  await page.addScriptTag({ path: path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary) }));
  });
}

test('axe-core finds no WCAG 2.2 AA violations with cards closed, an entity card open, a badge card open and the panel open', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, context } = await open('index.html', { colorScheme });
    assert.deepEqual(await axe(page), [], `${colorScheme}: closed`);
    await page.locator('gloss-mention[data-gloss-entity="Alex Vatanka"]').first().click();
    assert.equal((await cardState(page)).open, true);
    assert.deepEqual(await axe(page), [], `${colorScheme}: entity card open`);
    await page.locator('gloss-badge .badge').first().click();
    assert.equal((await cardState(page)).kind, 'source');
    assert.deepEqual(await axe(page), [], `${colorScheme}: badge card open`);
    await page.keyboard.press('Escape');
    await page.evaluate(() => document.querySelector('gloss-panel').shadowRoot.querySelector('.toggle').click());
    assert.deepEqual(await axe(page), [], `${colorScheme}: panel open`);
    await context.close();
  }
  // The Persian right-to-left page, with a card open.
  const { page, context } = await open('fa.html');
  await page.locator('gloss-mention[data-gloss-entity="Alex Vatanka"]').first().click();
  assert.deepEqual(await axe(page), [], 'fa: entity card open');
  await context.close();
});

test('the sourcing panel: after the article, collapsible, with the verdict and links that jump to statements', async () => {
  const { page, context } = await open();
  const info = await page.evaluate(() => {
    const p = document.querySelector('gloss-panel');
    const sr = p.shadowRoot;
    return {
      afterArticle: p.previousElementSibling?.id,
      expanded: sr.querySelector('.toggle').getAttribute('aria-expanded'),
      bodyHidden: sr.querySelector('.body').hidden,
      verdict: sr.querySelector('.verdict').textContent,
      statements: document.querySelectorAll('#story gloss-badge').length,
    };
  });
  assert.equal(info.afterArticle, 'story');
  assert.equal(info.expanded, 'false');
  assert.equal(info.bodyHidden, true);
  assert.match(info.verdict, /^(\d+ of \d+ statements come from unnamed sources\.|All \d+ statements come from sources the article names\.|No attributed statements found in this article\.)$/);
  await page.locator('gloss-panel .toggle').click();
  assert.equal(await page.evaluate(() => document.querySelector('gloss-panel').shadowRoot.querySelector('.body').hidden), false);
  if (info.statements > 0) {
    const link = page.locator('gloss-panel a[data-statement]').last();
    const k = await link.getAttribute('data-statement');
    await link.click();
    await page.waitForTimeout(800);
    const jumped = await page.evaluate((k) => ({
      focused: document.activeElement.localName + ':' + document.activeElement.dataset.glossStatement,
      inView: (() => { const r = document.querySelector(`gloss-statement[data-gloss-statement="${k}"]`).getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })(),
    }), k);
    assert.equal(jumped.focused, `gloss-badge:${k}`);
    assert.ok(jumped.inView);
  }
  await context.close();
});

test('the article text never changes, and destroy removes marks, badges, cards and panel exactly', async () => {
  const { page, context } = await open();
  const r = await page.evaluate(async () => {
    const story = document.getElementById('story');
    const html = await (await fetch('index.html')).text();
    const served = new DOMParser().parseFromString(html, 'text/html').getElementById('story');
    const handle = await window.Gloss.annotate(story);
    const annotatedText = story.textContent;
    const counts = () => ({
      mentions: story.querySelectorAll('gloss-mention').length,
      statements: story.querySelectorAll('gloss-statement').length,
      badges: document.querySelectorAll('gloss-badge').length,
      layers: document.querySelectorAll('gloss-layer').length,
      panels: document.querySelectorAll('gloss-panel').length,
    });
    const during = counts();
    handle.destroy();
    return { same: annotatedText === served.textContent, restored: story.innerHTML === served.innerHTML, during, after: counts() };
  });
  assert.ok(r.same, 'textContent is unchanged while annotated');
  assert.ok(r.during.mentions > 0 && r.during.layers === 1 && r.during.panels === 1);
  assert.equal(r.during.badges, r.during.statements ? r.during.badges : 0);
  assert.ok(r.restored, 'destroy restores the served HTML exactly');
  assert.deepEqual(r.after, { mentions: 0, statements: 0, badges: 0, layers: 0, panels: 0 });
  await context.close();
});

test('under a strict CSP (no inline styles) cards, badges and panel are still styled, with no CSP errors', async () => {
  const { page, context, log } = await open('csp.html');
  await page.locator('gloss-mention[data-gloss-entity="Alex Vatanka"]').first().click();
  const styled = await page.evaluate(() => {
    const card = document.querySelector('gloss-layer').shadowRoot.querySelector('[role="dialog"]');
    const cs = getComputedStyle(card);
    const badge = document.querySelector('gloss-badge');
    return {
      position: cs.position,
      background: cs.backgroundColor,
      radius: cs.borderTopLeftRadius,
      badgePosition: badge ? getComputedStyle(badge.shadowRoot.querySelector('.badge')).position : 'absolute',
      panelBorder: getComputedStyle(document.querySelector('gloss-panel').shadowRoot.querySelector('.panel')).borderTopStyle,
    };
  });
  assert.equal(styled.position, 'absolute');
  assert.notEqual(styled.background, 'rgba(0, 0, 0, 0)');
  assert.equal(styled.radius, '8px');
  assert.equal(styled.badgePosition, 'absolute');
  assert.equal(styled.panelBorder, 'solid');
  const csp = [...log.errors, ...log.warnings].filter((m) => /Content Security Policy|Content-Security-Policy/i.test(m));
  assert.deepEqual(csp, []);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('the panel goes into a [data-gloss-panel] slot the page reserved; reduced motion drops animation', async () => {
  const { page, context } = await open('index.html', { reducedMotion: 'reduce' });
  const r = await page.evaluate(async () => {
    const story = document.getElementById('story');
    (await window.Gloss.annotate(story)).destroy();
    const slot = document.createElement('div');
    slot.setAttribute('data-gloss-panel', '');
    story.before(slot);
    await window.Gloss.annotate(story);
    const panel = document.querySelector('gloss-panel');
    return { inSlot: panel.parentElement === slot, afterStory: story.nextElementSibling?.localName ?? null };
  });
  assert.ok(r.inSlot, 'the panel is in the reserved slot');
  assert.notEqual(r.afterStory, 'gloss-panel');
  await page.locator('gloss-mention[data-gloss-entity="Alex Vatanka"]').first().click();
  const anim = await page.evaluate(() => getComputedStyle(document.querySelector('gloss-layer').shadowRoot.querySelector('[role="dialog"]')).animationName);
  assert.equal(anim, 'none');
  await context.close();
});

test('a card follows its mention when a scrolled container scrolls', async () => {
  const { page, context } = await open();
  await page.evaluate(async () => {
    const box = document.createElement('div');
    box.id = 'scroller';
    box.style.cssText = 'height: 220px; overflow: auto; border: 1px solid; margin: 1rem 0';
    box.innerHTML = '<p>Filler paragraph one.</p>'.repeat(3) +
      '<p>Speaking to WSJ, Alex Vatanka, director of the Iran program at the Middle East Institute, said that the attack was a setback.</p>' +
      '<p>More filler text here.</p>'.repeat(12);
    document.querySelector('main').prepend(box);
    await window.Gloss.annotate(box);
  });
  const m = page.locator('#scroller gloss-mention[data-gloss-entity="Alex Vatanka"]').first();
  await m.click();
  const layers = () => page.evaluate(() => {
    const all = document.querySelectorAll('body > gloss-layer');
    for (const l of all) {
      const c = l.shadowRoot.querySelector('[role="dialog"]');
      // The edge next to the mention: the bottom when the card is above it, else the top.
      if (!c.hidden) { const r = c.getBoundingClientRect(); return { edge: c.dataset.placement === 'above' ? r.bottom : r.top, p: c.dataset.placement, top: r.top, bottom: r.bottom }; }
    }
    return null;
  });
  const before = await layers();
  const mBefore = (await m.boundingBox()).y;
  await page.evaluate(() => { document.getElementById('scroller').scrollTop += 40; });
  await page.waitForTimeout(100);
  const after = await layers();
  const mAfter = (await m.boundingBox()).y;
  const [top, bottom] = await m.evaluate((e) => { const r = e.getClientRects()[0]; return [r.top, r.bottom]; });
  assert.ok(before !== null && after !== null, 'the card is open');
  assert.ok(after.edge < before.edge - 30, `the card moved up with the content: ${JSON.stringify([before, after])}, mention ${mBefore} → ${mAfter}`);
  // And it is again right next to the mention (6 px gap), on the side it was placed.
  const expected = after.p === 'above' ? top - 6 : bottom + 6;
  assert.ok(Math.abs(after.edge - expected) < 1.5, `card edge ${after.edge}, expected ${expected}`);
  await context.close();
});

/** Every badge face once placed: its viewport box (waits for the batches of later frames). */
async function placedFaces(page) {
  return page.evaluate(async () => {
    const badges = [...document.querySelectorAll('gloss-badge')];
    const face = (b) => b.shadowRoot.querySelector('.badge');
    const done = () => badges.every((b) => b.style.visibility !== 'hidden' && face(b).style.transform.startsWith('translate('));
    for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
    return { done: done(), rects: badges.map((b) => { const r = face(b).getBoundingClientRect(); return { left: r.left, right: r.right, width: r.width }; }) };
  });
}

test('badge faces stay where the reader can see them: inside an article that clips its overflow, and compact on a narrow right-to-left page', async () => {
  // An article with overflow: hidden (a common clearfix) clips anything outside it, gutter included.
  const { page, context } = await open();
  const story = await page.evaluate(async () => {
    const el = document.getElementById('story');
    (await window.Gloss.annotate(el)).destroy();
    el.style.overflow = 'hidden';
    await window.Gloss.annotate(el);
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right };
  });
  const clipped = await placedFaces(page);
  assert.ok(clipped.done && clipped.rects.length > 3, 'every badge placed');
  for (const r of clipped.rects) assert.ok(r.width > 0 && r.left >= story.left - 0.5 && r.right <= story.right + 0.5, `face ${JSON.stringify(r)} inside the article ${JSON.stringify(story)}`);
  await context.close();
  // Persian at 360 px: compact faces, anchored by their left edge, stay in the viewport.
  const fa = await open('fa.html', { viewport: { width: 360, height: 740 } });
  const narrow = await placedFaces(fa.page);
  assert.ok(narrow.done && narrow.rects.length > 0, 'every badge placed');
  for (const r of narrow.rects) assert.ok(r.width > 0 && r.width <= 20 && r.left >= -0.5 && r.right <= 360.5, `compact face ${JSON.stringify(r)} in a 360 px viewport`);
  await fa.context.close();
});
