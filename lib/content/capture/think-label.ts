/**
 * The reasoning duration a page shows as a label ("Thought for 32s", "Réflexion pendant
 * 1 min 5 s", "8s 동안 생각함", "思考了 5s"; evidence: chat-sites-2026.md §1.3, §3.3 and
 * tests/fixtures/NOTES.md §4.2). Pure: the engine reads the label's text, this reads the time.
 */

// Words that say "this is a thinking duration", in the sites' UI languages (2026).
const LABEL =
  /thought for|thinking time|worked for|reasoned for|thinking for|réfléchi|réflexion|pensé|nachgedacht|denkzeit|pensó|pensado|razonado|razonó|ragionato|pensato|pensou|생각함|思考|考え/i;

// Unit words, longest first inside each group; CJK units have no word boundary.
const UNITS: [RegExp, number][] = [
  [/^(?:h|hr|hrs|hours?|heures?|std|stunden?|horas?|ore|ora|時間|小时|小時|시간)$/i, 3_600_000],
  [/^(?:m|min|mins|minutes?|minuten?|minutos?|minuti|分|分钟|分鐘|분)$/i, 60_000],
  [/^(?:s|sec|secs|seconds?|secondes?|sekunden?|segundos?|secondi|秒|秒钟|초)$/i, 1000],
];
const PART = /(\d+(?:[.,]\d+)?)\s*([a-zà-ÿ]+|時間|小时|小時|시간|分钟|分鐘|分|분|秒钟|秒|초)/gi;

/** A label's reading: its duration, or why there is none. */
export type ThinkLabel = { how: 'label'; ms: number } | { how: 'unparsed' };

/**
 * The duration in a thinking label, `{how: 'unparsed'}` when the text is a thinking label
 * whose duration this does not understand ("Thought for a few seconds"), null when the text
 * is not a thinking label at all. Bounds are the caller's (exchange.ts judgeThinkMs).
 */
export function parseThinkLabel(text: string): ThinkLabel | null {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length === 0 || t.length > 120 || !LABEL.test(t)) return null;
  let ms = 0;
  let parts = 0;
  for (const m of t.matchAll(PART)) {
    const unit = UNITS.find(([re]) => re.test(m[2]!));
    if (!unit) continue;
    ms += Number(m[1]!.replace(',', '.')) * unit[1];
    parts++;
  }
  return parts > 0 && Number.isFinite(ms)
    ? { how: 'label', ms: Math.round(ms) }
    : { how: 'unparsed' };
}
