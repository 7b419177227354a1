#!/usr/bin/env node
// Builds the distributable folder from www/ (after `make build`):
//   node tools/dist.mjs [SRC=www] [OUT=dist]
// - every runtime asset (everything under pkg/, gloss.css, gloss-worker.js and any other
//   gloss-*.js beside the loader) is copied under a content-hashed name (name.<hash>.ext), so a
//   CDN can cache it for a year; references between assets are rewritten to the hashed names,
//   dependencies first, so each hash covers what the file loads;
// - kb/ (the bundled knowledge base) is copied unhashed;
// - gloss.js, the entry, keeps its name (it is what pages and import maps point at) and refers
//   to the hashed names; gloss.d.ts and NOTICE are copied as they are;
// - package.json: name, version (the loader's), type: module, exports, types, files;
// - SRI: sha384 of every file in dist/sri.json, and the CDN snippet printed on stdout;
// - every JavaScript file (the entry, its sibling modules, the wasm-bindgen glue) is minified
//   with terser first (www/ keeps the readable sources): this folder is what pages download, and
//   what the download budget measures (tools/size_budget.mjs dist). Quoted paths stay quoted
//   (single quotes), so the reference rewriting below reads minified text as it reads the source.
// Demo and test pages (index.html, embed/, articles/, …) are not part of the distribution.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.resolve(ROOT, process.argv[2] || 'www');
const OUT = path.resolve(ROOT, process.argv[3] || 'dist');
const ENTRY = 'gloss.js';
const TEXT = /\.(m?js|css|json|map)$/;

function walk(dir, base = dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

const fail = (msg) => { console.error(`dist: ${msg}`); process.exit(1); };
if (!existsSync(path.join(SRC, ENTRY))) fail(`${SRC}/${ENTRY} is missing`);
if (!existsSync(path.join(SRC, 'pkg'))) fail(`${SRC}/pkg is missing: run make build first`);

// The runtime assets: pkg/** (Wasm, glue, anything wasm-bindgen adds), the loader's CSS, and
// the loader's sibling modules (gloss-worker.js and the like), whatever exists at build time.
const assets = walk(SRC).filter((p) =>
  !p.endsWith('.d.ts') && !p.endsWith('.gitignore') && (
    p.startsWith('pkg/') || p === 'gloss.css' || (/^gloss-[\w-]+\.m?js$/.test(p))));

const contents = new Map(assets.map((p) => [p, readFileSync(path.join(SRC, p))]));
contents.set(ENTRY, readFileSync(path.join(SRC, ENTRY)));
// The version as the readable entry states it (read before minifying).
const version = contents.get(ENTRY).toString('utf8').match(/export const version = '([^']+)'/)?.[1] ?? fail('no version in gloss.js');
for (const [p, buf] of contents) {
  if (!/\.m?js$/.test(p)) continue;
  const out = await minify(buf.toString('utf8'), {
    module: true,
    compress: { passes: 2 },
    mangle: true,
    // Only V8's compile hint is kept (see the Makefile's build step): it must stay first.
    format: { comments: /^# allFunctionsCalledOnLoad$/, quote_style: 1 },
  }).catch((e) => fail(`minifying ${p}: ${e.message}`));
  contents.set(p, Buffer.from(out.code, 'utf8'));
}

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** How `from` (a path in the folder) spells a reference to `to`: relative to its own folder. */
function relative(from, to) {
  return path.posix.relative(path.posix.dirname(from), to);
}
/** The assets `file` refers to by a quoted relative path ('x', "./x", `x`). */
function referencesOf(file) {
  if (!TEXT.test(file)) return [];
  const text = contents.get(file).toString('utf8');
  return assets.filter((a) => a !== file && new RegExp(`(['"\`])(\\./)?${esc(relative(file, a))}\\1`).test(text));
}

// Hash in dependency order: an asset is renamed once everything it refers to has its new name.
const renamed = new Map();
const hashName = (p, buf) => {
  const h = createHash('sha256').update(buf).digest('hex').slice(0, 10);
  const ext = p.match(/(\.[^./]+)$/)?.[1] ?? '';
  const base = p.slice(0, p.length - ext.length);
  return `${base}.${h}${ext}`;
};
function rewrite(file) {
  let text = contents.get(file).toString('utf8');
  for (const dep of referencesOf(file)) {
    const from = relative(file, dep);
    const to = relative(file, renamed.get(dep));
    text = text.replace(new RegExp(`(['"\`])(\\./)?${esc(from)}\\1`, 'g'), (_, q, dot) => `${q}${dot || ''}${to}${q}`);
  }
  contents.set(file, Buffer.from(text, 'utf8'));
}
let pending = [...assets];
while (pending.length) {
  const ready = pending.filter((p) => referencesOf(p).every((d) => renamed.has(d)));
  if (!ready.length) fail(`circular references among ${pending.join(', ')}`);
  for (const p of ready) {
    if (TEXT.test(p)) rewrite(p);
    renamed.set(p, hashName(p, contents.get(p)));
  }
  pending = pending.filter((p) => !renamed.has(p));
}
rewrite(ENTRY);
const entryText = contents.get(ENTRY).toString('utf8');
for (const a of assets) {
  if (entryText.includes(relative(ENTRY, a)) && !referencesOf(ENTRY).includes(a)) {
    fail(`${ENTRY} mentions ${a} in a way this script cannot rewrite`);
  }
}

// Write the folder.
rmSync(OUT, { recursive: true, force: true });
const files = [];
function put(name, buf) {
  mkdirSync(path.dirname(path.join(OUT, name)), { recursive: true });
  writeFileSync(path.join(OUT, name), buf);
  files.push(name);
}
put(ENTRY, contents.get(ENTRY));
for (const a of assets) put(renamed.get(a), contents.get(a));
if (existsSync(path.join(SRC, 'gloss.d.ts'))) put('gloss.d.ts', readFileSync(path.join(SRC, 'gloss.d.ts')));
put('NOTICE', readFileSync(path.join(ROOT, 'NOTICE')));
// The bundled knowledge base, fetched shard by shard when a card opens: copied as it is (its
// manifest names the shards; it changes with the data, not with the code).
if (existsSync(path.join(SRC, 'kb'))) for (const f of walk(path.join(SRC, 'kb'))) put(`kb/${f}`, readFileSync(path.join(SRC, 'kb', f)));

const cargo = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
const license = cargo.match(/^license = "([^"]+)"/m)?.[1] ?? 'MIT OR Apache-2.0';
const pkg = {
  name: 'gloss-widget',
  version,
  description: 'Entity popovers and source badges for news articles: a Rust core compiled to WebAssembly, one script tag.',
  license: `(${license})`,
  type: 'module',
  main: `./${ENTRY}`,
  module: `./${ENTRY}`,
  types: './gloss.d.ts',
  exports: {
    '.': { types: './gloss.d.ts', default: `./${ENTRY}` },
    './package.json': './package.json',
  },
  // The entry defines window.Gloss and <gloss-article>: importing it has effects.
  sideEffects: [`./${ENTRY}`],
  files: [...files].sort(),
};
writeFileSync(path.join(OUT, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
files.push('package.json');

// Subresource integrity (sha384) of every file; the CDN snippet uses the entry's and the glue's.
const sri = {};
for (const f of files.sort()) sri[f] = `sha384-${createHash('sha384').update(readFileSync(path.join(OUT, f))).digest('base64')}`;
writeFileSync(path.join(OUT, 'sri.json'), `${JSON.stringify(sri, null, 2)}\n`);

const glue = [...renamed.values()].find((p) => /^pkg\/[^/]+\.js$/.test(p) && !p.includes('_bg'));
const cdn = `https://cdn.example.org/gloss-widget@${version}/`;
let total = 0;
for (const f of files) total += statSync(path.join(OUT, f)).size;
console.log(`dist: ${files.length} files, ${(total / 1024).toFixed(0)} KB in ${path.relative(ROOT, OUT) || OUT}/`);
for (const f of files.sort()) console.log(`  ${f.padEnd(42)} ${sri[f]}`);
console.log(`\nCDN snippet (replace ${cdn} with where dist/ is served):\n`);
if (glue) console.log(`<link rel="modulepreload" href="${cdn}${glue}" integrity="${sri[glue]}" crossorigin="anonymous">`);
console.log(`<script type="module" src="${cdn}${ENTRY}" integrity="${sri[ENTRY]}" crossorigin="anonymous" data-gloss-target="article"></script>`);
