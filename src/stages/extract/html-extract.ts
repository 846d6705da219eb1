import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { collectBlocks, squash, type Block } from './collect-blocks.js';
import { pruneBoilerplate } from './prune-boilerplate.js';

/** What the page itself says about the article, before the text is read. */
export interface PageMeta {
  title?: string;
  published?: string;
  updated?: string;
  authors: string[];
  url?: string;
  language?: string;
  siteName?: string;
  /** Which tag each field came from (`html-meta` or `json-ld`). */
  provenance: Record<string, string>;
}

/** The article body of a page as paragraphs, with the page's metadata. */
export interface ExtractedPage {
  paragraphs: Block[];
  meta: PageMeta;
}

/** Fewest words a paragraph needs before a page counts as having an article body. */
const MIN_BODY_WORDS = 5;

/**
 * What Readability reads of an element's `style`: whether the inline style hides it. Read from the
 * `style` attribute without linkedom's CSSStyleDeclaration, which registers every element whose
 * style is read in a module-level WeakMap; V8's young-generation collector keeps a WeakMap's values
 * alive, so each page's whole DOM was promoted to the old generation (a third of what an HTML page
 * allocated, and most of a worker's memory growth) before a full GC freed it.
 */
const DISPLAY = /(?:^|;)\s*display\s*:\s*([^;]*)/i;
const VISIBILITY = /(?:^|;)\s*visibility\s*:\s*([^;]*)/i;
const NO_INLINE_STYLE = Object.freeze({ display: '', visibility: '' });

function inlineVisibility(this: Element): { display: string; visibility: string } {
  const declarations = this.getAttribute('style');
  if (!declarations) return NO_INLINE_STYLE;
  const value = (pattern: RegExp) => pattern.exec(declarations)?.[1]?.trim().toLowerCase() ?? '';
  return { display: value(DISPLAY), visibility: value(VISIBILITY) };
}

/** True while Readability reads a page: linkedom's `style` getter then answers `inlineVisibility`. */
let readingPage = false;
let styleGetterWrapped = false;

/**
 * Runs `read` with element styles read lightly. linkedom's `style` getter is wrapped once (not
 * swapped per page: redefining a prototype property throws away V8's compiled code that relies on
 * it); outside `read` the wrapper answers as linkedom does.
 */
function withLightStyles<T>(document: { createElement(name: string): unknown }, read: () => T): T {
  if (!styleGetterWrapped) {
    styleGetterWrapped = true;
    let owner: object | null = document.createElement('p') as object;
    while (owner && !Object.getOwnPropertyDescriptor(owner, 'style'))
      owner = Object.getPrototypeOf(owner) as object | null;
    const original = owner ? Object.getOwnPropertyDescriptor(owner, 'style') : undefined;
    const linkedomStyle = original?.get;
    if (owner && original?.configurable && linkedomStyle) {
      Object.defineProperty(owner, 'style', {
        ...original,
        get(this: Element) {
          return readingPage ? inlineVisibility.call(this) : linkedomStyle.call(this);
        },
      });
    }
  }
  readingPage = true;
  try {
    return read();
  } finally {
    readingPage = false;
  }
}

function metaContent(document: Document, selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return undefined;
}

function names(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(names);
  if (typeof value === 'object' && value !== null && 'name' in value) return names((value as { name: unknown }).name);
  return [];
}

/** Finds the first JSON-LD object that describes an article (NewsArticle, Article, ...). */
function findJsonLdArticle(document: Document): Record<string, unknown> | undefined {
  const isArticle = (node: unknown): node is Record<string, unknown> => {
    if (typeof node !== 'object' || node === null) return false;
    const type = (node as Record<string, unknown>)['@type'];
    const types = Array.isArray(type) ? type : [type];
    return types.some((t) => typeof t === 'string' && /Article|Posting|Report/i.test(t));
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // A broken JSON-LD block is common on real pages; the meta tags still apply.
    }
    const candidates: unknown[] = Array.isArray(data) ? data : [data];
    const graph = (data as Record<string, unknown> | null)?.['@graph'];
    if (Array.isArray(graph)) candidates.push(...graph);
    const article = candidates.find(isArticle);
    if (article) return article;
  }
  return undefined;
}

/** Reads title, authors, dates, URL and language from meta tags and JSON-LD; JSON-LD wins. */
export function readPageMeta(document: Document): PageMeta {
  const meta: PageMeta = { authors: [], provenance: {} };
  const set = (
    field: 'title' | 'published' | 'updated' | 'url' | 'language' | 'siteName',
    value: string | undefined,
    from: string,
  ) => {
    if (value && !meta[field]) {
      meta[field] = value.trim();
      meta.provenance[field] = from;
    }
  };
  const ld = findJsonLdArticle(document);
  if (ld) {
    set('title', typeof ld.headline === 'string' ? ld.headline : undefined, 'json-ld');
    set('published', typeof ld.datePublished === 'string' ? ld.datePublished : undefined, 'json-ld');
    set('updated', typeof ld.dateModified === 'string' ? ld.dateModified : undefined, 'json-ld');
    set('url', typeof ld.url === 'string' ? ld.url : undefined, 'json-ld');
    const authors = names(ld.author);
    if (authors.length) {
      meta.authors = authors;
      meta.provenance.authors = 'json-ld';
    }
  }
  set('title', metaContent(document, ['meta[property="og:title"]', 'meta[name="twitter:title"]']), 'html-meta');
  set('title', document.querySelector('title')?.textContent ?? undefined, 'html-meta');
  set(
    'published',
    metaContent(document, [
      'meta[property="article:published_time"]',
      'meta[name="pubdate"]',
      'meta[name="date"]',
      'meta[itemprop="datePublished"]',
      'meta[name="dc.date"]',
    ]),
    'html-meta',
  );
  set(
    'updated',
    metaContent(document, [
      'meta[property="article:modified_time"]',
      'meta[property="og:updated_time"]',
      'meta[itemprop="dateModified"]',
    ]),
    'html-meta',
  );
  set(
    'url',
    metaContent(document, ['meta[property="og:url"]']) ??
      document.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
      undefined,
    'html-meta',
  );
  set('language', document.documentElement?.getAttribute('lang') ?? undefined, 'html-meta');
  set('siteName', metaContent(document, ['meta[property="og:site_name"]']), 'html-meta');
  if (!meta.authors.length) {
    const author = metaContent(document, ['meta[name="author"]', 'meta[property="article:author"]']);
    if (author && !/^https?:/.test(author)) {
      meta.authors = author.split(/\s*(?:,|\band\b)\s*/).filter(Boolean);
      meta.provenance.authors = 'html-meta';
    }
  }
  return meta;
}

/** Elements that never hold article text. JSON-LD scripts go too, once the metadata is read. */
const NEVER_TEXT = 'script, style, noscript, svg, template, iframe, object';
/** Page chrome around the article: menus, sidebars, footers, forms. */
const PAGE_CHROME = 'nav, aside, footer, form';
/** Share of the page's paragraph text an element must hold to count as wrapping the article. */
const WRAPS_ARTICLE = 0.5;
/** Share of the page's paragraph text an `<article>` must hold before the page is cropped to it. */
const ARTICLE_SHARE = 0.6;
/** Fewest characters of paragraph text in an `<article>` the page may be cropped to. */
const ARTICLE_MIN_CHARS = 250;

/**
 * Characters of text in the paragraphs (`<p>`) under `root`, what Readability scores content by,
 * less the text of links: a teaser list's paragraphs are links to other stories.
 */
function paragraphChars(root: Element): number {
  let chars = 0;
  for (const p of Array.from(root.querySelectorAll('p'))) {
    if (p.closest('a')) continue;
    chars += squash(p.textContent ?? '').length;
    for (const link of Array.from(p.querySelectorAll('a'))) chars -= squash(link.textContent ?? '').length;
  }
  return chars;
}

/**
 * Takes out, on the parsed page, what never is article text (scripts, styles, frames) and the page
 * chrome around the article (menus, sidebars, footers, forms). A chrome element that wraps the
 * article itself (an ASP.NET page is one `<form>`; some themes put the story in a `<footer>`) stays:
 * it holds the page's `<main>` or `<h1>`, or half its paragraph text.
 */
function stripChrome(document: Document): void {
  for (const el of Array.from(document.querySelectorAll(NEVER_TEXT))) el.remove();
  const body = document.body;
  if (!body) return;
  const pageChars = paragraphChars(body);
  for (const el of Array.from(body.querySelectorAll(PAGE_CHROME))) {
    if (!el.isConnected) continue;
    const holdsText = pageChars > 0 && paragraphChars(el) >= WRAPS_ARTICLE * pageChars;
    const wraps = el.querySelector('main, h1') !== null || holdsText;
    if (!wraps) el.remove();
  }
}

/**
 * The `<article>` element the page may be cropped to: the one with the most paragraph text,
 * when it holds most of the page's paragraph text. A teaser, an empty metadata `<article>` or
 * one much shorter than the rest of the page is not the story, and the page is read whole.
 */
function findArticle(document: Document): Element | null {
  const body = document.body;
  const articles = body ? Array.from(body.querySelectorAll('article')) : [];
  if (!body || !articles.length) return null;
  let best: Element | null = null;
  let bestChars = 0;
  for (const article of articles) {
    const chars = paragraphChars(article);
    if (chars > bestChars) [best, bestChars] = [article, chars];
  }
  if (bestChars < ARTICLE_MIN_CHARS || bestChars < ARTICLE_SHARE * paragraphChars(body)) return null;
  return best;
}

/** Han, kana and other scripts written without spaces between words. */
const UNSPACED = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]/g;
/** Characters of an unspaced script that count as much as a sentence of `MIN_BODY_WORDS` words. */
const MIN_BODY_UNSPACED = 12;

/** True when a paragraph reads as a sentence, not a menu entry, in spaced or unspaced scripts. */
function isSentence(text: string): boolean {
  return text.split(' ').length >= MIN_BODY_WORDS || (text.match(UNSPACED)?.length ?? 0) >= MIN_BODY_UNSPACED;
}

/** Readability's article body on `document`, read lightly (see `withLightStyles`), or null. */
function readArticle(document: Document, charThreshold: number): ReturnType<Readability<Element>['parse']> {
  return withLightStyles(document, () =>
    new Readability<Element>(document, {
      serializer: (node) => node as Element,
      charThreshold,
      keepClasses: true,
    }).parse(),
  );
}

/** Paragraphs of Readability's result, when they hold at least one real sentence. */
function bodyBlocks(article: ReturnType<Readability<Element>['parse']>): Block[] | null {
  if (!article?.content) return null;
  pruneBoilerplate(article.content);
  const blocks = collectBlocks(article.content);
  // Navigation, menus and link lists are not an article: ask for at least one real sentence.
  return blocks.some((b) => isSentence(b.text)) ? blocks : null;
}

/**
 * Extracts the article from an HTML page with Readability over linkedom, and the page's
 * metadata from its meta tags and JSON-LD (read before Readability, which rewrites the page).
 * The page is parsed first and stripped by the DOM (never by patterns over the markup, where a
 * malformed `</script` would swallow the body); a page whose story is one `<article>` is cropped
 * to it. When that finds no article body, the whole page is read again, and last Readability
 * as it comes, so that no page Readability can read is left empty.
 *
 * @returns null when the page has no article body.
 */
export function extractHtml(html: string): ExtractedPage | null {
  const parsed = parseHTML(html).document as unknown as Document;
  const meta = readPageMeta(parsed);
  stripChrome(parsed);
  const story = findArticle(parsed);
  if (story) parsed.body.replaceChildren(story);
  let article = readArticle(parsed, 200);
  let blocks = bodyBlocks(article);
  if (!blocks && story) {
    const whole = parseHTML(html).document as unknown as Document;
    stripChrome(whole);
    article = readArticle(whole, 200);
    blocks = bodyBlocks(article);
  }
  if (!blocks) {
    article = readArticle(parseHTML(html).document as unknown as Document, 500);
    blocks = bodyBlocks(article);
  }
  if (!article || !blocks?.length) return null;
  if (!meta.title && article.title) {
    meta.title = article.title;
    meta.provenance.title = 'html-meta';
  }
  if (!meta.authors.length && article.byline) {
    meta.authors = [squash(article.byline).replace(/^by\s+/i, '')];
    meta.provenance.authors = 'html-meta';
  }
  return { paragraphs: blocks, meta };
}
