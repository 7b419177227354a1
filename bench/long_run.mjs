// Benchmark (not a test): 1,000 annotate/destroy cycles on the demo page, with the JS heap
// (CDP Runtime.getHeapUsage after a forced GC) and the Wasm memory measured at cycles 100 and
// 1,000, and the time per cycle. Run after `make build`:  node bench/long_run.mjs [cycles]
import { serve, launch } from '../tests/e2e/harness.mjs';

const total = Number(process.argv[2] || 1000);
const server = await serve();
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + 'index.html');
  await page.waitForFunction(() => document.querySelector('#story gloss-mention'), null, { timeout: 30000 });
  const cdp = await context.newCDPSession(page);
  const measure = async (cycle, ms) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(async () => (await (await import('/pkg/gloss_core.js')).default()).memory.buffer.byteLength);
    const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    console.log(`cycle ${String(cycle).padStart(5)}: JS heap ${(usedSize / 1e6).toFixed(2)} MB, Wasm memory ${(wasm / 1e6).toFixed(2)} MB, ${nodes} elements, ${ms.toFixed(1)} ms per cycle`);
  };
  const cycles = (n) => page.evaluate(async (n) => {
    const story = document.getElementById('story');
    const t0 = performance.now();
    for (let i = 0; i < n; i++) (await window.Gloss.annotate(story)).destroy();
    return (performance.now() - t0) / n;
  }, n);
  await measure(0, 0);
  let done = 0;
  for (const mark of [100, total]) {
    const ms = await cycles(mark - done);
    done = mark;
    await measure(done, ms);
  }
  console.log(errors.length ? `page errors: ${errors.join('; ')}` : 'no page errors');
} finally {
  await browser.close();
  server.stop();
}
