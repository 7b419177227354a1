// Precomputed mode end to end: the demo page with data-gloss-annotations (the document written by
// `gloss precompute www/index.html --selector '#story'`, committed as www/annotations/seed.json
// and kept current by tests/precompute.rs) gives the same marks as live analysis; on an edited
// page it keeps the untouched annotations, drops the changed ones and misplaces none; an inline
// JSON script works the same; a broken URL or a bad document falls back to analysis with one
// gloss:error and one console warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from './harness.mjs';

let demoHtml;
let seedJson;
const env = useBrowser(async ({ server }) => {
  demoHtml = await (await fetch(server.url + 'index.html')).text();
  seedJson = await (await fetch(server.url + 'annotations/seed.json')).text();
});

const SCRIPT = '<script type="module" src="gloss.js" data-gloss-target="#story"></script>';

/** The demo page with the loader's script tag given extra attributes, and optional edits. */
function variant(attrs, edit = (h) => h) {
  assert.ok(demoHtml.includes(SCRIPT));
  return edit(demoHtml.replace(SCRIPT, SCRIPT.replace('data-gloss-target="#story"', `data-gloss-target="#story" ${attrs}`)));
}

/**
 * Serves `html` as /variant.html, opens it and waits for gloss:ready on #story. Returns the marks
 * grouped per mention / statement: {kind, start, end, text, a, b} with start/end as offsets into
 * the story's textContent (which the widget never changes), plus events, requests and the log.
 */
async function open(html) {
  const { page, log, context } = await openPage(env.browser, env.server.url);
  await page.route(env.server.url + 'variant.html', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    window.__glossEvents = [];
    for (const t of ['gloss:ready', 'gloss:error']) {
      document.addEventListener(t, (e) => window.__glossEvents.push({ type: e.type, detail: e.type === 'gloss:error' ? e.detail : null }), true);
    }
  });
  await page.goto(env.server.url + 'variant.html');
  await page.waitForFunction(() => window.__glossEvents.some((e) => e.type === 'gloss:ready'), null, { timeout: 30000 });
  const out = await page.evaluate(async () => {
    const story = document.getElementById('story');
    const groups = new Map();
    for (const el of story.querySelectorAll('gloss-mention, gloss-statement')) {
      const mention = el.localName === 'gloss-mention';
      const key = mention ? `m${el.dataset.glossM}` : `s${el.dataset.glossStatement}`;
      const r = document.createRange();
      r.setStart(story, 0);
      r.setEndBefore(el);
      const start = r.toString().length;
      const end = start + el.textContent.length;
      const g = groups.get(key);
      if (g) {
        g.end = end;
        g.text += el.textContent;
      } else {
        groups.set(key, {
          kind: mention ? 'mention' : 'statement', start, end, text: el.textContent,
          a: mention ? el.dataset.glossType : el.dataset.glossKind,
          b: mention ? el.dataset.glossEntity : el.dataset.glossSource,
        });
      }
    }
    const h = await window.Gloss.annotate(story);
    return {
      marks: [...groups.values()].sort((x, y) => x.start - y.start || x.kind.localeCompare(y.kind)),
      text: story.textContent,
      summary: h.summary,
      events: window.__glossEvents,
    };
  });
  await context.close();
  return { ...out, requests, log };
}

let live;
async function liveMarks() {
  live ??= await open(demoHtml);
  return live;
}

test('data-gloss-annotations gives the same marks as live analysis, from the precomputed document', async () => {
  const base = await liveMarks();
  const pre = await open(variant('data-gloss-annotations="annotations/seed.json"'));
  assert.ok(base.marks.filter((m) => m.kind === 'mention').length >= 90);
  assert.ok(base.marks.filter((m) => m.kind === 'statement').length >= 10);
  assert.deepEqual(pre.marks, base.marks);
  assert.deepEqual(pre.summary, base.summary);
  assert.ok(pre.requests.includes('/annotations/seed.json'), 'the document was fetched');
  assert.deepEqual(pre.events.filter((e) => e.type === 'gloss:error'), []);
  assert.deepEqual(pre.log.errors, []);
  assert.deepEqual(pre.log.warnings, []);
  assert.deepEqual(pre.log.pageErrors, []);
});

test('an inline <script type="application/json"> document works the same', async () => {
  const base = await liveMarks();
  // "<" escaped as JSON allows, so no "</script>" can end the element early.
  const inline = `<script type="application/json" id="gloss-doc">${seedJson.trim().replaceAll('<', '\\u003c')}</script>`;
  const pre = await open(variant('data-gloss-annotations="#gloss-doc"', (h) => h.replace('</body>', `${inline}\n</body>`)));
  assert.deepEqual(pre.marks, base.marks);
  assert.ok(!pre.requests.includes('/annotations/seed.json'));
  assert.deepEqual(pre.events.filter((e) => e.type === 'gloss:error'), []);
  assert.deepEqual(pre.log.warnings, []);
});

const INSERTED = 'Officials in Tehran did not answer questions on Friday. ';

test('on an edited page the untouched annotations stay, the changed ones go, none is misplaced', async () => {
  const base = await liveMarks();
  const edited = await open(variant('data-gloss-annotations="annotations/seed.json"', (h) => h
    .replace('<p>Separately, Iran International', `<p>${INSERTED}Separately, Iran International`)
    .replace('civilians in Kerman earlier', 'civilians in Kirman earlier')
    .replace('has been implemented across administrations', 'has been applied across administrations')));
  // Where the edits are in the original textContent, and how offsets move.
  const t = base.text;
  const insAt = t.indexOf('Separately, Iran International');
  const kerman = t.indexOf('civilians in Kerman earlier') + 'civilians in '.length;
  const impl = t.indexOf('has been implemented across') + 'has been '.length;
  const changed = [[kerman, kerman + 'Kerman'.length], [impl, impl + 'implemented'.length]];
  assert.ok(insAt > 0 && kerman > 0 && impl > 0);
  const shift = (o, isEnd) => o + ((isEnd ? o > insAt : o >= insAt) ? INSERTED.length : 0)
    + (o >= impl + 'implemented'.length ? 'applied'.length - 'implemented'.length : 0);
  const touched = (m) => changed.some(([s, e]) => m.start < e && s < m.end);
  const expected = base.marks.filter((m) => !touched(m)).map((m) => ({ ...m, start: shift(m.start, false), end: shift(m.end, true) }));
  const dropped = base.marks.filter(touched);
  // The edits touch one mention (Kerman) and two statements (the one around it, the quote).
  assert.deepEqual(dropped.map((m) => m.kind).sort(), ['mention', 'statement', 'statement']);
  assert.equal(edited.text.slice(expected[0].start, expected[0].end), expected[0].text);
  assert.deepEqual(edited.marks, expected);
  for (const m of edited.marks) assert.equal(edited.text.slice(m.start, m.end), m.text, 'each mark is on its own text');
  assert.ok(!edited.marks.some((m) => m.text.includes('Kirman')));
  assert.deepEqual(edited.events.filter((e) => e.type === 'gloss:error'), []);
});

test('a broken URL or a bad document falls back to analysis with one gloss:error and one warning', async () => {
  const base = await liveMarks();
  const missing = await open(variant('data-gloss-annotations="annotations/missing.json"'));
  assert.deepEqual(missing.marks, base.marks, 'analysed instead');
  const errors = missing.events.filter((e) => e.type === 'gloss:error');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].detail.phase, 'annotations');
  assert.match(errors[0].detail.message, /missing\.json: HTTP 404/);
  assert.equal(missing.log.warnings.filter((w) => w.startsWith('[gloss]')).length, 1);
  // The browser's own log line for the 404 response is the only console error.
  assert.ok(missing.log.errors.every((e) => /404/.test(e)), JSON.stringify(missing.log.errors));
  assert.deepEqual(missing.log.pageErrors, []);

  const bad = await open(variant('data-gloss-annotations="#gloss-doc"', (h) => h.replace('</body>',
    '<script type="application/json" id="gloss-doc">{"format": 99, "mentions": []}</script>\n</body>')));
  assert.deepEqual(bad.marks, base.marks);
  const badErrors = bad.events.filter((e) => e.type === 'gloss:error');
  assert.equal(badErrors.length, 1);
  assert.match(badErrors[0].detail.message, /annotations/);
  assert.deepEqual(bad.log.errors, []);
  assert.equal(bad.log.warnings.length, 1);
});
