// The download budget (issue #6): everything the widget fetches in a real run, gzipped at level 9,
// must stay within BUDGET bytes. `make test-size` runs it on the folder a publisher deploys,
// `make dist`'s (minified JS, content-hashed names):  node tools/size_budget.mjs dist
// It also reads an unminified www/ after `make build` (the demo's files, larger).
// Prints a per-file table; exits 1 above the budget, 2 when a file the widget needs is missing.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, constants } from 'node:zlib';

// Kilobytes of 1000 bytes, as README reports them.
const BUDGET = 300_000;
const AIM = 250_000;

const www = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'dist'));
const pick = (dir, test) => (existsSync(dir) ? readdirSync(dir).filter(test).sort().map((f) => path.join(dir, f)) : []);
// The loader (and any worker or helper script it loads: gloss*.js), its stylesheet, and the
// wasm-bindgen package (glue and Wasm), under their plain (www/) or content-hashed (dist/) names.
// The demo page's own files are not the widget's.
const hash = '(\\.[0-9a-f]{10})?';
const files = [
  ...pick(www, (f) => /^gloss.*\.js$/.test(f)),
  ...pick(www, (f) => new RegExp(`^gloss${hash}\\.css$`).test(f)),
  ...pick(path.join(www, 'pkg'), (f) => /\.(js|wasm)$/.test(f)),
];
const required = { 'gloss.js': '^gloss\\.js$', 'gloss.css': `^gloss${hash}\\.css$`, 'pkg/gloss_core.js': `^pkg/gloss_core${hash}\\.js$`, 'pkg/gloss_core_bg.wasm': `^pkg/gloss_core_bg${hash}\\.wasm$` };
for (const [name, re] of Object.entries(required)) {
  if (!files.some((f) => new RegExp(re).test(path.relative(www, f).split(path.sep).join('/')))) {
    console.error(`size budget: ${name} is missing under ${www} (run make dist first)`);
    process.exit(2);
  }
}

const kb = (n) => (n / 1000).toFixed(1).padStart(7);
let total = 0;
console.log(`${'file'.padEnd(28)} ${'bytes'.padStart(8)} ${'gzip -9'.padStart(8)}`);
for (const f of files) {
  const raw = readFileSync(f);
  const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length;
  total += gz;
  console.log(`${path.relative(www, f).padEnd(28)} ${String(raw.length).padStart(8)} ${String(gz).padStart(8)}  (${kb(gz).trim()} KB)`);
}
console.log(`${'total'.padEnd(28)} ${''.padStart(8)} ${String(total).padStart(8)}  (${kb(total).trim()} KB; budget ${BUDGET / 1000} KB, aim ${AIM / 1000} KB)`);
if (total > BUDGET) {
  console.error(`size budget exceeded: ${total} bytes gzipped > ${BUDGET}`);
  process.exit(1);
}
