import { describe, expect, it } from 'vitest';
import { scaledExecutor } from '../src/node/options.ts';
import { Recorder } from '../src/node/recorder.ts';
import { targetAt } from '../src/node/scheduler.ts';
import { evaluateThresholds } from '../src/node/thresholds.ts';
import { scenarioNamed } from '../src/scenarios/scenarios.ts';

function recorded(): Recorder {
  const recorder = new Recorder();
  for (let ms = 1; ms <= 100; ms++) recorder.request('concerts', 0, ms, false);
  recorder.request('occupy', 0, 250, true);
  recorder.add('errors', false);
  recorder.add('errors', true);
  recorder.add('purchases', 3);
  return recorder;
}

describe('thresholds', () => {
  it('reads k6 expressions on trends, rates and counters, narrowed to one endpoint by step', () => {
    const results = evaluateThresholds(
      {
        http_req_duration: ['p(95)<500', 'max<200'],
        'http_req_duration{step:occupy}': ['p(99)<100'],
        'http_req_duration{step:concerts}': ['med<=51'],
        errors: ['rate<0.1'],
        purchases: ['count==3'],
      },
      recorded(),
    );

    expect(results.map(({ metric, expression, ok }) => `${metric} ${expression} ${ok}`)).toEqual([
      'http_req_duration p(95)<500 true',
      'http_req_duration max<200 false',
      'http_req_duration{step:occupy} p(99)<100 false',
      'http_req_duration{step:concerts} med<=51 true',
      'errors rate<0.1 false',
      'purchases count==3 true',
    ]);
  });

  it('refuses an expression it cannot read rather than passing it', () => {
    expect(() => evaluateThresholds({ errors: ['rate is low'] }, recorded())).toThrow(/cannot read/);
  });
});

describe('stages', () => {
  it('ramps the VU count linearly through the stages, from 0', () => {
    const stages = [
      { duration: '10s', target: 10 },
      { duration: '10s', target: 30 },
    ];
    expect([0, 5_000, 10_000, 15_000, 20_000].map((ms) => targetAt(stages, ms))).toEqual([0, 5, 10, 20, 0]);
  });

  it('scales a scenario to a short run keeping the shape of its stages', () => {
    const heavy = scaledExecutor(scenarioNamed('seed-flow-heavy').executor, { durationMs: 7_000, vus: 10 });

    if (heavy.kind !== 'ramping-vus') throw new Error('seed-flow-heavy ramps VUs');
    expect(heavy.stages.map((stage) => stage.target)).toEqual([2, 6, 10, 0]);
    expect(heavy.stages.map((stage) => stage.duration)).toEqual(['2000ms', '2000ms', '2000ms', '1000ms']);
  });
});
