--- Generic article extraction: parses the page, collects metadata before any
-- mutation, runs the C extractor (when built) and serialises its content node.
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
  if node == nil then return "" end
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

--- Extracts the article: M.extract(html [, opts]) -> record | nil, err.
function M.extract(html, opts)
  opts = opts or {}
  if type(html) ~= "string" then return nil, "html must be a string" end
  local doc, err = core.parse(html, { url = opts.url, charset = opts.charset })
  if not doc then return nil, err end
  local meta = collect_metadata(doc, opts.url)
  local content
  if core.extract then
    content = core.extract(doc, opts)
  end
  content = content or doc:body() or doc:root()
  local text, extra = serialise(content, opts)
  local record = { url = opts.url, rule = "generic" }
  for _, k in ipairs(METADATA_FIELDS) do
    if meta[k] ~= nil then record[k] = meta[k] end
  end
  record.title = meta.title
  if record.title and text:sub(1, #record.title) == record.title then
    text = text:sub(#record.title + 1):gsub("^%s+", "")
  end
  record.text = text
  if opts.format == "markdown" then record.markdown = extra
  elseif opts.format == "html" then record.html = extra end
  doc:close()
  return record
end

return M
