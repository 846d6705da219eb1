import { squash } from './collect-blocks.js';

/**
 * Words in a class or id that name page furniture (sharing bars, comment threads, author boxes,
 * related links, newsletters ...), after the lists trafilatura and Readability keep. Matched as
 * parts of a name: `post-share-bar`, `commentlist`, `authorBox`.
 */
const FURNITURE_PART = new RegExp(
  [
    'comment',
    'share',
    'sharing',
    'social',
    'sociable',
    'related',
    'newsletter',
    'breadcrumb',
    'cookie',
    'consent',
    'sidebar',
    '^widget',
    'banner',
    'advert',
    'sponsor',
    'subscri',
    'rating',
    'outbrain',
    'taboola',
    'disqus',
    'recommend',
    'respond',
    'reply',
    'akismet',
    'pagination',
    'pager',
    'postnav',
    'post-nav',
    'next-post',
    'prev-post',
    'most-popular',
    'mostpopular',
    'further-reading',
    'see-also',
    'tagcloud',
  ].join('|'),
  'i',
);
/**
 * An author box (a photo and a biography) is furniture, but a short byline is not: cleaning reads the
 * authors from it and records its removal.
 */
const AUTHOR = /author/i;
const BYLINE_MAX_CHARS = 80;

/** Short words that name furniture only as a whole part of a name (`tags`, not `stage`). */
const FURNITURE_WORD = new Set([
  'ad',
  'ads',
  'tag',
  'tags',
  'meta',
  'metadata',
  'footer',
  'nav',
  'menu',
  'button',
  'btn',
  'icons',
  'login',
  'signup',
  'follow',
  'donate',
  'toolbar',
  'skip',
]);
/**
 * Parts of a name that describe, not name, an element: WordPress's taxonomy classes on a post
 * (`tag-elections`, `category-social-media`), and modifiers (`Section--Ads`: a section with ads in it).
 */
const DESCRIPTIVE = /(?:^|\s)(?:(?:tag|category|format|status|type)-\S+|post-\d+)|--\S+/g;
/** Largest share of the article's text one pruned element may hold: more than that, it is the story. */
const MAX_SHARE = 0.4;

/** Largest share of the article's text all pruned elements together may hold. */
const MAX_PRUNED = 0.6;

function isFurniture(el: Element): boolean {
  const name = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.replace(DESCRIPTIVE, ' ').trim();
  if (name.length < 2) return false;
  if (FURNITURE_PART.test(name) || (AUTHOR.test(name) && squash(el.textContent ?? '').length > BYLINE_MAX_CHARS))
    return true;
  return name
    .toLowerCase()
    .split(/[\s-]+/)
    .some((word) => FURNITURE_WORD.has(word));
}

/**
 * Takes out of Readability's article body the furniture its classes and ids name, which
 * Readability keeps when it sits among the story's paragraphs: share bars, author boxes,
 * comment threads, tag lists, related links. An element holding much of the text is the story
 * itself (a WordPress post's classes name its tags), and stays.
 */
export function pruneBoilerplate(content: Element): void {
  const total = (content.textContent ?? '').length;
  if (!total) return;
  // Once a furniture-named element is decided (pruned, or kept as the story), what it holds goes with it.
  const decided = new Set<Element>();
  const pruned: Element[] = [];
  let prunedChars = 0;
  const insideDecided = (el: Element) => {
    for (let up = el.parentElement; up && up !== content; up = up.parentElement) if (decided.has(up)) return true;
    return false;
  };
  for (const el of Array.from(content.querySelectorAll('[class], [id]'))) {
    if (!isFurniture(el) || insideDecided(el)) continue;
    decided.add(el);
    const chars = (el.textContent ?? '').length;
    if (chars <= MAX_SHARE * total) {
      pruned.push(el);
      prunedChars += chars;
    }
  }
  // When the furniture would be most of the page, the page is made of it (a forum thread of
  // "comments"): Readability chose it as the article, so it stays.
  if (prunedChars > MAX_PRUNED * total) return;
  for (const el of pruned) el.remove();
}
