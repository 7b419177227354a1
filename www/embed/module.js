// A module page without a bundler: import the API from the loader's URL and call it.
import { annotate, analyze, version } from '/gloss.js';

const story = document.getElementById('story');
window.__embed = (async () => {
  const handle = await annotate(story, {
    reportUrl: 'mailto:corrections@example.org?subject=Gloss%20{type}&body={text}%20{url}',
    overrides: { statements: [{ source: 'US officials', kind: 'institution' }] },
  });
  const text = await analyze('Reuters reported that the talks had stalled.');
  return {
    version,
    mentions: handle.mentionCount,
    kinds: handle.summary.statements_by_kind,
    analyzed: text.attributions.map((a) => a.kind),
  };
})();
