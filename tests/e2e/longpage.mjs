// A long article for the performance tests and bench/runtime.mjs: the demo's real article
// fragments (www/articles/*.html) repeated, in order, until the page holds `minWords` words.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const DIR = path.join(ROOT, 'www', 'articles');

function words(html) {
  return html.replace(/<[^>]*>/g, ' ').split(/\s+/).filter(Boolean).length;
}

/** The article's inner HTML and its word count. */
export function longArticle(minWords = 20000) {
  const parts = readdirSync(DIR).filter((f) => f.endsWith('.html')).sort()
    .map((f) => readFileSync(path.join(DIR, f), 'utf8'));
  const out = [];
  let count = 0;
  for (let i = 0; count < minWords; i++) {
    const p = parts[i % parts.length];
    out.push(`<section>${p}</section>`);
    count += words(p);
  }
  return { html: out.join('\n'), words: count };
}

/**
 * A whole page: `before` (HTML above the article, e.g. a tall spacer), the article as
 * <article id="story">, and the loader's script tag with `scriptAttrs` (none: no auto-run).
 */
export function longPage({ minWords = 20000, before = '', scriptAttrs = null, csp = null } = {}) {
  const { html, words: count } = longArticle(minWords);
  const script = scriptAttrs === null ? '' : `<script type="module" src="gloss.js" ${scriptAttrs}></script>`;
  const meta = csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : '';
  return {
    words: count,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8">${meta}
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Long article</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="demo.css">${script}</head>
<body><main class="wrap">${before}<article id="story">${html}</article></main></body></html>`,
  };
}
