-- The built-in site rules (lua/pith/sites/): every rule's inline tests pass, and on the shared
-- Mercury pages a built-in rule serves, title/author/date/first words match the values Mercury's
-- own per-site tests assert for at least 98 % of the asserted fields. Scored the way
-- ../shared/bench/score.py scores them, except dates (see same_day).
local util = require "support.util"
local read = util.page
local rules = require "pith.rules"
local extract = require "pith.extract"

local ROOT = "../shared/corpus/mercury/"

-- Whitespace as Python's \s sees it: ASCII, no-break space, ideographic space (as whole UTF-8
-- sequences: a byte class would cut characters such as 報 = E5 A0 B1).
local function norm(s)
  s = tostring(s):gsub("\194\160", " "):gsub("\227\128\128", " "):gsub("%s+", " ")
  return (s:match("^ ?(.-) ?$"))
end

local function first_words(text, n)
  local out = {}
  for w in norm(text or ""):gmatch("%S+") do
    out[#out + 1] = w
    if #out == n then break end
  end
  return table.concat(out, " ")
end

-- score.py's _people: the same names in any order, whatever the separators.
local function people(v)
  local names = {}
  if type(v) == "table" then
    for _, x in ipairs(v) do names[#names + 1] = norm(x) end
  else
    local s = tostring(v):gsub("%s*[,;&]%s*", "\0"):gsub("%s+and%s+", "\0")
    for x in (s .. "\0"):gmatch("(.-)%z") do names[#names + 1] = norm(x) end
  end
  local out = {}
  for _, x in ipairs(names) do
    if x ~= "" then out[#out + 1] = x end
  end
  table.sort(out)
  return table.concat(out, "\n")
end

local floor = math.floor -- whole-number operands: floor(a / b) is a // b, also in LuaJIT and 5.1

local function days(y, m, d) -- days since 1970-01-01 (Howard Hinnant's days_from_civil)
  y = m <= 2 and y - 1 or y
  local era = floor((y >= 0 and y or y - 399) / 400)
  local yoe = y - era * 400
  local doy = floor((153 * (m + (m > 2 and -3 or 9)) + 2) / 5) + d - 1
  local doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end

-- Minutes since the epoch of an ISO 8601 time with an offset (nil without one).
local function instant(s)
  local y, mo, d, h, mi = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)[T ](%d%d):(%d%d)")
  if not y then return nil end
  local z = s:match("[Zz]$") and 0
  local sign, oh, om = s:match("([+-])(%d%d):?(%d%d)$")
  if sign then z = (tonumber(oh) * 60 + tonumber(om)) * (sign == "-" and -1 or 1) end
  if not z then return nil end
  return days(tonumber(y), tonumber(mo), tonumber(d)) * 1440 + tonumber(h) * 60 + tonumber(mi) - z, z
end

-- Mercury's expected times are the page's local time read in the test machine's zone and
-- printed in UTC, so a page dated "2019-04-26" (Tokyo) is expected as 2019-04-25T15:00Z. Compare
-- calendar days: ours against the expected instant seen in our own offset; a date-only value
-- against the expected instant seen in any zone (UTC-12 to UTC+14).
local function same_day(got, want)
  got, want = tostring(got), tostring(want)
  if got:sub(1, 10) == want:sub(1, 10) then return true end
  local w = instant(want)
  if not w then return false end
  local gy, gm, gd = got:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if not gy then return false end
  local gday = days(tonumber(gy), tonumber(gm), tonumber(gd))
  local _, offset = instant(got)
  if offset then return floor((w + offset) / 1440) == gday end
  return floor((w - 12 * 60) / 1440) <= gday and gday <= floor((w + 14 * 60) / 1440)
end

local function load_index()
  local json = require "cjson.safe"
  return assert(json.decode(read(ROOT .. "index.json")))
end

local FIELDS = { "title", "author", "date_published", "content_first_text" }

-- One page: the fields Mercury asserts, each true (matched) or false; nil when no rule serves it.
local function score_page(item)
  local rule = rules.find(item.url)
  if not rule then return nil end
  local rec = assert(extract.extract(read(ROOT .. item.fixture_html_path), { url = item.url }))
  local exp, res = item.expected, {}
  local null = require("cjson.safe").null
  for _, f in ipairs(FIELDS) do
    local want = exp[f]
    if want ~= nil then
      if want == null then want = nil end
      local ok
      if f == "content_first_text" then
        ok = first_words(rec.text, exp.content_first_words or 13) == (want or "")
      elseif f == "author" then
        local got = rec.authors or rec.author
        ok = (got == nil and want == nil) or (got ~= nil and want ~= nil and people(got) == people(want))
      elseif f == "date_published" then
        ok = (rec.date == nil and want == nil) or (rec.date ~= nil and want ~= nil and same_day(rec.date, want))
      else
        ok = (rec.title == nil and want == nil) or (rec.title ~= nil and want ~= nil and norm(rec.title) == norm(want))
      end
      res[f] = { ok = ok, got = f == "content_first_text" and first_words(rec.text, exp.content_first_words or 13)
                   or f == "author" and (rec.authors and table.concat(rec.authors, "; ") or rec.author)
                   or f == "date_published" and rec.date or rec.title, want = want }
    end
  end
  return res, rules.name(rule), rec.rule
end

describe("built-in site rules", function()
  before_each(function() rules.reset() end)

  it("load without errors, and every rule's inline tests pass on its real pages", function()
    local report = rules.test("lua/pith/sites")
    assert.same({}, rules.errors())
    assert.are.equal(0, report.failed, table.concat(report.lines, "\n"))
    local files = 0
    for _ in io.popen("ls lua/pith/sites/*.lua"):lines() do files = files + 1 end
    local tested = {}
    for _, r in ipairs(report.results) do tested[r.rule] = true end
    local n = 0
    for _ in pairs(tested) do n = n + 1 end
    assert.are.equal(files, n, "every rule file has inline tests")
    assert.is_true(files >= 12)
  end)

  it("match >= 98 % of the fields Mercury asserts on the pages they serve", function()
    local hits, total, pages, misses = 0, 0, 0, {}
    for _, item in ipairs(load_index().records) do
      local res, name, applied = score_page(item)
      if res then
        pages = pages + 1
        assert.are.equal(name, applied, item.id .. ": the rule was not applied")
        for _, f in ipairs(FIELDS) do
          local r = res[f]
          if r then
            total = total + 1
            if r.ok then
              hits = hits + 1
            else
              misses[#misses + 1] = string.format("%s %s: got %q, want %q", item.id, f, tostring(r.got),
                                                  tostring(r.want))
            end
          end
        end
      end
    end
    assert.is_true(pages >= 20, "pages served by built-in rules: " .. pages)
    local rate = hits / total
    assert.is_true(rate >= 0.98, string.format("%d/%d = %.3f on %d pages; misses:\n%s", hits, total, rate,
                                                pages, table.concat(misses, "\n")))
  end)

  describe("date comparison", function()
    it("takes the expected instant in our own offset, or in any zone for a bare date", function()
      assert.is_true(same_day("2019-04-26", "2019-04-25T15:00:00.000Z"))
      assert.is_true(same_day("2019-04-26T00:00:00+09:00", "2019-04-25T15:00:00.000Z"))
      assert.is_false(same_day("2019-04-26T00:00:00+00:00", "2019-04-25T15:00:00.000Z"))
      assert.is_false(same_day("2019-04-28", "2019-04-25T15:00:00.000Z"))
      assert.is_true(same_day("2017-03-09T16:21:00-05:00", "2017-03-09T21:21:00.000Z"))
      assert.is_false(same_day("2017-03-10T02:21:00+05:00", "2017-03-08T21:21:00.000Z"))
    end)
  end)
end)
