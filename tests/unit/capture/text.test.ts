// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { hash53, nodeText, nodesText, tidyText } from '../../../lib/content/capture/text';
import { loadFixture } from '../sites/load';

const html = (s: string) => {
  const d = document.createElement('div');
  d.innerHTML = s;
  return d;
};

describe('nodeText', () => {
  it.each([
    ['<p>a</p><p>b</p>', 'a\n\nb'],
    ['<p>one <b>two</b> three</p>', 'one two three'],
    ['<pre><code>if x:\n    y()</code></pre>', 'if x:\n    y()'],
    ['a<br>b', 'a\nb'],
    ['<p>keep</p><button>Copy code</button><h4 class="sr-only">You said:</h4>', 'keep'],
    ['<div>\n      \n   <p>x</p>\n   </div>', 'x'],
    ['', ''],
  ])('%j → %j', (input, out) => {
    expect(nodeText(html(input))).toBe(out);
  });

  // The node-by-node walk nodeText replaced, kept here as the reference: reading an element
  // without block or skipped elements inside by its textContent must give the same text.
  const reference = (root: Element, skip = 'button, .sr-only'): string => {
    const blocks = new Set(
      'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DIV DL DT FIGCAPTION FIGURE FOOTER H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN OL P PRE SECTION TABLE TR UL'.split(
        ' ',
      ),
    );
    const out: string[] = [];
    const walk = (node: Node): void => {
      for (let c = node.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) out.push((c as Text).data);
        else if (c.nodeType === 1) {
          const el = c as Element;
          if (el.matches(skip)) continue;
          const block = blocks.has(el.tagName);
          if (block) out.push('\n');
          walk(el);
          if (block && el.tagName !== 'BR') out.push('\n');
        }
      }
    };
    walk(root);
    return tidyText(out.join(''));
  };

  it.each([
    '<p>a <b>b <i>c</i></b> <code>d</code></p><ul><li>e <b>f</b><ul><li><p>g</p></li></ul></li></ul>',
    '<div>lead <span>in</span><p>para</p>tail <a href="#">link</a><br>after</div>',
    '<p>x<button>Copy</button>y <span class="sr-only">hidden</span>z</p><pre><code><span>a</span>\n<span>b</span></code></pre>',
    '<table><tr><td>1 <b>2</b></td><td>3</td></tr></table><blockquote><p>q</p> r</blockquote>',
    '<span>inline <em>only</em><!-- a comment --></span>',
  ])('reads an element whole when nothing inside needs the walk: %j', (input) => {
    expect(nodeText(html(input))).toBe(reference(html(input)));
  });

  it.each(['chatgpt.html', 'claude.html', 'lechat.html'])(
    "gives the walk's text for every message of the saved page %s",
    (file) => {
      const doc = loadFixture(file);
      const messages = doc.querySelectorAll(
        '[data-message-author-role], [data-testid="user-message"], .font-claude-response, .prose, [class*="message"]',
      );
      expect(messages.length).toBeGreaterThan(3);
      for (const m of messages) expect(nodeText(m)).toBe(reference(m));
    },
  );

  it('joins several nodes once, even when one contains another', () => {
    const root = html('<div class="m"><p>a</p><div class="m"><p>b</p></div></div>');
    expect(nodesText(Array.from(root.querySelectorAll('.m')))).toBe('a\n\nb');
  });
});

describe('hash53', () => {
  it('is stable and tells texts apart', () => {
    expect(hash53('hello')).toBe(hash53('hello'));
    expect(hash53('hello')).not.toBe(hash53('hellp'));
    expect(hash53('')).toMatch(/^[0-9a-z]+$/);
  });

  it('reads every byte: the four-byte words, the tail after them, non-ASCII text and the length', () => {
    const base = 'The quick brown fox jumps over the lazy dog. '.repeat(40); // 1,800 bytes
    const hashes = new Set([
      hash53(base),
      hash53(base.slice(0, 7) + 'Q' + base.slice(8)), // inside the first word run
      hash53(base + 'a'), // tail of one byte
      hash53(base + 'b'),
      hash53(base + 'abc'), // tail of three bytes
      hash53(base + 'abd'),
      hash53(base + 'é'), // two UTF-8 bytes
      hash53(base + 'è'),
      hash53(base + '\u0000'), // a zero byte still lengthens the text
      hash53(base.slice(0, -1)),
    ]);
    expect(hashes.size).toBe(10);
    // Seeds give independent hashes; a string's hash does not depend on what came before.
    expect(hash53(base, 1)).not.toBe(hash53(base));
    expect(hash53(base.slice(3))).toBe(hash53(base.slice(3)));
  });

  it('spreads near-identical texts (10,000 numbered lines: no collision)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(hash53(`line ${i} of the reply`));
    expect(seen.size).toBe(10_000);
  });
});
