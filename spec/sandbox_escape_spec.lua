-- Rule sandbox escapes (pith.rules.sandbox, the environment rule files run in): every way out we
-- know of is tried with hand-written chunks, through the same loader as a rule file
-- (sandbox.load), then through rules.load_file and a rule function applied to a real page. Each
-- attempt must end in a clear error naming the chunk, quickly, with the host state unchanged.
local sandbox = require "pith.rules.sandbox"
local rules = require "pith.rules"
local core = require "pith.core"
local compat = require "pith.compat"

local function run(src, budget)
  local env = sandbox.env(rules.helpers)
  local fn = assert(compat.load_text(src, "@escape.lua", env))
  local t0 = os.clock()
  local res = compat.table.pack(sandbox.call("escape.lua", budget, fn))
  return res, os.clock() - t0
end

-- Fails the test unless the chunk raised an error that mentions `what` within `secs` CPU seconds.
local function assert_stopped(src, what, secs, budget)
  local res, dt = run(src, budget)
  assert.is_false(res[1], "the chunk ran to the end and returned " .. tostring(res[2]))
  assert.matches("escape.lua", res[2], nil, true)
  if what then assert.matches(what, res[2], nil, true) end
  assert.is_true(dt < (secs or 2), string.format("took %.2f s", dt))
  return res[2]
end

local function value(src)
  local res = run(src)
  assert.is_true(res[1], tostring(res[2]))
  return res[2]
end

describe("rule sandbox", function()
  after_each(function()
    -- the host state is untouched whatever the chunk did
    assert.is_nil(debug.gethook())
    assert.are.equal(string, getmetatable("").__index)
    assert.are.equal(string.rep, ("").rep)
  end)

  describe("has no way to the outside", function()
    for _, name in ipairs { "io", "os", "debug", "load", "loadstring", "dofile", "loadfile", "require",
                            "package", "getmetatable", "setmetatable", "coroutine", "collectgarbage",
                            "rawset", "module", "print", "getfenv", "setfenv", "jit", "newproxy", "gcinfo" } do
      it("no " .. name .. " (as a global, through _G or _ENV)", function()
        assert.is_nil(value("return " .. name))
        assert.is_nil(value("return _G." .. name))
        if _VERSION == "Lua 5.1" then -- LuaJIT, 5.1: no _ENV; a global of that name is absent too
          assert.is_nil(value("return _ENV"))
        else
          assert.is_nil(value("return _ENV['" .. name .. "']"))
        end
        assert.is_nil(value("return rawget(_G, '" .. name .. "')"))
      end)
    end

    it("string methods lead to no library but string's (no os/io/debug/dump via a string)", function()
      assert.is_nil(value("return ('').os"))
      assert.is_nil(value("return ('').io"))
      assert.is_nil(value("return ('').debug"))
      assert.is_nil(value("return ('').__index"))
      assert.is_nil(value("return string.dump"))
      assert.is_nil(value("return ('').dump"))
    end)

    it("a rule cannot change what the host or another rule sees in string/table/math", function()
      value("string.upper = nil; table.concat = nil; math.floor = nil; string.len = function() return 7 end")
      assert.are.equal("A", ("a"):upper())
      assert.are.equal(3, ("abc"):len())
      assert.are.equal("ab", table.concat { "a", "b" })
      assert.are.equal("function", type(value("return string.upper")))
    end)

    it("a file-opening rule file is refused by the loader with its name", function()
      local rule, err = rules.load_file("spec/fixtures/rules/broken/escape.lua")
      assert.is_nil(rule)
      assert.matches("broken/escape.lua:2:", err, nil, true)
      assert.matches("io", err, nil, true)
    end)

    it("binary chunks are refused (bytecode could forge upvalues)", function()
      local v, err = sandbox.load("\27Lua" .. ("\0"):rep(40), "bin.lua")
      assert.is_nil(v)
      assert.matches("bin.lua: binary chunks are not accepted", err, nil, true)
    end)
  end)

  describe("bounds memory a single call can take", function()
    it("string.rep bombs (function, separator)", function()
      -- 1099511627776 = 2^40 as an integer literal (no << under LuaJIT and 5.1)
      assert_stopped("return string.rep('x', 1099511627776)", "string.rep: result larger than")
      assert_stopped("return string.rep('', 1099511627776, ('y'):rep(1000))", "string.rep: result larger than")
      assert_stopped("return string.rep('abc', math.maxinteger or 2^53)", "string.rep: result larger than")
    end)

    it("string.rep bombs through the string metatable (('x'):rep)", function()
      assert_stopped("return ('x'):rep(1073741824)", "string.rep: result larger than", 0.5)
      assert_stopped("local s = 'x' return s:rep(1099511627776)", "string.rep: result larger than", 0.5)
    end)

    it("still allows ordinary repetition", function()
      assert.are.equal(1000, #value("return ('ab'):rep(500)"))
      assert.are.equal("a, a, a", value("return ('a'):rep(3, ', ')"))
    end)
  end)

  describe("bounds time", function()
    it("an endless loop", function()
      assert_stopped("while true do end", "instruction budget exceeded", 2)
    end)

    it("an endless loop that catches the budget error with pcall", function()
      assert_stopped("while true do pcall(function() while true do end end) end",
                     "instruction budget exceeded", 2)
    end)

    it("an endless loop that catches it with xpcall and loops in the handler", function()
      assert_stopped([[
        while true do
          xpcall(function() while true do end end, function(m) while true do end return m end)
        end]], "instruction budget exceeded", 2)
    end)

    it("a budget error turned into a return value by pcall cannot be swallowed", function()
      assert_stopped([[
        local ok = pcall(function() while true do end end)
        return ok and "caught" or "swallowed"]], "instruction budget exceeded", 2)
    end)

    it("endless recursion ends in a stack overflow error", function()
      assert_stopped("local function f() return 1 + f() end return f()", "stack overflow", 2)
    end)

    it("pcall and xpcall still work for ordinary errors", function()
      assert.are.equal("caught: boom", value([[
        local ok, e = pcall(error, "boom", 0) return (not ok) and "caught: " .. e]]))
      assert.are.equal("handled", value([[
        local ok, e = xpcall(function() error("x") end, function() return "handled" end)
        return (not ok) and e]]))
    end)

    it("a pith regex that backtracks catastrophically is a MATCHLIMIT error, not a hang", function()
      local res, dt = run([[
        local re = regex("(a+)+$")
        return re:find(("a"):rep(5000) .. "b")]])
      assert.is_true(res[1], tostring(res[2]))
      assert.is_nil(res[2])
      assert.are.equal("MATCHLIMIT", res[4])
      assert.is_true(dt < 2, string.format("took %.2f s", dt))
    end)
  end)

  describe("in a rule applied to a real page", function()
    local html
    setup(function()
      local f = assert(io.open("../shared/corpus/readability/001/source.html", "rb"))
      html = f:read("*a")
      f:close()
    end)
    before_each(function() rules.reset() end)

    for name, case in pairs {
      ["a looping transform"] = { "while true do end", "budget exceeded" },
      ["a pcall-protected looping transform"] = {
        "while true do pcall(function() while true do end end) end", "budget exceeded" },
      ["a rep bomb"] = { "n:set_attr('x', ('x'):rep(2147483648))", "string.rep: result larger than" },
    } do
      local body, why = case[1], case[2]
      it(name .. " costs the rule, not the page, and the state stays usable", function()
        local env = sandbox.env(rules.helpers)
        local raw = assert(compat.load_text("return { id = 'evil', version = '1',"
          .. " match = { hosts = { 'evil.example' } },"
          .. " content = { select = { 'body' }, transforms = { { 'p', function(n) " .. body
          .. " end } } } }", "@evil.lua", env))()
        local rule = assert(rules.register(raw))
        local t0 = os.clock()
        local rec = assert(require("pith").extract(html, { url = "http://evil.example/a", rule = rule }))
        assert.is_true(os.clock() - t0 < 3, string.format("took %.2f s", os.clock() - t0))
        assert.matches(why, tostring(rec.rule_error) .. tostring(rules.errors()[1]), nil, true)
        assert.are.equal("generic", rec.rule)
        assert.is_true(#rec.text > 1000)
        local doc = assert(core.parse("<p>after</p>"))
        assert.are.equal("after", doc:body():text())
        doc:close()
      end)
    end
  end)
end)
