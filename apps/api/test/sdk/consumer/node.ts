// A Node program of a project that installed the packed SDK: it buys two seats of the demo catalog
// while watching the event's seat map, and prints what it saw. __BASE_URL__ and __USER_ID__ are
// filled in by packedSdk.process.test.ts.
import { createConcertClient, isApiError, type SeatChange } from '@concert/sdk';

const api = createConcertClient({ baseUrl: '__BASE_URL__' });
const userId = Number('__USER_ID__');
const until = async (done: () => boolean) => {
  for (const deadline = Date.now() + 30_000; !done(); ) {
    if (Date.now() > deadline) throw new Error('the seat stream stayed silent');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

await api.chargeWallet({ userId, amount: 100_000 }); // two demo seats cost 60,000 to 100,000
await api.issueQueueToken({ userId });
await api.waitUntilActive({ signal: AbortSignal.timeout(60_000) });
const [concert] = await api.listConcerts();
if (!concert) throw new Error('no concert');
const [event] = await api.listAvailableEvents({ concertId: concert.id });
if (!event) throw new Error('no event on sale');

let mapSize = 0;
const changes: SeatChange[] = [];
const watching = new AbortController();
const watch = api.watchSeats(event.id, {
  onSnapshot: (snapshot) => (mapSize = snapshot.seats.length),
  onChange: (change) => changes.push(change),
  signal: watching.signal,
});
await until(() => mapSize > 0);

const seats = await api.listAvailableSeats({ concertEventId: event.id });
const seatIds = seats.slice(0, 2).map((seat) => seat.id);
try {
  const hold = await api.occupySeats({ concertEventId: event.id, seatIds });
  const reservation = await api.reserveHold({ concertEventId: event.id, occupationId: hold.id });
  const payment = await api.payReservation({ reservationId: reservation.id });
  await until(() => changes.some((change) => change.state === 'sold'));
  watching.abort();
  await watch;
  const mine = changes.filter((change) => change.seatIds.join() === seatIds.join()).map((change) => change.state);
  console.log(JSON.stringify({ status: payment.status, amount: payment.amount, mapSize, mine }));
} catch (error) {
  if (isApiError(error)) console.error(error.status, error.code, error.message);
  throw error;
}
