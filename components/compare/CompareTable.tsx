import type { ComponentChildren, VNode } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  sortRows,
  type CompareRow,
  type Comparison,
  type SortKey,
} from '../../lib/model/compare/replay';
import type { TierId } from '../../lib/model/carbon/types';
import { TIER_MESSAGE } from '../shared/charts';
import { fmt, fmtInt, fmtPct, t, type MessageKey } from '../shared/i18n';
import { bandCell } from './BandCell';
import { fmtUsd } from './format';

const COLUMNS: { key: SortKey; label: MessageKey; num: boolean }[] = [
  { key: 'name', label: 'colModel', num: false },
  { key: 'gco2e', label: 'unitGco2e', num: true },
  { key: 'energyWh', label: 'unitWh', num: true },
  { key: 'waterMl', label: 'unitWaterMl', num: true },
  { key: 'costUsd', label: 'colCost', num: true },
  { key: 'tps', label: 'colTps', num: true },
  { key: 'ttftS', label: 'colTtft', num: true },
  { key: 'replyS', label: 'colReply', num: true },
  { key: 'gPer1kOut', label: 'colGPer1k', num: true },
  { key: 'tokensPerWh', label: 'colTokensPerWh', num: true },
  { key: 'tokensPerUsd', label: 'colTokensPerUsd', num: true },
  { key: 'gPerUsd', label: 'colGPerUsd', num: true },
  { key: 'energyClass', label: 'colClass', num: true },
];

const opt = (n: number | null, f: (x: number) => string = fmt) => (n === null ? '–' : f(n));

/** The labels every row repeats, looked up once per render rather than once per row. */
function rowLabels() {
  const tiers = {} as Record<TierId, string>;
  for (const [k, m] of Object.entries(TIER_MESSAGE) as [TierId, MessageKey][]) tiers[k] = t(m);
  return {
    tiers,
    reasoning: t('tagReasoning'),
    noPrice: t('noPublicPrice'),
    mix: t('compareMixRow'),
  };
}
type Labels = ReturnType<typeof rowLabels>;

function costCell(r: CompareRow, l: Labels) {
  if (r.costUsd === null) return <td class="noprice">{l.noPrice}</td>;
  return (
    <td>
      {fmtUsd(r.costUsd)}
      {r.unpricedShare > 0 ? (
        <span class="range">{t('partlyPriced', fmtPct(r.unpricedShare))}</span>
      ) : null}
    </td>
  );
}

/** A row's 13 cells, as plain functions (see bandCell): 42 rows of them on a full table. */
function cells(r: CompareRow, l: Labels) {
  const s = r.spec;
  return [
    <th scope="row">
      {s ? s.name : l.mix}
      {s?.reasoning ? <abbr title={l.reasoning}>*</abbr> : null}
      {s ? <span class="range">{l.tiers[s.tier]}</span> : null}
    </th>,
    bandCell(r.estimate.gco2e, true),
    bandCell(r.estimate.energyWh),
    bandCell(r.estimate.waterMl),
    costCell(r, l),
    <td>{opt(r.tps)}</td>,
    <td>{opt(r.ttftS)}</td>,
    <td>{opt(r.replyS)}</td>,
    <td>{opt(r.gPer1kOut)}</td>,
    <td>{opt(r.tokensPerWh, fmtInt)}</td>,
    <td>{opt(r.tokensPerUsd, fmtInt)}</td>,
    <td>{opt(r.gPerUsd)}</td>,
    <td>
      <span class={`eclass eclass-${r.energyClass}`}>{r.energyClass}</span>
    </td>,
  ];
}

function row(r: CompareRow, l: Labels) {
  return (
    <tr key={r.key} class={r.spec ? 'model' : 'mix'} data-key={r.key}>
      {cells(r, l)}
    </tr>
  );
}

/** The characters of a cell's text: a cheap stand-in for its width. */
function textLength(v: ComponentChildren): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 0;
  if (typeof v === 'string' || typeof v === 'number') return String(v).length;
  if (Array.isArray(v)) return v.reduce((n: number, c: ComponentChildren) => n + textLength(c), 0);
  return textLength((v as VNode<{ children?: ComponentChildren }>).props.children);
}

/**
 * Two collapsed rows holding, per column, the two longest cells of the rows not yet
 * rendered: the first paint's columns are as wide as the full table's, so they do not move
 * when the rest comes.
 */
function sizerRows(rest: readonly CompareRow[], l: Labels) {
  const built = rest.map((r) => cells(r, l));
  const lengths = built.map((cs) => cs.map(textLength));
  const ranked = COLUMNS.map((_, c) =>
    built.map((_, i) => i).sort((x, y) => lengths[y]![c]! - lengths[x]![c]!),
  );
  return [0, 1]
    .filter((rank) => rank < built.length)
    .map((rank) => (
      <tr key={rank} class="sizer">
        {ranked.map((order, c) => built[order[rank]!]![c])}
      </tr>
    ));
}

/** Model rows on the first paint: the table's style, layout and paint grow with its rows. */
export const FIRST_ROWS = 10;
const EXPANDED_KEY = 'tokenprint.compare.allModels';

/** Whether this tab chose to see every model (kept for the session, as a reload keeps it). */
function storedExpanded(): boolean {
  try {
    return sessionStorage.getItem(EXPANDED_KEY) === '1';
  } catch {
    return false;
  }
}

function storeExpanded(on: boolean) {
  try {
    if (on) sessionStorage.setItem(EXPANDED_KEY, '1');
    else sessionStorage.removeItem(EXPANDED_KEY);
  } catch {
    // Storage refused (private mode quota): the choice lasts as long as the page.
  }
}

/**
 * The comparison table: the actual mix first, then every catalogue model, sortable by any
 * column (a button in each header; the header says how it is sorted, for screen readers).
 * The first paint holds the mix and the first FIRST_ROWS models of the sort; the others
 * render after it in a collapsed row group (laid out, so the columns are already as wide as
 * the full table needs, but not painted), which the button below reveals and print shows.
 */
export function CompareTable({ comparison }: { comparison: Comparison }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({
    key: 'gco2e',
    dir: 'asc',
  });
  const [expanded, setExpanded] = useState(storedExpanded);
  const [restReady, setRestReady] = useState(expanded);
  // Hooks' effects run after the frame: the rest is built once the first rows have painted.
  useEffect(() => setRestReady(true), []);
  const rows = useMemo(() => sortRows(comparison.models, sort.key, sort.dir), [comparison, sort]);
  const labels = useMemo(rowLabels, []);
  const click = (key: SortKey) =>
    setSort((s) =>
      s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' },
    );
  const toggle = () => {
    storeExpanded(!expanded);
    setExpanded(!expanded);
  };
  const rest = rows.slice(FIRST_ROWS);
  return (
    <>
      <div class="scroll" tabIndex={0} role="region" aria-labelledby="c-table">
        <table class="cmp compare-table" data-testid="compare-table">
          <caption class="sr-only">{t('compareCaption')}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  class={c.num ? 'num' : ''}
                  aria-sort={
                    sort.key === c.key
                      ? sort.dir === 'asc'
                        ? 'ascending'
                        : 'descending'
                      : undefined
                  }
                >
                  <button type="button" class="sort" onClick={() => click(c.key)}>
                    {t(c.label)}
                    <span aria-hidden="true" class="arrow">
                      {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {row(comparison.mix, labels)}
            {rows.slice(0, FIRST_ROWS).map((r) => row(r, labels))}
          </tbody>
          {restReady ? null : (
            <tbody class="sizer" aria-hidden="true">
              {sizerRows(rest, labels)}
            </tbody>
          )}
          {rest.length > 0 ? (
            <tbody id="compare-rest" class={expanded ? 'rest' : 'rest collapsed'}>
              {restReady ? rest.map((r) => row(r, labels)) : null}
            </tbody>
          ) : null}
        </table>
      </div>
      {rest.length > 0 ? (
        <p class="no-print more">
          <button
            type="button"
            aria-expanded={expanded}
            aria-controls="compare-rest"
            data-testid="compare-more"
            onClick={toggle}
          >
            {expanded
              ? t('compareShowFirst', fmtInt(FIRST_ROWS))
              : t('compareShowAll', fmtInt(rows.length))}
          </button>
        </p>
      ) : null}
    </>
  );
}
