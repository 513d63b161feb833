--- pith: fast web-article extraction. The public Lua API.
local core = require "pith.core"

local M = {}

M.version = core.version
M.core = core

--- Parses HTML into a document: pith.parse(html [, {url=, charset=, max_size=}]).
-- Returns the document, or nil and a message when the input cannot be read.
function M.parse(html, opts)
  return core.parse(html, opts)
end

--- Compiles a PCRE2 pattern (cached): pith.regex(pattern [, flags]).
function M.regex(pattern, flags)
  return core.regex(pattern, flags)
end

--- Extracts the article: pith.extract(html [, opts]) -> record | nil, err.
function M.extract(html, opts)
  return require("pith.extract").extract(html, opts)
end

return M
