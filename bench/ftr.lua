--- Do FiveFilters ftr-site-config files work in pith? Every shared-corpus page whose host has a
-- file in FTRDIR (pith's host matching; a readability page by its canonical URL) is extracted
-- with that file's rule alone and on the generic path (rule = false), and both are scored:
--   lua5.4 bench/ftr.lua SHARED FTRDIR [-v]
-- mercury: title, author (same people), date (same day), image, first words, as devscore counts;
-- readability: text F1 of 4-word shingles (devscore's metric), title and author as given. Also
-- the notes the folder's files raise, by directive, and the CPU time of both passes (best of 3).
-- FTRDIR: a checkout of github.com/fivefilters/ftr-site-config (not shipped with pith).
local here = (arg[0]:match("^(.*)/[^/]*$") or ".") .. "/.."
package.path = here .. "/lua/?.lua;" .. here .. "/lua/?/init.lua;" .. package.path
package.cpath = here .. "/build/?.so;" .. package.cpath

local core = require "pith.core"
local pith = require "pith"
local rules = require "pith.rules"
local hosts = require "pith.rules.hosts"
local json = require "pith.json"

local shared, dir = arg[1] or "../shared", arg[2]
local verbose = arg[3] == "-v"
if not dir then
  io.stderr:write("usage: lua5.4 bench/ftr.lua SHARED FTRDIR [-v]\n")
  os.exit(2)
end

local function read(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  if s and path:match("%.gz$") then s = core.gunzip(s) end
  return s
end

-- the folder's rules in their own index, so no built-in rule answers for a host
rules.reset()
rules.add_path(dir)
local index = hosts.new()
for _, r in ipairs(rules.list()) do
  if r.origin == "ftr" then hosts.add(index, r) end
end
local by_directive, notes = {}, 0
for _, e in ipairs(rules.errors()) do
  notes = notes + 1
  local d = e:match("directive '([^']+)'") or e:match("(line) ignored") or "file"
  by_directive[d] = (by_directive[d] or 0) + 1
end

local WORD = assert(core.regex("\\w+"))
local function shingles(text)
  local toks, out = {}, {}
  for w in WORD:gmatch(text or "") do toks[#toks + 1] = w end
  for i = 1, math.max(1, #toks - 3) do
    if toks[i] then
      local k = table.concat(toks, " ", i, math.min(i + 3, #toks))
      out[k] = (out[k] or 0) + 1
    end
  end
  return out
end
local function f1(truth, pred)
  local t, p = shingles(truth), shingles(pred)
  local tp, fp, fn = 0, 0, 0
  for k, c in pairs(t) do
    local pc = p[k] or 0
    tp, fn = tp + math.min(c, pc), fn + math.max(0, c - pc)
  end
  for k, c in pairs(p) do fp = fp + math.max(0, c - (t[k] or 0)) end
  if tp + fp + fn == 0 then return 1 end
  local prec, rec = tp + fp > 0 and tp / (tp + fp) or 0, tp + fn > 0 and tp / (tp + fn) or 0
  return prec + rec > 0 and 2 * prec * rec / (prec + rec) or 0
end

local function norm(s)
  return (tostring(s or ""):gsub("\194\160", " "):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""):lower())
end
local function people(v)
  local list = {}
  if type(v) == "table" then
    for _, x in ipairs(v) do list[#list + 1] = norm(x) end
  else
    for x in (tostring(v or "") .. ","):gsub("%s+and%s+", ","):gsub("[;&]", ","):gmatch("([^,]*),") do
      if norm(x) ~= "" then list[#list + 1] = norm(x) end
    end
  end
  table.sort(list)
  return table.concat(list, "|")
end
local function first_words(text, n)
  local out = {}
  for w in (text or ""):gmatch("%S+") do
    out[#out + 1] = w
    if #out == n then break end
  end
  return table.concat(out, " ")
end

local pages = {}
local index_json = json.decode(read(shared .. "/corpus/mercury/index.json"))
for _, rec in ipairs(index_json.records) do
  local rule = rec.url and hosts.lookup(index, hosts.host_of(rec.url), rec.url)
  if rule then
    pages[#pages + 1] = { corpus = "mercury", id = rec.id, url = rec.url, rule = rule, exp = rec.expected,
                          html = read(shared .. "/corpus/mercury/" .. rec.fixture_html_path) }
  end
end
local p = io.popen("ls '" .. shared .. "/corpus/readability'")
for name in p:lines() do
  local base = shared .. "/corpus/readability/" .. name
  local html = read(base .. "/source.html")
  if html then
    local url = pith.extract(html, { rule = false }).url
    local rule = url and hosts.lookup(index, hosts.host_of(url), url)
    if rule then
      pages[#pages + 1] = { corpus = "readability", id = name, url = url, rule = rule, html = html,
                            truth = read(base .. "/expected.txt"),
                            exp = json.decode(read(base .. "/expected-metadata.json")) }
    end
  end
end
p:close()

local score = { ftr = {}, generic = {} }
local function add(mode, k, v)
  local s = score[mode][k] or { 0, 0 }
  s[1], s[2] = s[1] + v, s[2] + 1
  score[mode][k] = s
end
for _, pg in ipairs(pages) do
  local line = { pg.corpus, pg.id, pg.rule.id }
  for _, mode in ipairs { "generic", "ftr" } do
    -- the page's own URL only where the corpus gives one (a readability page has none)
    local url = pg.corpus == "mercury" and pg.url or nil
    local r = pith.extract(pg.html, { url = url, rule = mode == "ftr" and pg.rule or false }) or {}
    local e, marks = {}, {}
    for k, v in pairs(pg.exp) do
      if v ~= json.null then e[k] = v end
    end
    if pg.corpus == "mercury" then
      local checks = {
        title = e.title ~= nil and norm(r.title) == norm(e.title),
        author = e.author ~= nil and people(r.authors or r.author) == people(e.author),
        date = e.date_published ~= nil and r.date ~= nil and
          tostring(r.date):sub(1, 10) == e.date_published:sub(1, 10),
        image = e.lead_image_url ~= nil and r.image == e.lead_image_url,
        first = e.content_first_text ~= nil and
          first_words(r.text, e.content_first_words or 13) == e.content_first_text,
      }
      local keys = { title = "title", author = "author", date = "date_published", image = "lead_image_url",
                     first = "content_first_text" }
      for k, ek in pairs(keys) do
        if e[ek] ~= nil then add(mode, "mercury " .. k, checks[k] and 1 or 0) end
      end
      for _, k in ipairs { "title", "author", "date", "image", "first" } do
        marks[#marks + 1] = checks[k] and k:sub(1, 1):upper() or "."
      end
    else
      local v = f1(pg.truth, r.text)
      add(mode, "readability text F1", v)
      if e.title then add(mode, "readability title", norm(r.title) == norm(e.title) and 1 or 0) end
      if e.byline then add(mode, "readability author", norm(r.author) == norm(e.byline) and 1 or 0) end
      marks[1] = string.format("F1 %.3f", v)
    end
    line[#line + 1] = mode .. " " .. table.concat(marks)
  end
  if verbose then print(table.concat(line, "  ")) end
end

local best = { ftr = math.huge, generic = math.huge }
for _ = 1, 3 do
  for _, mode in ipairs { "generic", "ftr" } do
    local t = os.clock()
    for _, pg in ipairs(pages) do
      local url = pg.corpus == "mercury" and pg.url or nil
      pith.extract(pg.html, { url = url, rule = mode == "ftr" and pg.rule or false })
    end
    best[mode] = math.min(best[mode], os.clock() - t)
  end
end

local n = 0
for _ in pairs(by_directive) do n = n + 1 end
print(string.format("%s: %d rules, %d notes", dir, #rules.list(), notes))
local ds = {}
for d, c in pairs(by_directive) do ds[#ds + 1] = { d, c } end
table.sort(ds, function(a, b) return a[2] > b[2] or (a[2] == b[2] and a[1] < b[1]) end)
local parts = {}
for _, x in ipairs(ds) do parts[#parts + 1] = x[1] .. " " .. x[2] end
print("  notes by directive: " .. table.concat(parts, ", "))
print(string.format("%d pages with a file (%d directives noted)", #pages, n))
local keys = {}
for k in pairs(score.generic) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do
  local g, f = score.generic[k], score.ftr[k] or { 0, 1 }
  if k:find("F1") then
    print(string.format("  %-22s generic %.3f  ftr %.3f  (%d pages)", k, g[1] / g[2], f[1] / f[2], g[2]))
  else
    print(string.format("  %-22s generic %d/%d  ftr %d/%d", k, g[1], g[2], f[1], f[2]))
  end
end
print(string.format("  CPU: generic %.3fs, ftr %.3fs (ftr/generic %.2f)", best.generic, best.ftr,
  best.ftr / best.generic))
