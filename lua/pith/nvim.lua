--- Neovim integration (Neovim runs LuaJIT: needs the `make LUA=luajit` build of
-- pith.core). `require("pith.nvim").setup()` adds
--   :PithArticle [url]   the current HTML buffer's article, as Markdown, in a new buffer
-- The optional url makes relative links and images absolute.
-- luacheck: globals vim
local M = {}

local function split_lines(s)
  local lines = {}
  for line in (s .. "\n"):gmatch("([^\n]*)\n") do lines[#lines + 1] = line end
  return lines
end

--- The article of buffer `buf` (0: current) as Markdown lines: lines | nil, err.
-- The buffer text is already UTF-8 (Neovim decoded the file), so the page's own
-- <meta charset> must not re-decode it: the charset is given as the transport's.
function M.markdown_lines(buf, url)
  local html = table.concat(vim.api.nvim_buf_get_lines(buf or 0, 0, -1, false), "\n")
  local rec, err = require("pith").extract(html, {
    format = "markdown", charset = "utf-8", url = url, links = true, images = true,
  })
  if not rec then return nil, err end
  local md = rec.markdown or rec.text
  if rec.title and rec.title ~= "" then md = "# " .. rec.title .. "\n\n" .. md end
  return split_lines(md)
end

--- Opens the article of buffer `buf` in a new scratch buffer (in a split); returns
-- the new buffer's number | nil, err. The HTML buffer is left as it was.
function M.open_article(buf, url)
  local api = vim.api
  buf = (buf == nil or buf == 0) and api.nvim_get_current_buf() or buf
  local lines, err = M.markdown_lines(buf, url)
  if not lines then return nil, err end
  vim.cmd("new")
  local out = api.nvim_get_current_buf()
  api.nvim_buf_set_lines(out, 0, -1, false, lines)
  api.nvim_buf_set_option(out, "buftype", "nofile")
  api.nvim_buf_set_option(out, "filetype", "markdown")
  api.nvim_buf_set_option(out, "modified", false)
  local name = api.nvim_buf_get_name(buf)
  pcall(api.nvim_buf_set_name, out, "pith://" .. (name ~= "" and name or tostring(buf)) .. ".md")
  return out
end

function M.setup()
  vim.api.nvim_create_user_command("PithArticle", function(cmd)
    local ok, err = M.open_article(0, cmd.args ~= "" and cmd.args or nil)
    if not ok then vim.notify("pith: " .. tostring(err), vim.log.levels.ERROR) end
  end, { nargs = "?", desc = "the article of this HTML buffer as Markdown, in a new buffer" })
end

return M
