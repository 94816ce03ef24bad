/**
 * What is left to buy, for the people in line: the events whose booking window is open and that have
 * at least one seat on sale. Our line is one for the whole catalog, so a buyer waiting for an event
 * missing from this list can leave at once instead of waiting to find an empty seat map. Seats held
 * by others are not on sale; they may come back if their holds lapse unpaid.
 */
export interface EventsOnSale {
  /** The ids of those events at `now`, ascending; an answer may be up to a second old. */
  eventsOnSale(now: Date): Promise<number[]>;
}
