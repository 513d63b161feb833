--- One page in, one record out: the unit of work of bin/pith (and of a future
-- worker process). Never raises: every failure becomes { ok = false, error }.
local json = require "pith.json"

local M = {}

--- Key order of a JSON record; metadata fields follow in this order, any
-- other field the extractor adds comes after them, sorted.
M.ORDER = {
  "source", "url", "ok", "error", "rule", "title", "text", "markdown", "html",
  "author", "authors", "date", "date_modified", "sitename", "provider", "description",
  "image", "language", "tags", "categories", "license",
}

local RESERVED = { source = true, url = true, ok = true, error = true }

--- True when the bytes cannot be an HTML page: NUL or many control bytes in the
-- first 4 KB. UTF-16/32 pages (which have NULs) are recognised by their BOM.
function M.looks_binary(bytes)
  if bytes:find("^\255\254") or bytes:find("^\254\255") or bytes:find("^%z%z\254\255") then return false end
  -- counted in C: a Lua class ([%z\1-\8\14-\26\28-\31\127]) over 4 KB cost a few
  -- hundredths of a parse on every page
  local n = math.min(#bytes, 4096)
  -- (required here: bin/pith loads this module before it can say that pith.core is missing)
  local nuls, controls = require("pith.core").control_bytes(bytes, n)
  if nuls > 0 then return true end
  return controls * 20 > n
end

local function failed(page, err)
  return { source = page.source, url = page.url or json.null, ok = false, error = tostring(err) }
end

--- Extracts one page. page = { source, url, bytes } or { source, url, error };
-- eopts are pith.extract's options (url is taken from the page).
-- Returns the record (a table ready for pith.json with M.ORDER).
function M.process(pith, page, eopts)
  if page.error then return failed(page, page.error) end
  local bytes = page.bytes
  if M.looks_binary(bytes) then return failed(page, "not an HTML page (binary data)") end
  local opts = {}
  for k, v in pairs(eopts) do opts[k] = v end
  opts.url = page.url
  if page.charset then opts.charset = page.charset end -- an HTTP header's (a WARC record's) says it
  local ok, res, err = pcall(pith.extract, bytes, opts)
  if not ok then
    collectgarbage() -- the extractor died holding a document: free it now
    return failed(page, "extractor error: " .. tostring(res))
  end
  if type(res) ~= "table" then return failed(page, err or "no result") end
  local rec = { source = page.source, url = page.url or res.url or json.null, ok = true,
                rule = res.rule or json.null, title = res.title or json.null, text = res.text or "" }
  for k, v in pairs(res) do
    if rec[k] == nil and not RESERVED[k] then rec[k] = v end
  end
  return rec
end

--- The record as one JSON line (without the newline).
function M.encode(rec)
  return json.encode(rec, M.ORDER)
end

return M
