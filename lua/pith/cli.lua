--- bin/pith: extracts articles from files, folders, lists and stdin.
-- main(argv) -> exit status (0 all inputs read, 1 some failed, 2 usage error,
-- 141 the output pipe was closed). `pith test-rules ...` is pith.cli.test_rules.
-- Only records go to stdout (or -o FILE); messages go to stderr.
local args = require "pith.cli.args"
local inputs = require "pith.cli.inputs"
local record = require "pith.cli.record"
local report = require "pith.cli.report"
local progress = require "pith.cli.progress"

local M = {}

local function message(s)
  io.stderr:write("pith: ", s, "\n")
end

-- The reader of our output went away (pith ... | head): the status a process
-- killed by SIGPIPE gets, which is what happens first unless SIGPIPE is ignored.
local CLOSED_PIPE = 141
local EPIPE = 32

local function closed_pipe(err, code)
  return code == EPIPE or tostring(err):find("Broken pipe", 1, true) ~= nil
end

local function usage_error(s)
  message(s)
  io.stderr:write("Try 'pith --help' for more information.\n")
  return 2
end

-- Writers: each takes (out, rec) and returns true or nil, err, errno (a write
-- error, as file:write gives it).
-- `single` means one page: text-like formats print it bare, json an object.
local function text_writer(field)
  local first = true
  return function(out, rec)
    if not rec.ok then return true end
    local body = rec[field] or rec.text or ""
    if body ~= "" and body:sub(-1) ~= "\n" then body = body .. "\n" end
    -- several pages: separated by a form-feed line, as pr(1) pages are
    local ok, err, code = out:write(first and "" or "\f\n", body)
    first = false
    return ok, err, code
  end
end

-- line: the record already encoded (by a worker), when it was.
local function jsonl_writer(out, rec, line)
  local ok, err, code = out:write(line or record.encode(rec), "\n")
  if ok then ok, err, code = out:flush() end
  return ok, err, code
end

local function json_writer(single)
  local first = true
  return function(out, rec)
    if single then return out:write(record.encode(rec), "\n") end
    local ok, err, code = out:write(first and "[\n" or ",\n", record.encode(rec))
    first = false
    return ok, err, code
  end, function(out) -- closing: the array even when there were no records
    if single then return true end
    return out:write(first and "[\n]\n" or "\n]\n")
  end
end

local function extract_options(o, format)
  return {
    format = (format == "markdown" or format == "html") and format or "text",
    charset = o.charset,
    favor = o.favor,
    tables = not o.no_tables,
    images = o.images or nil,
    links = o.links or nil,
    comments = o.comments or nil,
    max_size = o.max_size,
  }
end

-- Loads pith.rules and adds the -r folders (before any page is read, so the
-- extractor sees them). Returns the module (nil when there is none and no -r
-- needs it), or nil and a usage-level message.
local function setup_rules(dirs)
  local ok, rules = pcall(require, "pith.rules")
  if not ok then
    if #dirs > 0 then return nil, "cannot load pith.rules: " .. tostring(rules) end
    return nil
  end
  for _, dir in ipairs(dirs) do
    if dir == "" then return nil, "option -r needs a folder" end
    local f, oerr = io.open(dir, "rb")
    if not f then return nil, "-r " .. tostring(oerr) end
    local _, _, code = f:read(0)
    f:close()
    if code ~= 21 then return nil, "-r " .. dir .. ": not a folder" end -- EISDIR: only a folder reads so
    rules.add_path(dir)
  end
  return rules
end

-- Writes one record; returns "ok", "encode" (it could not be encoded: an error
-- record took its place), "closed" (the reader went away) or "failed".
local function emit(write, out, rec, say, line)
  local how = "ok"
  local ok_enc, wok, werr, wcode = pcall(write, out, rec, line)
  if not ok_enc then
    how = "encode"
    say(rec.source .. ": cannot encode the record: " .. tostring(wok))
    ok_enc, wok, werr, wcode = pcall(write, out, { source = rec.source, url = rec.url, ok = false,
                                                   error = "cannot encode the record" })
  end
  if ok_enc and not wok then
    if closed_pipe(werr, wcode) then return "closed" end
    message("write error: " .. tostring(werr))
    return "failed"
  end
  return how
end

-- This process (and the workers it forks) keeps freed heap for the next page
-- instead of handing it back and faulting it in again page by page (see
-- proc.keep_heap): up to 32 MB kept free, blocks under 8 MB from the heap.
-- bin/pith owns its process; the library never changes malloc's settings.
local KEEP_FREE, MAP_FROM = 32 * 1024 * 1024, 8 * 1024 * 1024
local function keep_heap()
  local ok, core = pcall(require, "pith.core")
  if ok and type(core) == "table" and core.proc and core.proc.keep_heap then
    core.proc.keep_heap(KEEP_FREE, MAP_FROM)
  end
end

-- A guess at a unit's work for the pool's scheduling (costliest first): its
-- size, a gzip file's counted 5 times. A file's size comes from the listing
-- (pith.cli.inputs), else costs one stat (or open and seek) in the parent.
local GZ_RATIO = 5
local has_lfs, lfs = pcall(require, "lfs")
local function unit_cost(unit)
  if unit.bytes then return #unit.bytes end
  local path = unit.path
  if not path then return 0 end
  local size = unit.size
  if not size and has_lfs then
    size = lfs.attributes(path, "size")
  elseif not size then
    local f = io.open(path, "rb")
    if f then
      size = f:seek("end")
      f:close()
    end
  end
  if not size then return 0 end
  if path:sub(-3):lower() == ".gz" then size = size * GZ_RATIO end
  return size
end

-- The pages of the jobs through worker processes (pith.cli.workers). sink's
-- take(rec), skipped(n) and say(msg) are called in the parent, in input order
-- unless --unordered; sink.going() is false once the output is closed.
-- Returns true, false (stopped), or nil and a message when no worker could
-- start (nothing was read then).
local function run_workers(pith, jobs, o, n, eopts, rules, sink, prog, format)
  local workers = require "pith.cli.workers"
  local json = require "pith.json"
  local job_i, next_unit = 0, nil
  local pending = {} -- units handed out but not yet emitted, per input
  local exhausted = {} -- inputs whose units have all been handed out
  local told = {} -- rule messages the parent already passed on
  -- (in a worker) rule messages already sent: those from before the fork are
  -- the parent's to tell
  local rules_sent = 0
  if rules then
    local ok, list = pcall(rules.errors)
    if ok and type(list) == "table" then rules_sent = #list end
  end

  local function input_progress(i)
    if exhausted[i] and (pending[i] or 0) == 0 then
      exhausted[i] = nil
      local job = jobs[i]
      if job.stats then sink.skipped(job.stats.skipped) end -- an archive read here
      prog:input_done()
    end
  end

  local function units()
    while true do
      if next_unit then
        local more, unit = next_unit()
        if more then
          unit.input = job_i
          pending[job_i] = (pending[job_i] or 0) + 1
          return unit
        end
        next_unit = nil
        exhausted[job_i] = true
        input_progress(job_i)
      end
      job_i = job_i + 1
      if not jobs[job_i] then return nil end
      next_unit = inputs.units(jobs[job_i])
    end
  end

  -- In a worker: a unit is a page (bytes read by the parent) or a job to read.
  -- For JSON Lines the worker encodes each record, and sends the parent only
  -- what it needs besides the line (encoding is work the workers share).
  local function work(unit)
    local recs, res = {}, {}
    if unit.path then
      for _, page in inputs.pages(unit) do recs[#recs + 1] = record.process(pith, page, eopts) end
      res.skipped = unit.stats and unit.stats.skipped or nil
    else
      recs[1] = record.process(pith, unit, eopts)
    end
    if format == "jsonl" then
      local lines = {}
      for i, rec in ipairs(recs) do
        local ok, line = pcall(record.encode, rec)
        if ok then
          lines[i] = line
          recs[i] = { source = rec.source, ok = rec.ok, error = rec.error }
        else
          lines[i] = false -- the parent tries, and reports the failure
        end
      end
      res.lines = lines
    end
    res.recs = recs
    if rules then -- broken rules are found in workers: the parent tells them
      local ok, list = pcall(rules.errors)
      if ok and type(list) == "table" and #list > rules_sent then
        res.rule_messages = { table.unpack(list, rules_sent + 1) }
        rules_sent = #list
      end
    end
    return res
  end

  local function lost(unit, why)
    return { recs = { { source = unit.source, url = unit.url or json.null, ok = false, error = why } } }
  end

  local function pass_on(res, unit)
    for i, rec in ipairs(res.recs) do
      sink.take(rec, res.lines and res.lines[i] or nil)
      if not sink.going() then return false end
    end
    if res.skipped then sink.skipped(res.skipped) end
    for _, m in ipairs(res.rule_messages or {}) do
      if not told[m] then
        told[m] = true
        sink.say("rule: " .. tostring(m))
      end
    end
    pending[unit.input] = pending[unit.input] - 1
    input_progress(unit.input)
    return true
  end

  return workers.run({ jobs = n, timeout = o.timeout, unordered = o.unordered,
                       units = units, work = work, lost = lost, emit = pass_on, cost = unit_cost,
                       tick = prog.enabled and function() prog:draw() end or nil })
end

function M.main(argv)
  argv = argv or {}
  if argv[1] == "test-rules" then
    return require("pith.cli.test_rules").main({ table.unpack(argv, 2) })
  end
  local o, err = args.parse(argv)
  if not o then return usage_error(err) end
  if o.help then
    io.stdout:write(args.usage)
    return 0
  end
  local ok_pith, pith = pcall(require, "pith")
  if o.version then
    io.stdout:write("pith ", ok_pith and pith.version or "(not built)", "\n")
    return 0
  end
  if #o.inputs == 0 and not o.input_list then return usage_error("no INPUT given (use - for stdin)") end
  if not ok_pith then
    message("cannot load the pith module: " .. tostring(pith))
    return 2
  end
  keep_heap()
  local rules
  rules, err = setup_rules(o.rules)
  if err then return usage_error(err) end

  local jobs
  jobs, err = inputs.jobs(o.inputs, o.input_list, o.url)
  if not jobs then return usage_error(err) end

  -- One page (a single file or -) reads like a document; anything that can
  -- expand to many (a folder, a list, several INPUTs) is a batch.
  local single = #o.inputs == 1 and not o.input_list and #jobs == 1 and jobs[1].source == o.inputs[1]
    and not inputs.is_archive(jobs[1])
  local format = o.format or (single and "text" or "jsonl")

  local out = io.stdout
  if o.output then
    local f, oerr = io.open(o.output, "wb")
    if not f then
      message("cannot write " .. tostring(oerr))
      return 2
    end
    out = f
  end
  out:setvbuf("full")

  local write, finish
  if format == "jsonl" then write = jsonl_writer
  elseif format == "json" then write, finish = json_writer(single)
  else write = text_writer(format) end

  local rep = report.new(o)
  local show, tty = progress.wanted(o)
  local prog = progress.new({ enabled = show, tty = tty, total = #jobs })
  rep.before_say = function() prog:clear() end
  local eopts = extract_options(o, format)
  local status = 0
  local stop -- the exit status once the output cannot take more

  local function take(rec, line)
    if not rec.ok then status = 1 end
    rep.page(rec)
    prog:page(rec.ok)
    local how = emit(write, out, rec, rep.say, line)
    if how == "closed" then stop = CLOSED_PIPE
    elseif how == "failed" then stop = 1
    elseif how == "encode" then status = 1 end
    rep.rules(rules, true)
  end
  local function skipped(n)
    rep.skipped = rep.skipped + n
    prog:skipped(n)
  end

  local n_workers = o.jobs
  if not n_workers and not single then n_workers = require("pith.cli.workers").default_jobs() end
  local parallel = o.timeout ~= nil or (n_workers or 1) > 1 and (#jobs > 1 or inputs.is_archive(jobs[1] or {}))
  local ran
  if parallel then
    local sink = { take = take, skipped = skipped, say = rep.say, going = function() return stop == nil end }
    ran, err = run_workers(pith, jobs, o, n_workers or 1, eopts, rules, sink, prog, format)
    if ran == nil then rep.say("cannot start worker processes (" .. tostring(err) .. "); working in-process") end
  end
  if not ran and stop == nil then
    for _, job in ipairs(jobs) do
      for _, page in inputs.pages(job) do
        take(record.process(pith, page, eopts))
        if stop then break end
      end
      if stop then break end
      skipped(job.stats and job.stats.skipped or 0)
      prog:input_done()
    end
  end
  prog:finish()
  if stop then return stop end
  local fok, ferr, fcode = true, nil, nil
  if finish then fok, ferr, fcode = finish(out) end
  if fok then fok, ferr, fcode = out:flush() end
  if not fok then
    if closed_pipe(ferr, fcode) then return CLOSED_PIPE end
    message("write error: " .. tostring(ferr))
    return 1
  end
  if out ~= io.stdout then out:close() end
  rep.rules(rules)
  rep.finish()
  return status
end

return M
