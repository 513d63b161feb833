-- core.regex: PCRE2 patterns (UTF + UCP, JIT, match limits, per-state cache).
local util = require "support.util"
local slurp = util.read
local core = require "pith.core"

local CORPUS = "../shared/corpus/readability/"
-- Portuguese and Czech article text: accented letters everywhere.
local folha = slurp(CORPUS .. "folha/expected.txt")
local aktualne = slurp(CORPUS .. "aktualne/expected.txt")

local function collect(iter)
  local out = {}
  for a in iter do out[#out + 1] = a end
  return out
end

describe("core.regex", function()
  it("compiles and caches per pattern and flags", function()
    local a = assert(core.regex("t[ií]te", "i"))
    assert.equal(a, core.regex("t[ií]te", "i"))
    assert.equal(core.regex("x", "mi"), core.regex("x", "im")) -- flag order does not matter
    assert.equal(core.regex("x"), core.regex("x", ""))
    assert.not_equal(core.regex("x"), core.regex("x", "i"))
    assert.equal("pith.Regex(/t[ií]te/i)", tostring(a))
  end)

  it("returns the PCRE2 message and offset for a bad pattern", function()
    local re, err = core.regex("(unclosed")
    assert.is_nil(re)
    assert.equal("missing closing parenthesis (pattern offset: 9)", err)
    re, err = core.regex("ab[c")
    assert.is_nil(re)
    assert.equal("missing terminating ] for character class (pattern offset: 4)", err)
  end)

  it("raises on an unknown flag letter", function()
    assert.has_error(function() core.regex("a", "q") end)
  end)

  describe("find", function()
    it("gives 1-based inclusive byte offsets like string.find", function()
      local re = core.regex("Libertadores")
      local s, e = re:find(folha)
      local ps, pe = folha:find("Libertadores", 1, true)
      assert.equal(ps, s)
      assert.equal(pe, e)
      -- init skips the first occurrence
      local s2 = re:find(folha, e + 1)
      assert.equal(folha:find("Libertadores", e + 1, true), s2)
      assert.is_nil(re:find(folha, #folha + 2))
      assert.is_nil(core.regex("Maradona"):find(folha))
    end)

    it("handles negative init and empty matches like string.find", function()
      local re = core.regex("x*")
      assert.same({ 4, 3 }, { re:find("abc", 4) })
      assert.same({ 3, 2 }, { re:find("abc", -1) })
      assert.same({ 1, 0 }, { re:find("abc", -10) })
    end)
  end)

  describe("Unicode", function()
    it("folds case beyond ASCII", function()
      assert.equal("réplica", core.regex("RÉPLICA", "i"):match(folha))
      assert.is_true(core.regex("é", "i"):test("É"))
      assert.is_true(core.regex("É", "i"):test("é"))
      assert.is_false(core.regex("É"):test("é"))
      assert.equal("Zázrak", core.regex("zÁzRAK", "i"):match(aktualne))
    end)

    it("matches \\w and \\b on accented letters", function()
      assert.equal("Após", core.regex("^\\w+"):match(folha))
      assert.same({ "Zázrak", "jedné" }, { core.regex("^(\\w+)\\s+(\\w+)"):match(aktualne) })
      -- "é" is a word character, so there is no boundary inside "réplica"
      assert.is_false(core.regex("\\bplica"):test("réplica"))
    end)

    it("does not error on invalid UTF-8 in the subject", function()
      local s = "caf\195 \255\254 café \226\130"
      assert.same({ 9, 13 }, { core.regex("café"):find(s) }) -- "é" is two bytes
      assert.same({ "caf", "café" }, collect(core.regex("\\w+"):gmatch(s)))
      local out, n = core.regex("é"):gsub(s, "e")
      assert.equal("caf\195 \255\254 cafe \226\130", out)
      assert.equal(1, n)
      assert.is_true(core.regex("\\s"):test(s))
    end)
  end)

  describe("match", function()
    it("returns the whole match when the pattern has no groups", function()
      assert.equal("2012", core.regex("\\d{4}"):match(folha))
    end)

    it("returns the captures, false for an unset group", function()
      assert.same({ "Copa", "Libertadores", "2012" },
        { core.regex("(Copa) (\\w+) de (\\d+)"):match(folha) })
      assert.same({ false, "b" }, { core.regex("(a)|(b)"):match("b") })
      assert.is_nil(core.regex("(\\d{5})"):match(folha))
    end)

    it("starts at init", function()
      local _, e = folha:find("2012", 1, true)
      assert.equal("2019", core.regex("20(?!12)\\d\\d"):match(folha, e + 1))
    end)
  end)

  describe("gmatch", function()
    it("iterates over every match", function()
      -- checked against Lua's own patterns on the same text
      local expected = collect(folha:gmatch("%f[%d]%d%d%d%d%f[%D]"))
      assert.same({ "2012", "2012", "2019", "2012" }, expected)
      assert.same(expected, collect(core.regex("\\b\\d{4}\\b"):gmatch(folha)))
    end)

    it("returns the captures of each match", function()
      local got = {}
      for w, y in core.regex("(\\w+) (\\d{4})"):gmatch(folha) do got[#got + 1] = w .. "=" .. y end
      assert.same({ "de=2012", "Em=2012", "de=2019", "Em=2012" }, got)
    end)

    it("advances past empty matches by whole UTF-8 characters", function()
      assert.same({ "", "", "", "", "", "" }, collect(core.regex("x*"):gmatch("héllo")))
      -- no empty match right where the previous match ended (Lua 5.4 rule)
      assert.same(collect(("baaac"):gmatch("a*")), collect(core.regex("a*"):gmatch("baaac")))
      assert.same({ "", "aaa", "" }, collect(core.regex("a*"):gmatch("baaac")))
    end)
  end)

  describe("gsub", function()
    it("expands %0-%9 and %% in a string replacement", function()
      local out, n = core.regex("(\\w+) (\\d{4})"):gsub(folha, "%2 (%1)")
      assert.equal(4, n)
      assert.truthy(out:find("Copa Libertadores 2012 (de), conquistada", 1, true))
      assert.equal("Inácio Luiz", (core.regex("(\\w+) (\\w+)"):gsub("Luiz Inácio", "%2 %1")))
      assert.equal("<Tite> Tite% 100", (core.regex("Tite"):gsub("Tite 100", "<%0> %1%%")))
      assert.has_error(function() core.regex("(a)"):gsub("a", "%2") end,
        "invalid capture index %2 in replacement string")
    end)

    it("looks up a table by the first capture or the whole match", function()
      local out, n = core.regex("\\w+"):gsub(folha, { Tite = "TITE", ["técnico"] = "treinador" })
      assert.truthy(out:find("o treinador TITE declarou", 1, true))
      assert.is_nil(out:find("Tite", 1, true))
      assert.equal(select(2, core.regex("\\w+"):gsub(folha, "")), n)
      local by_cap = core.regex("(\\w+)ção"):gsub("seleção e situação", { sele = "X" })
      assert.equal("X e situação", by_cap)
    end)

    it("calls a function with the captures; false or nil keeps the match", function()
      local out = core.regex("(\\w+) (\\w+)"):gsub("Luiz Inácio Lula da", function(a, b)
        if a == "Lula" then return nil end
        return b .. "," .. a
      end)
      assert.equal("Inácio,Luiz Lula da", out)
      -- the callback may reuse the same pattern (its match data is rewritten)
      local w = core.regex("(\\w+)")
      assert.equal("<Após> <rechaçar>",
        (w:gsub("Após rechaçar", function(x) return (w:gsub(x, "<%1>")) end)))
      assert.has_error(function() core.regex("a"):gsub("a", function() return {} end) end,
        "invalid replacement value (a table)")
    end)

    it("stops after n replacements and handles empty matches like string.gsub", function()
      local out, n = core.regex("\\d{4}"):gsub(folha, "YYYY", 2)
      assert.equal(2, n)
      assert.equal(2, select(2, out:gsub("YYYY", "")))
      assert.truthy(out:find("2019", 1, true))
      assert.same({ ("baaac"):gsub("a*", "-") }, { core.regex("a*"):gsub("baaac", "-") })
      assert.same({ "-h-é-l-l-o-", 6 }, { core.regex("x*"):gsub("héllo", "-") })
    end)
  end)

  describe("split", function()
    it("splits real text into paragraphs", function()
      local parts = core.regex("\\n\\s*\\n"):split(folha)
      assert.equal(7, #parts)
      assert.equal(folha:sub(1, folha:find("\n\n", 1, true) - 1), parts[1])
      assert.truthy(parts[7]:find("^\"Em 2012 eu fiz e errei"))
    end)

    it("keeps empty pieces, honours max, ignores empty matches at the edges", function()
      assert.same({ "a", "b", "", "c" }, core.regex(","):split("a,b,,c"))
      assert.same({ "a", "b,,c" }, core.regex(","):split("a,b,,c", 2))
      assert.same({ "h", "é", "j" }, core.regex(""):split("héj"))
      assert.same({ "", "a", "b", "" }, core.regex("\\s+"):split(" a b "))
      assert.same({ "" }, core.regex(","):split(""))
    end)
  end)

  it("test returns a boolean", function()
    assert.is_true(core.regex("bolsonaro", "i"):test(folha))
    assert.is_false(core.regex("^Tite"):test(folha))
    assert.is_true(core.regex("^Tite", "m"):test("x\nTite"))
  end)

  describe("match limit", function()
    local evil = core.regex("(a+)+$")
    local subject = ("a"):rep(40) .. "b"

    it("reports MATCHLIMIT quickly for catastrophic backtracking", function()
      local t = os.clock()
      local ok, msg, code = evil:find(subject)
      assert.is_nil(ok)
      assert.equal("match limit exceeded", msg)
      assert.equal("MATCHLIMIT", code)
      assert.is_true(os.clock() - t < 0.5)
      assert.same({ nil, "match limit exceeded", "MATCHLIMIT" }, { evil:test(subject) })
      assert.same({ nil, "match limit exceeded", "MATCHLIMIT" }, { evil:match(subject) })
      assert.same({ nil, "match limit exceeded", "MATCHLIMIT" }, { evil:gsub(subject, "") })
      assert.same({ nil, "match limit exceeded", "MATCHLIMIT" }, { evil:split(subject) })
      assert.has_error(function() for _ in evil:gmatch(subject) do end end,
        "match limit exceeded (MATCHLIMIT)")
      -- a short subject still fails properly, within the limit
      assert.is_false(evil:test("aaaab"))
    end)

    it("is settable per call and per state", function()
      local re = core.regex("(\\w+)+ Bolsonaro")
      assert.is_true(re:test(folha))
      assert.same({ nil, "match limit exceeded", "MATCHLIMIT" },
        { re:find(folha, 1, { match_limit = 2 }) })
      local old_m, old_d = core.regex_limits(2)
      assert.equal(1000000, old_m)
      assert.equal(100000, old_d)
      local ok, code, m = pcall(function()
        local _, _, c = re:find(folha)
        return c, core.regex_limits(old_m, old_d)
      end)
      core.regex_limits(old_m, old_d) -- restored even if the call above raised
      assert.is_true(ok)
      assert.equal("MATCHLIMIT", code)
      assert.equal(2, m)
      assert.is_true(re:test(folha))
      assert.has_error(function() core.regex_limits(0) end)
    end)
  end)
end)
