--- Readability's title and byline, scored as given and in the form pith's record defines.
--   lua5.4 bench/forms.lua SHARED [-v]
-- The readability corpus's expected metadata is Readability.js's own output: titles often keep
-- the site part ("How to Build a Terrarium | eHow") and bylines are raw page text ("By\n Erin
-- Cunningham", "Par X", "Brenda Goodman, MA\n WebMD Health News", "A, B"). pith's `title` has no
-- site part and its `author` is names joined by "; ". This prints both scores: exact (as
-- devscore counts) and after putting the expected value in that form. With -v, the misses.
local here = (arg[0]:match("^(.*)/[^/]*$") or ".") .. "/.."
package.path = here .. "/lua/?.lua;" .. here .. "/lua/?/init.lua;" .. package.path
package.cpath = here .. "/build/?.so;" .. package.cpath

local core = require "pith.core"
local pith = require "pith"
local json = require "pith.json"
local inputs = require "pith.cli.inputs"

local shared = arg[1] or "../shared"
local verbose = arg[2] == "-v"

local function read(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

-- devscore's comparison: whitespace (no-break spaces too, as Python's \s) collapsed, case folded
-- (ASCII only here; enough for these names and titles).
local function norm(s)
  s = tostring(s or ""):gsub("\194\160", " "):gsub("\226\128\175", " "):gsub("\227\128\128", " ")
  return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""):lower())
end

-- The title with its trailing site parts cut one by one: every form a site suffix could leave.
local SEPARATOR = core.regex([[\s+(?:\||-|–|—|·|::|@)\s+]])
local function title_forms(title)
  local forms = { [norm(title)] = true }
  local s = title
  while true do
    local last
    for a in SEPARATOR:gmatch(s) do last = a end
    if not last then break end
    local at = s:find(last, 1, true)
    local cut = s:sub(1, at - 1)
    while true do -- the last separator, not the first occurrence of its text
      local nxt = s:find(last, at + 1, true)
      if not nxt then break end
      cut, at = s:sub(1, nxt - 1), nxt
    end
    s = cut
    forms[norm(s)] = true
  end
  return forms
end

local ROLES = { ma = true, phd = true, md = true }
local LEAD = core.regex([[^\s*(?:written by|by|par)\s+]], "i")
local SPLIT = core.regex([[\s*[,;&]\s*|\s+(?:and|et|avec)\s+]])

-- A byline as a sorted list of names: no "By", nothing after its first line or a date glued
-- to it ("Lucas Nolan22 Dec 2016"), a co-author
-- parenthesis "(avec X et Y)" read as names, other parentheses and roles dropped.
local function names(v)
  local s = LEAD:gsub(tostring(v or ""), "")
  s = s:match("^[^\n]*"):gsub("%d%d? %a%a%a %d%d%d%d.*$", "")
  s = s:gsub("%(%s*avec%s+(.-)%)", ", %1"):gsub("%(%s*with%s+(.-)%)", ", %1"):gsub("%b()", "")
  local out = {}
  for _, x in ipairs(SPLIT:split(s)) do
    x = norm(x)
    if x ~= "" and not ROLES[x] then out[#out + 1] = x end
  end
  table.sort(out)
  return table.concat(out, "\n")
end

local score = { title = { exact = 0, form = 0, n = 0 }, author = { exact = 0, form = 0, n = 0 } }
local misses = {}
local root = shared .. "/corpus/readability"
for _, path in ipairs(assert(inputs.list_dir(root))) do
  local case = path:match("([^/]+)/source%.html$")
  local expected = case and json.decode(read(root .. "/" .. case .. "/expected-metadata.json") or "null")
  if expected then
    local rec = assert(pith.extract(assert(read(path))))
    local checks = {
      title = { expected.title, rec.title, function(e, g) return title_forms(e)[norm(g)] end },
      author = { expected.byline, rec.author, function(e, g) return names(e) == names(g) end },
    }
    for field, c in pairs(checks) do
      local e, g, same = c[1], c[2], c[3]
      if type(e) == "string" and e ~= "" then
        local s = score[field]
        s.n = s.n + 1
        if norm(e) == norm(g) then s.exact = s.exact + 1 end
        if g and same(e, g) then
          s.form = s.form + 1
        else
          misses[#misses + 1] = string.format("%-7s %-26s expected %q, pith %q", field, case, e, tostring(g))
        end
      end
    end
  end
end

for _, field in ipairs { "title", "author" } do
  local s = score[field]
  print(string.format("%-7s exact %.3f (%d/%d)   in pith's form %.3f (%d/%d)", field, s.exact / s.n, s.exact,
                      s.n, s.form / s.n, s.form, s.n))
end
if verbose then
  table.sort(misses)
  for _, m in ipairs(misses) do print(m) end
end
