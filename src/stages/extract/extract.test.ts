import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractHtml } from './html-extract.js';

const visible = [
  'Negotiators from both countries met in Geneva on Tuesday to discuss a ceasefire ' +
    'along the disputed border, officials said.',
  'The talks lasted six hours and ended with an agreement to meet again next ' +
    'month, according to a statement from the foreign ministry.',
  'Observers said the meeting was the first direct contact between the two ' +
    'governments since the fighting began last spring.',
];

function page(hidden: string): string {
  return (
    `<html><head><title>Border talks resume</title></head><body><article>
    <h1>Border talks resume</h1>
    <p>${visible[0]}</p>
    <div ${hidden}><p>Subscribe to our newsletter for the latest updates on the border talks ` +
    `and more stories from the region.</p></div>
    <p>${visible[1]}</p>
    <p>${visible[2]}</p>
  </article></body></html>`
  );
}

describe('extract: HTML pages', () => {
  it.each([['style="display: none"'], ['style="color: red; DISPLAY:none"'], ['style="visibility: hidden"']])(
    'a block hidden by its inline style (%s) is not article text',
    (hidden) => {
      const texts = extractHtml(page(hidden))!.paragraphs.map((p) => p.text);
      expect(texts).toEqual(expect.arrayContaining(visible));
      expect(texts.join(' ')).not.toContain('newsletter');
    },
  );

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

/** Three paragraphs of a story of our own, long enough for Readability to take them as the body. */
const story = [
  'The river authority opened all four gates of the northern dam on Thursday after a week of heavy rain upstream.',
  'Engineers said the reservoir had risen by two metres since Sunday and that ' +
    'farmland downstream could flood by the weekend.',
  'Residents of three villages were told to move livestock to higher ground, and schools in the valley stayed closed.',
];
const storyHtml = story.map((s) => `<p>${s}</p>`).join('\n');

function texts(html: string): string[] {
  return extractHtml(html)?.paragraphs.map((p) => p.text) ?? [];
}

describe('extract: page shapes that must not lose the story', () => {
  it.each([
    [
      'a teaser <article> for another story beside the story',
      `<body><div class="story"><h1>Dam gates opened</h1>${storyHtml}</div>
       <article class="teaser"><h3>Bridge reopens</h3>` +
        `<p>The old bridge reopened to traffic on Monday after repairs.</p></article></body>`,
    ],
    [
      'an empty metadata <article>',
      `<body><article itemscope><meta itemprop="datePublished" content="2021-05-06"><span>May 6</span></article>
       <div id="content">${storyHtml}</div></body>`,
    ],
    [
      'an <article> much shorter than the story around it',
      `<body><main><article><h1>Dam gates opened</h1><p>By the river desk.</p></article>${storyHtml}</main></body>`,
    ],
    [
      'a <form> that wraps the whole page',
      `<body><form id="aspnetForm" action="/x"><div>${storyHtml}</div></form></body>`,
    ],
    ['a <footer> that wraps the whole page', `<body><footer><h1>Dam gates opened</h1>${storyHtml}</footer></body>`],
    ['a <nav> that wraps the whole page', `<body><nav class="wrapper"><main>${storyHtml}</main></nav></body>`],
    [
      'a malformed </script before the body',
      `<body><script>var a = 1;</script <div class="x">${storyHtml}</div><script>var b = "</p>";</script></body>`,
    ],
  ])('%s', (_shape, body) => {
    const got = texts(`<html><head><title>Dam gates opened</title></head>${body}</html>`);
    expect(got).toEqual(expect.arrayContaining(story));
  });

  it('crops to an <article> that holds the story, leaving related teasers and menus out', () => {
    const got = texts(
      `<html><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
      <article><h1>Dam gates opened</h1>${storyHtml}</article>
      <aside><p>Most read: a celebrity chef opens a second restaurant in the old harbour district.</p></aside>
      <div class="related">` +
        `<p>Related: the northern dam was built in 1962 and last opened fully in 2009 after a storm.</p></div>
      </body></html>`,
    );
    expect(got).toEqual(expect.arrayContaining(story));
    expect(got.join(' ')).not.toMatch(/celebrity chef|Related:|Home/);
  });

  it('keeps text that sits directly in a <section> or <div>, outside paragraph elements', () => {
    const got = texts(`<html><body><div id="story">
      <section>${story[0]} <b>${story[1]}</b><h2>Villages warned</h2>${story[2]}</section>
      <div>Officials will review the dam's rules next month.<br>A report is due in June, the authority said.</div>
      </div></body></html>`);
    expect(got).toEqual(expect.arrayContaining([`${story[0]} ${story[1]}`, 'Villages warned', story[2]]));
    expect(got.join(' ')).toContain(
      "Officials will review the dam's rules next month. A report is due in June, the authority said.",
    );
  });

  it('reads a line break inside a paragraph as a space, not as nothing', () => {
    const got = texts(
      `<html><body><div>${storyHtml}<p>The gates will stay open<br>until the level falls.</p></div></body></html>`,
    );
    expect(got).toContain('The gates will stay open until the level falls.');
  });

  it('marks list entries and table cells as items, headings and captions as such', () => {
    const page = extractHtml(
      `<html><body><div>${storyHtml}<h2>What to bring</h2><ul><li>Warm clothes and boots</li></ul>
      <table><tr><td>Gate 1</td><td>open</td></tr></table>` +
        `<figure><figcaption>The dam at dawn.</figcaption></figure></div></body></html>`,
    );
    const hints = Object.fromEntries(page!.paragraphs.map((p) => [p.text, p.hint]));
    expect(hints).toMatchObject({
      'What to bring': 'heading',
      'Warm clothes and boots': 'item',
      'Gate 1': 'item',
      'The dam at dawn.': 'caption',
    });
  });

  it.each([
    [
      'Chinese',
      [
        '北方水库的四个闸门周四全部打开，上游连续一周降雨。',
        '工程师说，自周日以来水位上涨了两米，下游农田可能在周末被淹。',
        '三个村庄的居民被要求把牲畜转移到高处，山谷里的学校继续停课。',
      ],
    ],
    [
      'Japanese',
      [
        '北部のダムの四つの水門が木曜日にすべて開かれた。上流では一週間雨が続いていた。',
        '技術者によると、日曜日から水位が二メートル上がり、週末には下流の農地が浸水するおそれがある。',
        '三つの村の住民は家畜を高台に移すよう求められ、谷の学校は休校が続いている。',
      ],
    ],
  ])('finds the article body of a page in %s (written without spaces)', (_language, lines) => {
    const got = texts(`<html lang="zh"><body><div>${lines.map((l) => `<p>${l}</p>`).join('')}</div></body></html>`);
    expect(got).toEqual(lines);
  });

  it('still finds no article on a page of menu links only', () => {
    expect(
      extractHtml(
        '<html><body><nav><a href="/">Home</a></nav><div><a href="/a">World</a> ' +
          '<a href="/b">Sport</a></div></body></html>',
      ),
    ).toBeNull();
  });
});

describe('extract: furniture inside the article body', () => {
  it.each([
    [
      'a share bar',
      '<ul class="share-buttons"><li>Share this story on the networks</li><li>Send it to a friend by e-mail</li></ul>',
    ],
    ['an author box', '<div id="author-box"><p>Ana Ruiz writes about rivers and water policy for the desk.</p></div>'],
    [
      'a comment thread',
      '<ol class="commentlist"><li><p>Great piece, thank you for writing about our valley!</p></li></ol>',
    ],
    [
      'a tag list',
      '<ul class="post-tags"><li>rivers</li><li>floods</li><li>dams and reservoirs of the north</li></ul>',
    ],
    [
      'a paragraph that is only a link',
      '<p><a href="/other">Bridge reopens after two years of repairs in the old town</a></p>',
    ],
  ])('takes out %s', (_kind, furniture) => {
    const got = texts(`<html><body><div class="entry">${storyHtml}${furniture}</div></body></html>`);
    expect(got).toEqual(story);
  });

  it.each([
    [
      'a story whose own classes name its tags',
      `<article class="post tag-rivers category-social-news">${storyHtml}</article>`,
    ],
    ['a section that carries ads in it', `<section class="report__section--ads">${storyHtml}</section>`],
    [
      'a written-out address',
      `<div>${storyHtml}<p><a href="https://example.org/dam">https://example.org/dam</a></p></div>`,
    ],
  ])('keeps %s', (_kind, body) => {
    expect(texts(`<html><body>${body}</body></html>`)).toEqual(expect.arrayContaining(story));
  });

  it('keeps a forum thread whose posts are all named comments', () => {
    const posts = story.map((s) => `<div class="comment"><p>${s}</p></div>`).join('');
    expect(texts(`<html><body><div class="thread">${posts}</div></body></html>`)).toEqual(story);
  });
});
