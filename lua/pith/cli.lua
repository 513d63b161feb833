--- bin/pith: extracts articles from files, folders, lists and stdin.
-- main(argv) -> exit status (0 all inputs read, 1 some failed, 2 usage error).
-- Only records go to stdout (or -o FILE); messages go to stderr.
local args = require "pith.cli.args"
local inputs = require "pith.cli.inputs"
local record = require "pith.cli.record"

local M = {}

local function message(s)
  io.stderr:write("pith: ", s, "\n")
end

local function usage_error(s)
  message(s)
  io.stderr:write("Try 'pith --help' for more information.\n")
  return 2
end

-- Writers: each takes (out, rec) and returns true or nil, err (a write error).
-- `single` means one page: text-like formats print it bare, json an object.
local function text_writer(field)
  local first = true
  return function(out, rec)
    if not rec.ok then return true end
    local body = rec[field] or rec.text or ""
    if body ~= "" and body:sub(-1) ~= "\n" then body = body .. "\n" end
    -- several pages: separated by a form-feed line, as pr(1) pages are
    local ok, err = out:write(first and "" or "\f\n", body)
    first = false
    return ok, err
  end
end

local function jsonl_writer(out, rec)
  local ok, err = out:write(record.encode(rec), "\n")
  if ok then ok, err = out:flush() end
  return ok, err
end

local function json_writer(single)
  local first = true
  return function(out, rec)
    if single then return out:write(record.encode(rec), "\n") end
    local ok, err = out:write(first and "[\n" or ",\n", record.encode(rec))
    first = false
    return ok, err
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
  }
end

function M.main(argv)
  local o, err = args.parse(argv or {})
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

  local jobs
  jobs, err = inputs.jobs(o.inputs, o.input_list, o.url)
  if not jobs then return usage_error(err) end

  -- One page (a single file or -) reads like a document; anything that can
  -- expand to many (a folder, a list, several INPUTs) is a batch.
  local single = #o.inputs == 1 and not o.input_list and #jobs == 1 and jobs[1].source == o.inputs[1]
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

  local eopts = extract_options(o, format)
  local status = 0
  for _, job in ipairs(jobs) do
    for _, page in inputs.pages(job) do
      local rec = record.process(pith, page, eopts)
      if not rec.ok then
        status = 1
        message(rec.source .. ": " .. rec.error)
      end
      local ok_enc, wok, werr = pcall(write, out, rec)
      if not ok_enc then -- the record itself could not be encoded
        status = 1
        message(rec.source .. ": cannot encode the record: " .. tostring(wok))
        ok_enc, wok, werr = pcall(write, out, { source = rec.source, url = rec.url, ok = false,
                                                error = "cannot encode the record" })
      end
      if ok_enc and not wok then
        message("write error: " .. tostring(werr))
        return 1
      end
    end
  end
  if finish then finish(out) end
  local fok, ferr = out:flush()
  if not fok then
    message("write error: " .. tostring(ferr))
    return 1
  end
  if out ~= io.stdout then out:close() end
  return status
end

return M
