// Hostile pages end to end: CSS that restyles everything, a page that defines gloss-mention
// itself or patches built-in prototypes, a strict CSP sent as a header, articles in a shadow
// root and in an iframe, a page that appends, removes and rewrites content after annotation,
// a framework that re-renders the article or swaps the element, and many annotate/destroy
// cycles with the JS heap and the Wasm memory measured. Every test fails on any page error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from './harness.mjs';

const env = useBrowser();

const ARTICLE = `
  <p>Speaking to WSJ, Alex Vatanka, director of the Iran program at the Middle East Institute, said that the attack was a humiliating setback for Tehran.</p>
  <p>“Operatives were able to come in and attack in the birthplace of Soleimani,” Vatanka said.</p>
  <p>US officials say it is one of the most dangerous groups in the region, according to Reuters.</p>`;

/** A page served at /hostile/<name> with `head` and `body`, the loader tag unless `loader` is false. */
function html({ head = '', body = `<article id="story">${ARTICLE}</article>`, loader = true, target = '#story' } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">${head}
${loader ? `<script type="module" src="/gloss.js" data-gloss-target="${target}"></script>` : ''}</head><body>${body}</body></html>`;
}

/**
 * Opens `pageHtml` (or several pages: {name: html}) served from the test server's origin,
 * records gloss:* events, and waits for `waitFor` (a page function) unless it is null.
 */
async function open(pages, { headers = {}, waitFor = () => window.__events.some((e) => e.type === 'gloss:ready') } = {}) {
  const { page, log, context } = await openPage(env.browser, env.server.url, { viewport: { width: 1280, height: 900 } });
  const files = typeof pages === 'string' ? { 'index.html': pages } : pages;
  for (const [name, body] of Object.entries(files)) {
    await page.route(env.server.url + 'hostile/' + name, (route) => route.fulfill({
      status: 200, contentType: 'text/html; charset=utf-8', headers, body,
    }));
  }
  await page.addInitScript(() => {
    window.__events = [];
    for (const type of ['gloss:ready', 'gloss:error']) {
      document.addEventListener(type, (e) => window.__events.push({ type, target: e.target.id || e.target.localName, detail: type === 'gloss:error' ? e.detail : { mentions: e.detail.mentions } }));
    }
  });
  await page.goto(env.server.url + 'hostile/' + Object.keys(files)[0]);
  if (waitFor) await page.waitForFunction(waitFor, null, { timeout: 30000 });
  return { page, log, context };
}

const glossWarnings = (log) => log.warnings.filter((w) => w.startsWith('[gloss]'));

test('page CSS that restyles everything (all: unset, span as block, !important on the custom elements) breaks nothing', async () => {
  const css = `<style>
    * { all: unset !important; }
    span, b, i { display: block !important; }
    gloss-mention, gloss-statement, gloss-badge, gloss-panel, gloss-layer {
      display: block !important; position: static !important; float: left !important;
      visibility: hidden !important; content-visibility: hidden !important; font-size: 40px !important; }
  </style>`;
  const { page, log, context } = await open(html({ head: css }));
  const r = await page.evaluate(async () => {
    const story = document.getElementById('story');
    const text = story.textContent;
    const marks = story.querySelectorAll('gloss-mention').length;
    const h = await window.Gloss.annotate(story);
    h.destroy();
    return { marks, same: story.textContent === text, left: story.querySelectorAll('gloss-mention, gloss-statement, gloss-badge').length, layers: document.querySelectorAll('gloss-layer').length };
  });
  assert.ok(r.marks >= 5, `only ${r.marks} marks`);
  assert.ok(r.same, 'text unchanged');
  assert.equal(r.left, 0);
  assert.equal(r.layers, 0);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('a page that already defines <gloss-mention> gets one warning and a gloss:error, and its article is left alone', async () => {
  const head = `<script>
    customElements.define('gloss-mention', class extends HTMLElement {
      connectedCallback() { this.textContent = 'HIJACKED'; }
    });
  </script>`;
  const { page, log, context } = await open(html({ head }), { waitFor: () => window.__events.some((e) => e.type === 'gloss:error') });
  const r = await page.evaluate(() => {
    const story = document.getElementById('story');
    return { marks: story.querySelectorAll('gloss-mention').length, text: story.textContent, errors: window.__events.filter((e) => e.type === 'gloss:error') };
  });
  assert.equal(r.marks, 0);
  assert.ok(!r.text.includes('HIJACKED'));
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0].detail.message, /already defines <gloss-mention>/);
  assert.equal(glossWarnings(log).length, 1, glossWarnings(log).join('\n'));
  assert.deepEqual(log.pageErrors, []);
  // The API refuses the same way: a rejection, not a throw into the page.
  const api = await page.evaluate(() => window.Gloss.annotate(document.getElementById('story')).then(() => 'resolved', (e) => e.message));
  assert.match(api, /already defines/);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('patched built-in prototypes (enumerable additions, wrapped Array/JSON/DOM methods) do not stop the widget', async () => {
  const head = `<script>
    Object.prototype.polluted = 'yes';
    Array.prototype.extra = function () { return 'extra'; };
    window.__calls = 0;
    const wrap = (obj, name) => { const orig = obj[name]; obj[name] = function (...a) { window.__calls++; return orig.apply(this, a); }; };
    wrap(Array.prototype, 'map'); wrap(Array.prototype, 'forEach'); wrap(JSON, 'parse'); wrap(JSON, 'stringify');
    wrap(Element.prototype, 'appendChild'); wrap(Node.prototype, 'appendChild'); wrap(Node.prototype, 'insertBefore');
    wrap(Element.prototype, 'setAttribute'); wrap(Text.prototype, 'splitText'); wrap(EventTarget.prototype, 'addEventListener');
    wrap(Function.prototype, 'bind'); wrap(Object, 'entries'); wrap(Promise.prototype, 'then');
  </script>`;
  const { page, log, context } = await open(html({ head }));
  const r = await page.evaluate(async () => {
    const story = document.getElementById('story');
    const marks = story.querySelectorAll('gloss-mention').length;
    (await window.Gloss.annotate(story)).destroy();
    const text = story.textContent;
    const before = story.innerHTML;
    const h = await window.Gloss.annotate(story);
    h.destroy();
    return { marks, calls: window.__calls, same: story.textContent === text, restored: story.innerHTML === before };
  });
  assert.ok(r.marks >= 5, `only ${r.marks} marks`);
  assert.ok(r.calls > 10, 'the patched methods were in use');
  assert.ok(r.same && r.restored);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('DOM methods that throw (a broken insertBefore) give a warning at most, never a page error, and the text is kept', async () => {
  const head = `<script>
    const story = () => document.getElementById('story');
    const orig = Node.prototype.insertBefore;
    Node.prototype.insertBefore = function (n, ref) {
      if (story() && story().contains(this)) throw new Error('insertBefore is broken on this page');
      return orig.call(this, n, ref);
    };
  </script>`;
  const { page, log, context } = await open(html({ head }), {
    waitFor: () => window.__events.some((e) => e.type === 'gloss:ready' || e.type === 'gloss:error'),
  });
  const r = await page.evaluate(async () => {
    const story = document.getElementById('story');
    const text = story.textContent;
    let rejected = null;
    try { (await window.Gloss.annotate(story)).destroy(); } catch (e) { rejected = e.message; }
    return { text, after: story.textContent, rejected, left: story.querySelectorAll('gloss-mention, gloss-statement').length };
  });
  assert.equal(r.after, r.text);
  assert.equal(r.left, 0);
  assert.ok(glossWarnings(log).length <= 2, glossWarnings(log).join('\n'));
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('a strict CSP sent as a header: annotation, the page watch and destroy work with no CSP report', async () => {
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";
  const { page, log, context } = await open(html(), { headers: { 'Content-Security-Policy': csp } });
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'late';
    p.textContent = 'Douglas London, a former CIA officer, said Iran would respond.';
    document.getElementById('story').appendChild(p);
  });
  await page.waitForFunction(() => document.querySelector('#late gloss-mention'), null, { timeout: 10000 });
  const reports = [...log.errors, ...log.warnings].filter((m) => /Content.Security.Policy/i.test(m));
  assert.deepEqual(reports, []);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('an article inside a shadow root is annotated there, with the mark styles inside the shadow root', async () => {
  const body = `<div id="host"></div><script type="module">
    const root = document.getElementById('host').attachShadow({ mode: 'open' });
    root.innerHTML = '<article id="inner">' + ${JSON.stringify(ARTICLE)} + '</article>';
    const { annotate } = await import('/gloss.js');
    window.__handle = await annotate(root.getElementById('inner'));
  </script>`;
  const { page, log, context } = await open(html({ body, loader: false }), { waitFor: () => window.__handle });
  // The stylesheet loads asynchronously: wait for the mark style to apply.
  await page.waitForFunction(() => {
    const m = document.getElementById('host').shadowRoot.querySelector('gloss-mention');
    return m && getComputedStyle(m).textDecorationStyle === 'dotted';
  }, null, { timeout: 5000 }).catch(() => {});
  const r = await page.evaluate(() => {
    const root = document.getElementById('host').shadowRoot;
    const inner = root.getElementById('inner');
    const m = inner.querySelector('gloss-mention');
    const text = inner.textContent;
    const styles = root.querySelectorAll('link[data-gloss-styles]').length;
    const decoration = m && getComputedStyle(m).textDecorationStyle;
    window.__handle.destroy();
    return { marks: inner.querySelectorAll('gloss-mention').length, hadMark: !!m, styles, decoration, same: inner.textContent === text };
  });
  assert.ok(r.hadMark, 'mentions marked inside the shadow root');
  assert.equal(r.styles, 1, 'gloss.css linked inside the shadow root');
  assert.equal(r.decoration, 'dotted', 'the mark style applies inside the shadow root');
  assert.equal(r.marks, 0);
  assert.ok(r.same);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('an article inside a same-origin iframe: marked, styled, a click opens its card, destroy restores', async () => {
  const frame = html({ loader: false });
  const body = `<iframe id="f" src="/hostile/frame.html" style="width:900px;height:600px"></iframe>`;
  const { page, log, context } = await open({ 'index.html': html({ body, loader: false }), 'frame.html': frame }, {
    waitFor: () => document.getElementById('f')?.contentDocument?.getElementById('story'),
  });
  await page.evaluate(async () => {
    const { annotate } = await import('/gloss.js');
    window.__handle = await annotate(document.getElementById('f').contentDocument.getElementById('story'));
  });
  const frameEl = page.frameLocator('#f');
  const mention = frameEl.locator('gloss-mention[data-gloss-entity="Alex Vatanka"]').first();
  await page.waitForFunction(() => {
    const m = document.getElementById('f').contentDocument.querySelector('gloss-mention');
    return m && getComputedStyle(m).textDecorationStyle === 'dotted';
  }, null, { timeout: 5000 }).catch(() => {});
  const info = await page.evaluate(() => {
    const doc = document.getElementById('f').contentDocument;
    const m = doc.querySelector('gloss-mention');
    return { styles: doc.querySelectorAll('link[data-gloss-styles]').length, decoration: getComputedStyle(m).textDecorationStyle, layers: doc.querySelectorAll('gloss-layer').length };
  });
  assert.equal(info.styles, 1);
  assert.equal(info.decoration, 'dotted');
  assert.equal(info.layers, 1, 'the card layer lives in the iframe');
  // Badges are placed and shown there too (their style is reached across realms).
  const badges = await page.evaluate(async () => {
    const doc = document.getElementById('f').contentDocument;
    const all = [...doc.querySelectorAll('gloss-badge')];
    const shown = () => all.filter((b) => b.style.visibility !== 'hidden' && b.shadowRoot.querySelector('.badge').style.transform.startsWith('translate(')).length;
    for (let i = 0; i < 60 && shown() < all.length; i++) await new Promise((r) => setTimeout(r, 50));
    return { all: all.length, shown: shown() };
  });
  assert.ok(badges.all > 0, 'the article has badges');
  assert.equal(badges.shown, badges.all, 'every badge placed and shown');
  await mention.click();
  const card = await page.evaluate(() => {
    const card = document.getElementById('f').contentDocument.querySelector('gloss-layer').shadowRoot.querySelector('[role="dialog"]');
    return { hidden: card.hidden, title: card.querySelector('#gloss-card-title')?.textContent };
  });
  assert.equal(card.hidden, false, 'the card opened');
  assert.equal(card.title, 'Alex Vatanka');
  const after = await page.evaluate(() => {
    const doc = document.getElementById('f').contentDocument;
    const text = doc.getElementById('story').textContent;
    window.__handle.destroy();
    return { left: doc.querySelectorAll('gloss-mention, gloss-layer, gloss-badge, gloss-panel').length, same: doc.getElementById('story').textContent === text };
  });
  assert.equal(after.left, 0);
  assert.ok(after.same);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

/** Counts of the widget's elements on the page. */
function widgetState(page) {
  return page.evaluate(() => ({
    layers: document.querySelectorAll('gloss-layer').length,
    panels: document.querySelectorAll('gloss-panel').length,
    badges: document.querySelectorAll('gloss-badge').length,
    statements: new Set([...document.querySelectorAll('gloss-statement')].map((s) => s.dataset.glossStatement)).size,
    mentions: document.querySelectorAll('gloss-mention').length,
  }));
}

test('infinite scroll and edits after annotation: appended paragraphs get marks, removed and rewritten nodes never break it', async () => {
  const { page, log, context } = await open(html());
  const first = await widgetState(page);
  assert.ok(first.mentions >= 5);
  // Infinite scroll: two batches of paragraphs.
  for (const batch of [1, 2]) {
    await page.evaluate((batch) => {
      const story = document.getElementById('story');
      for (let i = 0; i < 3; i++) {
        const p = document.createElement('p');
        p.className = `batch${batch}`;
        p.textContent = `Douglas London told Reuters on Tuesday that Iran had moved ${i + 2} battalions, officials said.`;
        story.appendChild(p);
      }
    }, batch);
    await page.waitForFunction((b) => document.querySelectorAll(`.batch${b} gloss-mention`).length >= 3, batch, { timeout: 10000 });
  }
  // Remove a paragraph with marks, rewrite a mention's text, and empty another paragraph at once.
  const text = await page.evaluate(() => {
    const story = document.getElementById('story');
    story.querySelector('p').remove();
    const m = story.querySelector('gloss-mention');
    m.firstChild.data = 'Someone Else';
    story.querySelector('.batch1').textContent = '';
    return story.textContent;
  });
  await page.waitForTimeout(1200);
  const after = await page.evaluate(() => document.getElementById('story').textContent);
  assert.equal(after, text, 'the page’s edits stand; the widget changed no text');
  const state = await widgetState(page);
  assert.equal(state.layers, 1, 'one card layer, no orphan');
  assert.equal(state.panels, 1, 'one panel, no orphan');
  assert.equal(state.badges, state.statements, 'one badge per marked statement');
  const readyCount = await page.evaluate(() => window.__events.filter((e) => e.type === 'gloss:ready').length);
  assert.ok(readyCount >= 3, 're-annotated after the changes');
  // Destroy leaves the page's current text and nothing of the widget.
  const end = await page.evaluate(async () => {
    const story = document.getElementById('story');
    const t = story.textContent;
    (await window.Gloss.annotate(story)).destroy();
    return { same: story.textContent === t, left: document.querySelectorAll('gloss-mention, gloss-statement, gloss-badge, gloss-layer, gloss-panel').length };
  });
  assert.ok(end.same);
  assert.equal(end.left, 0);
  // After destroy the page's own changes are not annotated again.
  await page.evaluate(() => document.getElementById('story').insertAdjacentHTML('beforeend', '<p>Alex Vatanka said so.</p>'));
  await page.waitForTimeout(1000);
  assert.equal((await widgetState(page)).mentions, 0);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('a framework re-rendering the article (children replaced) or swapping the element leaves no orphaned UI', async () => {
  const { page, log, context } = await open(html({ target: 'article' }));
  // Hydration: the same markup rendered again into the same element.
  await page.evaluate((a) => { document.getElementById('story').innerHTML = a.replace('Tehran', 'Tehran and Baghdad'); }, ARTICLE);
  await page.waitForFunction(() => [...document.querySelectorAll('#story gloss-mention')].some((m) => m.textContent === 'Baghdad'), null, { timeout: 10000 });
  let s = await widgetState(page);
  assert.equal(s.layers, 1);
  assert.equal(s.panels, 1);
  assert.equal(s.badges, s.statements);
  // A paywall script swaps the whole article element for a new one.
  await page.evaluate((a) => {
    const fresh = document.createElement('article');
    fresh.id = 'fresh';
    fresh.innerHTML = a.replace('Soleimani', 'Soleimani in Kerman');
    document.getElementById('story').replaceWith(fresh);
  }, ARTICLE);
  await page.waitForFunction(() => [...document.querySelectorAll('#fresh gloss-mention')].some((m) => m.textContent === 'Kerman'), null, { timeout: 10000 });
  await page.waitForTimeout(600);
  s = await widgetState(page);
  assert.equal(s.layers, 1, 'the swapped-out article’s card layer is gone');
  assert.equal(s.panels, 1, 'the swapped-out article’s panel is gone');
  assert.equal(s.badges, s.statements);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('repeated annotate/destroy cycles on the demo hold the JS heap and the Wasm memory flat', async () => {
  const { page, log, context } = await openPage(env.browser, env.server.url, { viewport: { width: 1280, height: 900 } });
  await page.goto(env.server.url + 'index.html');
  await page.waitForFunction(() => document.querySelector('#story gloss-mention'), null, { timeout: 30000 });
  const cdp = await context.newCDPSession(page);
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(async () => (await (await import('/pkg/gloss_core.js')).default()).memory.buffer.byteLength);
    return { heap: usedSize, wasm };
  };
  const cycles = (n) => page.evaluate(async (n) => {
    const story = document.getElementById('story');
    const t0 = performance.now();
    for (let i = 0; i < n; i++) (await window.Gloss.annotate(story)).destroy();
    return (performance.now() - t0) / n;
  }, n);
  const warm = await cycles(50);
  const m1 = await measure();
  const late = await cycles(150);
  const m2 = await measure();
  console.log(`cycles: ${warm.toFixed(1)} ms then ${late.toFixed(1)} ms each; heap ${(m1.heap / 1e6).toFixed(2)} → ${(m2.heap / 1e6).toFixed(2)} MB; wasm ${(m1.wasm / 1e6).toFixed(2)} → ${(m2.wasm / 1e6).toFixed(2)} MB`);
  assert.ok(m2.heap - m1.heap < 1.5e6, `JS heap grew ${m2.heap - m1.heap} bytes over 150 cycles`);
  assert.equal(m2.wasm, m1.wasm, 'Wasm memory grew');
  assert.ok(late < warm * 2 + 5, `cycles slowed down: ${warm} → ${late} ms`);
  const left = await page.evaluate(() => document.querySelectorAll('gloss-mention, gloss-layer, gloss-badge, gloss-panel').length);
  assert.equal(left, 0);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
