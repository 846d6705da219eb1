import { agencyName, remove, type CleanParagraph, type CleanStep } from './state.js';

/** A short line that only marks where a photo or video sat ("Epoch Times Photo", "Photo:"). */
const PHOTO_MARKER = /^\[?(?:[\p{L}.&' ]{0,30}\s)?(?:photo|image|picture|video|graphic|gallery|slideshow)s?\]?:?$/iu;
/** A parenthesised credit naming a photographer or agency ("(STR/AFP/Getty Images)"). */
const CREDIT = String.raw`\((?:(?:photo|image|picture|file photo|video)(?:\s+by|:)?\s+[^()]+|[^()]*\/[^()]+|[^()]*\b(?:Getty Images|AFP|Reuters|AP Photo|Associated Press|EPA|Xinhua|Yonhap|Shutterstock|Pool)\b[^()]*)\)`;
const CREDIT_ONLY = new RegExp(`^${CREDIT}$`, 'i');
const ENDS_WITH_CREDIT = new RegExp(`\\s${CREDIT}\\.?$`, 'i');
/** Credit lines written without parentheses ("Photo: Reuters", "Credit: AFP"). */
const CREDIT_LINE = /^(?:photo|image|picture)?\s*(?:credits?|courtesy)\s*:|^(?:photo|image|picture)\s*:\s*\S/i;
/** A promotion heading; when nothing follows the colon, the next short line is its title. */
const PROMO = /^(Recommended(?: Video| Reading| for you)?|Related(?: Coverage| Stories| Articles| Video| Content)?|Read More|Read also|Also read|See also|Watch|Must Read|More from [\p{L} ]+|Trending(?: Now)?|Popular|Editor'?s Picks?|Sponsored(?: Content)?|Advertisement)\s*(?::\s*(.*)|$)/iu;
const NEWSLETTER = /\b(sign up for|subscribe to|subscribe now|our newsletter|daily newsletter|delivered to your inbox|in your inbox)\b/i;
const SOCIAL_FOLLOW = /^Follow\s+(.+?)\s+on\s+(?:Twitter|X|Facebook|Instagram|Threads|Bluesky|LinkedIn|Telegram|Mastodon)\b.*$/i;
const CONTRIBUTION = /^(?:\(?\s*)?(?:(.+?)\s+contributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)|(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled|Research)\s+by\s+.+)\.?\s*\)?$/i;
const BOILERPLATE = /^(?:©|\(c\)|copyright\b)|all rights reserved|^share (?:this|on)\b|^click here\b|^(?:advertisement|ad)$|^this (?:article|story) (?:was|has been) (?:updated|corrected)\b|^we use cookies\b/i;

/** Longest line a promotion title or a caption-like marker may have. */
const PROMO_TITLE_MAX_WORDS = 16;

const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;

function isPromoTitle(p: CleanParagraph | undefined): p is CleanParagraph {
  return p !== undefined && !p.removed && wordCount(p.text) <= PROMO_TITLE_MAX_WORDS && !/[.!?]["”’]?$/.test(p.text);
}

/**
 * Finds page furniture: photo markers and credits, captions (the paragraph after a photo marker,
 * a paragraph ending in a photo credit, or an HTML figcaption), promotion blocks, newsletter
 * prompts, social-follow lines, contribution lines and site boilerplate. Follow lines and
 * contribution lines also teach the author and the agency.
 */
export const findFurniture: CleanStep = (state) => {
  const { paragraphs, meta } = state;
  paragraphs.forEach((p, i) => {
    if (p.removed) return;
    const text = p.text;
    const short = text.length <= 300;
    if (p.hint === 'caption') return remove(p, 'caption', 'clean/html-figcaption');
    // Promotions first: "Recommended Video:" is a promotion heading, not a photo marker.
    const promo = short ? PROMO.exec(text) : null;
    if (promo) {
      remove(p, 'promo', 'clean/promo');
      if (!promo[2]?.trim() && isPromoTitle(paragraphs[i + 1])) remove(paragraphs[i + 1]!, 'promo', 'clean/promo-title');
      return;
    }
    if (PHOTO_MARKER.test(text) && wordCount(text) <= 5) {
      remove(p, 'photo-marker', 'clean/photo-marker');
      // The paragraph right after a marker is its caption, unless it is only a credit.
      const next = paragraphs[i + 1];
      if (next && !next.removed && !CREDIT_ONLY.test(next.text) && !PHOTO_MARKER.test(next.text) && next.text.length <= 400) {
        remove(next, 'caption', 'clean/caption-after-photo-marker');
      }
      return;
    }
    if (short && CREDIT_LINE.test(text) && wordCount(text) > 8) return remove(p, 'caption', 'clean/caption-with-credit');
    if (CREDIT_ONLY.test(text) || (short && CREDIT_LINE.test(text))) return remove(p, 'credit', 'clean/photo-credit');
    if (text.length <= 400 && ENDS_WITH_CREDIT.test(text)) return remove(p, 'caption', 'clean/caption-with-credit');
    if (short && NEWSLETTER.test(text)) return remove(p, 'newsletter', 'clean/newsletter');
    const follow = short ? SOCIAL_FOLLOW.exec(text) : null;
    if (follow) {
      remove(p, 'social-follow', 'clean/social-follow');
      const name = follow[1]!.replace(/^(?:us|me)$/i, '');
      if (name && !meta.authors.some((a) => a.includes(name) || name.includes(a))) {
        meta.authors = [...meta.authors, name];
        meta.provenance.authors ??= 'text';
      }
      return;
    }
    const contribution = short ? CONTRIBUTION.exec(text) : null;
    if (contribution) {
      remove(p, 'contribution', 'clean/contribution');
      const agency = contribution[1] ? agencyName(contribution[1]) : null;
      if (agency && !meta.agency) {
        meta.agency = agency;
        meta.provenance.agency = 'text';
      }
      return;
    }
    if (short && BOILERPLATE.test(text)) return remove(p, 'boilerplate', 'clean/boilerplate');
  });
};
