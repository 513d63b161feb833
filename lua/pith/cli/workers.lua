--- A pool of forked worker processes for bin/pith -j N.
--
-- The parent hands out units of work (one page, or one file a worker reads
-- itself), one at a time per worker, over a socket pair, and gets back each
-- unit's results. Results are passed on in the order the units were made
-- (or as they come, unordered). A worker that dies or overruns the timeout on
-- a unit is killed and replaced; that unit alone gets the `lost` results.
--
-- Why one unit at a time: a worker never has more than one unit queued, so a
-- crash loses one page, a slow page cannot hold others hostage, and the parent
-- never blocks writing to a worker (a worker reads its whole unit before it
-- writes anything back).
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

--- The number of processors online (nproc honours CPU affinity and cgroup
-- limits), or the processors listed in /proc/cpuinfo, or 1.
function M.default_jobs()
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
--   window = max units done but not yet emitted (default 64 per worker)
--   tick = function() called at least every tick_ms (default 500) while
--          waiting (to redraw a progress line)
-- }
-- Returns true (false when emit stopped it), or nil and a message when no
-- worker could be started (then no unit was taken: the caller can work
-- in-process).
function M.run(opts)
  local self = setmetatable({
    opts = opts, n = math.max(1, opts.jobs or 1), slots = {}, seq = 0, next_emit = 1,
    done = {}, units_of = {}, window = opts.window or 64 * math.max(1, opts.jobs or 1),
  }, Pool)
  local first, err = self:spawn(1)
  if not first then return nil, err end
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
  local slot = { pid = pid, fd = a, buf = "" }
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

function Pool:lose(i, message, kill)
  local s = self.slots[i]
  local seq = s.seq
  local how, code = self:retire(i, kill)
  if not message then
    message = how == "signal" and ("worker killed by signal %d on this page"):format(code)
      or ("worker exited (status %s) on this page"):format(tostring(code))
  end
  self:finish_unit(seq, self.opts.lost(self.units_of[seq], message))
end

function Pool:loop()
  local opts = self.opts
  local exhausted = false
  while not self.stopped do
    -- hand out units to idle (or dead, respawned) slots
    for i = 1, self.n do
      if exhausted then break end
      local s = self.slots[i]
      if not (s and s.seq) and (opts.unordered or self.seq + 1 - self.next_emit < self.window) then
        local unit = opts.units()
        if unit == nil then
          exhausted = true
        else
          local spawn_err
          if not s then
            s, spawn_err = self:spawn(i)
          end
          self.seq = self.seq + 1
          -- what emit and lost need, without the page's bytes
          self.units_of[self.seq] = { source = unit.source, url = unit.url, input = unit.input }
          if s then
            s.seq, s.started = self.seq, proc.now()
            if not proc.send(s.fd, frame(M.encode(unit))) then self:lose(i) end
          else -- fork failed (out of processes?): this unit fails, the next one retries
            self:finish_unit(self.seq, opts.lost(unit, "cannot start a worker: " .. tostring(spawn_err)))
          end
        end
      end
    end
    -- wait for results
    local fds, by_fd, wait_ms = {}, {}, -1
    local now = proc.now()
    for i, s in pairs(self.slots) do
      if s.seq then
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
      if exhausted then break end
    else
      local ready = proc.poll(fds, wait_ms) or {}
      for fd in pairs(ready) do
        local i = by_fd[fd]
        local s = self.slots[i]
        local chunk = proc.recv(fd, 1 << 20)
        if not chunk or chunk == "" then
          self:lose(i)
        else
          s.buf = s.buf .. chunk
          local msg
          msg, s.buf = pop_frame(s.buf)
          if msg then
            local seq = s.seq
            s.seq = nil
            local reply = M.decode(msg)
            self:finish_unit(seq, reply.results or opts.lost(self.units_of[seq], "worker error: "
                                                                  .. tostring(reply.error)))
          end
        end
      end
      if opts.timeout then
        now = proc.now()
        for i, s in pairs(self.slots) do
          if s.seq and now - s.started >= opts.timeout then
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
