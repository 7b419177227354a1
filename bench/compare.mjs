// Benchmark (not a test): Gloss's analyze against compromise (npm devDependency, version pinned
// in package-lock.json) on the dev articles, in the same headless Chromium run, on the same
// texts. Prints ms per article and tokens/s for both and the throughput ratio.
// Run after `make build` and `cargo build --release`:  node bench/compare.mjs [ROUNDS]
// What is timed is written in bench/compare.html. Tokens are counted once, by Gloss's tokenizer
// (native `gloss model bench`), and the same count is used for both, so the ratio is the ratio
// of times.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { serve, launch, ROOT } from '../tests/e2e/harness.mjs';

const rounds = Number(process.argv[2] ?? 10);
const dir = path.join(ROOT, 'tests', 'fixtures', 'dev');
const ids = readdirSync(dir).sort();
const texts = ids.map((id) => readFileSync(path.join(dir, id, 'article.txt'), 'utf8'));
const version = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'compromise', 'package.json'), 'utf8')).version;

// Tokens as Gloss's tokenizer counts them, from the release CLI (`cargo build --release`).
const native = execFileSync(path.join(ROOT, 'target', 'release', 'gloss'), ['model', 'bench', ...ids.map((id) => path.join(dir, id, 'article.txt'))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const counted = /(\d+) tokens x \d+ rounds in [\d.]+s: (\d+) tokens\/s/.exec(native);
if (!counted) throw new Error(`unexpected native bench output: ${native}`);
const tokens = Number(counted[1]);

const server = await serve(ROOT);
const browser = await launch();
try {
  const page = await browser.newPage();
  const foreign = [];
  const origin = new URL(server.url).origin;
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin)) return route.continue();
    foreign.push(u);
    return route.abort();
  });
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(server.url + 'bench/compare.html');
  await page.waitForFunction(() => window.compareReady, null, { timeout: 30000 });
  const r = await page.evaluate(([t, n]) => window.compareBench(t, n), [texts, rounds]);
  if (foreign.length) throw new Error(`requests left the origin: ${foreign.join(', ')}`);
  const n = texts.length;
  const chromium = browser.version();
  const tps = (ms) => Math.round(tokens / (ms / 1000));
  console.log(`dev corpus: ${n} articles, ${tokens} tokens (Gloss's tokenizer; compromise counts ${r.compromise.terms} terms)`);
  console.log(`Chromium ${chromium}, headless; ${rounds} rounds after warm-up, median round`);
  const row = (name, x) => console.log(`${name.padEnd(22)} ${(x.roundMs / n).toFixed(2).padStart(8)} ms/article  ${tps(x.roundMs).toLocaleString('en').padStart(10)} tokens/s  (entities on article 1: ${x.entities})`);
  row('Gloss analyze', r.gloss);
  row(`compromise ${version}`, r.compromise);
  console.log('per article (ms, median):');
  ids.forEach((id, i) => console.log(`  ${id.padEnd(28)} Gloss ${r.gloss.perArticleMs[i].toFixed(2).padStart(7)}  compromise ${r.compromise.perArticleMs[i].toFixed(2).padStart(8)}`));
  console.log(`native Gloss (release CLI, same texts): ${Number(counted[2]).toLocaleString('en')} tokens/s`);
  console.log(`throughput ratio Gloss / compromise: ${(r.compromise.roundMs / r.gloss.roundMs).toFixed(1)}x`);
} finally {
  await browser.close();
  server.stop();
}
