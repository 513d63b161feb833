--- A pool of forked worker processes for bin/pith -j N.
--
-- The parent hands out units of work (a file a worker reads itself, or a page
-- read from an archive or stdin) over a socket pair per worker, and gets back
-- each unit's results (for JSON Lines, the finished line: the parent only puts
-- lines in order and writes them). Results are passed on in the order the
-- units were made (or as they come, unordered). A worker that dies or overruns
-- the timeout on a unit is killed and replaced; that unit alone gets the `lost`
-- results, and the units queued behind it go to a worker again.
--
-- Each worker holds a few units (`depth`): it starts the next as soon as it
-- has sent a result, without waiting for the parent to wake up, read it and
-- answer (a round trip per page kept a worker idle, more so on a loaded
-- machine). The parent never blocks writing to a worker: a unit goes behind
-- another only while the bytes queued behind fit in the socket's buffer; a
-- large page waits for an idle worker. Of the units read ahead, the costliest
-- (largest) goes first, so that a big page near the end of the list does not
-- run alone while the other workers have nothing left.
local core = require "pith.core"
local json = require "pith.json"

local proc = core.proc

local M = {}

-- Serialisation of units and results: strings, numbers, booleans, json.null
-- and tables of those (records are flat but authors/tags are arrays).
local pack, unpack = string.pack, string.unpack
local NULL = json.null

local function encode_into(v, out)
  local t = type(v)
  if t == "string" then
    out[#out + 1] = "s" .. pack("<s4", v)
  elseif t == "number" then
    out[#out + 1] = math.type(v) == "integer" and "i" .. pack("<j", v) or "d" .. pack("<n", v)
  elseif t == "boolean" then
    out[#out + 1] = v and "T" or "F"
  elseif v == NULL then
    out[#out + 1] = "z"
  elseif t == "table" then
    local n = 0
    for _ in pairs(v) do n = n + 1 end
    out[#out + 1] = "t" .. pack("<I4", n)
    for k, x in pairs(v) do
      encode_into(k, out)
      encode_into(x, out)
    end
  else
    error("cannot send a " .. t .. " to a worker")
  end
end

function M.encode(v)
  local out = {}
  encode_into(v, out)
  return table.concat(out)
end

local function decode_at(s, i)
  local tag = s:sub(i, i)
  i = i + 1
  if tag == "s" or tag == "i" or tag == "d" then
    return unpack(tag == "s" and "<s4" or tag == "i" and "<j" or "<n", s, i)
  elseif tag == "T" then return true, i
  elseif tag == "F" then return false, i
  elseif tag == "z" then return NULL, i
  elseif tag == "t" then
    local n
    n, i = unpack("<I4", s, i)
    local t = {}
    for _ = 1, n do
      local k, v
      k, i = decode_at(s, i)
      v, i = decode_at(s, i)
      t[k] = v
    end
    return t, i
  end
  error("corrupt worker message (tag " .. ("%q"):format(tag) .. ")")
end

function M.decode(s)
  return (decode_at(s, 1))
end

--- The number of processors this process may run on (its CPU affinity, as
-- nproc counts them: proc.ncpu, a system call, where the build has it; else
-- nproc itself, which costs a shell), or the processors listed in
-- /proc/cpuinfo, or 1.
function M.default_jobs()
  local cpus = proc.ncpu and proc.ncpu()
  if cpus and cpus >= 1 then return cpus end
  local p = io.popen("nproc 2>/dev/null", "r")
  local n = p and tonumber(p:read("l") or "")
  if p then p:close() end
  if n and n >= 1 then return math.floor(n) end
  local f = io.open("/proc/cpuinfo", "r")
  if f then
    local c = 0
    for line in f:lines() do
      if line:match("^processor%s*:") then c = c + 1 end
    end
    f:close()
    if c > 0 then return c end
  end
  return 1
end

-- Frames: a 4-byte length, then the message.
local function frame(msg)
  return pack("<s4", msg)
end

-- Pops one complete frame from buf: message, rest; or nil, buf.
local function pop_frame(buf)
  if #buf < 4 then return nil, buf end
  local n = unpack("<I4", buf)
  if #buf < 4 + n then return nil, buf end
  return buf:sub(5, 4 + n), buf:sub(5 + n)
end

-- Test hook (the specs use it; harmless otherwise): PITH_TEST_WORKER_FAULT =
-- "crash:TEXT" or "hang:TEXT" makes a worker die by SIGKILL, or spin forever,
-- on a unit whose source contains TEXT.
local function fault_hook()
  local spec = os.getenv("PITH_TEST_WORKER_FAULT")
  if not spec then return nil end
  local kind, text = spec:match("^(%a+):(.+)$")
  if not kind then return nil end
  return function(unit)
    if type(unit.source) ~= "string" or not unit.source:find(text, 1, true) then return end
    if kind == "crash" then
      proc.kill(proc.getpid(), "KILL")
    elseif kind == "hang" then
      while true do end
    end
  end
end

-- The worker's life: read a unit, work, send the results; until the parent
-- closes the socket. Never returns: a forked copy of the parent must not run
-- the parent's code nor flush its buffers (proc.exit is _exit).
local function worker_main(fd, work)
  local ok = pcall(function()
    local fault = fault_hook()
    local buf = ""
    while true do
      local msg
      msg, buf = pop_frame(buf)
      if msg then
        local unit = M.decode(msg)
        if fault then fault(unit) end
        local okw, results = pcall(work, unit)
        if not okw then results = { error = tostring(results) } end
        local sent = proc.send(fd, frame(M.encode(okw and { results = results } or results)))
        if not sent then return end
      else
        local chunk = proc.recv(fd, 65536)
        if not chunk or chunk == "" then return end
        buf = buf .. chunk
      end
    end
  end)
  proc.exit(ok and 0 or 70)
end

local Pool = {}
Pool.__index = Pool

-- Bytes that may wait in a worker's socket behind the page it works on, when
-- the socket's send buffer size cannot be read.
local BEHIND_FALLBACK = 48 * 1024

--- Runs the units through n workers.
-- opts = {
--   jobs = n, timeout = seconds | nil, unordered = bool,
--   units = function() -> unit | nil     (in the parent; a unit is data)
--   work = function(unit) -> results     (in a worker; results are data)
--   emit = function(results, unit)       (in the parent, in unit order;
--                                         returning false stops the run)
--   lost = function(unit, message) -> results   (a worker died or timed out)
--   (emit and lost get the unit's source, url and input fields only: the
--   parent keeps no page bytes once a unit is handed out)
--   cost = function(unit) -> number | nil   (a guess at the unit's work, e.g.
--          its size: of the units read ahead, the costliest go first, so a big
--          page near the end of the list does not leave the other workers idle)
--   window = max units taken but not yet emitted (default 64 per worker)
--   depth = units a worker holds at once (default 3): the one it works on and
--           those queued behind it, so it never waits for the parent between
--           pages; a unit is queued behind another only while the queued bytes
--           fit in the socket's buffer (the parent must never block on a send)
--   lookahead = units read ahead to choose from (default 8 per worker)
--   tick = function() called at least every tick_ms (default 500) while
--          waiting (to redraw a progress line)
-- }
-- Returns true (false when emit stopped it), or nil and a message when no
-- worker could be started (then no unit was taken: the caller can work
-- in-process).
function M.run(opts)
  local n = math.max(1, opts.jobs or 1)
  local self = setmetatable({
    opts = opts, n = n, slots = {}, seq = 0, next_emit = 1, done = {}, units_of = {},
    window = opts.window or 64 * n, depth = math.max(1, opts.depth or 3),
    lookahead = opts.lookahead or 8 * n,
    ready = {}, -- units taken but not sent: { seq, frame, cost }, in seq order
    ready_bytes = 0,
  }, Pool)
  local first, err = self:spawn(1)
  if not first then return nil, err end
  local sndbuf = proc.sndbuf and proc.sndbuf(first.fd)
  self.behind_max = sndbuf and sndbuf // 4 or BEHIND_FALLBACK
  local ok, res = pcall(self.loop, self)
  -- stopped, or an error in the caller's callbacks: no worker outlives the run
  for i in pairs(self.slots) do self:retire(i, true) end
  if not ok then error(res, 0) end
  return res
end

function Pool:spawn(i)
  local a, b = proc.socketpair()
  if not a then return nil, b end
  local pid, err = proc.fork()
  if not pid then
    proc.close(a)
    proc.close(b)
    return nil, err
  end
  if pid == 0 then
    proc.close(a)
    for _, s in pairs(self.slots) do proc.close(s.fd) end -- the other workers' ends
    worker_main(b, self.opts.work)
  end
  proc.close(b)
  -- queue: the units sent, oldest (the one being worked on) first; behind:
  -- the bytes of those after the first
  local slot = { pid = pid, fd = a, buf = "", queue = {}, behind = 0 }
  self.slots[i] = slot
  return slot
end

-- Ends a worker: kill (when asked), reap, and free its slot. Returns how it ended.
function Pool:retire(i, kill)
  local s = self.slots[i]
  self.slots[i] = nil
  proc.close(s.fd)
  if kill then proc.kill(s.pid, "KILL") end
  local _, how, code = proc.wait(s.pid)
  return how, code
end

function Pool:finish_unit(seq, results)
  if self.stopped then return end
  if self.opts.unordered then
    if self.opts.emit(results, self.units_of[seq]) == false then self.stopped = true end
    self.units_of[seq] = nil
    return
  end
  self.done[seq] = results
  while self.done[self.next_emit] ~= nil and not self.stopped do
    local k = self.next_emit
    if self.opts.emit(self.done[k], self.units_of[k]) == false then self.stopped = true end
    self.done[k], self.units_of[k] = nil, nil
    self.next_emit = k + 1
  end
end

-- A worker died (or was killed): the unit it was on gets the lost results; the
-- units queued behind it go back to be handed out again.
function Pool:lose(i, message, kill)
  local s = self.slots[i]
  local head = s.queue[1]
  for k = #s.queue, 2, -1 do self:requeue(s.queue[k]) end
  local how, code = self:retire(i, kill)
  if not message then
    message = how == "signal" and ("worker killed by signal %d on this page"):format(code)
      or ("worker exited (status %s) on this page"):format(tostring(code))
  end
  self:finish_unit(head.seq, self.opts.lost(self.units_of[head.seq], message))
end

-- Reads what worker i has written and takes the whole replies in it. False
-- when the worker is gone (its end closed, or an error).
function Pool:read_replies(i)
  local s = self.slots[i]
  local chunk = proc.recv(s.fd, 1 << 20)
  if not chunk or chunk == "" then return false end
  s.buf = s.buf .. chunk
  while s.queue[1] and not self.stopped do
    local msg
    msg, s.buf = pop_frame(s.buf)
    if not msg then break end
    self:result(i, msg)
  end
  return true
end

-- A send failed: the worker is gone, but the results it wrote before dying are
-- still in the socket. Reading them first loses only the unit it died on.
function Pool:drain(i)
  local s = self.slots[i]
  while s.queue[1] and not self.stopped and self:read_replies(i) do end
  if s.queue[1] then self:lose(i) else self:retire(i) end
end

-- Puts an entry back among the ready ones, keeping them in seq order.
function Pool:requeue(e)
  local ready = self.ready
  local k = #ready + 1
  while k > 1 and ready[k - 1].seq > e.seq do k = k - 1 end
  table.insert(ready, k, e)
  self.ready_bytes = self.ready_bytes + #e.frame
end

-- Reads units ahead, as far as the order window, the lookahead and a memory
-- bound (archive pages carry their bytes) allow.
local READY_BYTES_MAX = 64 * 1024 * 1024
function Pool:fill()
  local opts = self.opts
  while not self.exhausted and #self.ready < self.lookahead
    and (#self.ready == 0 or self.ready_bytes < READY_BYTES_MAX)
    and (opts.unordered or self.seq + 1 - self.next_emit < self.window) do
    local unit = opts.units()
    if unit == nil then
      self.exhausted = true
      break
    end
    self.seq = self.seq + 1
    -- what emit and lost need, without the page's bytes
    self.units_of[self.seq] = { source = unit.source, url = unit.url, input = unit.input }
    local e = { seq = self.seq, frame = frame(M.encode(unit)), cost = opts.cost and opts.cost(unit) or 0 }
    self.ready[#self.ready + 1] = e
    self.ready_bytes = self.ready_bytes + #e.frame
  end
end

-- Takes the costliest ready entry (the oldest of equals) that can go to a
-- worker already holding `held` units (behind: their queued bytes).
function Pool:take(held, behind)
  local best, best_cost
  for k, e in ipairs(self.ready) do
    if (held == 0 or behind + #e.frame <= self.behind_max) and (not best or e.cost > best_cost) then
      best, best_cost = k, e.cost
    end
  end
  if not best then return nil end
  local e = table.remove(self.ready, best)
  self.ready_bytes = self.ready_bytes - #e.frame
  return e
end

-- Sends one ready unit to worker i (spawning it again if it died) when it
-- holds fewer than `level` units. Returns true when a unit went out.
function Pool:give(i, level)
  local s = self.slots[i]
  local held = s and #s.queue or 0
  if held >= level then return false end
  self:fill()
  local e = self:take(held, s and s.behind or 0)
  if not e then return false end
  if not s then
    local spawn_err
    s, spawn_err = self:spawn(i)
    if not s then -- fork failed (out of processes?): this unit fails, the next one retries
      self:finish_unit(e.seq, self.opts.lost(self.units_of[e.seq], "cannot start a worker: "
                                               .. tostring(spawn_err)))
      return false
    end
  end
  local q = s.queue
  q[#q + 1] = e
  local bytes = e.frame
  if #q == 1 then
    s.started = proc.now()
    e.frame = nil -- the worker reads it at once: the parent keeps no page bytes
  else
    s.behind = s.behind + #bytes -- kept until it starts: a lost worker's queue is handed out again
  end
  if not proc.send(s.fd, bytes) then
    self:drain(i)
    return false
  end
  return true
end

-- Hands out units, a round at a time (every worker gets its first unit before
-- any gets a second), until each worker holds `depth` or nothing more can go.
function Pool:dispatch()
  for level = 1, self.depth do
    for i = 1, self.n do
      if self.stopped then return end
      self:give(i, level)
    end
  end
end

-- The results of a worker's oldest unit have come: the next one in its queue
-- starts now.
function Pool:result(i, msg)
  local s = self.slots[i]
  local e = table.remove(s.queue, 1)
  local nxt = s.queue[1]
  if nxt then
    s.started = proc.now()
    s.behind = s.behind - #nxt.frame
    nxt.frame = nil
  end
  local reply = M.decode(msg)
  self:finish_unit(e.seq, reply.results or self.opts.lost(self.units_of[e.seq], "worker error: "
                                                             .. tostring(reply.error)))
end

function Pool:loop()
  local opts = self.opts
  while not self.stopped do
    self:dispatch()
    if self.stopped then break end
    -- wait for results
    local fds, by_fd, wait_ms = {}, {}, -1
    local now = proc.now()
    for i, s in pairs(self.slots) do
      if s.queue[1] then
        fds[#fds + 1] = s.fd
        by_fd[s.fd] = i
        if opts.timeout then
          local left = math.max(0, math.ceil((s.started + opts.timeout - now) * 1000))
          if wait_ms < 0 or left < wait_ms then wait_ms = left end
        end
      end
    end
    if opts.tick then
      local tick_ms = opts.tick_ms or 500
      if wait_ms < 0 or wait_ms > tick_ms then wait_ms = tick_ms end
      opts.tick()
    end
    if #fds == 0 then
      if self.exhausted and #self.ready == 0 then break end
    else
      local ready = proc.poll(fds, wait_ms) or {}
      for fd in pairs(ready) do
        local i = by_fd[fd]
        if self.slots[i] and not self:read_replies(i) then self:lose(i) end
        if self.stopped then break end
      end
      if opts.timeout and not self.stopped then
        now = proc.now()
        for i, s in pairs(self.slots) do
          if s.queue[1] and now - s.started >= opts.timeout then
            self:lose(i, ("timed out after %g seconds"):format(opts.timeout), true)
          end
        end
      end
    end
  end
  if self.stopped then return false end
  for i in pairs(self.slots) do self:retire(i) end -- closing the socket ends the worker
  return true
end

return M
