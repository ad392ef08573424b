import type { CaptureAck, CaptureMessage } from './messaging';
import type { TokenprintDB, InteractionRow } from './db/schema';
import { countTokens } from './tokenize';

/**
 * Records one captured turn. Idempotent on (site, key): a re-delivered message is
 * acknowledged as a duplicate and changes nothing. The text is tokenized here and
 * then goes out of scope; only counts reach the database.
 */
export async function recordCapture(
  database: TokenprintDB,
  msg: CaptureMessage,
): Promise<CaptureAck> {
  const id = `${msg.site}:${msg.key}`;
  const tokens = await countTokens(msg.text, 'o200k_base');

  if (msg.kind === 'prompt') {
    return database.transaction('rw', database.prompts, async () => {
      if (await database.prompts.get(id)) return { ok: true, duplicate: true };
      await database.prompts.add({
        id,
        at: msg.at,
        site: msg.site,
        conversationId: msg.conversationId ?? '',
        tokens,
      });
      return { ok: true };
    });
  }

  return database.transaction('rw', database.interactions, database.prompts, async () => {
    if (await database.interactions.get(id)) return { ok: true, duplicate: true };
    // Pair with the latest prompt of the same conversation that no response has claimed yet.
    const pending = await database.prompts
      .where('[site+conversationId]')
      .equals([msg.site, msg.conversationId ?? ''])
      .filter((p) => p.at <= msg.at)
      .sortBy('at');
    const prompt = pending.at(-1);
    if (prompt) await database.prompts.delete(prompt.id);
    const row: InteractionRow = {
      id,
      at: msg.at,
      site: msg.site,
      conversationId: msg.conversationId,
      model: msg.modelLabel ?? 'unknown',
      inputTokens: prompt?.tokens ?? 0,
      outputTokens: tokens,
    };
    await database.interactions.add(row);
    return { ok: true };
  });
}
