/** A self-contained HTML report (inline SVG, no script, no CDN): figures, thresholds, per-endpoint charts over time. */
import type { RunResult } from './result.ts';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const WIDTH = 960;
const HEIGHT = 280;
const PAD = { left: 60, right: 16, top: 24, bottom: 32 };

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** One line per endpoint over the seconds of the run. */
function lineChart(title: string, unit: string, lines: Array<{ name: string; values: number[] }>): string {
  const seconds = Math.max(1, ...lines.map((l) => l.values.length));
  const top = Math.max(1e-9, ...lines.flatMap((l) => l.values));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (second: number) => PAD.left + (seconds <= 1 ? 0 : (second / (seconds - 1)) * plotW);
  const y = (value: number) => PAD.top + plotH - (value / top) * plotH;
  const grid = [0, 0.25, 0.5, 0.75, 1].map((fraction) => {
    const value = top * fraction;
    return `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/>` +
      `<text x="${PAD.left - 6}" y="${y(value) + 4}" text-anchor="end">${value.toFixed(value < 10 ? 2 : 0)}</text>`;
  });
  const paths = lines.map((l, index) => {
    const points = l.values.map((value, second) => `${x(second).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
    return `<polyline fill="none" stroke-width="1.6" stroke="${COLORS[index % COLORS.length]}" points="${points}"><title>${escape(l.name)}</title></polyline>`;
  });
  const legend = lines
    .map((l, index) => `<span><i style="background:${COLORS[index % COLORS.length]}"></i>${escape(l.name)}</span>`)
    .join('');
  return `<h2>${escape(title)}</h2>
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="${escape(title)}">
${grid.join('\n')}
<text x="${PAD.left}" y="14">${escape(unit)}</text>
<text x="${WIDTH - PAD.right}" y="${HEIGHT - 8}" text-anchor="end">seconds into the run (0–${seconds - 1})</text>
${paths.join('\n')}
</svg>
<div class="legend">${legend}</div>`;
}

/** The flash sale's per-second charts: admission, holds' latency, refusals and the API's CPU. */
function timelineCharts(result: RunResult): string {
  const t = result.timeline;
  if (!t.some((second) => second.admitted > 0)) return '';
  const of = (pick: (second: (typeof t)[number]) => number | null) => t.map((second) => pick(second) ?? 0);
  return [
    lineChart('Admission per second', 'buyers', [
      { name: 'admitted (buyers told position 0)', values: of((s) => s.admitted) },
      { name: 'admission rate in force (API)', values: of((s) => s.admissionRate) },
    ]),
    lineChart('Active users (API)', 'users', [{ name: 'active', values: of((s) => s.active) }]),
    lineChart('Holds per second', 'ms', [
      { name: 'hold p50', values: of((s) => (s.holds === 0 ? null : s.holdP50)) },
      { name: 'hold p99', values: of((s) => (s.holds === 0 ? null : s.holdP99)) },
    ]),
    lineChart('Refusals and CPU per second', 'answers / % of a core', [
      { name: '503 overloaded', values: of((s) => s.shed) },
      { name: '429 rate_limited', values: of((s) => s.rateLimited) },
      { name: 'API CPU (% of a core)', values: of((s) => (s.apiCpuCores === null ? null : s.apiCpuCores * 100)) },
    ]),
  ].join('\n');
}

export function htmlReport(result: RunResult, summary: string): string {
  const latency = result.series.map((s) => ({ name: s.name, values: s.p95 }));
  const throughput = result.series.map((s) => ({ name: s.name, values: s.requests }));
  const thresholds = result.thresholds
    .map((t) => `<tr class="${t.ok ? 'ok' : 'crossed'}"><td>${t.ok ? '✓' : '✗'}</td><td>${escape(t.metric)}</td><td>${escape(t.expression)}</td><td>${t.actual.toFixed(4)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>k6 ${escape(result.scenario)} — ${escape(result.startedAt)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;max-width:1000px;color:#222}
pre{background:#f6f6f6;padding:12px;overflow:auto;font-size:12px}
svg text{font-size:11px;fill:#555}
.legend span{display:inline-block;margin:2px 12px 2px 0;font-size:12px}
.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
table{border-collapse:collapse}td{padding:2px 8px;border-bottom:1px solid #eee}
.ok td:first-child{color:#2ca02c}.crossed td{color:#d62728}
</style></head><body>
<h1>${escape(result.scenario)}</h1>
<p>${escape(result.description)}<br>Target ${escape(result.baseUrl)}, started ${escape(result.startedAt)}.</p>
<h2>Thresholds</h2><table>${thresholds}</table>
${timelineCharts(result)}
${lineChart('Latency per endpoint (p95 of each second)', 'ms', latency)}
${lineChart('Throughput per endpoint', 'requests per second', throughput)}
<h2>Summary</h2><pre>${escape(summary)}</pre>
</body></html>
`;
}
