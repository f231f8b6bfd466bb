// The report's Gantt chart as SVG: one row per core, one bar per run labelled with its thread, context
// switches hatched; colours from the Okabe–Ito palette and every bar also named in text, so no one has
// to tell threads apart by colour alone. A table of the same runs follows for screen readers.
import { OKABE_ITO, css } from '../theme.ts';
import { h } from './dom.ts';
import { t } from './texts.ts';

/** One stretch of a core's time (shared/protocol/summary.ts CoreRun). */
export interface GanttRun {
  from: number;
  to: number;
  label: string;
}

const NS = 'http://www.w3.org/2000/svg';
const COLOURS = [
  OKABE_ITO.skyBlue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.yellow,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
];
const DARK_TEXT = new Set<number>([
  OKABE_ITO.skyBlue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.yellow,
  OKABE_ITO.reddishPurple,
]);
const ROW = 34;
const LEFT = 84;
const TOP = 8;
const AXIS = 26;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

function step(ticks: number): number {
  for (const s of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]) if (ticks / s <= 20) return s;
  return 2000;
}

/** The chart (or a sentence when the round recorded no timeline) and its table. */
export function ganttChart(cores: GanttRun[][], ticks: number): HTMLElement {
  if (cores.length === 0 || ticks <= 0) return h('p', {}, t('report.gantt.empty'));
  const px = Math.max(3, Math.min(24, 1000 / ticks));
  const width = LEFT + ticks * px + 16;
  const height = TOP + cores.length * ROW + AXIS;
  const colourOf = new Map<string, number>();
  for (const runs of cores)
    for (const r of runs)
      if (r.label !== 'switch' && !colourOf.has(r.label))
        colourOf.set(r.label, COLOURS[colourOf.size % COLOURS.length]!);

  const title = svg('title', { id: 'gantt-title' }, t('report.gantt'));
  const defs = svg(
    'defs',
    {},
    svg(
      'pattern',
      { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      svg('rect', { width: 6, height: 6, fill: '#3a4658' }),
      svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#b7c0cc', 'stroke-width': 2 }),
    ),
  );
  const chart = svg(
    'svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': 'gantt-title',
      class: 'gantt',
    },
    title,
    defs,
  );
  const every = step(ticks);
  for (let x = 0; x <= ticks; x += every) {
    const gx = LEFT + x * px;
    chart.append(
      svg('line', {
        x1: gx,
        y1: TOP,
        x2: gx,
        y2: TOP + cores.length * ROW,
        stroke: '#3a4658',
        'stroke-width': 1,
      }),
      svg('text', { x: gx, y: height - 8, 'text-anchor': 'middle', class: 'axis' }, String(x)),
    );
  }
  cores.forEach((runs, i) => {
    const y = TOP + i * ROW;
    chart.append(svg('text', { x: 8, y: y + ROW / 2 + 5, class: 'core' }, t('report.gantt.core', { n: i })));
    for (const r of runs) {
      const x = LEFT + r.from * px;
      const w = Math.max(1, (r.to - r.from) * px);
      const isSwitch = r.label === 'switch';
      const colour = colourOf.get(r.label) ?? OKABE_ITO.black;
      const name = isSwitch ? t('report.gantt.switch') : r.label;
      const bar = svg(
        'g',
        {},
        svg('title', {}, `${name}: ${r.from}–${r.to}`),
        svg('rect', {
          x,
          y: y + 4,
          width: w,
          height: ROW - 8,
          rx: 3,
          fill: isSwitch ? 'url(#hatch)' : css(colour),
          stroke: '#11151c',
          'stroke-width': 1,
        }),
      );
      const text = isSwitch ? 'CS' : r.label;
      if (w >= text.length * 7 + 6) {
        bar.append(
          svg(
            'text',
            {
              x: x + w / 2,
              y: y + ROW / 2 + 5,
              'text-anchor': 'middle',
              class: 'bar',
              fill: isSwitch || !DARK_TEXT.has(colour) ? '#f4f6f8' : '#11151c',
            },
            text,
          ),
        );
      }
      chart.append(bar);
    }
  });
  const legend = h(
    'ul',
    { class: 'legend' },
    ...[...colourOf].map(([label, colour]) =>
      h('li', {}, h('span', { class: 'swatch', style: `background:${css(colour)}` }), label),
    ),
    h('li', {}, h('span', { class: 'swatch hatch' }), `CS = ${t('report.gantt.switch')}`),
  );
  const table = h(
    'details',
    {},
    h('summary', {}, t('report.gantt')),
    h(
      'table',
      { class: 'table' },
      h(
        'tbody',
        {},
        ...cores.map((runs, i) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, t('report.gantt.core', { n: i })),
            h(
              'td',
              {},
              runs.map((r) => `${r.label === 'switch' ? 'CS' : r.label} ${r.from}–${r.to}`).join(', '),
            ),
          ),
        ),
      ),
    ),
  );
  return h(
    'div',
    { class: 'gantt-wrap' },
    h('div', { class: 'scroll', tabindex: 0, 'aria-label': t('report.gantt') }, chart),
    legend,
    table,
  );
}
