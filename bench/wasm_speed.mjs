// Benchmark (not a test): tokens/s of the whole analyze step in Chromium's Wasm, on the dev
// articles, next to the native CLI on the same texts in the same run.
// Run after `make build` and `cargo build --release`:  node bench/wasm_speed.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { serve, launch, ROOT } from '../tests/e2e/harness.mjs';

const dir = path.join(ROOT, 'tests', 'fixtures', 'dev');
const files = readdirSync(dir).map((id) => path.join(dir, id, 'article.txt'));
const texts = files.map((f) => readFileSync(f, 'utf8'));

// The native bench prints "N tokens x R rounds in S s: T tokens/s"; N is our tokenizer's count.
const native = execFileSync(path.join(ROOT, 'target', 'release', 'gloss'), ['model', 'bench', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const m = /(\d+) tokens x (\d+) rounds in ([\d.]+)s: (\d+) tokens\/s/.exec(native);
if (!m) throw new Error(`unexpected native bench output: ${native}`);
const tokens = Number(m[1]);

const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(server.url + 'index.html');
  await page.waitForFunction(() => window.Gloss, null, { timeout: 30000 });
  const result = await page.evaluate(async (texts) => {
    for (const t of texts) await window.Gloss.analyze(t); // warm-up: instantiate, load the model
    const start = performance.now();
    let rounds = 0;
    while (performance.now() - start < 3000) {
      for (const t of texts) await window.Gloss.analyze(t);
      rounds++;
    }
    return { rounds, ms: performance.now() - start };
  }, texts);
  const perSec = Math.round((tokens * result.rounds) / (result.ms / 1000));
  console.log(`dev corpus: ${texts.length} articles, ${tokens} tokens`);
  console.log(`native (release CLI): ${Number(m[4]).toLocaleString('en')} tokens/s`);
  console.log(`Chromium Wasm:        ${perSec.toLocaleString('en')} tokens/s (${result.rounds} rounds in ${(result.ms / 1000).toFixed(2)} s, ${(result.ms / result.rounds / texts.length).toFixed(2)} ms per article)`);
} finally {
  await browser.close();
  server.stop();
}
