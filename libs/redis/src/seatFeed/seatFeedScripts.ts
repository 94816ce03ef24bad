import { luaScript } from '../luaScript.js';

/**
 * Numbers a change, keeps it in the event's log (the last ARGV[3]) and publishes it, atomically:
 * so the channel carries changes in sequence order whichever process sent them. An event's first
 * change starts its sequence at the server's clock in microseconds, not at 1: after its keys lapse,
 * or Redis restarts empty, the new numbers are still above every number a watcher kept, so a resume
 * across the gap gets a fresh snapshot rather than a wrong replay. (Numbers stay below 2^53, and
 * are formatted with %.0f: Lua would write them in exponent notation.)
 * KEYS: sequence, log. ARGV: channel, the change's JSON without its sequence (from its second
 * character on), log length, TTL in seconds.
 */
export const PUBLISH = luaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then
  local now = redis.call('TIME')
  redis.call('SET', KEYS[1], string.format('%.0f', tonumber(now[1]) * 1000000 + tonumber(now[2])))
end
local sequence = redis.call('INCR', KEYS[1])
local message = '{"sequence":' .. string.format('%.0f', sequence) .. ',' .. ARGV[2]
redis.call('RPUSH', KEYS[2], message)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
redis.call('PUBLISH', ARGV[1], message)
return sequence`);

/** The last sequence and the kept log, read together. KEYS: sequence, log. */
export const READ_LOG = luaScript(`
return { redis.call('GET', KEYS[1]) or '0', redis.call('LRANGE', KEYS[2], 0, -1) }`);
