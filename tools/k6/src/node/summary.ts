/** The end-of-test summary in k6's layout, then a table per endpoint (grouped by route template). */
import { formatDuration } from './duration.ts';
import type { CounterFigure, RateFigure, RunResult } from './result.ts';
import type { TrendStats } from './stats.ts';

const LABEL_WIDTH = 32;

function trendText(stats: TrendStats, unit: 'ms' | 'plain' = 'ms'): string {
  const show = (value: number) => (unit === 'ms' ? formatDuration(value) : value.toFixed(2));
  const keys = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'] as const;
  return keys.map((key) => `${key}=${show(stats[key])}`).join(' ');
}

function rateText(figure: RateFigure): string {
  return `${(figure.rate * 100).toFixed(2)}%`.padEnd(8) + `✓ ${String(figure.passes).padEnd(8)} ✗ ${figure.fails}`;
}

function counterText(figure: CounterFigure): string {
  return `${String(figure.count).padEnd(8)}${figure.rate.toFixed(6)}/s`;
}

function figureText(figure: CounterFigure | RateFigure | TrendStats, name: string): string {
  if ('passes' in figure) return rateText(figure);
  if ('avg' in figure) return trendText(figure, name === 'sold_out_at' ? 'ms' : 'plain');
  return counterText(figure);
}

/** One metric's line, marked ✓/✗ when thresholds apply to it. */
function line(result: RunResult, name: string, text: string, label = name): string {
  const own = result.thresholds.filter((t) => t.metric === name);
  const mark = own.length === 0 ? ' ' : own.every((t) => t.ok) ? '✓' : '✗';
  return `   ${mark} ${label.padEnd(LABEL_WIDTH, '.')}: ${text}`;
}

/** A plain text table: columns padded to their widest cell, numbers right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [format(header), rule, ...rows.map(format)].join('\n');
}

export function endpointTable(result: RunResult): string {
  const ms = (value: number) => value.toFixed(2);
  const rows = result.endpoints.map((e) => [
    e.name,
    String(e.count),
    e.rps.toFixed(2),
    ms(e.avg),
    ms(e.med),
    ms(e['p(90)']),
    ms(e['p(95)']),
    ms(e['p(99)']),
    ms(e.max),
    String(e.failed),
  ]);
  const header = ['endpoint', 'reqs', 'req/s', 'avg ms', 'med ms', 'p90 ms', 'p95 ms', 'p99 ms', 'max ms', 'failed'];
  return table(header, rows);
}

/** The per-second timeline, for runs that admitted buyers (the flash sale); empty otherwise. */
export function timelineTable(result: RunResult): string {
  if (!result.timeline.some((second) => second.admitted > 0)) return '';
  const optional = (value: number | null, digits = 0) => (value === null ? '-' : value.toFixed(digits));
  const rows = result.timeline.map((s) => [
    String(s.second),
    String(s.admitted),
    optional(s.active),
    optional(s.admissionRate),
    String(s.holds),
    s.holds === 0 ? '-' : s.holdP50.toFixed(1),
    s.holds === 0 ? '-' : s.holdP99.toFixed(1),
    String(s.shed),
    String(s.rateLimited),
    s.apiCpuCores === null ? '-' : `${(s.apiCpuCores * 100).toFixed(0)}%`,
  ]);
  const header = ['s', 'admitted', 'active', 'adm rate', 'holds', 'hold p50', 'hold p99', 'shed', '429', 'API CPU'];
  return `${table(header, rows)}\n`;
}

export function summaryText(result: RunResult): string {
  const m = result.metrics;
  const lines = [
    `  scenario: ${result.scenario} (${result.description})`,
    `  target:   ${result.baseUrl}   duration: ${formatDuration(result.durationMs)}`,
    '',
    line(result, 'checks', rateText(m.checks)),
    ...Object.entries(result.custom).map(([name, figure]) => line(result, name, figureText(figure, name))),
    line(result, 'http_req_duration', trendText(m.http_req_duration)),
    ...result.thresholds
      .filter((t) => t.metric.startsWith('http_req_duration{'))
      .map((t) => line(result, t.metric, `${t.expression} actual=${t.actual.toFixed(2)}`, `  ${t.metric}`)),
    line(result, 'http_req_failed', rateText(m.http_req_failed)),
    line(result, 'http_reqs', counterText(m.http_reqs)),
    line(result, 'iteration_duration', trendText(m.iteration_duration)),
    line(result, 'iterations', counterText(m.iterations)),
    line(result, 'interrupted_iterations', String(m.interrupted_iterations)),
    line(result, 'vus_max', String(m.vus_max)),
  ];
  if (result.apiPeakMemoryBytes !== null) {
    lines.push(line(result, 'api_peak_memory', `${(result.apiPeakMemoryBytes / 1024 / 1024).toFixed(1)} MB`));
  }
  const shareOfACore = result.loadGeneratorCpuSeconds / Math.max(result.durationMs / 1000, 0.001);
  lines.push(line(result, 'load_generator_cpu', `${result.loadGeneratorCpuSeconds.toFixed(1)} s (${(shareOfACore * 100).toFixed(0)}% of a core)`));
  const crossed = result.thresholds.filter((t) => !t.ok);
  const verdict = crossed.length === 0
    ? '  All thresholds passed.'
    : crossed.map((t) => `  ✗ threshold crossed: ${t.metric} ${t.expression} (actual ${t.actual.toFixed(4)})`).join('\n');
  return [...lines, '', endpointTable(result), '', timelineTable(result), verdict].join('\n');
}
