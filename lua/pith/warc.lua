--- WARC (ISO 28500) input for bin/pith: streams a .warc or .warc.gz archive and
-- turns each HTTP `response` record with an HTML payload into a page.
--
--   local r = warc.reader(fh, name [, head])   -- fh: a file opened "rb"
--   local page = r:next()                      -- nil at the end of the archive
--   page = { source = name .. "#" .. offset, url, bytes, charset }
--        | { source, url, error }              -- a truncated or corrupt record
--   r.stats = { records, pages, skipped, errors }
--
-- `head` is bytes already read from fh (to sniff the format). The archive is
-- read in chunks: memory holds one record at most (and no more than MAX_PAGE of
-- its payload), whatever the archive's size. A gzip archive may hold one member
-- per record (Common Crawl) or be one stream; a record's offset is then the
-- offset of the gzip member it starts in, so `dd skip=OFFSET | gzip -dc` or a
-- range request reads it back. Corruption costs one error record, then the
-- reader finds the next record (the next gzip member, or the next line
-- starting with "WARC/").
local math_type = require("pith.compat").math_type

local M = {}

M.CHUNK = 65536
M.MAX_HEADER = 1024 * 1024 -- a WARC or HTTP header longer than this is corrupt
M.MAX_PAGE = 64 * 1024 * 1024 -- a longer HTML payload gives an error record
local HTTP_HEAD = 65536 -- read this much of a block to decide whether it is HTML

local GZ_MAGIC = "\31\139\8"

--- True when the name says WARC (.warc, .warc.gz, any case).
function M.is_warc_name(name)
  local l = name:lower()
  return l:sub(-5) == ".warc" or l:sub(-8) == ".warc.gz"
end

--- Given an archive's first bytes (a few hundred are enough), "warc", "warc.gz"
-- or nil.
function M.sniff(head)
  if head:sub(1, 5) == "WARC/" then return "warc" end
  if head:sub(1, 3) == GZ_MAGIC then
    local z = require("pith.core").gzip_stream()
    local out = z and z:inflate(head, 1, 16)
    if z then z:close() end
    if out and out:sub(1, 5) == "WARC/" then return "warc.gz" end
  end
  return nil
end

-- Byte sources: fill() -> chunk | false (end) | nil, err, offset (a break in
-- the stream: what came before it is lost). offset(d) maps a position in the
-- decompressed stream to the file offset a reader can seek to.

local function read_chunk(fh)
  local c, err = fh:read(M.CHUNK)
  if c == nil and err then return nil, "read error: " .. tostring(err) end
  return c or false
end

local function plain_source(fh, head)
  local first = head ~= "" and head or nil
  local src = {}
  function src.fill()
    if first then
      local c = first
      first = nil
      return c
    end
    local c, err = read_chunk(fh)
    if c == nil then return nil, err, nil end
    return c
  end
  function src.offset(d) return d end
  return src
end

local function all_padding(s, i)
  return s:find("[^%z\r\n\t ]", i) == nil
end

local function gz_source(fh, head)
  local z = assert(require("pith.core").gzip_stream())
  local cbuf, cpos, cbase = head, 1, 0 -- cbase: file offset of cbuf's first byte
  local eof, finished = false, false
  local in_member, mstart, produced = false, 0, 0
  local resyncing = false -- after a break: members that fail at once are noise
  local dtotal = 0
  -- {decompressed start, file offset} of the members not yet passed
  local members, first_member, last_member = {}, 1, 0
  local src = {}

  -- Reads more compressed bytes, keeping cbuf[cpos..]. true, false (end) or nil, err.
  local function refill()
    if eof then return false end
    local c, err = read_chunk(fh)
    if c == nil then return nil, err end
    if not c then
      eof = true
      return false
    end
    if cpos > #cbuf then
      cbase = cbase + #cbuf
      cbuf = c
    else
      cbase = cbase + cpos - 1
      cbuf = cbuf:sub(cpos) .. c
    end
    cpos = 1
    return true
  end

  -- Moves cpos to the next gzip magic at or after `from`; false at the end.
  local function seek_magic(from)
    cpos = from
    while true do
      local i = cbuf:find(GZ_MAGIC, cpos, true)
      if i then
        cpos = i
        return true
      end
      cpos = math.max(cpos, #cbuf - 1) -- a magic may straddle the chunk boundary
      local ok = refill()
      if not ok then
        cpos = #cbuf + 1
        return false
      end
    end
  end

  function src.fill()
    if finished then return false end
    while true do
      if not in_member then
        while #cbuf - cpos + 1 < 3 do
          local ok, err = refill()
          if ok == nil then
            finished = true
            return nil, err, cbase + cpos - 1
          end
          if not ok then break end
        end
        if cpos > #cbuf then
          finished = true
          return false
        end
        if cbuf:sub(cpos, cpos + 2) ~= GZ_MAGIC then
          local at = cbase + cpos - 1
          local found = seek_magic(cpos + 1)
          if not found and (resyncing or all_padding(cbuf, 1)) then
            finished = true -- trailing padding after the last member
            return false
          end
          if not resyncing then
            resyncing = true
            return nil, "not gzip data (skipped to the next gzip member)", at
          end
          if not found then
            finished = true
            return false
          end
        end
        in_member, mstart, produced = true, cbase + cpos - 1, 0
        last_member = last_member + 1
        members[last_member] = { dtotal, mstart }
      end
      if cpos > #cbuf then
        local ok, err = refill()
        if not ok then
          finished = true
          in_member = false
          if ok == nil then return nil, err, mstart end
          if resyncing and produced == 0 then return false end
          return nil, "truncated gzip member", mstart
        end
      end
      local out, nxt, ended = z:inflate(cbuf, cpos)
      if not out then
        local at, silent = mstart, resyncing and produced == 0
        in_member = false
        z:reset()
        seek_magic(math.max(cpos, mstart - cbase + 2))
        if not silent then
          resyncing = true
          return nil, "corrupt gzip member: " .. tostring(nxt), at
        end
      else
        cpos = nxt
        if ended then in_member = false end
        if #out > 0 then
          dtotal = dtotal + #out
          produced = produced + #out
          resyncing = false
          return out
        end
      end
    end
  end

  function src.offset(d)
    local i = first_member
    while i < last_member and members[i + 1][1] <= d do
      members[i] = nil
      i = i + 1
    end
    first_member = i
    return members[i] and members[i][2] or 0
  end

  function src.close() z:close() end
  return src
end

-- The record layer.

local Reader = {}
Reader.__index = Reader

--- Opens a reader on fh (binary); name prefixes the page sources; head: bytes
-- already read from fh, if any.
function M.reader(fh, name, head)
  head = head or ""
  while #head < 3 do -- enough to tell gzip from plain
    local c = fh:read(M.CHUNK)
    if not c then break end
    head = head .. c
  end
  local gz = head:sub(1, 2) == "\31\139"
  return setmetatable({
    name = name,
    src = gz and gz_source(fh, head) or plain_source(fh, head),
    buf = "", bpos = 1, base = 0, -- base: stream position of buf's first byte
    stats = { records = 0, pages = 0, skipped = 0, errors = 0 },
  }, Reader)
end

function Reader:close()
  if self.src.close then self.src.close() end
end

-- Appends the next chunk to the buffer: true, false (end) or nil, err, offset.
function Reader:more()
  local c, err, at = self.src.fill()
  if not c then return c, err, at end
  if self.bpos > #self.buf then
    self.base = self.base + #self.buf
    self.buf = c
  else
    if self.bpos > 1 then
      self.base = self.base + self.bpos - 1
      self.buf = self.buf:sub(self.bpos)
    end
    self.buf = self.buf .. c
  end
  self.bpos = 1
  return true
end

function Reader:avail()
  return #self.buf - self.bpos + 1
end

-- Forgets the buffer (after a break in the stream).
function Reader:drop()
  self.base = self.base + #self.buf
  self.buf, self.bpos = "", 1
end

-- Takes n bytes: data or nil (when keep is false, the bytes are dropped), then
-- the count got, then (when short) false/nil, err, offset as more() gave them.
function Reader:take(n, keep)
  local parts, got = {}, 0
  while true do
    local a = math.min(self:avail(), n - got)
    if a > 0 then
      if keep then parts[#parts + 1] = self.buf:sub(self.bpos, self.bpos + a - 1) end
      self.bpos = self.bpos + a
      got = got + a
    end
    if got >= n then return keep and table.concat(parts) or nil, got end
    local c, err, at = self.src.fill()
    if not c then return keep and table.concat(parts) or nil, got, c, err, at end
    self.base = self.base + #self.buf
    self.buf, self.bpos = c, 1
  end
end

function Reader:failure(offset, url, msg)
  self.stats.errors = self.stats.errors + 1
  return { source = self.name .. "#" .. tostring(offset), url = url, error = msg }
end

-- After a stream break reported by more()/take(): the error page.
function Reader:broken(offset, url, err, at)
  self:drop()
  return self:failure(offset or at or self.base, url, err)
end

local function parse_headers(text)
  local h = {}
  for line in text:gmatch("[^\r\n]+") do
    local k, v = line:match("^([^:%s][^:]*):%s*(.-)%s*$")
    if k then
      k = k:lower()
      if h[k] == nil then h[k] = v end
    end
  end
  return h
end

-- Finds the end of a header (a blank line) from position i: where the blank
-- line starts, and the first byte after it.
local function header_end(s, i)
  local a, b = s:find("\r?\n\r?\n", i)
  if not a then return nil end
  return a, b + 1
end

local SNIFF_TAGS = {
  ["!doctype html"] = true, html = true, head = true, script = true, iframe = true, h1 = true,
  div = true, font = true, table = true, a = true, style = true, title = true, b = true, body = true,
  br = true, p = true, ["!--"] = true,
}

--- True when the bytes start like HTML (the WHATWG sniffing rule for
-- text/html, after a BOM and whitespace).
function M.sniff_html(bytes)
  local s = bytes:sub(1, 1024):gsub("^\239\187\191", ""):match("^[%s]*(.*)$"):lower()
  if s:sub(1, 4) == "<!--" then return true end
  local tag = s:match("^<(!doctype html)[%s>]") or s:match("^<([%a%d]+)[%s>]")
  return tag ~= nil and SNIFF_TAGS[tag] == true
end

local HTML_TYPES = { ["text/html"] = true, ["application/xhtml+xml"] = true }
local SNIFF_TYPES = {
  [""] = true, ["application/octet-stream"] = true, ["unknown/unknown"] = true,
  ["application/unknown"] = true, ["*/*"] = true,
}

local function media_type(ctype)
  if not ctype then return "" end
  return (ctype:match("^%s*([^;%s]*)") or ""):lower()
end

local function charset_of(ctype)
  if not ctype then return nil end
  local cs = ctype:lower():match(";%s*charset%s*=%s*\"?([^\";%s]+)")
  return cs
end

-- HTTP chunked transfer coding. A body cut short keeps what came whole.
local function dechunk(body)
  local parts, i = {}, 1
  while true do
    local size_hex, line_end = body:match("^%s*(%x+)[^\n]*\n()", i)
    if not size_hex then break end
    local size = tonumber(size_hex, 16)
    if size == 0 then break end
    parts[#parts + 1] = body:sub(line_end, line_end + size - 1)
    i = line_end + size
    if i > #body + 1 then break end
  end
  if #parts == 0 and not body:match("^%s*0+%s") then return body end -- not chunked after all
  return table.concat(parts)
end

-- The payload of an HTTP response: decoded bytes, or nil and why.
local function decode_body(body, http)
  local te = (http["transfer-encoding"] or ""):lower()
  if te:find("chunked", 1, true) then body = dechunk(body) end
  local ce = (http["content-encoding"] or ""):lower():match("^%s*(.-)%s*$")
  if ce == "gzip" or ce == "x-gzip" then
    if body:sub(1, 2) == "\31\139" then
      local plain, err = require("pith.core").gunzip(body)
      if not plain then return nil, "gzip content encoding: " .. tostring(err) end
      body = plain
    end -- else the header lies (a proxy already decoded it): take the bytes as they are
  elseif ce ~= "" and ce ~= "identity" and ce ~= "none" then
    if not M.sniff_html(body) then return nil, "unsupported content encoding " .. ce end
  end
  return body
end

-- Skips a block and counts the record as skipped; a block cut short is an error.
function Reader:skip_block(n, offset, url)
  local _, got, c, err, at = self:take(n, false)
  if got < n then
    if c == nil then return self:broken(offset, url, err, at) end
    return self:failure(offset, url, ("truncated record (%d of %d bytes)"):format(got, n))
  end
  self.stats.skipped = self.stats.skipped + 1
  return nil
end

-- Reads a response block; returns a page, an error page, or nil (skipped).
function Reader:response(n, offset, url)
  local head, got, c, err, at = self:take(math.min(n, HTTP_HEAD), true)
  local function short()
    if c == nil then return self:broken(offset, url, err, at) end
    return self:failure(offset, url, ("truncated record (%d of %d bytes)"):format(got, n))
  end
  if got < math.min(n, HTTP_HEAD) then return short() end
  local hend, body_start = header_end(head, 1)
  local status = head:match("^HTTP/[%d.]+%s+(%d%d%d)")
  if not hend or not status then -- not an HTTP response (dns:, a header too long): skip it
    if n > got then return self:skip_block(n - got, offset, url) end
    self.stats.skipped = self.stats.skipped + 1
    return nil
  end
  local http = parse_headers(head:sub(1, hend))
  local mt = media_type(http["content-type"])
  if not HTML_TYPES[mt] and not SNIFF_TYPES[mt] then
    if n > got then return self:skip_block(n - got, offset, url) end
    self.stats.skipped = self.stats.skipped + 1
    return nil
  end
  if n - body_start + 1 > M.MAX_PAGE then
    local failed = self:skip_block(n - got, offset, url)
    if failed then return failed end
    self.stats.skipped = self.stats.skipped - 1
    return self:failure(offset, url, ("payload too large (%d bytes)"):format(n - body_start + 1))
  end
  local body = head:sub(body_start)
  if n > got then
    local rest
    rest, got, c, err, at = self:take(n - got, true)
    if got < n - #head then
      got = got + #head
      return short()
    end
    body = body .. rest
  end
  local bytes, derr = decode_body(body, http)
  if not bytes then return self:failure(offset, url, derr) end
  if bytes == "" or (not HTML_TYPES[mt] and not M.sniff_html(bytes)) then
    self.stats.skipped = self.stats.skipped + 1
    return nil
  end
  self.stats.pages = self.stats.pages + 1
  return { source = self.name .. "#" .. tostring(offset), url = url, bytes = bytes,
           charset = charset_of(http["content-type"]) }
end

-- Skips to the next line that starts a record; returns the bytes skipped.
function Reader:resync()
  local skipped = 0
  while true do
    local i = self.buf:find("\nWARC/%d", self.bpos)
    if i then
      skipped = skipped + (i + 1 - self.bpos)
      self.bpos = i + 1
      return skipped
    end
    local keep = math.max(self.bpos, #self.buf - 6) -- "\nWARC/1" may straddle chunks
    skipped = skipped + (keep - self.bpos)
    self.bpos = keep
    local ok = self:more()
    if not ok then
      skipped = skipped + self:avail()
      self:drop()
      return skipped
    end
  end
end

--- The next page or error page of the archive; nil at its end.
function Reader:next()
  while true do
    -- between records: blank lines (each record ends with two CRLFs)
    local ok, err, at = true, nil, nil
    while ok do
      local i = self.buf:find("[^\r\n]", self.bpos)
      if i then
        self.bpos = i
        break
      end
      self.bpos = #self.buf + 1
      ok, err, at = self:more()
    end
    if ok == nil then return self:broken(nil, nil, err, at) end
    if ok == false then return nil end

    while self:avail() < 6 and self:more() do end
    local start = self.base + self.bpos - 1
    local offset = self.src.offset(start)
    local result
    if self.buf:sub(self.bpos, self.bpos + 4) ~= "WARC/" then
      local n = self:resync()
      self.stats.records = self.stats.records + 1
      result = self:failure(offset, nil, ("not a WARC record (%d bytes skipped)"):format(n))
    else
      local hend, after = header_end(self.buf, self.bpos)
      while not hend and self:avail() <= M.MAX_HEADER do
        ok, err, at = self:more()
        if not ok then break end
        hend, after = header_end(self.buf, self.bpos)
      end
      self.stats.records = self.stats.records + 1
      if not hend then
        if ok == nil then
          result = self:broken(offset, nil, err, at)
        elseif ok == false then
          self:drop()
          result = self:failure(offset, nil, "truncated record (header cut short)")
        else
          self.bpos = self.bpos + 1
          self:resync()
          result = self:failure(offset, nil, "corrupt record (header too long)")
        end
      else
        local h = parse_headers(self.buf:sub(self.bpos, hend))
        self.bpos = after
        local url = h["warc-target-uri"]
        if url then url = url:match("^<(.*)>$") or url end
        local len = tonumber(h["content-length"] or "", 10)
        local wtype = (h["warc-type"] or ""):lower()
        if not len or len < 0 or math_type(len) ~= "integer" then
          self:resync()
          result = self:failure(offset, url, "corrupt record (no valid Content-Length)")
        elseif wtype == "response" then
          result = self:response(len, offset, url)
        else
          result = self:skip_block(len, offset, url)
        end
      end
    end
    if result then return result end
  end
end

--- Iterates the pages of an archive, as inputs.pages does:
-- for _, page in warc.pages(fh, name [, head]) do ... end. Closes nothing;
-- r.stats counts what was skipped.
function M.pages(fh, name, head)
  local r = M.reader(fh, name, head)
  return function()
    local p = r:next()
    if p == nil then return nil end
    return true, p
  end, r
end

return M
