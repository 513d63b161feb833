-- bin/pith and site rules: -r/--rules, PITH_RULES_PATH, rule messages on stderr,
-- and `pith test-rules`. Rule fixtures: spec/fixtures/rules/ (pith.rules' own) and
-- spec/fixtures/cli/ (a passing and a failing rule on the shared fortune.com page).
local util = require "support.util"
local sh_quote = util.sh_quote
local slurp = util.slurp
local run = util.run
local json = require "pith.json"

local CORPUS = "../shared/corpus"
local R001 = CORPUS .. "/readability/001/source.html"
local R002 = CORPUS .. "/readability/002/source.html"
local ACLU = CORPUS .. "/readability/aclu/source.html"
local REUTERS = CORPUS .. "/mercury/html/www.reuters.com.html.gz"
local REUTERS_URL = "http://www.reuters.com/article/us-usa-fed-idUSKBN1430G4"
local BROKEN = "spec/fixtures/rules/broken"
local USER = "spec/fixtures/rules/user"
local FTR = "spec/fixtures/rules/ftr"
local PASSING = "spec/fixtures/cli/rules"
local FAILING = "spec/fixtures/cli/failing"

-- What the broken fixtures must produce, file and line read off the fixtures
-- by eye; loop.lua and transform.lua compile (they fail only when applied).
local BROKEN_MESSAGES = {
  "pith: rule: " .. BROKEN .. "/escape.lua:2: ",
  "pith: rule: " .. BROKEN .. "/field.lua:6: unknown field 'titel'",
  "pith: rule: " .. BROKEN .. "/pattern.lua:4: ",
  "pith: rule: " .. BROKEN .. "/selector.lua:6: ",
}

local PITH = sh_quote(os.getenv("PWD") .. "/bin/pith")

local function pith(args, env)
  return run((env or "") .. " " .. PITH .. " " .. args)
end

local function records(stdout)
  local list = {}
  for line in stdout:gmatch("([^\n]*)\n") do list[#list + 1] = assert(json.decode(line)) end
  return list
end

local function count(s, needle)
  local n, pos = 0, 1
  while true do
    local i = s:find(needle, pos, true)
    if not i then return n end
    n, pos = n + 1, i + 1
  end
end

local function lines(s)
  local t = {}
  for l in s:gmatch("([^\n]*)\n") do t[#t + 1] = l end
  return t
end

describe("pith -r/--rules", function()
  it("reports each broken rule once on stderr and still writes every record", function()
    -- the folder twice and three pages: still one message per broken file
    local out, err, code = pith("-f jsonl -r " .. BROKEN .. " --rules=" .. BROKEN .. " "
      .. sh_quote(R001) .. " " .. sh_quote(R002) .. " " .. sh_quote(ACLU))
    assert.equal(0, code, err)
    local recs = records(out)
    assert.equal(3, #recs)
    for _, r in ipairs(recs) do
      assert.is_true(r.ok)
      assert.is_true(#r.text > 200)
    end
    for _, m in ipairs(BROKEN_MESSAGES) do assert.equal(1, count(err, m), m .. "\nin:\n" .. err) end
    assert.truthy(err:find("field.lua:6: unknown field 'titel'", 1, true))
    assert.truthy(err:find("bad pattern /Recommended (Stories/", 1, true))
    assert.truthy(err:find("bad CSS selector 'div[[class'", 1, true))
    for _, l in ipairs(lines(err)) do assert.truthy(l:find("^pith: rule: ") or l:find("^      "), l) end
    assert.equal("", out:gsub("[^\n]*\n", "")) -- stdout holds records only
  end)

  it("reads PITH_RULES_PATH through pith.rules, the same way", function()
    local _, err, code = pith("-f jsonl " .. sh_quote(R001), "PITH_RULES_PATH=/nonexistent:" .. BROKEN)
    assert.equal(0, code, err)
    for _, m in ipairs(BROKEN_MESSAGES) do assert.equal(1, count(err, m), m .. "\nin:\n" .. err) end
  end)

  it("tells the FiveFilters directives pith ignores, once per file", function()
    local _, err, code = pith("-r " .. FTR .. " " .. sh_quote(R001) .. " " .. sh_quote(R002))
    assert.equal(0, code, err)
    assert.equal(1, count(err, "pith: rule: " .. FTR .. "/reuters.com.txt:13: FiveFilters directive 'next_page_link'"))
    assert.equal(1, count(err, "pith: rule: " .. FTR
      .. "/.news.yahoo.com.txt:6: FiveFilters directive 'single_page_link'"))
    assert.is_nil(err:find("global.txt", 1, true)) -- not a site file: not loaded
  end)

  it("is silent about rules with --quiet", function()
    local out, err, code = pith("-q -r " .. BROKEN .. " -f jsonl " .. sh_quote(R001))
    assert.equal(0, code)
    assert.equal("", err)
    assert.equal(1, #records(out))
  end)

  it("refuses a folder that is not there, as a usage error", function()
    for _, a in ipairs { "-r /nonexistent/rules", "-r " .. R001, "--rules=" } do
      local out, err, code = pith(a .. " " .. sh_quote(R001))
      assert.equal(2, code, a)
      assert.equal("", out, a)
      assert.truthy(err:find("^pith: "), a)
    end
    local _, err = pith("-r /nonexistent/rules " .. sh_quote(R001))
    assert.truthy(err:find("/nonexistent/rules", 1, true))
  end)

  it("adds the folders to pith.rules before the pages are read, overriding the built-ins", function()
    local rules = require "pith.rules"
    local cli = require "pith.cli"
    local target = os.tmpname()
    finally(function()
      rules.reset()
      os.remove(target)
    end)
    rules.reset()
    assert.equal("reuters.com", rules.find(REUTERS_URL).id) -- the built-in, without -r
    rules.reset()
    local status = cli.main { "-q", "-f", "jsonl", "-r", USER, "-o", target, "-u", REUTERS_URL, REUTERS }
    assert.equal(0, status)
    assert.equal("user.reuters@0.1", rules.name(rules.find(REUTERS_URL)))
    assert.equal(1, #records(slurp(target)))
  end)

  it("tells a rule that fails on pages once, however many pages it fails on", function()
    local out = pith("-f jsonl -u " .. REUTERS_URL .. " " .. sh_quote(REUTERS))
    if records(out)[1].rule == "generic" then
      pending("lua/pith/extract.lua does not apply site rules yet")
      return
    end
    local list = os.tmpname()
    finally(function() os.remove(list) end)
    local f = assert(io.open(list, "wb"))
    f:write(R001, " http://loop.example/a\n", R002, " http://loop.example/b\n",
            ACLU, " http://transform.example/c\n", R001, " http://transform.example/d\n")
    f:close()
    local err, code
    out, err, code = pith("-f jsonl -r " .. BROKEN .. " -i " .. sh_quote(list))
    assert.equal(0, code, err)
    local recs = records(out)
    assert.equal(4, #recs)
    for _, r in ipairs(recs) do assert.is_true(r.ok) end
    -- loop.lua:8 is the rule's endless loop, transform.lua:9 its nil index
    assert.equal(1, count(err, "pith: rule: " .. BROKEN .. "/loop.lua:8: "), err)
    assert.equal(1, count(err, "pith: rule: " .. BROKEN .. "/transform.lua:9: "), err)
  end)

  it("names the user rule in the record once the extractor applies rules", function()
    local out = pith("-f jsonl -u " .. REUTERS_URL .. " " .. sh_quote(REUTERS))
    if records(out)[1].rule == "generic" then
      pending("lua/pith/extract.lua does not apply site rules yet")
      return
    end
    out = pith("-f jsonl -r " .. USER .. " -u " .. REUTERS_URL .. " " .. sh_quote(REUTERS))
    local rec = records(out)[1]
    assert.equal("user.reuters@0.1", rec.rule)
    assert.equal("Reuters (user rule)", rec.sitename)
  end)
end)

describe("pith test-rules", function()
  it("passes the built-in rules' tests on the shared pages (no DIR given)", function()
    local out, err, code = pith("test-rules")
    assert.equal(0, code, out .. err)
    local l = lines(out)
    local passed = 0
    for i = 1, #l - 1 do
      assert.truthy(l[i]:find("^ok  ") or l[i]:find("^SKIP  "), l[i])
      if l[i]:find("^ok  ") then passed = passed + 1 end
    end
    assert.truthy(out:find("ok  reuters.com@", 1, true))
    assert.truthy(out:find("ok  yahoo.news@", 1, true))
    assert.equal(string.format("%d passed, 0 failed, ", passed), l[#l]:match("^%d+ passed, %d+ failed, "))
  end)

  it("exits 0 and prints ok and SKIP lines for a passing folder", function()
    local out, err, code = pith("test-rules " .. PASSING)
    assert.equal(0, code, out .. err)
    assert.same({
      "ok  spec.fortune@1 test 1 (../shared/corpus/mercury/html/fortune.com.html.gz)",
      "SKIP  spec.fortune@1 test 2 (https://fortune.com/2016/12/15/amazon-alexa-gadgets/)",
      "1 passed, 0 failed, 1 skipped",
    }, lines(out))
    assert.equal("", err)
  end)

  it("exits 1 and says why for a failing test", function()
    local out, _, code = pith("test-rules " .. FAILING)
    assert.equal(1, code)
    local l = lines(out)
    assert.equal("FAIL  spec.fortune_wrong@1 test 1 (../shared/corpus/mercury/html/fortune.com.html.gz)", l[1])
    assert.truthy(out:find('expected "Six gadgets you can miss"', 1, true))
    assert.truthy(out:find('text still holds "puck-shaped"', 1, true))
    assert.equal("0 passed, 1 failed, 0 skipped", l[#l])
  end)

  it("fails each rule file that does not load, naming file and line", function()
    local out, _, code = pith("test-rules " .. BROKEN)
    assert.equal(1, code)
    local field = BROKEN .. "/field.lua"
    assert.truthy(out:find("FAIL  " .. field .. "\n      " .. field .. ":6: unknown field 'titel'", 1, true))
    assert.truthy(out:find("FAIL  " .. BROKEN .. "/selector.lua\n", 1, true))
    assert.equal("0 passed, 4 failed, 0 skipped", lines(out)[#lines(out)])
  end)

  it("takes several folders and single rule files, with one total", function()
    local out, err, code = pith("test-rules " .. PASSING .. "/ " .. FAILING .. "/fortune_wrong.lua "
      .. BROKEN .. "/field.lua")
    assert.equal(1, code, err)
    local l = lines(out)
    assert.equal("ok  spec.fortune@1 test 1 (../shared/corpus/mercury/html/fortune.com.html.gz)", l[1])
    assert.truthy(out:find("FAIL  spec.fortune_wrong@1 test 1", 1, true))
    assert.truthy(out:find("FAIL  " .. BROKEN .. "/field.lua\n", 1, true))
    assert.equal(1, count(out, " passed, ")) -- one totals line, the last
    assert.equal("1 passed, 2 failed, 1 skipped", l[#l])
  end)

  it("fails a path that is not there; exits 2 on an unknown option", function()
    local out, _, code = pith("test-rules /nonexistent/rules")
    assert.equal(1, code)
    assert.truthy(out:find("FAIL  /nonexistent/rules\n", 1, true))
    local err
    out, err, code = pith("test-rules --bogus " .. PASSING)
    assert.equal(2, code)
    assert.equal("", out)
    assert.truthy(err:find("unknown option --bogus", 1, true))
  end)

  it("is documented in pith --help and has its own --help", function()
    local out = pith("--help")
    assert.truthy(out:find("pith test-rules [DIR|FILE ...]", 1, true))
    assert.truthy(out:find("-r, --rules DIR", 1, true))
    local sub, _, code = pith("test-rules --help")
    assert.equal(0, code)
    assert.equal("Usage: pith test-rules [DIR|FILE ...]\n", sub:match("^[^\n]*\n"))
  end)
end)
