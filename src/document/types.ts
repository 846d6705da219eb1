/**
 * The one typed document that every stage reads and adds a layer to.
 *
 * Every annotation carries a half-open `[start, end)` span of JS string indexes into the
 * cleaned text (`doc.text`) plus a copy of its surface `text`, so that outputs read well and
 * `checkInvariants` can prove `text === doc.text.slice(start, end)`.
 */

/** A half-open character span into the cleaned text, with its surface text. */
export interface Span {
  /** First character, inclusive (JS string index into the cleaned text). */
  start: number;
  /** Last character, exclusive. */
  end: number;
  /** `doc.text.slice(start, end)`, kept so outputs can be read without the text. */
  text: string;
}

/** How sure a diagnostic is that something went wrong. */
export type Severity = 'fatal' | 'warning' | 'info';

/**
 * One message about an input or an article, in the same shape whatever stage raised it.
 * `rule` is `stage/kebab-case`; `span` points into the cleaned text when there is one.
 */
export interface Diagnostic {
  severity: Severity;
  stage: string;
  rule: string;
  reason: string;
  span?: { start: number; end: number };
  /** Line in the input (1-based), for inputs with lines such as JSON Lines. */
  line?: number;
  /** Column in the input (1-based). */
  column?: number;
}

/** Where an input record came from, for messages such as `file.jsonl:12:1: reason`. */
export interface Origin {
  /** File path, URL, or `-` for standard input. */
  source: string;
  /** 1-based line for line-oriented inputs (JSON Lines). */
  line?: number;
}

/** The format a record's content arrived in. */
export type ContentFormat = 'text' | 'html';

/** One article as read from an input, before any stage ran. */
export interface InputRecord {
  origin: Origin;
  /** An id the input gave (JSON Lines `id`), if any. */
  id?: string;
  url?: string;
  title?: string;
  /** Publication date the input gave, as written (ISO preferred). */
  date?: string;
  /**
   * When a crawler fetched the page (a WARC record's `WARC-Date`): the publication date of last
   * resort, used only when neither the input nor the page states one.
   */
  fetchDate?: string;
  format: ContentFormat;
  /** The decoded content: plain text or an HTML page. */
  content: string;
  /** The character encoding the bytes were decoded from. */
  encoding?: string;
  /** Repairs made while decoding (invalid UTF-8 replaced, NUL bytes dropped): warnings on the article. */
  decodeWarnings?: Array<{ rule: string; reason: string }>;
}

/** One block of the extracted text, before cleaning decides what is body and what is furniture. */
export interface SourceParagraph {
  /** Offset of the paragraph in `source.text`. */
  start: number;
  end: number;
  text: string;
  /**
   * A hint from the extractor: HTML figure captions, headings, and list or table entries (`item`,
   * lines that may repeat legitimately) arrive already marked.
   */
  hint?: 'caption' | 'heading' | 'item';
}

/** The plain text the extractor recovered from the input, split into paragraphs. */
export interface SourceText {
  text: string;
  paragraphs: SourceParagraph[];
  /** For HTML inputs: where each paragraph's text was found verbatim in the raw page, if it was. */
  rawOffsets?: Array<number | null>;
}

/** Article metadata, from HTML meta tags and JSON-LD, from the input record, or recovered from the text. */
export interface ArticleMeta {
  title: string | null;
  /** ISO date or date-time. */
  published: string | null;
  updated: string | null;
  authors: string[];
  /** The wire agency that supplied or contributed to the story. */
  agency: string | null;
  url: string | null;
  language: string;
  /** The dateline place ("SEOUL"), when the story has one. */
  dateline: string | null;
  /** Which source each field came from, for provenance: `html-meta`, `json-ld`, `input`, `text`, `fetch-date`
   * (WARC-Date). */
  provenance: Partial<Record<'title' | 'published' | 'updated' | 'authors' | 'agency' | 'dateline', string>>;
}

/** A calendar day, as numbers (month and day 1-based). */
export interface Ymd {
  year: number;
  month: number;
  day: number;
}

/**
 * The article's reference date: its publication date, read once by the `clean` stage from the
 * input, the page, the text or the engine's `defaultDate`, in that order. Stages that anchor
 * relative dates, date roles or date statements read only this (`ctx.reference`).
 */
export interface Reference {
  /** The day as numbers, for calendar arithmetic. */
  day: Ymd;
  /** The same day as ISO `YYYY-MM-DD`. */
  iso: string;
  /** Where the date came from: `input` (JSON Lines), `html-meta`, `json-ld`, `text` or `option`. */
  source: string;
}

/** Kinds of page furniture the cleaner removes from the body. */
export type RemovedKind =
  | 'title'
  | 'date-line'
  | 'byline'
  | 'dateline'
  | 'photo-marker'
  | 'credit'
  | 'caption'
  | 'promo'
  | 'newsletter'
  | 'social-follow'
  | 'contribution'
  | 'boilerplate'
  | 'duplicate'
  | 'empty';

/**
 * Text the cleaner took out of the body. It is not in the cleaned text, so its offsets point
 * into `source.text` instead; nothing is ever dropped without a record here.
 */
export interface Removed {
  kind: RemovedKind;
  text: string;
  rule: string;
  sourceStart: number;
  sourceEnd: number;
}

/** A body paragraph of the cleaned text. */
export interface Paragraph extends Span {}

/** A sentence, with the range of its tokens in `doc.tokens`. */
export interface Sentence extends Span {
  /** Index of the paragraph the sentence sits in. */
  paragraph: number;
  tokenStart: number;
  tokenEnd: number;
}

/** A token with its part of speech (Universal POS tag) and lemma. */
export interface Token extends Span {
  pos: string;
  lemma: string;
}

/**
 * Dependency syntax of the document's tokens (`syntax` stage): three arrays parallel to
 * `doc.tokens`, so token `i` has tag `upos[i]`, head `heads[i]` and relation `deprels[i]`.
 * Arcs never leave a sentence.
 */
export interface TokenSyntax {
  /** Universal POS tag from Dyad's own tagger (wink-nlp's stays in `Token.pos`). */
  upos: string[];
  /** Index in `doc.tokens` of the token's head, or -1 for the root of its sentence. */
  heads: Int32Array;
  /** Universal Dependencies relation to the head, subtype included (`nsubj:pass`, `acl:relcl`, `root`). */
  deprels: string[];
}

/**
 * A segment of the offset map: cleaned text `[start, end)` was copied from `source.text`
 * starting at `sourceStart`. Cleaning only copies and joins, so one offset per segment suffices.
 */
export interface OffsetSegment {
  start: number;
  end: number;
  sourceStart: number;
}

/** What kind of thing an actor is. */
export type ActorKind = 'person' | 'organisation' | 'country' | 'city' | 'place' | 'group' | 'media';

/** An actor as resolved for one mention: who it is and how it is coded on the article's date. */
export interface ResolvedActor {
  /** Stable id within the knowledge base (`person:Mike Pence`, `country:South Korea`), or `new:<name>` for people the
   * article introduces. */
  id: string;
  /** Canonical name. */
  name: string;
  /** CAMEO-style code: country + agent (`USAGOV`, `PRKMIL`), an IGO code (`IGOUNO`), or a bare country (`PRK`); null
   * when unknown. */
  code: string | null;
  /** ISO-3166 alpha-3 country, when known. */
  country: string | null;
  /** The agent part of the code (`GOV`, `MIL`, `ELI`, `MED` ...), if any. */
  role: string | null;
  /** The office or title that gave the role ("Vice President"), if known. */
  title: string | null;
  kind: ActorKind;
  /** True when a person is coded by an office they no longer held on the article's date. */
  former?: boolean;
}

/** One mention of an actor in the cleaned text. */
export interface ActorMention extends Span {
  /** Index of the sentence the mention is in. */
  sentence: number;
  actor: ResolvedActor;
  /** The rule or dictionary entry that recognised it (`dictionary:name data/actors/...:12`, `rule:title-name`,
   * `coref:pronoun` ...). */
  via: string;
  /** For a coreferent mention (surname, pronoun, description): the mention it refers back to. */
  antecedent?: Span;
}

/** Who said a quotation: the words that name the speaker, and the actor they resolve to. */
export interface QuoteSpeaker {
  /** The resolved actor, or null when the speaker is not an actor Dyad knows (an unnamed critic). */
  actor: ResolvedActor | null;
  /** The speaker's words in the text ("Pence", "he", "a source within the Olympic movement"). */
  mention: Span;
  /** True for unnamed speakers ("a South Korean government official", "sources"). */
  anonymous: boolean;
  /** For a document ("the statement said"), the earlier mention of the actor that issued it. */
  issuer?: Span;
}

/** A reported statement: direct, indirect, or indirect with quoted words inside (mixed). */
export interface Quote extends Span {
  /** The span of the quoted content (without the quotation marks). */
  kind: 'direct' | 'indirect' | 'mixed';
  /** Index of the sentence the content starts in. */
  sentence: number;
  speaker: QuoteSpeaker | null;
  /** The reporting cue ("said", "told", "according to"), with its lemma. */
  cue: (Span & { lemma: string }) | null;
  /** The outlet that carried the statement ("told Reuters", "quoted in The Washington Post"), never the speaker. */
  via: { actor: ResolvedActor | null; mention: Span } | null;
  /** The rule that found and attributed it (`quotes/direct-after-cue`, `quotes/continuation` ...). */
  rule: string;
  /** True when the speaker was carried over from the quotation before (a paragraph with no cue). */
  continuation?: boolean;
  /** When the statement was made, when known ("in a Jan. 11 press briefing"), else the publication date. */
  date?: EventDate;
}

/** Words in quotation marks that are not speech: scare quotes and titles of works. */
export interface QuotedPhrase extends Span {
  kind: 'scare' | 'title';
}

/** A time expression normalised to a TimeML value. */
export interface TimeMention extends Span {
  /** Index of the sentence it is in. */
  sentence: number;
  type: 'DATE' | 'TIME' | 'DURATION' | 'SET';
  /** TimeML/ISO value at the granularity the text gives: `2017`, `2017-12`, `2018-02-11`, `2018-W06`, `2018-Q3`,
   * `P20Y`, `PRESENT_REF`, `XXXX-12` when no reference date is known. */
  value: string;
  /** Calendar fields the text stated (`year`, `month`, `day`, `weekday`, `hour` ...). */
  stated: string[];
  /** Fields taken from the reference date, and how (`year:past` for a past-tense preference). */
  inferred: string[];
  /** The reference date the value was resolved from (the publication date), or null. */
  anchor: string | null;
  /** The finder or refiner that produced it (`times/chrono`, `times/duration`, `times/month-past` ...). */
  rule: string;
  /** For a SET, how often in each period, as TimeML writes it (`1X` for "annually"). */
  freq?: string;
  /** For a SET, its quantifier as TimeML writes it (`EVERY` for "every year"). */
  quant?: string;
}

/** When a quote or event happened: the date its sentence states, or the publication date. */
export interface EventDate {
  /** TimeML value (`2018-01-11`, `2018-01`). */
  value: string;
  /**
   * Where the date comes from (then `time` is the expression): `text` when the sentence states it
   * (quotes); for events, `clause` when the event's own clause does (by the parse), `context` when
   * a time that opened an earlier sentence of the paragraph frames it ("On Friday, ... Later, ...");
   * `publication` otherwise.
   */
  source: 'text' | 'clause' | 'context' | 'publication';
  time?: Span;
}

/** An actor in an event: who, and the words that name them. */
export interface EventParty {
  actor: ResolvedActor;
  mention: Span;
  /**
   * `place` when the sentence names no target and the party is the country where a local act
   * happened ("protesters rallied in Lagos" is aimed at Nigeria); then `mention` is the place.
   * `state` when a protest names neither target nor place and faces the protesters' own state
   * ("Iraqi Kurds demonstrated"); then `mention` is the protesters'.
   */
  from?: 'place' | 'state';
}

/** Where an event happened: a named place in its sentence, resolved with the gazetteer. */
export interface EventPlace {
  name: string;
  /** ISO-3166 alpha-3 country. */
  country: string | null;
  lat: number | null;
  lon: number | null;
  mention: Span;
  /** Where the coordinates come from (GeoNames), when there are any. */
  credit?: string;
}

/** What the CAMEO codebook says of one code. */
export interface CameoFacts {
  /** CAMEO 1.1b3 code, its root, name, Goldstein weight and QuadClass. */
  code: string;
  root: string;
  name: string;
  goldstein: number;
  quadClass: 1 | 2 | 3 | 4;
  /** The PLOVER event type and mode of the code. */
  plover: { event: string | null; mode: string | null };
}

/** A coded event: source, action, target, with everything that proves and dates it. */
export interface CodedEvent extends Span, CameoFacts {
  /** The span is the trigger (the verb or noun the pattern matched). */
  sentence: number;
  /** The sentence that proves it. */
  evidence: Span;
  source: EventParty;
  target: EventParty | null;
  /** A refusal ("refused to meet") coded with CAMEO's refusal code. */
  negated: boolean;
  /** Intended or announced, not done ("will visit", "plans to"), coded with CAMEO's intent code. */
  intent: boolean;
  /**
   * Set (true) when the event is dated well before publication: background or history ("the 2008
   * attacks", "in October" in a December story), not the news of the day.
   */
  historical?: true;
  date: EventDate | null;
  place: EventPlace | null;
  /** The pattern that fired, as written, and where. */
  via: { pattern: string; file: string; line: number; code: string };
  /** How sure the coder is, 0-1: lower without a target the pattern expects, or for intent. */
  confidence: number;
  /** How many times the article reports this event (GDELT's NumMentions); the first is the evidence. */
  mentions: number;
  /** The other sentences that report it. */
  repeats?: Span[];
}

/** Why a sentence was or was not coded: what `dyad explain` prints. */
export interface SentenceTrace {
  sentence: number;
  verbs: Array<{
    text: string;
    lemma: string;
    negated: boolean;
    intent: boolean;
    passive: boolean;
    mood: 'fact' | 'question' | 'conditional' | 'hypothetical' | 'urged' | 'alleged' | 'purpose' | 'generic';
  }>;
  candidates: Array<{ pattern: string; code: string; outcome: string }>;
  /** For each coded trigger: the parse arcs to its parties, and why it has its mood and date. */
  decisions?: Array<{ trigger: string; source: string; target: string; modality: string; dating: string }>;
}

/** The layers stages provide. A document holds the ones the stages run so far produced. */
export interface Layers {
  source: SourceText;
  /** Metadata the input itself carries (HTML meta tags, JSON-LD, JSON Lines fields). */
  pageMeta: ArticleMeta;
  /** The article's metadata after cleaning recovered what the text says. */
  meta: ArticleMeta;
  /** The publication date every later stage reads (also `ctx.reference`); null when none is known. */
  reference: Reference | null;
  text: string;
  paragraphs: Paragraph[];
  removed: Removed[];
  offsetMap: OffsetSegment[];
  sentences: Sentence[];
  tokens: Token[];
  syntax: TokenSyntax;
  actors: ActorMention[];
  quotes: Quote[];
  quotedPhrases: QuotedPhrase[];
  times: TimeMention[];
  events: CodedEvent[];
  eventTrace: SentenceTrace[];
}

/** The name of a layer. */
export type LayerName = keyof Layers;

/** Time one stage took on one document. */
export interface StageTiming {
  stage: string;
  ms: number;
}

/**
 * A caption or credit the cleaner removed, read as a small document of its own: its text is the
 * removed text, so its spans are offsets into that text, and `base` is where the text starts in
 * the article's `source.text`.
 */
export interface DocumentPart {
  /** Index of the removal in the article's `removed`. */
  removed: number;
  kind: RemovedKind;
  /** Offset of the part's text in the article's `source.text`. */
  base: number;
}

/** An article as it moves through the pipeline: the input, diagnostics, and the layers so far. */
export type ArticleDocument = {
  id: string;
  input: InputRecord;
  diagnostics: Diagnostic[];
  timings: StageTiming[];
  /** Set on a caption or credit read as a document of its own (see `captions`). */
  part?: DocumentPart;
  /**
   * The article's captions and credits, each run as a small document through the stages it needs
   * (captions through events, credits through actors), in the order of `removed`.
   */
  captions?: ArticleDocument[];
} & Partial<Layers>;

/** A document that is known to hold the layers `K`. */
export type DocumentWith<K extends LayerName> = ArticleDocument & Pick<Layers, K>;
