// A publisher's typed use of the loader: checked by `tsc --noEmit` (make test-types) against
// www/gloss.d.ts. The @ts-expect-error lines prove the types reject what they should.
import {
  annotate, analyze, destroy, disable, enable, isDisabled, version,
  type Analysis, type Handle, type Options, type Overrides, type Summary, type OpenDetail,
} from '../../www/gloss.js';

const article = document.querySelector('article')!;

const fixes: Overrides = {
  entities: [{ match: 'Biden', type: 'PERSON' }, { match: 'Acme', canonical: 'Acme Corp.', descriptor: 'an anvil maker' }],
  statements: [{ source: 'Reuters', kind: 'outlet' }, { content: 'would respond', suppress: true }],
};

const options: Options = {
  maxBytes: 1 << 20,
  overrides: ['/gloss/site-overrides.json', '#article-fixes', fixes],
  reportUrl: 'mailto:corrections@example.org?subject={type}&body={text}%20{url}',
  lazy: true,
  provider: 'wikipedia',
  kb: 'bundled /kb/site/',
  timeout: 3000,
};

async function main(): Promise<number> {
  const handle: Handle | null = await annotate(article, options);
  if (!handle) return 0; // the reader turned Gloss off
  const summary: Summary | null = handle.summary;
  const unnamed: number = summary ? summary.statements_by_kind.unnamed : 0;
  const people: number = summary?.entities_by_type.PERSON ?? 0;
  handle.destroy();

  const a: Analysis = await analyze('Reuters reported that the talks had stalled.', { maxBytes: 10_000 });
  for (const e of a.entities) {
    const t: 'PERSON' | 'ORG' | 'PLACE' | 'GROUP' | 'EVENT' | 'DATE' | 'MONEY' | 'QUANTITY' = e.type;
    console.log(e.start, e.end, e.text, t, e.canonical.toUpperCase());
  }
  for (const s of a.attributions) {
    console.log(s.source.text, s.cue.start, s.content.end, s.kind, s.direct, s.canonical?.length);
  }
  return unnamed + people + a.summary.unattributed_paragraphs.length;
}

article.addEventListener('gloss:ready', (e) => console.log(e.detail.summary.paragraphs, e.detail.mentions, e.detail.worker === true));
destroy(article);
article.addEventListener('gloss:error', (e) => console.warn(e.detail.phase, e.detail.message));
article.addEventListener('gloss:open', (e) => {
  const d: OpenDetail = e.detail;
  if (d.type === 'entity') console.log(d.entity.name, d.entity.type, d.entity.descriptor ?? '', d.mention);
  else console.log(d.source.kind, d.source.label, d.source.cue, d.statement);
});
article.addEventListener('gloss:close', (e) => console.log(e.detail.reason, e.detail.trigger));
document.addEventListener('gloss:disabled', (e) => console.log(e.detail.by));

const el = document.createElement('gloss-article');
el.setAttribute('report-url', 'https://example.org/report?u={url}');
document.body.append(el);
el.annotate().then((h) => h?.destroy());

window.Gloss.annotate(article).then((h) => h?.mentionCount);
if (isDisabled() || isDisabled(article)) enable(); else disable();
console.log(version.split('.'), main());

// @ts-expect-error: an element is required, not a selector
annotate('article');
// @ts-expect-error: maxBytes is a number
annotate(article, { maxBytes: '1000' });
// @ts-expect-error: unknown options are rejected
annotate(article, { colour: 'blue' });
// @ts-expect-error: not a provider
analyze('text', { provider: 'altavista' });
// @ts-expect-error: not a source kind
const bad: Overrides = { statements: [{ source: 'X', kind: 'secret' }] };
// @ts-expect-error: the handle may be null (opt-out)
annotate(article).then((h) => h.destroy());
// @ts-expect-error: summary counts are numbers
const s: string = ({} as Summary).statements;
console.log(bad, s);
