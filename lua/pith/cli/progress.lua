--- The progress line of bin/pith on stderr (never stdout): inputs done / total
-- (when known), pages, pages/s, errors, skipped records and an ETA. On a
-- terminal, one line redrawn in place a few times a second; elsewhere (a log,
-- with --progress) a line every few seconds.
--
--   local p = progress.new({ enabled = bool, tty = bool, total = inputs or nil })
--   p:page(ok) ; p:skipped(n) ; p:input_done() ; p:clear() ; p:finish()
local M = {}

local REDRAW = 0.2 -- seconds between redraws on a terminal
local LOG_EVERY = 2 -- seconds between lines elsewhere

local function now()
  local ok, core = pcall(require, "pith.core")
  if ok and core.proc then return core.proc.now() end
  return os.clock()
end

local function stderr_tty()
  local ok, core = pcall(require, "pith.core")
  return ok and core.proc ~= nil and core.proc.isatty(2)
end

--- Whether to show progress, and whether stderr is a terminal: asked for
-- (--progress), or stderr is a terminal; never with --quiet.
function M.wanted(o)
  if o.quiet then return false, false end
  local tty = stderr_tty()
  return (o.progress or tty) and true or false, tty
end

local Progress = {}
Progress.__index = Progress

--- opts: enabled (bool), tty (redraw in place), total (number of inputs, when
-- known), out (a file, default io.stderr), clock (a function giving seconds).
function M.new(opts)
  opts = opts or {}
  local clock = opts.clock or now
  local t = clock()
  return setmetatable({
    enabled = opts.enabled and true or false, tty = opts.tty and true or false, total = opts.total,
    out = opts.out or io.stderr, clock = clock, started = t,
    last = opts.tty and t - REDRAW or t, every = opts.tty and REDRAW or LOG_EVERY,
    inputs = 0, pages = 0, errors = 0, skips = 0, width = 0,
  }, Progress)
end

local function clock_text(s)
  s = math.floor(s + 0.5)
  if s >= 3600 then return ("%d:%02d:%02d"):format(s // 3600, s % 3600 // 60, s % 60) end
  return ("%d:%02d"):format(s // 60, s % 60)
end

--- The line as it would be drawn now (without the carriage return).
function Progress:line()
  local elapsed = math.max(self.clock() - self.started, 1e-6)
  local parts = {}
  if self.total then
    parts[#parts + 1] = ("%d/%d inputs"):format(self.inputs, self.total)
  else
    parts[#parts + 1] = ("%d inputs"):format(self.inputs)
  end
  parts[#parts + 1] = ("%d pages"):format(self.pages)
  parts[#parts + 1] = ("%.1f pages/s"):format(self.pages / elapsed)
  parts[#parts + 1] = ("%d errors"):format(self.errors)
  if self.skips > 0 then parts[#parts + 1] = ("%d skipped"):format(self.skips) end
  if self.total and self.inputs > 0 and self.inputs < self.total then
    parts[#parts + 1] = "ETA " .. clock_text(elapsed / self.inputs * (self.total - self.inputs))
  end
  return table.concat(parts, ", ")
end

function Progress:draw(force)
  if not self.enabled then return end
  local t = self.clock()
  if not force and t - self.last < self.every then return end
  self.last = t
  local s = self:line()
  if not self.tty then
    self.out:write("pith: ", s, "\n")
    return
  end
  -- pad over a longer previous line rather than rely on terminal escapes
  local pad = math.max(0, self.width - #s)
  self.width = #s
  self.out:write("\r", s, (" "):rep(pad))
  self.out:flush()
end

function Progress:page(ok)
  self.pages = self.pages + 1
  if not ok then self.errors = self.errors + 1 end
  self:draw()
end

function Progress:skipped(n)
  self.skips = self.skips + (n or 1)
end

function Progress:input_done()
  self.inputs = self.inputs + 1
  self:draw()
end

--- Erases the line on a terminal (before a message, or the summary line,
-- takes its place); the next page redraws it.
function Progress:clear()
  if not self.enabled or self.width == 0 then return end
  self.out:write("\r", (" "):rep(self.width), "\r")
  self.out:flush()
  self.width = 0
  self.last = self.clock() - self.every
end

function Progress:finish()
  self:clear()
  self.enabled = false
end

--- Seconds since the start.
function Progress:elapsed()
  return self.clock() - self.started
end

return M
