import type { SeatClaim, SeatClaims } from '@concert/domain';
import type { RedisClient } from '../client.js';
import { luaScript } from '../luaScript.js';

/**
 * A claim is one string key per seat, `owner:until-ms`, under ONE hash tag per event so a request's
 * keys share a slot (Redis Cluster). The key's own TTL removes it in real time; `until` is judged
 * against the use case's clock, so a claim never outlives the hold it leads to, whatever the clock.
 */
const CLAIM = luaScript(`
local owner, now = ARGV[1], tonumber(ARGV[2])
local taken = {}
for i, key in ipairs(KEYS) do
  local value = redis.call('GET', key)
  if value then
    local sep = string.find(value, ':', 1, true)
    if string.sub(value, 1, sep - 1) ~= owner and tonumber(string.sub(value, sep + 1)) > now then
      taken[#taken + 1] = i
    end
  end
end
if #taken == 0 then
  for _, key in ipairs(KEYS) do redis.call('SET', key, ARGV[3], 'PX', ARGV[4]) end
end
return taken`);

/** Deletes only the keys still holding this very claim: a newer claim of the same seat stays. */
const RELEASE = luaScript(`
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 0`);

/** Deletes the keys whose claim is this owner's, whatever its deadline: the seats are back on sale. */
const FORGET = luaScript(`
local prefix = ARGV[1] .. ':'
for _, key in ipairs(KEYS) do
  local value = redis.call('GET', key)
  if value and string.sub(value, 1, #prefix) == prefix then redis.call('DEL', key) end
end
return 0`);

const valueOf = (claim: SeatClaim) => `${claim.owner}:${claim.until.getTime()}`;

export function redisSeatClaims(redis: RedisClient, keyPrefix: string): SeatClaims {
  const keysOf = (concertEventId: number, seatIds: readonly number[]) =>
    seatIds.map((seatId) => `${keyPrefix}:{event:${concertEventId}}:seat-claim:${seatId}`);
  return {
    async claim(concertEventId, seatIds, claim, now) {
      const lastsMs = Math.max(1, claim.until.getTime() - now.getTime());
      const taken = (await CLAIM(redis, keysOf(concertEventId, seatIds), [
        claim.owner,
        now.getTime(),
        valueOf(claim),
        lastsMs,
      ])) as number[];
      // Lua arrays are 1-based.
      return taken.map((index) => seatIds[index - 1] ?? 0);
    },
    async release(concertEventId, seatIds, claim) {
      await RELEASE(redis, keysOf(concertEventId, seatIds), [valueOf(claim)]);
    },
    async forget(concertEventId, seatIds, owner) {
      if (seatIds.length > 0) await FORGET(redis, keysOf(concertEventId, seatIds), [owner]);
    },
  };
}
