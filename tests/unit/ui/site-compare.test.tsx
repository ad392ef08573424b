// @vitest-environment happy-dom
/**
 * The UI does not rank sites on a difference the method cannot back (issue #15): sites are
 * compared per reply only where their bands do not overlap; otherwise the popup and the
 * report say the difference is within the estimate's uncertainty.
 */
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { mountHost, useLocale } from './page';
import { DEFAULT_ASSUMPTIONS, estimate } from '../../../lib/model/carbon';
import type { Band, UsageAggregate } from '../../../lib/model/carbon/types';
import {
  bandsOverlap,
  compareSitesPerReply,
  perReplyBySite,
} from '../../../lib/model/site-compare';
import type { GroupTotals, Stats } from '../../../lib/model/stats';
import type { SiteId } from '../../../lib/shared/types';

const replies = (n: number, input: number, output: number): UsageAggregate => ({
  count: n,
  inputTokens: n * input,
  inputTokensSq: n * input * input,
  outputTokens: n * output,
});

/** A site's totals as computeStats gives them: the estimate of its replies on one model. */
function group(site: SiteId, model: string, n: number, a = DEFAULT_ASSUMPTIONS): GroupTotals {
  const u = replies(n, 100, 400);
  return {
    site,
    estimate: estimate(u, model, site, a),
    prompts: n,
    responses: n,
    inputTokens: u.inputTokens,
    outputTokens: u.outputTokens,
    contextRows: 0,
    thinkRows: 0,
  };
}

const band = (min: number, central: number, max: number): Band => ({ min, central, max });
const fake = (site: SiteId, n: number, b: Band): GroupTotals => ({
  site,
  estimate: {
    energyWh: b,
    gco2e: b,
    usageGco2e: b,
    embodiedGco2e: band(0, 0, 0),
    waterMl: b,
  },
  prompts: n,
  responses: n,
  inputTokens: 0,
  outputTokens: 0,
  contextRows: 0,
  thinkRows: 0,
});

describe('sites per reply: a ranking only when the bands do not overlap', () => {
  it('divides each site’s band by its replies and skips sites without replies', () => {
    const rows = perReplyBySite([
      fake('chatgpt', 4, band(4, 8, 12)),
      fake('claude', 0, band(0, 0, 0)),
    ]);
    expect(rows).toEqual([{ site: 'chatgpt', perReply: band(1, 2, 3) }]);
  });

  it('overlapping bands (touching ends included) are within the uncertainty; apart ones are ranked', () => {
    expect(bandsOverlap(band(1, 2, 3), band(3, 4, 5))).toBe(true);
    expect(bandsOverlap(band(1, 2, 3), band(3.01, 4, 5))).toBe(false);
    const v = compareSitesPerReply([
      fake('chatgpt', 1, band(2, 3, 4)),
      fake('claude', 1, band(1, 2, 3.5)),
      fake('lechat', 1, band(0.1, 0.2, 0.3)),
    ]);
    expect(v.map((p) => p.kind)).toEqual(['apart', 'apart', 'within']);
    expect(v[0]).toMatchObject({ lower: { site: 'lechat' }, higher: { site: 'claude' } });
    expect(v[2]).toMatchObject({ a: { site: 'claude' }, b: { site: 'chatgpt' } });
  });

  it('siblings of one maker and tier on two sites are never ranked (the bands overlap by the siblings test)', () => {
    // The same large-tier reply on ChatGPT and on Claude (both USA): within the uncertainty.
    const v = compareSitesPerReply([
      group('chatgpt', 'gpt-5-5', 30),
      group('claude', 'claude-sonnet-4-6', 12),
    ]);
    expect(v).toHaveLength(1);
    expect(v[0]!.kind).toBe('within');
  });

  it('one site: nothing to compare', () => {
    expect(compareSitesPerReply([group('chatgpt', 'gpt-4o', 3)])).toEqual([]);
  });
});

describe('the breakdown says it (popup and report)', () => {
  const host = mountHost();

  const stats = (bySite: GroupTotals[]) => ({ bySite }) as unknown as Stats;

  it('overlapping sites: "within the estimate’s uncertainty", no ranking word', async () => {
    useLocale('en');
    const { SitePerReply } = await import('../../../components/shared/Breakdown');
    render(
      <SitePerReply
        stats={stats([group('chatgpt', 'gpt-5-5', 30), group('claude', 'claude-sonnet-4-6', 12)])}
      />,
      host(),
    );
    const li = host().querySelectorAll('[data-testid="site-per-reply"] li');
    expect(li).toHaveLength(1);
    expect(li[0]!.getAttribute('data-kind')).toBe('within');
    expect(li[0]!.textContent).toContain('less than the estimate’s uncertainty');
    expect(li[0]!.textContent).not.toContain('below');
  });

  it('bands apart: the ranking, with both bands and the carbon boundary it holds on', async () => {
    useLocale('en');
    const { SitePerReply } = await import('../../../components/shared/Breakdown');
    render(
      <SitePerReply
        stats={stats([group('chatgpt', 'gpt-5-5', 30), group('lechat', 'mistral-medium', 5)])}
        carbon="location"
      />,
      host(),
    );
    const li = host().querySelector('[data-testid="site-per-reply"] li')!;
    expect(li.getAttribute('data-kind')).toBe('apart');
    expect(li.textContent).toMatch(/^Per reply, Le Chat is below ChatGPT beyond/);
    expect(li.textContent).toContain('location-based');
  });

  it('one site: no line at all', async () => {
    useLocale('fr');
    const { SitePerReply } = await import('../../../components/shared/Breakdown');
    render(<SitePerReply stats={stats([group('chatgpt', 'gpt-4o', 3)])} />, host());
    expect(host().querySelector('[data-testid="site-per-reply"]')).toBeNull();
  });
});
