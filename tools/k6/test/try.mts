import { startFakeApi } from './fakeApi.ts';
import { run } from '../src/node/run.ts';
const api = await startFakeApi({ seats: 50 });
const code = await run([`--scenario=${process.argv[2]}`, `--url=${api.url}`, '--duration=3s', '--vus=2', '--out=/tmp/k6out', ...process.argv.slice(3)]);
console.log('exit', code, api.counts, 'seatsLeft', api.seatsLeft());
await api.close();
