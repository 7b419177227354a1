// The demo page's own script: the article picker and a status line. It uses the public API
// exactly as a publisher would (import { annotate } from gloss.js).
import { annotate } from './gloss.js';

const story = document.getElementById('story');
const picker = document.getElementById('article-picker');
const status = document.getElementById('status');

function showStatus(detail) {
  const s = detail && detail.summary;
  if (!s) return;
  const by = Object.entries(s.entities_by_type).filter(([, n]) => n > 0).map(([t, n]) => `${n} ${t.toLowerCase()}`);
  status.textContent = `${detail.mentions} mentions marked${by.length ? ` (${by.join(', ')})` : ''}; ${s.statements} attributed statements.`;
}

story.addEventListener('gloss:ready', (e) => showStatus(e.detail));
story.addEventListener('gloss:error', (e) => { status.textContent = `Gloss could not annotate this article: ${e.detail.message}`; });

async function load(id) {
  const res = await fetch(`articles/${encodeURIComponent(id)}.html`);
  if (!res.ok) throw new Error(`article ${id}: HTTP ${res.status}`);
  const html = await res.text();
  const old = await annotate(story);
  old.destroy();
  story.innerHTML = html;
  story.dataset.article = id;
  await annotate(story);
  history.replaceState(null, '', `#${id}`);
}

async function init() {
  const list = await (await fetch('articles/index.json')).json();
  for (const a of list) {
    const opt = document.createElement('option');
    opt.value = a.id;
    opt.textContent = `${a.source}: ${a.title}`;
    picker.appendChild(opt);
  }
  picker.addEventListener('change', () => load(picker.value).catch((e) => { status.textContent = String(e.message); }));
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && wanted !== 'seed-iran-kerman' && list.some((a) => a.id === wanted)) {
    picker.value = wanted;
    await load(wanted);
  }
}

init().catch((e) => { status.textContent = String(e.message); });
