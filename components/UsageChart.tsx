import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DaySummary } from '../lib/stats';

/** Daily gCO2e (central value) as bars over time. */
export function UsageChart({ days, width = 340 }: { days: DaySummary[]; width?: number }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const xs = days.map((d) => d.day / 1000);
    const ys = days.map((d) => (d.gco2e.min + d.gco2e.max) / 2);
    const plot = new uPlot(
      {
        width,
        height: 140,
        legend: { show: false },
        scales: { x: { time: true } },
        axes: [{}, { label: 'g CO₂e', size: 50 }],
        series: [
          {},
          {
            label: 'g CO₂e',
            stroke: '#2f7d4f',
            fill: 'rgba(47,125,79,0.25)',
            paths: uPlot.paths.bars?.({ size: [0.6, 40] }),
          },
        ],
      },
      [xs, ys],
      host.current,
    );
    return () => plot.destroy();
  }, [days, width]);
  return <div ref={host} class="chart" role="img" aria-label="Daily grams of CO₂e" />;
}
