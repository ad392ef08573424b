/**
 * The exactness corpus: ~1,500 strings, hand-picked edge cases plus strings generated
 * from a seeded PRNG (same strings on every run), covering prose in many scripts, code,
 * emoji, CJK, whitespace runs, numbers, URLs, base64, repeated characters, unpaired
 * surrogates, NUL and every character class the pre-tokenization patterns distinguish.
 */

import { prng } from '../../bench/prng.mjs';

export { prng };

export const PROSE: Record<string, string> = {
  en: "The quick brown fox jumps over the lazy dog. It's 3:45 p.m. and we've sold 1,234,567 units (≈12%)—isn't that great? I'd say THEY'RE wrong; you'll see.",
  fr: "L'été dernier, nous sommes allés à Besançon : « C'était magnifique ! » dit-elle, en goûtant la crème brûlée à 4,50 €.",
  de: 'Größenordnung: Die Straße führt über die Brücke; Äpfel, Öl und Übermut kosten 3,99 € — naïve Fußgänger schließen daraus nichts.',
  es: '¿Dónde está el niño? ¡Mañana llegará con el señor Muñoz a las 10:30! Añadió: «pingüino».',
  ru: 'Съешь же ещё этих мягких французских булок, да выпей чаю. В 2024 году — 15% роста!',
  el: 'Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.',
  ar: 'نص حكيم له سر قاطع وذو شأن عظيم مكتوب على ثوب أخضر ومغلف بجلد أزرق. ١٢٣ ٤٥٦',
  he: 'דג סקרן שט בים מאוכזב ולפתע מצא חברה. שלום עולם!',
  hi: 'ऋषियों को सताने वाले दुष्ट राक्षसों के राजा रावण का सर्वनाश करने वाले विष्णुवतार भगवान श्रीराम।',
  th: 'เป็นมนุษย์สุดประเสริฐเลิศคุณค่า กว่าบรรดาฝูงสัตว์เดรัจฉาน',
  vi: 'Tiếng Việt có dấu: Chúng tôi đã đến Hà Nội vào năm 2023, thời tiết rất đẹp.',
  tr: 'Pijamalı hasta yağız şoföre çabucak güvendi. İstanbul’da ılık bir gün.',
  ko: '키스의 고유조건은 입술끼리 만나야 하고 특별한 기술은 필요치 않다. 2024년 12월!',
  ja: 'いろはにほへと ちりぬるを。カタカナとひらがな、漢字を混ぜた文章です。東京都は晴れ。',
  zh: '我能吞下玻璃而不伤身体。机器学习（ML）是人工智能的一个分支，2025年发展迅速！',
  pl: 'Zażółć gęślą jaźń. Pchnąć w tę łódź jeża lub ośm skrzyń fig.',
  am: 'ሰማይ አይታረስ ንጉሥ አይከሰስ።',
  ka: 'ქართული ენა ერთ-ერთი უძველესი ენაა.',
};

export const CODE: string[] = [
  'function add(a, b) {\n  return a + b; // sum\n}\n\nconsole.log(add(2, 40));\n',
  'def fib(n: int) -> int:\n    """Return the n-th Fibonacci number."""\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n',
  'fn main() {\n    let v: Vec<u32> = (0..10).map(|x| x * x).collect();\n    println!("{:?}", v);\n}\n',
  '{"id": 42, "name": "Ada", "tags": ["x", "y"], "nested": {"ok": true, "n": null, "f": -1.5e-10}}',
  '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>T</title></head>\n<body><div class="a b" data-x=\'1\'>Hi &amp; bye</div></body></html>',
  '#!/usr/bin/env bash\nset -euo pipefail\nfor f in *.txt; do\n\techo "$f" | sed -e \'s/foo/bar/g\' >> out.log\ndone\n',
  'SELECT u.id, COUNT(*) AS n FROM users u JOIN orders o ON o.user_id = u.id WHERE o.total >= 100.00 GROUP BY u.id HAVING n > 3;',
  '#include <stdio.h>\nint main(void) {\n\tprintf("%d\\n", 1 << 10);\r\n\treturn 0;\r\n}\r\n',
  "const re = /^(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]+)@example\\.com$/iu;\nif (x !== y && a?.b ?? c) { y ||= 3; }",
  'import numpy as np\narr = np.zeros((3, 4), dtype=np.float32)\narr[1:, ::2] += 0.5\nprint(f"{arr.sum():.3f}")\n',
  '    \n\n\t\t// indented comment\n        return;\n    }\n}\n\n\n',
  'a//b///c\n/* c */ x /= 2; y = "//" + \'\\n\'; url = "http://x.y/z/"\n',
];

export const HAND_PICKED: string[] = [
  '',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '\n\n\n',
  ' \n ',
  'a',
  'hello',
  ' hello',
  '  hello',
  'hello ',
  'hello  ',
  'Hello World',
  'HELLO WORLD',
  'HeLLo wORLD',
  "I'm I'M i'M it's IT'S we're WE'RE we'Re they'VE you'll YOU'LL he'd HE'D 'tis",
  "don't won't can't shouldn't 're 've 'll 'd 's 't 'm 'x ''s",
  "'S's'T't'RE're'rE'Re'VE've'Ll'lL'LL'll'D'd'M'm",
  "O'Neil's McDonald's rock'n'roll l'été d'accord",
  '\u0000',
  'a\u0000b',
  '\u0000\u0000\u0000 NUL',
  '\uD800',
  '\uDC00',
  'a\uD800b',
  'a\uDC00b',
  '\uDC00\uD800',
  '\uD83D\uDE00\uD800',
  ' \uD800 x',
  'abc\uDBFF',
  '😀',
  '😀😀😀',
  ' 😀 ',
  '👩‍👩‍👧‍👦 family',
  '🏳️‍🌈 🇫🇷🇯🇵 👍🏽 ✌️ ❤️‍🔥',
  'e\u0301 E\u0301 \u0301e \u0301 \u0301\u0301 a\u0300\u0301\u0302',
  'A\u0301B \u0301A x\u0301Y ǅungla ǈ ǋa',
  'ꜰᴀʟʟʙᴀᴄᴋ ʰⁱ ˢᵘᵖ ᵃᵇᶜ ー々〆 ABCーdef',
  'Ⅻ ⅻ ½ ¾ ² ³ ①②③ ٣ ۴ ߅ 𝟘𝟙',
  '123',
  '1234',
  '12345678901234567890',
  '3.14159 2,718 -42 +7 1e10 0x1F 0b1010',
  ' 123 456',
  'abc123def456',
  '   leading',
  'trailing   ',
  '\t\ttabs\t\t',
  '\u00a0nbsp\u00a0\u00a0x',
  '\u3000ideographic\u3000space',
  '\u2028line\u2029para',
  '\u000b\u000c vt ff',
  '\ufeffBOM',
  'a \n b \r\n c \r d',
  'x  \n  \n\n   y',
  '!!!',
  ' !!!',
  '!!!\n\n',
  '!!!\r\n/',
  '...///\n//',
  ' /path/to/file.txt',
  '<|endoftext|>',
  'hello <|endoftext|> world <|fim_prefix|><|endofprompt|>',
  'https://example.com/path?query=1&b=two#frag',
  'mailto:someone@example.org',
  'C:\\Users\\Ada\\Documents\\file (1).txt',
  '日本語',
  '中文字符测试',
  '한국어 텍스트',
  'ภาษาไทย',
  'mixed日本English中文123',
  '𠀀𠀁𠀂 𪚥 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝐁𝐨𝐥𝐝',
  'aGVsbG8gd29ybGQ=',
  'SGVsbG8sIFdvcmxkIQ==',
  '\u200b\u200c\u200d zero width',
  '\u00ad soft\u00adhyphen',
  '\u0085 NEL \u180e',
  '\u{E0041}\u{E0042} tags',
  '\u{10FFFF}\u{FFFF}\u{FFFE}',
  // Boundaries of the ASCII fast path: a word or number whose end is decided by the
  // non-ASCII character or apostrophe after it.
  'abc\u0301 ABC\u0301def Ab\u0301 a\u02b0b ABCʰ ABCé ABCÉ abcé',
  '12٣4 123٣ 1٣ ١٢٣4 7½ 99²',
  'Word日本 WORD日本 word😀 x\uD800 X\uDC00y',
  "HTMLParser getHTTPResponse x'S ABC'll abc'RE Abc'd' ''",
  ' a\u00a0b\u3000c \u00a0Word \tWord \u000bword \u000cWORD \u0000word \u007fword',
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** Characters from every class the patterns tell apart, with extra weight on ASCII. */
const SOUP = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'abcdeABCDE     ',
  ...` !"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~`,
  "'s",
  "'T",
  "'re",
  "'LL",
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\u000b',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\u2028',
  ...'éÉñÑüÜßøÆœ',
  ...'ǅǈǋ', // Lt
  ...'ʰˢᵃー々', // Lm
  ...'日本語中文字あいうアイウ한국ก', // Lo
  '\u0301',
  '\u0308',
  '\u093f',
  '\u0903',
  '\u20dd', // Mn, Mc, Me
  ...'½²①Ⅻ٣', // No, Nl, Nd
  '😀',
  '👍🏽',
  '🇫🇷',
  '𝔘',
  '𠀀',
  '\uD800',
  '\uDC00',
  '\u0000',
  '\u200d',
  '€',
  '—',
  '…',
  '«',
  '»',
  '“',
  '”',
];

const WORDS = Object.values(PROSE).flatMap((p) => p.split(/\s+/u));

function base64(r: () => number, n: number): string {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  for (let i = 0; i < n; i++) s += a[Math.floor(r() * 64)];
  return s + '='.repeat(Math.floor(r() * 3));
}

/** The whole corpus (≥ 1,000 strings). */
export function corpus(): string[] {
  const r = prng(0x70c3e9);
  const out = [...HAND_PICKED, ...Object.values(PROSE), ...CODE];
  // Character soup: every class next to every other, in every order.
  for (let k = 0; k < 700; k++) {
    const len = 1 + Math.floor(r() * (k < 300 ? 12 : 120));
    let s = '';
    for (let i = 0; i < len; i++) s += pick(r, SOUP);
    out.push(s);
  }
  // Prose: shuffled words of all languages, with random case, digits and punctuation.
  for (let k = 0; k < 200; k++) {
    const words: string[] = [];
    const n = 1 + Math.floor(r() * 40);
    for (let i = 0; i < n; i++) {
      let w = pick(r, WORDS);
      const roll = r();
      if (roll < 0.1) w = w.toUpperCase();
      else if (roll < 0.15) w = String(Math.floor(r() * 1e7));
      else if (roll < 0.2) w += pick(r, ["'s", "'LL", '.', ',', '!?', '...', ':', '\n']);
      words.push(w);
    }
    out.push(words.join(pick(r, [' ', ' ', ' ', '  ', '\n', '\t', ''])));
  }
  // Code: lines of the samples, reshuffled and reindented.
  const lines = CODE.flatMap((c) => c.split('\n'));
  for (let k = 0; k < 100; k++) {
    const n = 1 + Math.floor(r() * 15);
    const ls: string[] = [];
    for (let i = 0; i < n; i++) ls.push(' '.repeat(Math.floor(r() * 9)) + pick(r, lines));
    out.push(ls.join(pick(r, ['\n', '\r\n', '\n\n'])));
  }
  // Whitespace runs of every kind, alone and between words.
  const ws = [' ', '\t', '\n', '\r', '\r\n', '\u00a0', '\u3000', '\u2009', '\u000b', '\f'];
  for (let k = 0; k < 100; k++) {
    let s = '';
    const n = 1 + Math.floor(r() * 6);
    for (let i = 0; i < n; i++) {
      const m = 1 + Math.floor(r() * 8);
      for (let j = 0; j < m; j++) s += pick(r, ws);
      if (r() < 0.7) s += pick(r, ['x', 'Word', '42', '!', '日本', '😀', '\u0301', "'s"]);
    }
    out.push(s);
  }
  // Numbers, URLs, base64.
  for (let k = 0; k < 60; k++) {
    const digits = String(Math.floor(r() * 1e15)).slice(0, 1 + Math.floor(r() * 15));
    out.push(pick(r, [digits, `${digits}.${digits}`, `-${digits}`, `$${digits},00`, `v${digits}`]));
  }
  for (let k = 0; k < 40; k++) {
    const seg = () =>
      pick(r, WORDS)
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]/gu, '') || 'x';
    out.push(
      `${pick(r, ['https', 'http', 'ftp'])}://${seg()}.${pick(r, ['com', 'org', 'co.uk', 'рф'])}/${seg()}/${seg()}?${seg()}=${Math.floor(r() * 1000)}&q=${seg()}#${seg()}`,
    );
  }
  for (let k = 0; k < 60; k++) out.push(base64(r, 4 + Math.floor(r() * 400)));
  // Repeated characters and short repeated patterns (kept short: the reference is quadratic).
  const reps = [
    'a',
    ' ',
    '\n',
    '.',
    '=',
    '-',
    '0',
    'é',
    '日',
    '😀',
    'ab',
    'Ab',
    ' a',
    '\r\n',
    '\uD800',
  ];
  for (const c of reps) for (const n of [2, 3, 7, 16, 33, 64, 129, 200]) out.push(c.repeat(n));
  return out;
}
