import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { PLACEHOLDER_LABEL } from '../lib/carbon/placeholder';
import { db } from '../lib/db/schema';
import { dailySummaries, startOfLocalDay, type DaySummary } from '../lib/stats';
import { UsageChart } from './UsageChart';

const fmt = (n: number) => n.toLocaleString(undefined, { maximumSignificantDigits: 2 });

export function Popup() {
  const [days, setDays] = useState<DaySummary[] | null>(null);
  useEffect(() => {
    const sub = liveQuery(() => db().interactions.toArray()).subscribe({
      next: (rows) => setDays(dailySummaries(rows)),
      error: () => setDays([]),
    });
    return () => sub.unsubscribe();
  }, []);

  const today = days?.find((d) => d.day === startOfLocalDay(Date.now()));
  return (
    <main class="popup">
      <h1>Tokenprint</h1>
      <section aria-label="Today">
        <p class="big">
          <span data-testid="today-grams">
            {today ? `${fmt(today.gco2e.min)}–${fmt(today.gco2e.max)}` : '0'}
          </span>{' '}
          g CO₂e today
        </p>
        <p>
          <span data-testid="today-count">{today?.interactions ?? 0}</span> interactions today
        </p>
      </section>
      {days && days.length > 0 ? <UsageChart days={days} /> : <p>No chats recorded yet.</p>}
      <p class="note">{PLACEHOLDER_LABEL}</p>
    </main>
  );
}
