import { luaScript } from '../luaScript.js';

/**
 * Numbers a change, keeps it in the event's log (the last ARGV[3]) and publishes it, atomically:
 * so the channel carries changes in sequence order whichever process sent them.
 * KEYS: sequence, log. ARGV: channel, the change's JSON without its sequence (from its second
 * character on), log length, TTL in seconds.
 */
export const PUBLISH = luaScript(`
local sequence = redis.call('INCR', KEYS[1])
local message = '{"sequence":' .. sequence .. ',' .. ARGV[2]
redis.call('RPUSH', KEYS[2], message)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
redis.call('PUBLISH', ARGV[1], message)
return sequence`);

/** The last sequence and the kept log, read together. KEYS: sequence, log. */
export const READ_LOG = luaScript(`
return { tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('LRANGE', KEYS[2], 0, -1) }`);
