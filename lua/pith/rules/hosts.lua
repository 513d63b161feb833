--- Which rule serves a URL. "reuters.com" serves reuters.com and www.reuters.com; ".yahoo.com"
-- serves every subdomain of yahoo.com (not the bare domain), the most specific parent first.
-- FiveFilters files keep their own loader's rule: only the nearest parent wildcard is tried.
local M = {}

function M.new()
  return { exact = {}, wild = {}, url_only = {}, fingerprints = {} }
end

--- The lower-cased host of an absolute URL (no port, userinfo or trailing dot), or nil.
function M.host_of(url)
  if type(url) ~= "string" then return nil end
  local authority = url:match("^%a[%w+.-]*://([^/?#]*)") or url:match("^//([^/?#]*)")
  if not authority then return nil end
  authority = authority:gsub("^.*@", "")
  local host = authority:match("^%[[^%]]*%]") or authority:gsub(":%d*$", "")
  host = host:lower():gsub("%.$", "")
  if host == "" then return nil end
  return host
end

local function url_ok(rule, url)
  if #rule.urls == 0 or url == nil then return true end
  for _, re in ipairs(rule.urls) do
    if re:test(url) then return true end
  end
  return false
end

function M.add(index, rule)
  for _, h in ipairs(rule.hosts) do
    if h:sub(1, 1) == "." then index.wild[h:sub(2)] = rule else index.exact[h] = rule end
  end
  if #rule.hosts == 0 and #rule.urls > 0 then table.insert(index.url_only, 1, rule) end
  if rule.fingerprint then
    table.insert(index.fingerprints, 1, rule) -- later sources first
    table.sort(index.fingerprints, function(a, b) return a.priority > b.priority end)
  end
end

function M.remove(index, rule)
  for _, t in ipairs { index.exact, index.wild } do
    for k, r in pairs(t) do
      if r == rule then t[k] = nil end
    end
  end
  for _, list in ipairs { index.url_only, index.fingerprints } do
    for i = #list, 1, -1 do
      if list[i] == rule then table.remove(list, i) end
    end
  end
end

--- The rule for host (and url, when the rule has URL patterns), or nil.
function M.lookup(index, host, url)
  if host then
    local bare = host:gsub("^www%.", "")
    for _, h in ipairs { host, bare } do
      local r = index.exact[h]
      if r and url_ok(r, url) then return r end
    end
    local first = true
    local suffix = bare:match("^[^.]+%.(.+)$")
    while suffix do
      local r = index.wild[suffix]
      -- a FiveFilters wildcard only serves hosts one label below it
      if r and url_ok(r, url) and (first or not r.ftr) then return r end
      first = false
      suffix = suffix:match("^[^.]+%.(.+)$")
    end
    -- "www.x.com" is a subdomain of ".x.com" for rules written in Lua
    local r = index.wild[bare]
    if r and host ~= bare and not r.ftr and url_ok(r, url) then return r end
  end
  if url then
    for _, r in ipairs(index.url_only) do
      if url_ok(r, url) then return r end
    end
  end
  return nil
end

return M
