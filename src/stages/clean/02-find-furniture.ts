import { agencyName, remove, type CleanParagraph, type CleanStep } from './state.js';

/** A short line that only marks where a photo or video sat ("Epoch Times Photo", "Photo:"). */
const PHOTO_MARKER = /^\[?(?:[\p{L}.&' ]{0,30}\s)?(?:photo|image|picture|video|graphic|gallery|slideshow)s?\]?:?$/iu;
/** A parenthesised credit naming a photographer or agency ("(Photo by Jane Doe)", "(AFP)"). */
const CREDIT_AGENCY = 'Getty Images|AFP|Reuters|AP Photo|Associated Press|EPA|Xinhua|Yonhap|Shutterstock|Pool';
const PHOTO_WORD = String.raw`(?:photo|image|picture|file photo|video)(?:\s+by|:)?\s+[^()]+`;
const NAMED_CREDIT = String.raw`\((?:${PHOTO_WORD}|[^()]*\b(?:${CREDIT_AGENCY})\b[^()]*)\)`;
/** A credit of slash-separated names ("(Aris Messinis/AFP)"), which a text aside can look like too. */
const SLASH_CREDIT = String.raw`\([^()]*\/[^()]+\)`;
const CREDIT_ONLY = new RegExp(`^(?:${NAMED_CREDIT}|${SLASH_CREDIT})$`, 'i');
/**
 * A caption ends with its credit: a named one, or slash-separated names after the caption's last
 * sentence ("... on Monday. (Aris Messinis/AFP)"); "moderated (whitelist/blacklist)." is prose.
 */
const ENDS_WITH_CREDIT = new RegExp(`(?:\\s${NAMED_CREDIT}|[.!?]["”’]?\\s+${SLASH_CREDIT})\\.?$`, 'i');
/** A credit that says it is a photo's ("(Photo by Jane Doe/AFP via Getty Images)"): only a caption ends so. */
const PHOTO_CREDIT = new RegExp(
  String.raw`\s\((?:${PHOTO_WORD}|[^()]*\b(?:Getty Images|AP Photo|Shutterstock)\b[^()]*)\)\.?$`,
  'i',
);
/** Credit lines written without parentheses ("Photo: Reuters", "Credit: AFP"). */
const CREDIT_LINE = /^(?:photo|image|picture)?\s*(?:credits?|courtesy)\s*:|^(?:photo|image|picture)\s*:\s*\S/i;
/**
 * Promotion headings in the languages of the pages Dyad reads most after English (German, French,
 * Spanish, Portuguese, Italian, Polish): "Mehr zum Thema", "À lire aussi", "Czytaj także".
 */
const PROMO_ELSEWHERE = [
  'Mehr zum Thema',
  'Mehr (?:dazu|Themen)',
  'Weitere (?:Informationen|Infos|Artikel|Beiträge|Themen|Links?)',
  'Weiterführende Links?',
  'Zum Weiterlesen',
  'Lesen Sie (?:auch|mehr)',
  'Auch interessant',
  'Siehe auch',
  'Das (?:Thema )?könnte (?:dich|Sie) auch interessieren',
  'Empfohlene (?:Beiträge|Artikel)',
  'Neueste (?:Beiträge|Artikel)',
  'Ähnliche (?:Beiträge|Artikel)',
  'Verwandte (?:Beiträge|Artikel|Themen)',
  'Schon gelesen\\?',
  'Anzeige',
  'Werbung',
  '(?:À )?lire aussi',
  'Voir aussi',
  'Sur le même sujet',
  'Lee también',
  'Ver también',
  'Te puede interesar',
  'Leia também',
  'Veja também',
  'Leggi anche',
  'Czytaj (?:też|także|również)',
  'Zobacz (?:też|także|również)',
].join('|');
/** A promotion heading; when nothing follows the colon, the next short line is its title. */
const PROMO_ENGLISH = [
  'Recommended(?: Video| Reading| for you)?',
  'Related(?: Coverage| Stories| Articles| Video| Content)?',
  'Read More',
  'Read also',
  'Also read',
  'See also',
  'Watch',
  'Must Read',
  'More from [\\p{L} ]+',
  'Trending(?: Now)?',
  'Popular',
  "Editor'?s Picks?",
  'Sponsored(?: Content)?',
  'Advertisement',
].join('|');
const PROMO = new RegExp(`^(${PROMO_ENGLISH}|${PROMO_ELSEWHERE})\\s*[!?]?\\s*(?::\\s*(.*)|$)`, 'iu');
/** Labels of a publication stamp ("Updated:", "Publiziert:", "Publié le", "opublikowano:"). */
const STAMP_LABEL = [
  'Published',
  'Posted',
  '(?:Last )?Updated',
  'Publiziert',
  'Veröffentlicht(?: am)?',
  'Veröffentlichung',
  'Aktualisiert(?: am)?',
  'Erstellt am',
  'Stand',
  'Datum',
  'Publié le',
  'Mis à jour le',
  'Publicado',
  'Actualizado',
  'opublikowano',
  'aktualizacja',
].join('|');
const NUMERIC_DATE = [
  String.raw`\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}`,
  String.raw`\d{4}-\d{2}-\d{2}(?:[T ][\d:.+-]+)?`,
  String.raw`\d{1,2}/\d{1,2}/\d{2,4}`,
].join('|');
const WORDED_DATE = String.raw`(?:\p{L}+,?\s+)?\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4}`;
const CLOCK = String.raw`[,|\s]+(?:um\s+|at\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:Uhr|[ap]\.?m\.?))?`;
/** A line that is only a date, with a time and a label perhaps: a publication stamp, in any language. */
const DATE_STAMP = new RegExp(
  `^(?:(?:${STAMP_LABEL})\\s*:?\\s*)?(?:${NUMERIC_DATE}|${WORDED_DATE})(?:${CLOCK})?\\.?$`,
  'iu',
);
const NEWSLETTER =
  /\b(sign up for|subscribe to|subscribe now|our newsletter|daily newsletter|delivered to your inbox|in your inbox)\b/i;
const SOCIAL_FOLLOW =
  /^Follow\s+(.+?)\s+on\s+(?:Twitter|X|Facebook|Instagram|Threads|Bluesky|LinkedIn|Telegram|Mastodon)\b.*$/i;
const CONTRIBUTION = new RegExp(
  String.raw`^(?:\(?\s*)?` +
    String.raw`(?:(.+?)\s+contributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)` +
    String.raw`|(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled|Research)\s+by\s+.+)` +
    String.raw`\.?\s*\)?$`,
  'i',
);
/**
 * Prompts around a story, in English and the other languages of `PROMO_ELSEWHERE`: comment and
 * login prompts, share and rating widgets, "back to top", WordPress's post footer.
 */
const PROMPT = new RegExp(
  '^(?:' +
    [
      'Kommentare?(?: schreiben| verfassen| insgesamt\\b.*)?',
      'Keine Kommentare\\b.*',
      'Kommentare sind geschlossen\\.?',
      'Kommentieren\\b.*',
      'Leave a (?:comment|reply)\\b.*',
      'No comments(?: yet)?\\.?',
      'Comments are closed\\.?',
      '\\d+ (?:Kommentare?|comments?|commentaires?|comentarios?)',
      '(?:Sie müssen|Du musst) (?:sich |dich )?(?:einloggen|eingeloggt sein)\\b.*',
      'You must be logged in\\b.*',
      'This entry was posted in\\b.*',
      'Bookmark the permalink\\.?',
      '.*\\bLoading\\.\\.\\.',
      '(?:Diesen |Den )?Artikel teilen\\b.*',
      'Teilen',
      'Möchten Sie den Artikel teilen\\?',
      'Artikel gefallen\\?.*',
      'War (?:der|dieser) (?:Artikel|Beitrag) (?:nützlich|hilfreich)\\?.*',
      'Was this (?:article|page) helpful\\?.*',
      '\\(Noch keine Bewertungen\\).*',
      'Drucken',
      'drukuj',
      'zurück',
      'Nach oben',
      'Back to top',
      'Bild anzeigen\\b.*',
      'Zeige alle Beiträge von\\b.*',
      'View all posts by\\b.*',
    ].join('|') +
    ')$',
  'i',
);
/** A credit or source line in the other languages ("Foto: dpa", "Quelle: Landesregierung", "Źródło: PAP"). */
const CREDIT_ELSEWHERE =
  /^(?:Fotos?|Bild(?:er)?|Titelbild|Bildquelle|Crédits? photos?|Źródło|Quelle|Fuente|Fonte)\s*:\s*\S/i;
/** Most words of a credit line that is not also a caption. */
const CREDIT_MAX_WORDS = 8;
const BOILERPLATE = new RegExp(
  [
    String.raw`^(?:©|\(c\)|copyright\b)`,
    String.raw`all rights reserved`,
    String.raw`^share (?:this|on)\b`,
    String.raw`^click here\b`,
    String.raw`^(?:advertisement|ad)$`,
    String.raw`^this (?:article|story) (?:was|has been) (?:updated|corrected)\b`,
    String.raw`^we use cookies\b`,
  ].join('|'),
  'i',
);

/** Longest line a promotion title or a caption-like marker may have. */
const PROMO_TITLE_MAX_WORDS = 16;

const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** Fewest words of an unpunctuated paragraph that reads as the story's text rather than a label or a date. */
const BODY_WORDS = 8;

/** A paragraph still in the body that reads as prose: a sentence, or a long line. */
const isProse = (p: CleanParagraph): boolean =>
  !p.removed && p.hint !== 'heading' && (wordCount(p.text) >= BODY_WORDS || /\p{L}[.!?]["”’]?$/u.test(p.text));

/**
 * True when `paragraphs[i]` is the first paragraph of the story's text: long enough to be prose, with
 * no prose paragraph left before it. Caption rules never take it: a story may open right after a
 * photo marker, and its lead may end with an aside in parentheses.
 */
function isFirstBody(paragraphs: readonly CleanParagraph[], i: number): boolean {
  return isProse(paragraphs[i]!) && !paragraphs.slice(0, i).some(isProse);
}

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
      if (!promo[2]?.trim() && isPromoTitle(paragraphs[i + 1]))
        remove(paragraphs[i + 1]!, 'promo', 'clean/promo-title');
      return;
    }
    if (PHOTO_MARKER.test(text) && wordCount(text) <= 5) {
      remove(p, 'photo-marker', 'clean/photo-marker');
      // The paragraph right after a marker is its caption, unless it is only a credit.
      const next = paragraphs[i + 1];
      const isCaption = (n: CleanParagraph) =>
        !CREDIT_ONLY.test(n.text) && !PHOTO_MARKER.test(n.text) && n.text.length <= 400;
      if (next && !next.removed && isCaption(next) && !isFirstBody(paragraphs, i + 1)) {
        remove(next, 'caption', 'clean/caption-after-photo-marker');
      }
      return;
    }
    const isCaptionWithCredit = short && CREDIT_LINE.test(text) && wordCount(text) > 8;
    if (isCaptionWithCredit && !isFirstBody(paragraphs, i)) return remove(p, 'caption', 'clean/caption-with-credit');
    const creditElsewhere = CREDIT_ELSEWHERE.test(text) && wordCount(text) <= CREDIT_MAX_WORDS;
    const isCredit = CREDIT_ONLY.test(text) || (short && CREDIT_LINE.test(text)) || creditElsewhere;
    if (isCredit) return remove(p, 'credit', 'clean/photo-credit');
    // The first body paragraph may end with an agency or an aside in parentheses; a photo credit
    // still makes it a caption.
    const captionFirst = PHOTO_CREDIT.test(text) || !isFirstBody(paragraphs, i);
    if (text.length <= 400 && ENDS_WITH_CREDIT.test(text) && captionFirst) {
      return remove(p, 'caption', 'clean/caption-with-credit');
    }
    if (text.length <= 80 && DATE_STAMP.test(text)) return remove(p, 'date-line', 'clean/date-stamp');
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
    if (short && (BOILERPLATE.test(text) || PROMPT.test(text))) return remove(p, 'boilerplate', 'clean/boilerplate');
  });
};
