// Knowledge behind the cards, end to end: the bundled KB (www/kb, fetched shard by shard only
// when a card opens), linking with the article's context (Georgia, Paris, Texas), the opt-in
// Wikipedia provider against a local server in the REST page/summary format (found,
// disambiguation, not found, slow, malformed), and hostile or broken KBs that must stay inert.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { serve, openPage, CHROMIUM_ARGS } from './harness.mjs';

let server;
let browser;
let fixture;
let fixtureUrl;
const hits = [];

const ARTICLE = `<article id="a" lang="en">
<p>KERMAN, Iran — The attack in Kerman, a city in southeastern Iran, killed dozens, officials in Tehran said.</p>
<p>Alex Vatanka, director of the Iran program at the Middle East Institute, said the group wanted attention.</p>
<p>In Georgia, protesters gathered in Tbilisi on Sunday. In Paris, Texas, the mayor said the town would help.</p>
<p>Tom Hubbard, a local teacher, said the town was calm. Maria Lopez said she was afraid. John Carver said little.</p>
</article>`;

const HUGE = 'x'.repeat(1_000_000);
const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

const summaries = {
  Alex_Vatanka: {
    type: 'standard', title: 'Alex Vatanka', description: 'Iranian-American analyst',
    extract: 'Alex Vatanka is a senior fellow who writes about Iran.',
    thumbnail: { source: `__FIXTURE__/img/vatanka.png`, width: 200, height: 300 },
    content_urls: { desktop: { page: 'https://en.wikipedia.org/wiki/Alex_Vatanka' } },
  },
  Georgia: {
    type: 'disambiguation', title: 'Georgia', extract: 'Georgia may refer to:',
    content_urls: { desktop: { page: 'https://en.wikipedia.org/wiki/Georgia' } },
  },
  Maria_Lopez: { type: 'standard', title: 'Maria Lopez', extract: 'Too late to be shown.' },
};

// A KB whose one shard holds hostile entries (one shard: no hashing needed to place them).
const hostileShard = {
  keys: { 'alex vatanka': [0, 1], 'tom hubbard': [2], 'john carver': [3] },
  entries: [
    { id: 'bad-1', type: 'person', names: 42, description: 'wrong types: never a candidate' },
    {
      id: 'bad-2', type: 'person', names: ['Alex Vatanka', HUGE.slice(0, 5000)], description: XSS + HUGE,
      url: 'javascript:window.__pwned=1', image: 'javascript:window.__pwned=1', flag: { no: 1 },
      population: 'lots', updated: ['x'], country: 7,
    },
    { id: 'bad-3', type: 'person', names: ['Tom Hubbard'], description: 'Teacher', url: 'data:text/html,<script>window.__pwned=1</script>', image: '//evil.example/x.png' },
    { id: 'ok-4', type: 'person', names: ['John Carver'], description: 'Known to this KB', url: 'https://kb.example/john', image: `__FIXTURE__/img/carver.png` },
  ],
};

function handler(req, res) {
  hits.push(req.url);
  const send = (code, body, type = 'application/json') => {
    res.writeHead(code, { 'content-type': type, 'access-control-allow-origin': '*' });
    res.end(body);
  };
  const u = new URL(req.url, 'http://x');
  const p = u.pathname;
  if (p.startsWith('/summary/')) {
    const title = decodeURIComponent(p.slice('/summary/'.length));
    if (title === 'Maria_Lopez') {
      setTimeout(() => send(200, JSON.stringify(summaries.Maria_Lopez)), 2500);
      return;
    }
    if (title === 'John_Carver') return send(200, '{"type": "standard", "title": "John Carver", "extract": ');
    const s = summaries[title];
    if (!s) return send(404, JSON.stringify({ type: 'https://mediawiki.org/wiki/HyperSwitch/errors/not_found', title: 'Not found.' }));
    return send(200, JSON.stringify(s).replaceAll('__FIXTURE__', fixtureUrl));
  }
  if (p.startsWith('/img/')) return send(200, 'not really a png', 'image/png');
  if (p === '/kb-down/kb.json') return send(500, 'oops', 'text/plain');
  if (p === '/kb-bad/kb.json') return send(200, '{"format": "gloss-kb/1", "shards": "many"');
  if (p === '/kb-hostile/kb.json') return send(200, JSON.stringify({ format: 'gloss-kb/1', name: '<b>Hostile KB</b>', source: 'javascript:alert(1)', shards: 1 }));
  if (p === '/kb-hostile/shards/0.json') return send(200, JSON.stringify(hostileShard).replaceAll('__FIXTURE__', fixtureUrl));
  return send(404, '{}');
}

before(async () => {
  server = await serve();
  // The provider fixture is a second loopback origin; Chromium's Local Network Access checks
  // would refuse a page's fetch to it (a real provider is a public address, never blocked).
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'] });
  fixture = http.createServer(handler);
  await new Promise((r) => fixture.listen(0, '127.0.0.1', r));
  fixtureUrl = `http://127.0.0.1:${fixture.address().port}`;
});

after(async () => {
  await browser?.close();
  server?.stop();
  fixture?.close();
});

/** A page on the widget's origin with the article and the loader tag carrying `attrs`. */
async function open(attrs = '') {
  const { page, log, context } = await openPage(browser, server.url, { viewport: { width: 1280, height: 900 } });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  // The provider fixture is another origin: allowed here, every other foreign request is not.
  await page.route(`${fixtureUrl}/**`, (route) => route.continue());
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>kb</title></head><body>${ARTICLE}
<script type="module" src="${server.url}gloss.js" data-gloss-target="article" ${attrs}></script></body></html>`;
  await page.route(`${server.url}kn-test.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.addInitScript(() => {
    window.__ready = false;
    document.addEventListener('gloss:ready', () => { window.__ready = true; });
  });
  await page.goto(`${server.url}kn-test.html`);
  await page.waitForFunction(() => window.__ready, null, { timeout: 30000 });
  return { page, log, context, requests };
}

/** Opens the card of the first mention of `entity` (by click) and returns the card's state once
 * the knowledge slot settled (`wait` ms after the last change, or a `.kn` block appeared). */
async function openCard(page, entity, { expect = true, settle = 600 } = {}) {
  await page.locator(`gloss-mention[data-gloss-entity="${entity}"]`).first().click();
  if (expect) {
    await page.waitForFunction(() => {
      const card = document.querySelector('body > gloss-layer')?.shadowRoot?.querySelector('[role="dialog"]');
      return card && card.querySelector('.kn');
    }, null, { timeout: 10000 });
  }
  await page.waitForTimeout(settle);
  return page.evaluate(() => {
    const card = document.querySelector('body > gloss-layer').shadowRoot.querySelector('[role="dialog"]');
    const slot = card.querySelector('[data-gloss-slot="knowledge"]');
    return {
      open: !card.hidden,
      title: card.querySelector('#gloss-card-title')?.textContent,
      slotHidden: slot?.hidden ?? true,
      blocks: [...(slot?.querySelectorAll('.kn') ?? [])].map((b) => ({
        source: b.dataset.glossSource,
        confidence: b.dataset.glossConfidence,
        text: b.textContent,
        links: [...b.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), rel: a.rel, target: a.target, text: a.textContent })),
        imgs: [...b.querySelectorAll('img')].map((i) => ({ src: i.getAttribute('src'), loading: i.loading, width: i.width, height: i.height, alt: i.alt })),
        elements: [...b.querySelectorAll('*')].map((e) => e.localName),
      })),
    };
  });
}

async function close(page) {
  await page.keyboard.press('Escape');
}

test('bundled KB: nothing fetched before a card opens; then one manifest and one shard, linked with context', async () => {
  const { page, log, context, requests } = await open();
  const kb = () => requests.filter((u) => u.includes('/kb/'));
  assert.deepEqual(kb(), [], 'no KB request before a card opens');

  const kerman = await openCard(page, 'Kerman');
  assert.equal(kerman.blocks.length, 1);
  const b = kerman.blocks[0];
  assert.equal(b.source, 'kb');
  assert.equal(b.confidence, 'sure');
  assert.match(b.text, /Kerman/);
  assert.match(b.text, /City in Iran/);
  assert.match(b.text, /Population\s*\d{3},\d{3}/);
  assert.match(b.text, /Source:\s*GeoNames/);
  assert.ok(b.links.length >= 1 && b.links.every((l) => /^https:\/\/www\.geonames\.org\//.test(l.href) && l.rel === 'noopener noreferrer'), JSON.stringify(b.links));
  assert.equal(kb().filter((u) => u.endsWith('kb.json')).length, 1);
  assert.equal(kb().filter((u) => u.includes('/shards/')).length, 1, 'exactly one shard');
  await close(page);

  // Context decides: Georgia with Tbilisi is the country; Paris with Texas is the Texan town.
  const georgia = await openCard(page, 'Georgia');
  assert.equal(georgia.blocks[0].confidence, 'sure');
  assert.match(georgia.blocks[0].text, /Country in Western Asia/);
  assert.match(georgia.blocks[0].text, /Capital\s*Tbilisi/);
  await close(page);
  const paris = await openCard(page, 'Paris');
  assert.match(paris.blocks[0].text, /City in Texas, United States/);
  await close(page);

  // A person the KB does not know: the slot stays hidden, the card is whole.
  const hubbard = await openCard(page, 'Tom Hubbard', { expect: false });
  assert.ok(hubbard.open);
  assert.equal(hubbard.title, 'Tom Hubbard');
  assert.ok(hubbard.slotHidden);
  await close(page);

  // The manifest is cached: reopening asks for nothing new.
  const before = kb().length;
  await openCard(page, 'Kerman');
  assert.equal(kb().length, before);

  assert.deepEqual(log.foreign, [], 'no request leaves the origin');
  assert.deepEqual(hits.filter((h) => h.startsWith('/summary/')), [], 'no provider request when the option is off');
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('Wikipedia provider (opt-in): found, disambiguation, not found, slow, malformed', async () => {
  hits.length = 0;
  const { page, log, context } = await open(`data-gloss-kb="off" data-gloss-provider="wikipedia" data-gloss-provider-url="${fixtureUrl}/summary/" data-gloss-timeout="1000"`);
  assert.deepEqual(hits, [], 'no request until a card opens');

  const found = await openCard(page, 'Alex Vatanka');
  assert.equal(found.blocks.length, 1);
  const w = found.blocks[0];
  assert.equal(w.source, 'wikipedia');
  // No KB vouched for the name, so the summary is offered as "possibly".
  assert.equal(w.confidence, 'possibly');
  assert.match(w.text, /^Possibly:/);
  assert.match(w.text, /Alex Vatanka is a senior fellow/);
  assert.match(w.text, /From\s*Wikipedia/);
  assert.deepEqual(w.links.map((l) => [l.href, l.rel, l.target]), [['https://en.wikipedia.org/wiki/Alex_Vatanka', 'noopener noreferrer', '_blank']]);
  assert.equal(w.imgs.length, 1);
  assert.equal(w.imgs[0].loading, 'lazy');
  assert.equal(w.imgs[0].alt, '');
  assert.deepEqual([w.imgs[0].width, w.imgs[0].height], [43, 64]);
  await close(page);

  for (const [name, why] of [['Georgia', 'disambiguation'], ['Tom Hubbard', 'not found'], ['John Carver', 'malformed']]) {
    const c = await openCard(page, name, { expect: false });
    assert.ok(c.open, name);
    assert.ok(c.slotHidden, `${why}: nothing shown`);
    await close(page);
  }
  // Slow: given up after the 1 s timeout; the card stays usable and nothing appears later.
  const slow = await openCard(page, 'Maria Lopez', { expect: false, settle: 3000 });
  assert.ok(slow.open);
  assert.ok(slow.slotHidden, 'a slow provider shows nothing');
  await close(page);

  assert.ok(hits.includes('/summary/Alex_Vatanka'));
  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('hostile, broken and unreachable KBs are inert and never break the card', async () => {
  const kbs = `http://127.0.0.1:9/ ${fixtureUrl}/kb-down/ ${fixtureUrl}/kb-bad/ ${fixtureUrl}/kb-hostile/`;
  const { page, log, context } = await open(`data-gloss-kb="${kbs}"`);

  const v = await openCard(page, 'Alex Vatanka');
  assert.equal(v.blocks.length, 1);
  const b = v.blocks[0];
  // Markup in the data is text: no element from it, the script text visible as text.
  assert.ok(b.text.includes('<script>window.__pwned=1</script>') || b.text.includes('<img src=x'), b.text.slice(0, 200));
  assert.ok(!b.elements.includes('script') && !b.elements.includes('b'));
  assert.deepEqual(b.imgs, [], 'a javascript: image is refused');
  assert.ok(b.links.every((l) => /^https?:/.test(l.href)), JSON.stringify(b.links));
  assert.equal(b.links.length, 0, 'javascript: URLs (entry and credit) never become links');
  assert.match(b.text, /<b>Hostile KB<\/b>/, 'the KB name is text too');
  assert.ok(b.text.length < 1500, `huge strings are cut (${b.text.length} chars)`);
  assert.ok(!/lots|\[object/.test(b.text), 'fields of the wrong type are ignored');
  await close(page);

  const t = await openCard(page, 'Tom Hubbard');
  assert.deepEqual(t.blocks[0].links, [], 'a data: URL is not a link');
  assert.deepEqual(t.blocks[0].imgs, [], 'a protocol-relative image is refused');
  await close(page);

  const c = await openCard(page, 'John Carver');
  assert.deepEqual(c.blocks[0].links.map((l) => l.href), ['https://kb.example/john']);
  assert.equal(c.blocks[0].imgs[0].loading, 'lazy');
  assert.deepEqual([c.blocks[0].imgs[0].width, c.blocks[0].imgs[0].height], [64, 64]);
  await close(page);

  // The page and the widget still work: the card navigates, nothing was thrown, no script ran.
  const pwned = await page.evaluate(() => window.__pwned);
  assert.equal(pwned, undefined);
  const state = await openCard(page, 'Kerman', { expect: false });
  assert.ok(state.open && state.title === 'Kerman');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
