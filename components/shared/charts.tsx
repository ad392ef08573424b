import { useLayoutEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Band, TierId } from '../../lib/model/carbon/types';
import type { DayTotals } from '../../lib/model/stats';
import { fmt, fmtDate, t, type MessageKey } from './i18n';

/** Theme colours from the page's CSS variables (light or dark, per the system setting). */
function theme() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, dflt: string) => css.getPropertyValue(name).trim() || dflt;
  return {
    fg: v('--fg', '#1b1f1c'),
    bg: v('--bg', '#ffffff'),
    muted: v('--muted', '#5b645e'),
    grid: v('--grid', 'rgba(0,0,0,0.08)'),
    accent: v('--accent', '#2f7d4f'),
    tiers: [
      v('--tier1', '#4c9f70'),
      v('--tier2', '#3b7dd8'),
      v('--tier3', '#c77c1e'),
      v('--tier4', '#b0413e'),
    ],
  };
}

function axis(c: ReturnType<typeof theme>, extra: uPlot.Axis = {}): uPlot.Axis {
  return {
    stroke: c.muted,
    grid: { stroke: c.grid, width: 1 },
    ticks: { stroke: c.grid, width: 1 },
    font: '11px system-ui, sans-serif',
    labelFont: '11px system-ui, sans-serif',
    ...extra,
  };
}

/**
 * Mounts a uPlot chart and rebuilds it when its inputs change. A layout effect: the chart
 * is drawn before the browser paints the render that placed its box, not a frame later.
 */
function usePlot(build: (el: HTMLElement) => uPlot | null, deps: unknown[]) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (!host.current) return;
    const plot = build(host.current);
    return () => plot?.destroy();
  }, deps);
  return host;
}

/** Daily gCO2e (central) over the last `span` days, with the min–max as a lighter band. */
export function UsageChart({
  days,
  width = 348,
  height = 130,
  span = 30,
  now = Date.now(),
}: {
  days: DayTotals[];
  width?: number;
  height?: number;
  span?: number;
  now?: number;
}) {
  const host = usePlot(
    (el) => {
      const c = theme();
      const start = new Date(now);
      start.setHours(0, 0, 0, 0);
      const byStart = new Map(days.map((d) => [d.start, d]));
      const xs: number[] = [];
      const mid: number[] = [];
      const hi: number[] = [];
      for (let i = span - 1; i >= 0; i--) {
        const d = new Date(start);
        d.setDate(d.getDate() - i);
        const row = byStart.get(d.getTime());
        xs.push(d.getTime() / 1000);
        mid.push(row?.estimate.gco2e.central ?? 0);
        hi.push(row?.estimate.gco2e.max ?? 0);
      }
      return new uPlot(
        {
          width,
          height,
          legend: { show: false },
          cursor: { show: false },
          scales: {
            x: { time: true },
            y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
          },
          axes: [
            axis(c, {
              space: 60,
              values: (_u, v) =>
                v.map((x) => fmtDate(x * 1000, { month: 'short', day: 'numeric' })),
            }),
            axis(c, { size: 42, values: (_u, v) => v.map((x) => fmt(x)) }),
          ],
          series: [
            {},
            {
              label: 'max',
              stroke: 'transparent',
              points: { show: false },
              fill: c.accent + '33',
              paths: uPlot.paths.bars?.({ size: [0.7, 14] }),
            },
            {
              label: 'g CO₂e',
              stroke: c.accent,
              points: { show: false },
              fill: c.accent,
              paths: uPlot.paths.bars?.({ size: [0.7, 14] }),
            },
          ],
        },
        [xs, hi, mid],
        el,
      );
    },
    [days, width, height, span, now],
  );
  const total = days.reduce(
    (s, d) => s + (d.start >= now - span * 86_400_000 ? d.estimate.gco2e.central : 0),
    0,
  );
  return (
    <div
      ref={host}
      class="chart"
      style={{ height: `${height}px` }}
      role="img"
      aria-label={t('chartDailyAlt', String(span), fmt(total))}
    />
  );
}

export interface SlopeLine {
  tier: TierId;
  label: string;
  gPer1k: Band;
}

/**
 * Cumulative gCO2e against tokens: one straight line per model tier (its slope in the user's
 * region), and the user's own position (all-time tokens and grams) as a dot.
 */
export function SlopesChart({
  lines,
  user,
  width = 348,
  height = 170,
  draw = true,
}: {
  lines: SlopeLine[];
  user: { tokens: number; grams: number } | null;
  width?: number;
  height?: number;
  /** False: the box and the legend only, the plot later (the popup draws it after its first paint). */
  draw?: boolean;
}) {
  const host = usePlot(
    (el) => {
      if (!draw || lines.length === 0) return null;
      const c = theme();
      const xMax = Math.max(10_000, (user?.tokens ?? 0) * 1.25);
      const xs = [0, ...(user ? [user.tokens] : []), xMax].sort((a, b) => a - b);
      const data: (number | null)[][] = [xs];
      for (const l of lines) data.push(xs.map((x) => (l.gPer1k.central * x) / 1000));
      data.push(xs.map((x) => (user && x === user.tokens ? user.grams : null)));
      return new uPlot(
        {
          width,
          height,
          legend: { show: false },
          cursor: { show: false },
          // The frontier tier's slope is ~10× the next one: scaling to it would flatten the
          // others onto the axis. Scale to the user's dot and the second-steepest line; the
          // steepest leaves through the top, its slope is in the legend.
          scales: {
            x: { time: false },
            y: {
              range: () => {
                const ends = lines
                  .map((l) => (l.gPer1k.central * xMax) / 1000)
                  .sort((p, q) => q - p);
                return [0, Math.max(user?.grams ?? 0, ends[1] ?? ends[0] ?? 1) * 1.4 || 1];
              },
            },
          },
          axes: [
            axis(c, { values: (_u, v) => v.map((x) => fmt(x / 1000) + 'k'), space: 50 }),
            axis(c, { size: 42, values: (_u, v) => v.map((x) => fmt(x)) }),
          ],
          series: [
            {},
            ...lines.map((l, i) => ({
              label: l.label,
              stroke: c.tiers[i % c.tiers.length],
              width: 2,
              points: { show: false },
            })),
            {
              label: 'you',
              stroke: c.fg,
              fill: c.fg,
              width: 0,
              points: { show: true, size: 10, fill: c.fg, stroke: c.bg },
              paths: () => null,
            },
          ],
        },
        data as uPlot.AlignedData,
        el,
      );
    },
    [draw, lines, user?.tokens, user?.grams, width, height],
  );
  return (
    <div>
      <div
        ref={host}
        class="chart"
        style={{ height: `${height}px` }}
        role="img"
        aria-label={t(
          'chartSlopesAlt',
          user ? fmt(user.tokens / 1000) : '0',
          user ? fmt(user.grams) : '0',
        )}
      />
      <ul class="legend">
        {lines.map((l, i) => (
          <li key={l.tier}>
            <span class={`swatch tier${i + 1}`} aria-hidden="true" />
            {l.label}:{' '}
            {t('slopePer1k', fmt(l.gPer1k.central), fmt(l.gPer1k.min), fmt(l.gPer1k.max))}
          </li>
        ))}
        {user ? (
          <li>
            <span class="swatch you" aria-hidden="true" />
            {t('slopeYou')}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

export const TIER_MESSAGE: Record<TierId, MessageKey> = {
  small: 'tierSmall',
  medium: 'tierMedium',
  large: 'tierLarge',
  frontier: 'tierFrontier',
};
