--- A "reader view" for lighttpd's mod_magnet (Lua 5.4): an HTML file under the
-- document root is served as its extracted article, as clean HTML. `?original` in
-- the query serves the file untouched; other files pass through.
-- lighttpd.conf:
--   server.modules += ( "mod_magnet" )
--   magnet.attract-physical-path-to = ( "/usr/local/share/lua/5.4/pith/magnet.lua" )
-- (this file runs as the magnet script itself, or `require("pith.magnet").handle(lighty.r)`)
local M = {}

local ESC = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }
local function esc(s) return (tostring(s):gsub('[&<>"]', ESC)) end

local STYLE = "body{max-width:42em;margin:2em auto;padding:0 1em;font:1.1em/1.6 Georgia,serif;color:#222}"
  .. "img{max-width:100%;height:auto}pre{overflow:auto}.byline{color:#666}"

--- The reader page of `html`: page | nil, err. opts.url is the page's own URL (it
-- makes relative links and images absolute).
function M.render(html, opts)
  opts = opts or {}
  local rec, err = require("pith").extract(html, {
    format = "html", url = opts.url, charset = opts.charset, links = true, images = true,
  })
  if not rec then return nil, err end
  local head = { "<!DOCTYPE html>\n<html", rec.language and (' lang="' .. esc(rec.language) .. '"') or "",
    '><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' }
  local title = rec.title and rec.title ~= "" and rec.title or nil
  if title then head[#head + 1] = "<title>" .. esc(title) .. "</title>" end
  head[#head + 1] = "<style>" .. STYLE .. "</style></head>\n<body><article>\n"
  if title then head[#head + 1] = "<h1>" .. esc(title) .. "</h1>\n" end
  local by = {}
  if rec.author then by[#by + 1] = esc(rec.author) end
  if rec.date then by[#by + 1] = esc(rec.date) end
  if rec.sitename then by[#by + 1] = esc(rec.sitename) end
  if #by > 0 then head[#head + 1] = '<p class="byline">' .. table.concat(by, " · ") .. "</p>\n" end
  head[#head + 1] = rec.html or ("<pre>" .. esc(rec.text) .. "</pre>")
  head[#head + 1] = "\n</article></body></html>\n"
  return table.concat(head)
end

local function read_file(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("*a") -- "*a": also 5.1
  f:close()
  return s
end

--- Handles one request (r: lighty.r); returns the status code, or 0 to let
-- lighttpd serve the file itself.
function M.handle(r)
  local attr = r.req_attr
  local path = attr["physical.path"]
  if not path or not path:lower():match("%.html?$") then return 0 end
  local query = attr["uri.query"] or ""
  if query:match("^original") or query:match("&original") then return 0 end
  local html = read_file(path)
  if not html then return 0 end -- missing or unreadable: lighttpd answers as usual
  local url = attr["uri.scheme"] and attr["uri.authority"] and
    (attr["uri.scheme"] .. "://" .. attr["uri.authority"] .. (attr["uri.path"] or "/")) or nil
  local page, err = M.render(html, { url = url })
  r.resp_header["Cache-Control"] = "no-cache"
  if not page then
    r.resp_header["Content-Type"] = "text/plain; charset=utf-8"
    r.resp_body:set({ "pith: no article: ", tostring(err), "\n" })
    return 422
  end
  r.resp_header["Content-Type"] = "text/html; charset=utf-8"
  -- the article is sanitised already; this keeps any miss inert all the same
  r.resp_header["Content-Security-Policy"] =
    "default-src 'none'; img-src * data:; style-src 'unsafe-inline'"
  r.resp_body:set({ page })
  return 200
end

-- Run as the magnet script itself (no module name): handle this request. mod_magnet
-- gives each script its own environment holding `lighty` (it is not in _G).
-- luacheck: globals lighty
if ... == nil and type(lighty) == "table" and lighty.r then return M.handle(lighty.r) end

return M
