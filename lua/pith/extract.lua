--- Generic article extraction: parses the page, collects metadata before any
-- mutation, runs the C extractor (pith.core.extract, which mutates the document
-- and returns a content element) and serialises that element per opts.format.
local core = require "pith.core"

local M = {}

local METADATA_FIELDS = {
  "author", "authors", "date", "date_modified", "sitename", "provider", "description",
  "image", "language", "tags", "categories", "license",
}

local function collect_metadata(doc, url)
  local ok, metadata = pcall(require, "pith.metadata")
  if not ok or type(metadata) ~= "table" or not metadata.collect then return {} end
  local ok2, fields = pcall(metadata.collect, doc, { url = url })
  if ok2 and type(fields) == "table" then return fields end
  return {}
end

local function serialise(node, opts)
  local fmt = opts.format or "text"
  local sopts = { links = opts.links, images = opts.images, tables = opts.tables ~= false,
                  base_url = opts.url }
  local text
  if node.text then text = node:text(sopts) else text = core._extract_text(node) end
  local extra
  if fmt == "markdown" and node.markdown then extra = node:markdown(sopts)
  elseif fmt == "html" and node.clean_html then extra = node:clean_html(sopts) end
  return text, extra
end

local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end

-- The headline belongs in `title`; drop it when the text still starts with it.
local function strip_headline(text, title)
  if not title or title == "" then return text end
  local t = trim(text)
  if t:sub(1, #title) == title then
    local rest = t:sub(#title + 1)
    if rest == "" or rest:match("^%s") then return trim(rest) end
  end
  return t
end

--- Extracts the article: M.extract(html [, opts]) -> record | nil, err.
function M.extract(html, opts)
  opts = opts or {}
  if type(html) ~= "string" then return nil, "html must be a string" end
  local doc, err = core.parse(html, { url = opts.url, charset = opts.charset })
  if not doc then return nil, err end
  local meta = collect_metadata(doc, opts.url)
  local content, cerr = core.extract(doc, {
    title = meta.title, favor = opts.favor, tables = opts.tables, images = opts.images,
    comments = opts.comments, html = html,
  })
  if content == nil and cerr then
    doc:close()
    return nil, cerr
  end
  local text, extra = "", nil
  if content then text, extra = serialise(content, opts) end
  text = strip_headline(text, meta.title)
  -- Last stage for empty shells (script-rendered pages): the page's own summary.
  if text == "" and type(meta.description) == "string" and opts.favor ~= "precision" then
    text = trim(meta.description)
  end
  local record = { url = opts.url or meta.url, rule = "generic", title = meta.title, text = text }
  for _, k in ipairs(METADATA_FIELDS) do
    if meta[k] ~= nil then record[k] = meta[k] end
  end
  if opts.format == "markdown" then record.markdown = extra or text
  elseif opts.format == "html" then record.html = extra end
  doc:close()
  return record
end

return M
