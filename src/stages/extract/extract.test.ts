import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractHtml } from './html-extract.js';

const visible = [
  'Negotiators from both countries met in Geneva on Tuesday to discuss a ceasefire along the disputed border, officials said.',
  'The talks lasted six hours and ended with an agreement to meet again next month, according to a statement from the foreign ministry.',
  'Observers said the meeting was the first direct contact between the two governments since the fighting began last spring.',
];

function page(hidden: string): string {
  return `<html><head><title>Border talks resume</title></head><body><article>
    <h1>Border talks resume</h1>
    <p>${visible[0]}</p>
    <div ${hidden}><p>Subscribe to our newsletter for the latest updates on the border talks and more stories from the region.</p></div>
    <p>${visible[1]}</p>
    <p>${visible[2]}</p>
  </article></body></html>`;
}

describe('extract: HTML pages', () => {
  it.each([
    ['style="display: none"'],
    ['style="color: red; DISPLAY:none"'],
    ['style="visibility: hidden"'],
  ])('a block hidden by its inline style (%s) is not article text', (hidden) => {
    const texts = extractHtml(page(hidden))!.paragraphs.map((p) => p.text);
    expect(texts).toEqual(expect.arrayContaining(visible));
    expect(texts.join(' ')).not.toContain('newsletter');
  });

  it('keeps a block whose inline style does not hide it', () => {
    const texts = extractHtml(page('style="display: block; color: red"'))!.paragraphs.map((p) => p.text);
    expect(texts.join(' ')).toContain('newsletter');
  });

  it("leaves linkedom's own style objects working outside extraction", () => {
    extractHtml(page('style="display: none"'));
    const { document } = parseHTML('<html><body><p style="display: none">x</p></body></html>');
    const paragraph = document.querySelector('p')!;
    expect(paragraph.style.display).toBe('none');
    paragraph.style.display = 'block';
    expect(paragraph.getAttribute('style')).toBe('display:block');
  });
});
