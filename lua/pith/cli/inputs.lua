--- Inputs of bin/pith: turns INPUT arguments and -i lists into jobs, and reads
-- a job's bytes. A job is { source = string, path = string | nil (nil: stdin),
-- url = string | nil, error = string | nil (known unreadable before reading),
-- size = bytes | nil (a file's, when the listing learnt it) }.
-- A job yields one page, or one per HTML response when it is a web archive
-- (see M.pages).
local warc = require "pith.warc"

local M = {}

local has_lfs, lfs = pcall(require, "lfs")
if not has_lfs then lfs = nil end

local PAGE_EXTENSIONS = { html = true, htm = true, gz = true, warc = true }

local function wanted(name)
  local ext = name:match("%.([^./]+)$")
  return ext ~= nil and PAGE_EXTENSIONS[ext:lower()] == true
end

-- io.* messages start with "path: "; the record already names the path.
local function strip_path(msg, path)
  msg = tostring(msg)
  if msg:sub(1, #path + 2) == path .. ": " then return msg:sub(#path + 3) end
  return msg
end

-- Whether path is a folder; and, with lfs, the size of a file (the worker
-- pool's guess at its cost, without a second stat).
local function is_dir(path)
  if lfs then
    local attr = lfs.attributes(path)
    return attr ~= nil and attr.mode == "directory", attr and attr.mode == "file" and attr.size or nil
  end
  local f = io.open(path, "rb")
  if not f then return false end
  local _, _, code = f:read(0)
  f:close()
  return code == 21 -- EISDIR
end

local function join(dir, name)
  if dir:sub(-1) == "/" then return dir .. name end
  return dir .. "/" .. name
end

-- Recursive listing with lfs. Symlinks to files count; symlinks to folders are
-- not followed (as find does by default), so a link cycle cannot loop.
local function walk_lfs(dir, out)
  local ok, iter, state = pcall(lfs.dir, dir)
  if not ok then return nil, strip_path(iter, dir) end
  for name in iter, state do
    if name ~= "." and name ~= ".." then
      local p = join(dir, name)
      local mode = lfs.symlinkattributes(p, "mode")
      if mode == "link" then mode = lfs.attributes(p, "mode"); if mode == "directory" then mode = nil end end
      if mode == "directory" then
        local _, err = walk_lfs(p, out)
        if err then return nil, err end
      elseif mode == "file" and wanted(name) then
        out[#out + 1] = p
      end
    end
  end
  return out
end

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function walk_find(dir, out)
  local p = io.popen("find " .. shell_quote(dir) .. " -xtype f -print0 2>/dev/null", "r")
  if not p then return nil, "cannot run find" end
  local all = p:read("a") or ""
  local ok = p:close()
  for path in all:gmatch("([^%z]+)%z") do
    if wanted(path:match("[^/]*$")) then
      if dir:sub(-1) == "/" and path:sub(#dir + 1, #dir + 1) == "/" then -- find keeps "dir//x"
        path = dir .. path:sub(#dir + 2)
      end
      out[#out + 1] = path
    end
  end
  if not ok then return nil, "cannot read the whole folder" end
  return out
end

--- Lists the page files under dir, sorted by path (byte order, as `sort` in the
-- C locale). Returns the list, or nil and a message.
function M.list_dir(dir)
  local out, err = (lfs and walk_lfs or walk_find)(dir, {})
  if not out then return nil, err end
  table.sort(out)
  return out
end

local function add_input(jobs, path, url)
  if path == "-" then
    jobs[#jobs + 1] = { source = "-", url = url }
    return
  end
  local dir, size = is_dir(path)
  if dir then
    local files, err = M.list_dir(path)
    if not files then
      jobs[#jobs + 1] = { source = path, path = path, url = url, error = err }
    else
      for _, f in ipairs(files) do jobs[#jobs + 1] = { source = f, path = f } end
    end
  else
    jobs[#jobs + 1] = { source = path, path = path, url = url, size = size }
  end
end

--- Splits a list line "PATH [URL]". The URL is the last field when it looks
-- like one (scheme:...), so PATHs with spaces work when no URL follows them.
local function split_line(line)
  line = line:gsub("\r$", ""):match("^%s*(.-)%s*$")
  if line == "" or line:sub(1, 1) == "#" then return nil end
  local path, url = line:match("^(.-)%s+(%a[%w+.-]*:%S+)$")
  if path and path ~= "" then return path, url end
  return line
end

--- Builds the job list from positional INPUTs, an optional -i list file and an
-- optional URL (for the single INPUT). Returns jobs, or nil and a message
-- (a usage-level problem: the list cannot be read, stdin used twice).
function M.jobs(inputs, list_path, url)
  local jobs = {}
  local stdin_used = false
  for _, a in ipairs(inputs) do
    if a == "-" then
      if stdin_used then return nil, "- (standard input) can be given once" end
      stdin_used = true
    end
    add_input(jobs, a, url)
  end
  if list_path then
    local f, err
    if list_path == "-" then
      if stdin_used then return nil, "standard input cannot be both an INPUT and the -i list" end
      f = io.stdin
    else
      f, err = io.open(list_path, "rb")
      if not f then return nil, "cannot read the input list: " .. tostring(err) end
    end
    for line in f:lines() do
      local path, line_url = split_line(line)
      if path then
        if path == "-" and list_path == "-" then
          return nil, "the -i list on standard input cannot name - as an input"
        end
        add_input(jobs, path, line_url)
      end
    end
    if f ~= io.stdin then f:close() end
  end
  if url and #jobs ~= 1 then
    return nil, "--url applies to one input, but " .. #jobs .. " were found"
  end
  if url then jobs[1].url = url end -- also when the one INPUT was a folder
  return jobs
end

local function is_gzip(bytes)
  return bytes:byte(1) == 0x1f and bytes:byte(2) == 0x8b
end

--- Reads a job's bytes, gunzipping gzip data (by its magic bytes, so a .gz
-- name is not required and a misnamed plain file still reads).
-- Returns bytes, or nil and a message.
function M.read(job)
  if job.error then return nil, job.error end
  local bytes, err
  if job.path == nil then
    bytes, err = io.stdin:read("a")
    if not bytes then return nil, "cannot read standard input: " .. tostring(err) end
  else
    local f
    f, err = io.open(job.path, "rb")
    if not f then return nil, strip_path(err, job.path) end
    bytes, err = f:read("a")
    f:close()
    if not bytes then return nil, strip_path(err, job.path) end
  end
  if is_gzip(bytes) then
    local plain
    plain, err = require("pith.core").gunzip(bytes) -- loaded late: --help works unbuilt
    if not plain then return nil, "gzip: " .. tostring(err) end
    return plain
  end
  return bytes
end

local function one(page)
  local done = false
  return function()
    if done then return nil end
    done = true
    return true, page
  end
end

--- Iterates the pages of a job: for _, page in M.pages(job): page = { source,
-- url, bytes [, charset] } or { source, url, error }. One page for an HTML
-- file; a web archive (known by its content, whatever its name) is streamed,
-- a page per HTML response, and job.stats then counts its records
-- ({ records, pages, skipped, errors }, as pith.warc keeps them).
function M.pages(job)
  if job.error then return one({ source = job.source, url = job.url, error = job.error }) end
  local fh, err
  if job.path == nil then
    fh = io.stdin
  else
    fh, err = io.open(job.path, "rb")
    if not fh then return one({ source = job.source, url = job.url, error = strip_path(err, job.path) }) end
  end
  local head = fh:read(warc.CHUNK) or ""
  if warc.sniff(head) then
    local next_page, reader = warc.pages(fh, job.source, head)
    job.stats = reader.stats
    return function()
      local more, page = next_page()
      if not more then
        reader:close()
        if fh ~= io.stdin then fh:close() end
      end
      return more, page
    end
  end
  local rest
  rest, err = fh:read("a")
  if fh ~= io.stdin then fh:close() end
  local bytes = rest and head .. rest
  if not bytes then
    local what = job.path and strip_path(err, job.path) or "cannot read standard input: " .. tostring(err)
    return one({ source = job.source, url = job.url, error = what })
  end
  if is_gzip(bytes) then
    local plain
    plain, err = require("pith.core").gunzip(bytes)
    if not plain then return one({ source = job.source, url = job.url, error = "gzip: " .. tostring(err) }) end
    bytes = plain
  end
  return one({ source = job.source, url = job.url, bytes = bytes })
end

--- Units of work for worker processes: for _, unit in M.units(job). A file
-- that is not a web archive by name is one unit, the job itself (its worker
-- reads it: M.pages(unit)); standard input and archives are read here, and
-- each of their pages is a unit, so that a worker lost on one record costs
-- that record only.
function M.units(job)
  if job.path and not job.error and not warc.is_warc_name(job.path) then return one(job) end
  return M.pages(job)
end

--- Whether the job is a web archive by its name (.warc, .warc.gz).
function M.is_archive(job)
  return job.path ~= nil and warc.is_warc_name(job.path)
end

M.has_lfs = has_lfs

return M
