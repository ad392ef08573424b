/**
 * Plain text of a DOM subtree without layout reads (`innerText` forces a layout; this walks
 * the nodes). Block elements and <br> become line breaks so words in adjacent paragraphs do
 * not run together (that would change the token count). Elements matching `skip` (copy
 * buttons, screen-reader headings, code-block labels) are left out.
 */
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TR',
  'UL',
]);

/** The same tags as a selector (lower case: tag selectors match HTML elements case-blind). */
const BLOCK_SELECTOR = [...BLOCK].map((t) => t.toLowerCase()).join(', ');

export function nodeText(root: Element, skip = 'button, .sr-only'): string {
  // Read once per reply, by code that runs cold (interpreted): fewer steps in JS, as each
  // property read on a node crosses into the browser. One query for the skipped elements
  // instead of a selector match per element; and an element with no block or skipped element
  // inside (a paragraph with its links, emphasis and inline code; a code block's spans) is
  // read with one textContent, the same text as walking it (both leave out comments), after one
  // native query: the nodes visited in JS are the blocks.
  const found = skip ? root.querySelectorAll(skip) : [];
  const skipped = found.length > 0 ? new Set<Element>(found) : null;
  const stops = skip ? `${BLOCK_SELECTOR}, ${skip}` : BLOCK_SELECTOR;
  const out: string[] = [];
  const walk = (node: Node): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        out.push((c as Text).data);
      } else if (c.nodeType === 1) {
        const el = c as Element;
        if (skipped?.has(el)) continue;
        const tag = el.tagName;
        const block = BLOCK.has(tag);
        if (block) out.push('\n');
        if (el.firstElementChild && el.querySelector(stops)) walk(el);
        else out.push(el.textContent ?? '');
        if (block && tag !== 'BR') out.push('\n');
      }
    }
  };
  walk(root);
  return tidyText(out.join(''));
}

/** Keeps code indentation; drops blank and whitespace-only lines beyond one paragraph break. */
export function tidyText(raw: string): string {
  return raw
    .split('\n')
    .map((line) => (line.trim() ? line.trimEnd() : ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Texts of several elements, one paragraph apart; ancestors' text includes descendants'. */
export function nodesText(els: readonly Element[], skip?: string): string {
  const top = els.filter((e) => !els.some((o) => o !== e && o.contains(e)));
  return top
    .map((e) => nodeText(e, skip))
    .filter(Boolean)
    .join('\n\n');
}

const utf8 = new TextEncoder();

/**
 * A 53-bit hash of a string (the two-lane multiply-xor of bryc's public-domain cyrb53), used
 * only to tell two message texts apart in keys; not a security boundary. It reads the text's
 * UTF-8 bytes four at a time: it runs once per reply in code that is still cold
 * (interpreted), so a quarter of cyrb53's iterations, after one native encode, matters.
 */
export function hash53(s: string, seed = 0): string {
  const bytes = utf8.encode(s);
  const n = bytes.length;
  // A fresh encode owns its buffer from offset 0, so the 32-bit view is aligned.
  const words = new Int32Array(bytes.buffer, 0, n >>> 2);
  let h1 = 0xdeadbeef ^ seed ^ n;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
  }
  for (let i = n & ~3; i < n; i++) {
    h1 = Math.imul(h1 ^ bytes[i]!, 2654435761);
    h2 = Math.imul(h2 ^ bytes[i]!, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
