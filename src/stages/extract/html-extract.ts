import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { SourceParagraph } from '../../document/types.js';

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
  paragraphs: Array<Pick<SourceParagraph, 'text' | 'hint'>>;
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
    while (owner && !Object.getOwnPropertyDescriptor(owner, 'style')) owner = Object.getPrototypeOf(owner) as object | null;
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

const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'FIGCAPTION', 'PRE', 'TD', 'DT', 'DD']);

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
  const set = (field: 'title' | 'published' | 'updated' | 'url' | 'language' | 'siteName', value: string | undefined, from: string) => {
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
  set('published', metaContent(document, ['meta[property="article:published_time"]', 'meta[name="pubdate"]', 'meta[name="date"]', 'meta[itemprop="datePublished"]', 'meta[name="dc.date"]']), 'html-meta');
  set('updated', metaContent(document, ['meta[property="article:modified_time"]', 'meta[property="og:updated_time"]', 'meta[itemprop="dateModified"]']), 'html-meta');
  set('url', metaContent(document, ['meta[property="og:url"]']) ?? document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined, 'html-meta');
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

/** Collapses the white space an HTML layout puts inside one block. */
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

function collectBlocks(root: Element, out: ExtractedPage['paragraphs']): void {
  for (const child of Array.from(root.children)) {
    const hasBlockChild = Array.from(child.querySelectorAll('*')).some((el) => BLOCKS.has(el.tagName));
    if (BLOCKS.has(child.tagName) && !(child.tagName !== 'FIGCAPTION' && hasBlockChild && child.tagName !== 'P')) {
      const text = squash(child.textContent ?? '');
      if (!text) continue;
      const hint = child.tagName === 'FIGCAPTION' ? 'caption' : /^H[1-6]$/.test(child.tagName) ? 'heading' : undefined;
      out.push(hint ? { text, hint } : { text });
    } else if (child.children.length > 0) {
      collectBlocks(child, out);
    } else {
      const text = squash(child.textContent ?? '');
      if (text) out.push({ text });
    }
  }
}

/** Elements that never hold article text; JSON-LD scripts are kept for the metadata. */
const NEVER_TEXT = /<(script|style|noscript|svg|template|iframe|object)\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Page chrome around the article: menus, sidebars, footers, forms. */
const PAGE_CHROME = /<(nav|aside|footer|form)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;

/**
 * Takes out what Readability would discard anyway before the page is parsed: scripts, styles,
 * comments, menus, sidebars and footers. Parsing a smaller page halves the time extraction takes.
 */
export function stripPageChrome(html: string): string {
  const stripped = html.replace(COMMENT, '').replace(NEVER_TEXT, '').replace(PAGE_CHROME, '');
  // A page that marks its story up as one <article> needs no more than its head and that article:
  // Readability still cleans inside it, on a much smaller document.
  const open = stripped.search(/<article\b/i);
  const close = stripped.toLowerCase().lastIndexOf('</article>');
  if (open < 0 || close < open || stripped.slice(open + 8).search(/<article\b/i) >= 0) return stripped;
  const head = /<head\b[\s\S]*?<\/head\s*>/i.exec(stripped)?.[0] ?? '';
  const htmlTag = /<html\b[^>]*>/i.exec(stripped)?.[0] ?? '<html>';
  return `${htmlTag}${head}<body>${stripped.slice(open, close + '</article>'.length)}</body></html>`;
}

/**
 * Extracts the article from an HTML page with Readability over linkedom, and the page's
 * metadata from its meta tags and JSON-LD (read before Readability, which rewrites the page).
 *
 * @returns null when the page has no article body.
 */
export function extractHtml(html: string): ExtractedPage | null {
  const { document } = parseHTML(stripPageChrome(html));
  const meta = readPageMeta(document as unknown as Document);
  const article = withLightStyles(document, () =>
    new Readability<Element>(document as unknown as Document, {
      serializer: (node) => node as Element,
      charThreshold: 200,
    }).parse(),
  );
  if (!article?.content) return null;
  const paragraphs: ExtractedPage['paragraphs'] = [];
  collectBlocks(article.content, paragraphs);
  // Navigation, menus and link lists are not an article: ask for at least one real sentence.
  if (!paragraphs.some((p) => p.text.split(' ').length >= MIN_BODY_WORDS)) return null;
  if (!meta.title && article.title) {
    meta.title = article.title;
    meta.provenance.title = 'html-meta';
  }
  if (!meta.authors.length && article.byline) {
    meta.authors = [squash(article.byline).replace(/^by\s+/i, '')];
    meta.provenance.authors = 'html-meta';
  }
  return { paragraphs, meta };
}
