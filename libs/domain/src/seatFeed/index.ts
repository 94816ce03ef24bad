export {
  announceSeats,
  noSeatChangeFeed,
  type SeatChange,
  type SeatChangeFeed,
  type SeatFeedState,
  type SequencedSeatChange,
  type Unsubscribe,
} from './seatChangeFeed.js';
export { watchSeatMap, type SeatWatch, type SeatWatchContext, type SeatWatchStart } from './watchSeatMap.js';
