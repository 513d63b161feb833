--- URL helpers for metadata: make references absolute, find the host, read dates in paths.
local strip = require("pith.meta.str").strip

local M = {}

--- Splits an absolute URL into scheme, authority and the rest (path?query#fragment).
local function split(url)
  local scheme, rest = url:match("^([%a][%w+.-]*):(.*)$")
  if not scheme then
    return nil
  end
  local authority, path = rest:match("^//([^/?#]*)(.*)$")
  return scheme:lower(), authority, authority and path or rest
end

--- Removes "." and ".." segments (RFC 3986 §5.2.4), keeping query and fragment untouched.
local function normalise_path(path)
  local p, tail = path:match("^([^?#]*)(.*)$")
  if not p:find("%.") then
    return path
  end
  local out = {}
  local trailing = p:match("/%.%.?$") or p:sub(-1) == "/"
  for seg in p:gmatch("[^/]+") do
    if seg == ".." then
      out[#out] = nil
    elseif seg ~= "." then
      out[#out + 1] = seg
    end
  end
  local r = "/" .. table.concat(out, "/")
  if trailing and r:sub(-1) ~= "/" then
    r = r .. "/"
  end
  return r .. tail
end

-- Non-ASCII bytes and spaces after the authority, percent-encoded as a browser's URL parser
-- writes them ("/ب-ظ.webp" -> "/%D8%A8-%D8%B8.webp"); the host is left alone.
local function encode(url)
  if not url or not url:find("[ \128-\255]") then
    return url
  end
  local head, rest = url:match("^([%a][%w+.-]*://[^/?#]*)(.*)$")
  if not head then
    head, rest = "", url
  end
  return head .. rest:gsub("[ \128-\255]", function(c)
    return string.format("%%%02X", c:byte())
  end)
end

local resolve

--- Resolves `ref` against the absolute `base`; returns nil when no absolute URL can be made.
-- The result is written as a URI: non-ASCII characters of its path, query and fragment
-- percent-encoded in UTF-8.
function M.resolve(base, ref)
  return encode(resolve(base, ref))
end

function resolve(base, ref)
  if type(ref) ~= "string" then
    return nil
  end
  ref = strip(ref):gsub("[\r\n\t]", "")
  if ref == "" or ref:find("^data:") or ref:find("^javascript:") then
    return nil
  end
  local ref_scheme, after = ref:match("^([%a][%w+.-]*):(.*)$")
  if ref_scheme then
    ref_scheme = ref_scheme:lower()
    if ref_scheme ~= "http" and ref_scheme ~= "https" then
      return ref
    end
    -- As a browser's URL parser reads a web address: "http:/host/x" (one slash, or none) is
    -- relative under a base of the same scheme and names the host under another; "." and ".."
    -- segments are removed ("https://host/./img/a.jpg").
    if after:sub(1, 2) ~= "//" then
      local base_scheme = base and split(base)
      if base_scheme == ref_scheme then
        ref = after
      else
        ref = ref_scheme .. "://" .. after:gsub("^/*", "")
      end
    end
    if ref:find("^[%a][%w+.-]*://") then
      local origin, rest = ref:match("^([%a][%w+.-]*://[^/?#]*)(.*)$")
      if rest:find("/%.") then
        return origin .. normalise_path(rest)
      end
      return ref
    end
  end
  if not base then
    return nil
  end
  local scheme, authority, path = split(base)
  if not scheme or not authority then
    return nil
  end
  if ref:sub(1, 2) == "//" then
    return scheme .. ":" .. ref
  end
  local origin = scheme .. "://" .. authority
  if ref:sub(1, 1) == "/" then
    return origin .. normalise_path(ref)
  end
  local base_path = path:match("^[^?#]*")
  if ref:sub(1, 1) == "?" then
    return origin .. base_path .. ref
  end
  if ref:sub(1, 1) == "#" then
    return origin .. path:match("^[^#]*") .. ref
  end
  local dir = base_path:match("^(.*/)") or "/"
  return origin .. normalise_path(dir .. ref)
end

--- The lower-cased host of an absolute URL, without "www." and port. For a page a web archive
-- holds (https://web.archive.org/web/2016.../http://ordnungsrausch.com/...), the archived page's
-- host: the site whose names its title and credits give.
function M.host(url)
  if type(url) ~= "string" then
    return nil
  end
  if url:find("^https?://web%.archive%.org/web/[%w_]+/https?://") then
    url = url:match("^https?://web%.archive%.org/web/[%w_]+/(.+)$")
  end
  local _, authority = split(url)
  if not authority then
    return nil
  end
  local host = authority:gsub("^.*@", ""):gsub(":%d*$", ""):lower()
  return (host:gsub("^www%d*%.", ""))
end

--- The host of the page a web archive's address holds ("ordnungsrausch.com" for
-- https://web.archive.org/web/2016.../http://ordnungsrausch.com/...) and the archive's prefix
-- before it, or nil.
function M.archived_host(url)
  local prefix, inner = (type(url) == "string" and url or "")
    :match("^(https?://web%.archive%.org/web/[%w_]+/)(https?://.+)$")
  if inner then
    return M.host(inner), prefix
  end
  return nil
end

--- True when the string is an absolute http(s) URL.
function M.is_http(s)
  return type(s) == "string" and s:find("^https?://") ~= nil
end

return M
