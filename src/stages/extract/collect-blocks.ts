import type { SourceParagraph } from '../../document/types.js';

/** One block of text read off the page, with what the markup says it is. */
export type Block = Pick<SourceParagraph, 'text' | 'hint'>;

/** Elements whose text is one paragraph (unless a paragraph element nests inside, as in `<li><p>`). */
const BLOCKS = new Set([
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'BLOCKQUOTE',
  'FIGCAPTION',
  'PRE',
  'TD',
  'TH',
  'DT',
  'DD',
]);
const BLOCK_SELECTOR = [...BLOCKS].map((t) => t.toLowerCase()).join(',');

/** Phrasing elements: their text runs on with the text around them. */
const INLINE = new Set([
  'A',
  'ABBR',
  'ACRONYM',
  'B',
  'BDI',
  'BDO',
  'BIG',
  'CITE',
  'CODE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'KBD',
  'LABEL',
  'MARK',
  'NOBR',
  'Q',
  'RUBY',
  'RB',
  'RP',
  'RT',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
  'IMG',
]);

/** Table cells and list entries: lines that may repeat legitimately (ingredients, results). */
const ITEMS = new Set(['LI', 'TD', 'TH', 'DT', 'DD']);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Collapses the white space an HTML layout puts inside one block. */
export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The text of an element with each `<br>` read as a space (`textContent` runs the lines together). */
function blockText(el: Element): string {
  if (!el.querySelector('br')) return el.textContent ?? '';
  let text = '';
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === TEXT_NODE) text += node.textContent ?? '';
    else if (node.nodeType !== ELEMENT_NODE) continue;
    else text += (node as Element).tagName === 'BR' ? ' ' : blockText(node as Element);
  }
  return text;
}

function hintOf(tag: string): Block['hint'] {
  if (tag === 'FIGCAPTION') return 'caption';
  if (/^H[1-6]$/.test(tag)) return 'heading';
  return ITEMS.has(tag) ? 'item' : undefined;
}

/**
 * Reads the text of `root` as paragraphs: each paragraph element (`p`, headings, list items, table
 * cells, captions ...) is one paragraph; text that sits directly in a `<div>` or `<section>`,
 * outside any paragraph element, is kept too, one paragraph per run between block elements and
 * line breaks. Figure captions, headings and list or table entries carry a hint for cleaning.
 */
export function collectBlocks(root: Element): Block[] {
  // Every element that holds a paragraph element somewhere inside, found bottom-up in one pass.
  const holdsBlock = new Set<Element>();
  for (const block of Array.from(root.querySelectorAll(BLOCK_SELECTOR))) {
    for (let up = block.parentElement; up && up !== root && !holdsBlock.has(up); up = up.parentElement) {
      holdsBlock.add(up);
    }
  }
  const out: Block[] = [];
  walk(root, holdsBlock, out);
  return out;
}

/** Share of a block's characters inside links from which the block is a link, not text. */
const LINK_SHARE = 0.9;

/** A web or e-mail address written out. */
const ADDRESS = /^(?:https?:\/\/|www\.)\S+$|^\S+@\S+\.\w+$/i;

/** Characters of link text in `el` (all of it when `el` sits inside a link). */
function linkChars(el: Element): number {
  if (el.tagName === 'A' || el.closest('a')) return squash(el.textContent ?? '').length;
  let chars = 0;
  for (const link of Array.from(el.querySelectorAll('a'))) chars += squash(link.textContent ?? '').length;
  return chars;
}

function walk(container: Element, holdsBlock: ReadonlySet<Element>, out: Block[]): void {
  let run = '';
  let runLinks = 0;
  // A paragraph that is nothing but a link points elsewhere: a related story, "back", "read more".
  // A written-out address (a URL, an e-mail) is text the story gives its reader.
  const isLink = (text: string, links: number) => links >= LINK_SHARE * text.length && !ADDRESS.test(text);
  const flush = () => {
    const text = squash(run);
    if (text && !isLink(text, runLinks)) out.push({ text });
    run = '';
    runLinks = 0;
  };
  for (const node of Array.from(container.childNodes)) {
    if (node.nodeType === TEXT_NODE) {
      run += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const el = node as Element;
    const tag = el.tagName;
    if (tag === 'BR') {
      flush();
      continue;
    }
    const nested = holdsBlock.has(el);
    if (INLINE.has(tag) && !nested) {
      run += blockText(el);
      runLinks += linkChars(el);
      continue;
    }
    flush();
    if (BLOCKS.has(tag) && (!nested || tag === 'P' || tag === 'FIGCAPTION')) {
      const text = squash(blockText(el));
      const hint = hintOf(tag);
      if (text && !isLink(text, linkChars(el))) out.push(hint ? { text, hint } : { text });
    } else {
      walk(el, holdsBlock, out);
    }
  }
  flush();
}
