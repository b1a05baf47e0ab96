-- Applies one LearnPulse serving update atomically. RedisServingStore documents the key layout and the
-- orders; MemoryServingStore mirrors this script step by step.
--
-- KEYS: the learner's 12 keys (when the update has a learner), then the course's 10 keys (when it has a course),
--       in the order of the local names below.
-- ARGV:  1 kind            2 TTL in ms          3 offset of the learner keys in KEYS (-1: none)
--        4 offset of the course keys (-1: none)
--        5 attempts kept per learner            6 interventions kept per learner
--        7 interventions kept per course        8 active window in ms     9 struggling window in ms
--       10 the course's pub/sub channel        11 field                  12 order ("n,n,...")
--       13 JSON                                14 activity time ('' when none)
--       15 learner id                          16 course id
--       17 struggle signal JSON ('' when none) 18 its order
-- Returns 1 when the update replaced what the store held for it, else 0.

local MASTERY, MASTERY_ORD, ATTEMPTS, ATTEMPTS_ORD, RECENT_ATTEMPTS, LATEST, LATEST_ORD, COURSES, ENROLLED,
      L_INTERVENTIONS, L_INTERVENTION_DATA, L_INTERVENTION_ORD = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
local CLOCK, ACTIVE, STRUGGLING, WHY, WHY_ORD, QUESTIONS, QUESTIONS_ORD, C_INTERVENTIONS, C_INTERVENTION_DATA,
      C_INTERVENTION_ORD = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10

local kind, ttl = ARGV[1], ARGV[2]
local lo, co = tonumber(ARGV[3]), tonumber(ARGV[4])
local field, order, json, time = ARGV[11], ARGV[12], ARGV[13], ARGV[14]
local learner, course = ARGV[15], ARGV[16]

local L, C = {}, {}
if lo >= 0 then for i = 1, 12 do L[i] = KEYS[lo + i] end end
if co >= 0 then for i = 1, 10 do C[i] = KEYS[co + i] end end

local function numbers(s)
  local t = {}
  for n in string.gmatch(s, '[^,]+') do t[#t + 1] = tonumber(n) end
  return t
end

-- True when order a is strictly greater than order b (left to right; a missing element counts as 0).
local function newer(a, b)
  local x, y = numbers(a), numbers(b)
  for i = 1, math.max(#x, #y) do
    local p, q = x[i] or 0, y[i] or 0
    if p ~= q then return p > q end
  end
  return false
end

-- Stores json in hash[f] unless the stored order is at least as great; true when it stored.
local function upsert(hash, ord, f, o, j)
  local current = redis.call('HGET', ord, f)
  if current and not newer(o, current) then return false end
  redis.call('HSET', hash, f, j)
  redis.call('HSET', ord, f, o)
  return true
end

-- Raises the member's score to score (never lowers it); true when the member is new.
local function raise(zset, member, score)
  local current = redis.call('ZSCORE', zset, member)
  if not current then
    redis.call('ZADD', zset, score, member)
    return true
  end
  if tonumber(score) > tonumber(current) then redis.call('ZADD', zset, score, member) end
  return false
end

local function hdel(hash, fields)
  for i = 1, #fields, 500 do
    redis.call('HDEL', hash, unpack(fields, i, math.min(i + 499, #fields)))
  end
end

-- Keeps the n highest-ranked members, dropping the others from the hashes too.
local function cap(zset, n, hash, ord)
  local extra = redis.call('ZCARD', zset) - n
  if extra <= 0 then return end
  local gone = redis.call('ZRANGE', zset, 0, extra - 1)
  redis.call('ZREMRANGEBYRANK', zset, 0, extra - 1)
  hdel(hash, gone)
  hdel(ord, gone)
end

-- Drops the members scored below min (and their entries in the hashes, when given).
local function since(zset, min, hash, ord)
  local bound = '(' .. string.format('%.0f', min)
  local gone = redis.call('ZRANGEBYSCORE', zset, '-inf', bound)
  if #gone == 0 then return end
  redis.call('ZREMRANGEBYSCORE', zset, '-inf', bound)
  if hash then
    hdel(hash, gone)
    hdel(ord, gone)
  end
end

-- Upserts into a view that keeps the n members with the highest scores; returns won, and whether the member is
-- new and kept (an intervention to announce).
local function ranked(zset, hash, ord, n)
  local added = raise(zset, field, time)
  cap(zset, tonumber(n), hash, ord)
  if not redis.call('ZSCORE', zset, field) then return false, false end
  return upsert(hash, ord, field, order, json), added
end

-- The learner was active in the course at time: moves the course's clock and trims the windows to it.
local function activity()
  if lo < 0 or co < 0 or time == '' then return end
  raise(L[COURSES], course, time)
  local clock = tonumber(redis.call('GET', C[CLOCK]) or time)
  if tonumber(time) > clock then clock = tonumber(time) end
  redis.call('SET', C[CLOCK], string.format('%.0f', clock))
  raise(C[ACTIVE], learner, time)
  since(C[ACTIVE], clock - tonumber(ARGV[8]))
  since(C[STRUGGLING], clock - tonumber(ARGV[9]), C[WHY], C[WHY_ORD])
end

local function struggle()
  if co < 0 or ARGV[17] == '' then return end
  raise(C[STRUGGLING], learner, time)
  local clock = tonumber(redis.call('GET', C[CLOCK]))
  since(C[STRUGGLING], clock - tonumber(ARGV[9]), C[WHY], C[WHY_ORD])
  if redis.call('ZSCORE', C[STRUGGLING], learner) then
    upsert(C[WHY], C[WHY_ORD], learner, ARGV[18], ARGV[17])
  end
end

local won = false
if kind == 'attempt' then
  won = ranked(L[RECENT_ATTEMPTS], L[ATTEMPTS], L[ATTEMPTS_ORD], ARGV[5])
  activity()
elseif kind == 'mastery' then
  won = upsert(L[MASTERY], L[MASTERY_ORD], field, order, json)
  activity()
  struggle()
elseif kind == 'aggregate' or kind == 'session' then
  won = upsert(L[LATEST], L[LATEST_ORD], field, order, json)
  activity()
elseif kind == 'question' then
  won = upsert(C[QUESTIONS], C[QUESTIONS_ORD], field, order, json)
elseif kind == 'intervention' then
  won = ranked(L[L_INTERVENTIONS], L[L_INTERVENTION_DATA], L[L_INTERVENTION_ORD], ARGV[6])
  if co >= 0 then
    local announce
    won, announce = ranked(C[C_INTERVENTIONS], C[C_INTERVENTION_DATA], C[C_INTERVENTION_ORD], ARGV[7])
    activity()
    struggle()
    if announce then redis.call('PUBLISH', ARGV[10], json) end
  end
elseif kind == 'enrollment' then
  won = redis.call('SADD', L[ENROLLED], field) == 1
else
  return redis.error_reply('unknown serving update kind: ' .. tostring(kind))
end

for i = 1, #L do redis.call('PEXPIRE', L[i], ttl) end
for i = 1, #C do redis.call('PEXPIRE', C[i], ttl) end
return won and 1 or 0
