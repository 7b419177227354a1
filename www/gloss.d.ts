// Type declarations for www/gloss.js, the Gloss loader (checked by `make test-types` against
// tests/types/usage.ts). The JSON shapes mirror src/json.rs: spans are Unicode code points,
// end exclusive.

/** The eight entity types. */
export type EntityType = 'PERSON' | 'ORG' | 'PLACE' | 'GROUP' | 'EVENT' | 'DATE' | 'MONEY' | 'QUANTITY';

/** Who stands behind a statement. */
export type SourceKind = 'named' | 'unnamed' | 'outlet' | 'institution';

/** A span of the analysed text, in code points, with its text. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** One mention of an entity (src/json.rs JsonEntity). */
export interface EntityMention extends Span {
  type: EntityType;
  /** The entity's canonical (fullest) name in the article. */
  canonical: string;
}

/** One attributed statement (src/json.rs JsonAttribution). */
export interface AttributionJson {
  source: Span;
  cue: Span;
  content: Span;
  kind: SourceKind;
  /** True only when the whole content is quoted words. */
  direct: boolean;
  canonical: string | null;
}

/** The sourcing summary (src/json.rs JsonSummary); what the sourcing panel shows. */
export interface Summary {
  entities_by_type: Record<EntityType, number>;
  statements_by_kind: Record<SourceKind, number>;
  sources_by_kind: Record<SourceKind, number>;
  statements: number;
  direct: number;
  indirect: number;
  paragraphs: number;
  /** Zero-based indices of paragraphs with no attributed statement. */
  unattributed_paragraphs: number[];
}

/** What `analyze()` returns and `handle.analysis` holds (the CLI's JSON). */
export interface Analysis {
  entities: EntityMention[];
  attributions: AttributionJson[];
  summary: Summary;
}

// ---- Editorial overrides (src/overrides.rs; README "Editorial control") ----

export interface EntityOverride {
  /** The entity's canonical name, an alias or a mention's text (case-insensitive). */
  match: string;
  suppress?: boolean;
  type?: EntityType | Lowercase<EntityType>;
  canonical?: string;
  /** Replaces the descriptor; "" removes it. */
  descriptor?: string;
}

export interface StatementOverride {
  /** The source's canonical name or words (case-insensitive); give source, content or both. */
  source?: string;
  /** A case-insensitive substring of the statement's content. */
  content?: string;
  suppress?: boolean;
  kind?: SourceKind;
}

export interface Overrides {
  entities?: EntityOverride[];
  statements?: StatementOverride[];
}

// ---- Options (README "Options": one table with the attribute names) ----

export interface Options {
  /** Refuse texts longer than this many UTF-8 bytes (a gloss:error). Default 4 MiB. */
  maxBytes?: number;
  /**
   * Editorial overrides, applied in order (site-wide first, then per-article): a string of
   * space-separated URLs of JSON files and `#id`s of `<script type="application/json">`
   * elements, an Overrides object, or an array of these.
   */
  overrides?: string | Overrides | Array<string | Overrides>;
  /**
   * "Report a problem" link in every card: an http(s) or mailto URL template with `{url}`
   * (the page), `{text}` (the entity or the statement) and `{type}` (the entity type, or
   * `statement`), each URI-encoded. Relative URLs resolve against the page.
   */
  reportUrl?: string;
  /** Script tag only (ignored by annotate()): start when the page is idle and the article near the viewport. Default true. */
  lazy?: boolean;
  /** Analyse in a module Web Worker where one can be made (else on the main thread). Default true. */
  worker?: boolean;
  /** Precomputed annotations (`gloss precompute`): a URL, or "#id" of an inline JSON script. */
  annotations?: string;
  /** Knowledge bases for the cards: space-separated URLs, "bundled" (the default) or "off". */
  kb?: string;
  /** Opt-in page summaries when a card opens; none by default. */
  provider?: 'wikipedia';
  /** The provider's endpoint; default Wikipedia's REST page/summary/ for `lang`. */
  providerUrl?: string;
  /** The provider's language; default: the article's nearest `lang`, else "en". */
  lang?: string;
  /** Milliseconds before a knowledge request is given up. Default 4000. */
  timeout?: number;
  /** Re-annotate when the page changes the article. Default true. */
  watch?: boolean;
}

// ---- The handle of an annotated element ----

export interface Handle {
  readonly element: Element;
  /** The summary; null after destroy(). */
  readonly summary: Summary | null;
  /** The analysis of the element's extracted text; null after destroy(). */
  readonly analysis: Analysis | null;
  /** How many mentions were marked. */
  readonly mentionCount: number;
  /** Removes every mark and the UI; the element is exactly as before when this returns. */
  destroy(): void;
}

/**
 * Annotates `element`. Resolves to its handle (the same one if already annotated), or null
 * when Gloss is turned off (the reader's opt-out or `data-gloss-disable`). Rejects (after a
 * console warning and a gloss:error event) when the Wasm cannot load or the text is refused.
 */
export function annotate(element: Element, options?: Options): Promise<Handle | null>;

/** Runs the language core alone on a string. */
export function analyze(text: string, options?: Options): Promise<Analysis>;

/** Removes the annotation of `element`, finished or still running; restored when this returns. */
export function destroy(element: Element): void;

/** Turns Gloss off for this reader on this site (localStorage "gloss:disabled"); destroys every annotation. */
export function disable(): void;

/** Clears the reader's opt-out and annotates what the page asks for again. */
export function enable(): void;

/** Is Gloss off for this reader, for the page, or (given an element) for that element? */
export function isDisabled(element?: Element): boolean;

/** The loader's version. */
export const version: string;

// ---- Events, dispatched on the annotated element (bubbles, composed) ----

export interface ReadyDetail {
  summary: Summary;
  mentions: number;
  /** True when the analysis ran in the Web Worker. */
  worker: boolean;
}

export interface ErrorDetail {
  phase: 'annotate' | 'destroy' | 'start' | 'overrides' | 'annotations' | 'update' | 'watch' | string;
  message: string;
}

export type OpenTrigger = 'hover' | 'click' | 'touch' | 'keyboard' | 'api';

export type CloseReason =
  | 'grace' | 'escape' | 'outside' | 'blur' | 'button' | 'toggle' | 'tab' | 'jump' | 'replace' | 'destroy' | 'api';

export interface EntityCardDetail {
  type: 'entity';
  trigger: OpenTrigger;
  mention: number;
  entity: {
    name: string;
    type: EntityType;
    descriptor: string | null;
    mentions: number;
    statements: number;
  };
}

export interface SourceCardDetail {
  type: 'source';
  trigger: OpenTrigger;
  statement: number;
  source: {
    name: string;
    label: string;
    kind: SourceKind;
    descriptor: string | null;
    cue: string;
    direct: boolean;
    statements: number;
  };
}

export type OpenDetail = EntityCardDetail | SourceCardDetail;
export type CloseDetail = OpenDetail & { reason: CloseReason };

export interface DisabledDetail {
  by: 'reader';
}

declare global {
  interface GlossApi {
    annotate: typeof annotate;
    analyze: typeof analyze;
    disable: typeof disable;
    enable: typeof enable;
    isDisabled: typeof isDisabled;
    readonly version: string;
  }

  interface Window {
    Gloss: Readonly<GlossApi>;
  }

  /** <gloss-article>: annotates its own content when connected. */
  interface GlossArticleElement extends HTMLElement {
    /** The live handle, once annotated (null if off or failed). */
    handle?: Handle | null;
    annotate(): Promise<Handle | null>;
  }

  interface HTMLElementTagNameMap {
    'gloss-article': GlossArticleElement;
  }

  interface HTMLElementEventMap {
    'gloss:ready': CustomEvent<ReadyDetail>;
    'gloss:error': CustomEvent<ErrorDetail>;
    'gloss:open': CustomEvent<OpenDetail>;
    'gloss:close': CustomEvent<CloseDetail>;
    /** Dispatched by the panel's opt-out button; the loader then calls disable(). */
    'gloss:disable': CustomEvent<null>;
  }

  interface DocumentEventMap {
    'gloss:ready': CustomEvent<ReadyDetail>;
    'gloss:error': CustomEvent<ErrorDetail>;
    'gloss:open': CustomEvent<OpenDetail>;
    'gloss:close': CustomEvent<CloseDetail>;
    'gloss:disable': CustomEvent<null>;
    'gloss:disabled': CustomEvent<DisabledDetail>;
  }
}
