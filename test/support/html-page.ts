/** Escapes text for HTML. */
const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface PageParts {
  title: string;
  published: string;
  updated?: string;
  author?: string;
  /** Blocks of the article body: paragraphs, or photos with a caption or credit. */
  blocks: Array<{ paragraph: string } | { photo: string; caption: string }>;
}

/**
 * Wraps an article in a page as news sites serve it: navigation, a cookie banner, ads, a
 * related-links sidebar, share buttons and a footer around the article, and its metadata in
 * meta tags. Used to check that the HTML path yields the same body as the text path.
 */
export function newsPage(parts: PageParts): string {
  const body = parts.blocks
    .map((b) =>
      'paragraph' in b
        ? `      <p>${esc(b.paragraph)}</p>`
        : `      <figure class="wp-caption"><img src="/img/photo.jpg" alt="${esc(b.photo)}">` +
          `<figcaption>${esc(b.caption)}</figcaption></figure>`,
    )
    .join('\n');
  return (
    `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${esc(parts.title)} | World News Daily</title>
  <meta property="og:title" content="${esc(parts.title)}">
  <meta property="og:site_name" content="World News Daily">
  ${parts.author ? `<meta name="author" content="${esc(parts.author)}">` : ''}
  <meta property="article:published_time" content="${parts.published}">
  ${parts.updated ? `<meta property="article:modified_time" content="${parts.updated}">` : ''}
  <link rel="stylesheet" href="/css/site.css">
  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
</head>
<body>
  <div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. ` +
    `By continuing you agree to our <a href="/privacy">privacy policy</a>. ` +
    `<button>Accept all</button> <button>Manage settings</button></div>
  <header class="site-header">
    <a class="logo" href="/">World News Daily</a>
    <nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/us">U.S.</a></li>` +
    `<li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li>` +
    `<li><a href="/opinion">Opinion</a></li><li><a href="/video">Video</a></li></ul></nav>
    <form class="search"><input type="search" placeholder="Search"></form>
  </header>
  <div class="ad ad-leaderboard">Advertisement ` +
    `<a href="https://ads.example/click">Get 50% off your first month of premium news</a></div>
  <main>
    <article class="post">
      <h1 class="entry-title">${esc(parts.title)}</h1>
      <div class="byline"><time datetime="${parts.published}">${parts.published.slice(0, 10)}</time></div>
      <div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
      <div class="entry-content">
${body}
      </div>
    </article>
    <aside class="sidebar">
      <h3>Most Read</h3>
      <ul><li><a href="/a">Markets rally as inflation cools</a></li>` +
    `<li><a href="/b">Ten recipes for the holidays</a></li><li><a href="/c">The best phones of the year</a></li></ul>
      <div class="ad ad-box">Sponsored: <a href="https://ads.example/x">This one trick lowers your bills</a></div>
    </aside>
  </main>
  <footer class="site-footer"><p>© 2018 World News Daily. All rights reserved.</p>` +
    `<ul><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li>` +
    `<li><a href="/terms">Terms</a></li></ul></footer>
</body>
</html>`
  );
}
