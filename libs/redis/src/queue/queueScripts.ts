import { luaScript } from '../luaScript.js';

/** Seconds of admissions the achieved rate is averaged over (the current, partial second excluded). */
export const RATE_WINDOW_SECONDS = 10;

/**
 * Shared by every queue script. KEYS: see scriptKeys. ARGV[1..7]: now (ms, from the caller's clock,
 * never Redis TIME, so tests drive expiry), max active, admissions per second, idle timeout (ms),
 * lifetime (ms), poll timeout (ms), and 1 when admission is adaptive: the per-second budget is then
 * the controller's rate (adjustAdmissionRate), ARGV[3] only until its first decision. ARGV[8]: the
 * script's own argument.
 */
const prelude = `
local waiting, seen, active, admittedAt, sequence, admissions, arrivedAt, control = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local now = tonumber(ARGV[1])
local maxActive = tonumber(ARGV[2])
local perSecond = tonumber(ARGV[3])
if ARGV[7] == '1' then perSecond = tonumber(redis.call('HGET', control, 'rate') or ARGV[3]) end
local idleMs = tonumber(ARGV[4])
local lifetimeMs = tonumber(ARGV[5])
local pollTimeoutMs = tonumber(ARGV[6])
local second = math.floor(now / 1000)
local window = ${RATE_WINDOW_SECONDS}

local function dropActive(user)
  redis.call('ZREM', active, user)
  redis.call('HDEL', admittedAt, user)
end

local function dropWaiting(user)
  redis.call('ZREM', waiting, user)
  redis.call('ZREM', seen, user)
  redis.call('HDEL', arrivedAt, user)
end

-- lastPoll: a ZSCORE reply, false when the user has no poll on record.
local function polledInTime(lastPoll)
  return lastPoll ~= false and tonumber(lastPoll) >= now - pollTimeoutMs
end

-- Lapsed active slots and abandoned places, oldest first, at most limit of each: O(limit log n).
local function sweep(limit)
  for _, user in ipairs(redis.call('ZRANGEBYSCORE', active, '-inf', now, 'LIMIT', 0, limit)) do
    dropActive(user)
  end
  local cutoff = string.format('(%.0f', now - pollTimeoutMs)
  for _, user in ipairs(redis.call('ZRANGEBYSCORE', seen, '-inf', cutoff, 'LIMIT', 0, limit)) do
    dropWaiting(user)
  end
end

local function activate(user)
  redis.call('ZADD', active, math.min(now + idleMs, now + lifetimeMs), user)
  redis.call('HSET', admittedAt, user, now)
end

local function spentThisSecond()
  return tonumber(redis.call('HGET', admissions, second) or '0')
end

local function countAdmissions(count)
  redis.call('HINCRBY', admissions, second, count)
  -- Forget seconds older than the window once there are enough of them: amortised O(window).
  if redis.call('HLEN', admissions) > 2 * window then
    for _, field in ipairs(redis.call('HKEYS', admissions)) do
      if tonumber(field) < second - window then redis.call('HDEL', admissions, field) end
    end
  end
end

local function admittedInWindow()
  local total = 0
  for s = second - window, second - 1 do
    total = total + tonumber(redis.call('HGET', admissions, s) or '0')
  end
  return total
end

-- Admits up to room users from the head of the line; returns how many.
local function admitHead(room)
  local admitted = 0
  while admitted < room do
    local popped = redis.call('ZPOPMIN', waiting, room - admitted)
    if #popped == 0 then break end
    for i = 1, #popped, 2 do
      local user = popped[i]
      local lastPoll = redis.call('ZSCORE', seen, user)
      redis.call('ZREM', seen, user)
      redis.call('HDEL', arrivedAt, user)
      -- An abandoned place not swept yet is dropped, not admitted: it must not hold a slot.
      if polledInTime(lastPoll) then
        activate(user)
        admitted = admitted + 1
      end
    end
  end
  if admitted > 0 then countAdmissions(admitted) end
  return admitted
end

-- Moves a live slot's lapse to lapse, never earlier than deadline (what a hold keeps) nor past its lifetime.
local function keepActive(user, deadline, lapse)
  local admitted = tonumber(redis.call('HGET', admittedAt, user) or now)
  redis.call('ZADD', active, 'XX', math.max(deadline, math.min(lapse, admitted + lifetimeMs)), user)
end

-- The user's live entry ('ACTIVE', 'WAITING' and its position from 1, or 'GONE'), dropping a lapsed one.
local function current(user, refreshPoll, refreshIdle)
  local deadline = redis.call('ZSCORE', active, user)
  if deadline then
    if tonumber(deadline) > now then
      if refreshIdle then keepActive(user, tonumber(deadline), now + idleMs) end
      return 'ACTIVE', 0
    end
    dropActive(user)
    return 'GONE', 0
  end
  local lastPoll = redis.call('ZSCORE', seen, user)
  if lastPoll then
    if polledInTime(lastPoll) then
      if refreshPoll then redis.call('ZADD', seen, now, user) end
      return 'WAITING', redis.call('ZRANK', waiting, user) + 1
    end
    dropWaiting(user)
  end
  return 'GONE', 0
end
`;

const script = (body: string) => luaScript(`${prelude}\n${body}`);

/** ARGV[8] = user id. Returns {status, position, admitted in the rate window}. */
export const enterScript = script(`
sweep(100)
local user = ARGV[8]
local status, position = current(user, true, false)
if status == 'GONE' then
  -- Admitted at once only when nobody waits and both caps allow; otherwise FIFO by arrival.
  if redis.call('ZCARD', waiting) == 0 and redis.call('ZCARD', active) < maxActive and spentThisSecond() < perSecond then
    activate(user)
    countAdmissions(1)
    status = 'ACTIVE'
  else
    redis.call('ZADD', waiting, redis.call('INCR', sequence), user)
    redis.call('ZADD', seen, now, user)
    redis.call('HSET', arrivedAt, user, now)
    status, position = 'WAITING', redis.call('ZCARD', waiting)
  end
end
return {status, position, admittedInWindow()}
`);

/** ARGV[8] = user id. A status poll: keeps a waiting place. Returns {status, position, admitted in the window}. */
export const pollScript = script(`
local status, position = current(ARGV[8], true, false)
return {status, position, admittedInWindow()}
`);

/** ARGV[8] = user id. A gated call: refreshes an active user's idle timeout. Returns {status, position}. */
export const touchScript = script(`
local status, position = current(ARGV[8], false, true)
return {status, position}
`);

/**
 * ARGV[8] = user id, ARGV[9] = instant (ms) until which a hold or reservation keeps the slot. Keeps
 * a live active slot at least that long (within its lifetime); anything else is left alone.
 */
export const keepScript = script(`
local deadline = redis.call('ZSCORE', active, ARGV[8])
if deadline and tonumber(deadline) > now then keepActive(ARGV[8], tonumber(deadline), tonumber(ARGV[9])) end
return 1
`);

/** ARGV[8] = user id. Leaves the line or the active set. */
export const releaseScript = script(`
dropActive(ARGV[8])
dropWaiting(ARGV[8])
return 1
`);

/**
 * ARGV[8] = sweep limit. Admits the head of the line within the cap on active users and this
 * second's budget: O(admitted × log n). Atomic, so ticks racing in many processes never overshoot.
 */
export const admitScript = script(`
sweep(tonumber(ARGV[8]))
return admitHead(math.min(maxActive - redis.call('ZCARD', active), perSecond - spentThisSecond()))
`);

/**
 * ARGV[8] = how many. An operator's manual admission: bypasses this second's budget (that is what
 * it is for) but never the cap on active users, and counts in the achieved rate. Atomic like admit.
 */
export const admitNowScript = script(`
sweep(1000)
return admitHead(math.min(tonumber(ARGV[8]), maxActive - redis.call('ZCARD', active)))
`);

/** Returns {waiting, active, admitted in the rate window, arrival (ms) of the head of the line or -1}. */
export const statusScript = script(`
local head = redis.call('ZRANGE', waiting, 0, 0)
local arrived = head[1] and redis.call('HGET', arrivedAt, head[1])
return {redis.call('ZCARD', waiting), redis.call('ZCARD', active), admittedInWindow(), tonumber(arrived or '-1')}
`);
