// Gemini's response framing (gemini-2026.md §5, HanaokaYuzu's parser): `)]}'`, then each
// frame as `<UTF-16 length>\n<JSON line>\n`. Built here for the unit tests of the parser.

export const CID = 'a90a6a0004767ad3';
export const RID = 'r_5e1f2a3b4c5d6e7f';

/** One length-prefixed frame holding `rows`. */
export function frame(rows: unknown[]): string {
  const line = `${JSON.stringify(rows)}\n`;
  return `${line.length}\n${line}`;
}

/** A StreamGenerate payload row: cumulative `text`, thoughts, done flag. */
export function genRow(
  text: string,
  o: { cid?: string; rid?: string; thoughts?: string; done?: boolean } = {},
): unknown[] {
  const cand: unknown[] = [`rc_${'1'.repeat(16)}`, [text]];
  cand[8] = [o.done ? 2 : 1];
  if (o.thoughts !== undefined) cand[37] = [[o.thoughts]];
  const part: unknown[] = [null, [`c_${o.cid ?? CID}`, o.rid ?? RID]];
  part[4] = [cand];
  if (o.done) part[25] = 'context-string';
  return ['wrb.fr', null, JSON.stringify(part)];
}

/** A whole StreamGenerate body: the reply growing over `steps` frames, the last one done. */
export function streamBody(
  reply: string,
  o: { steps?: number; thoughts?: string; cid?: string; rid?: string; done?: boolean } = {},
): string {
  const steps = o.steps ?? 4;
  let body = ")]}'\n\n";
  for (let i = 1; i <= steps; i++) {
    const cut = Math.ceil((reply.length * i) / steps);
    body += frame([
      genRow(reply.slice(0, cut), {
        ...o,
        thoughts: o.thoughts?.slice(0, Math.ceil((o.thoughts.length * i) / steps)),
        done: i === steps && o.done !== false,
      }),
    ]);
  }
  return (
    body +
    frame([
      ['di', 123],
      ['af.httprm', 122, '-4242', 7],
    ])
  );
}

/** The form body the page posts to StreamGenerate. */
export function sendBody(
  prompt: string,
  o: { temporary?: boolean; files?: number; newChat?: boolean } = {},
): string {
  const inner: unknown[] = [
    [prompt, 0, null, o.files ? Array.from({ length: o.files }, (_, i) => [[`f${i}`], 1]) : null],
    ['en'],
    o.newChat ? ['', '', ''] : [`c_${CID}`, 'r_0000000000000001', 'rc_0000000000000001'],
  ];
  if (o.temporary) inner[45] = 1;
  return `f.req=${encodeURIComponent(JSON.stringify([null, JSON.stringify(inner)]))}&at=tok&`;
}

/** A batchexecute hNvQHb body: `turns` oldest first, sent newest first as Gemini does. */
export function readChatBody(
  turns: { rid: string; user: string; reply: string; sec?: number }[],
  cid = CID,
): string {
  const list = [...turns].reverse().map((t) => {
    const turn: unknown[] = [
      [`c_${cid}`, `r_${t.rid}`],
      [`c_${cid}`, `r_${t.rid}`, `rc_${t.rid}`],
      [[t.user], 1, null, 0],
      [[[`rc_${t.rid}`, [t.reply], null, null, null, null, null, null, [2]]]],
    ];
    if (t.sec !== undefined) turn.push([t.sec, 500]);
    return turn;
  });
  return (
    ")]}'\n\n" +
    frame([
      ['wrb.fr', 'hNvQHb', JSON.stringify([list, null, null, []]), null, null, null, 'generic'],
    ])
  );
}
