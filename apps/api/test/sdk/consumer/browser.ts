// A browser page's entry of a project that installed the packed SDK: bundled by esbuild in
// packedSdk.process.test.ts, whose gzipped size the SDK README reports.
import { createConcertClient, isApiError } from '@concert/sdk';

const api = createConcertClient({ baseUrl: location.origin });
const shown = document.createElement('output');
document.body.append(shown);
const watching = new AbortController();
api
  .watchSeats(1, {
    onSnapshot: (snapshot) => (shown.value = `${snapshot.seats.filter((seat) => seat.available).length} seats on sale`),
    onChange: (change) => (shown.value = `seats ${change.seatIds.join(', ')}: ${change.state}`),
    signal: watching.signal,
  })
  .catch((error: unknown) => (shown.value = isApiError(error) ? error.message : String(error)));
addEventListener('pagehide', () => watching.abort());
