// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { hash53, nodeText, nodesText } from '../../../lib/capture/text';

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
});
