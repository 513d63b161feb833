local sandbox = require "pith.rules.sandbox"

describe("pith.rules.sandbox", function()
  it("offers no io, os, require, load, debug, metatables or coroutines", function()
    for _, name in ipairs { "io", "os", "require", "load", "loadfile", "dofile", "debug", "package",
                            "getmetatable", "setmetatable", "coroutine", "collectgarbage" } do
      local v = sandbox.load("return " .. name, "probe.lua")
      assert.is_nil(v, name)
    end
    assert.is_nil(sandbox.load("return string.dump", "probe.lua"))
  end)

  it("keeps a rule's globals and library changes to itself", function()
    local src = "leak = 1; string.upper = nil; table.insert = nil; return string.lower('A')"
    local v = assert(sandbox.load(src, "a.lua"))
    assert.are.equal("a", v)
    assert.is_nil(rawget(_G, "leak"))
    assert.is_function(string.upper)
    assert.are.equal("B", sandbox.load("return string.upper('b')", "b.lua"))
  end)

  it("refuses binary chunks", function()
    local v, err = sandbox.load(string.dump(function() return 1 end), "bin.lua")
    assert.is_nil(v)
    assert.matches("binary", err)
  end)

  it("stops a loop at its budget, naming file and line, and restores the caller's hook", function()
    local fn = assert(sandbox.load("return function() local i = 0\nwhile true do i = i + 1 end end", "loop.lua"))
    local ok, err = sandbox.call("loop.lua", 100000, fn)
    assert.is_false(ok)
    assert.matches("^loop%.lua:2: instruction budget exceeded", err)
    assert.is_nil(debug.gethook())
  end)

  -- LuaJIT runs compiled traces without calling count hooks: a loop hot enough to be compiled
  -- would run past its budget unless rule code is kept interpreted. 3e8 iterations take well
  -- over a second in any interpreter (about half a second compiled), a budget of 1e5 a millisecond.
  it("stops a hot loop at its budget, in a rule file and in a rule function made by the host", function()
    local src = "return function(n) local x = 0\nfor i = 1, n do x = x + i % 7 end return x end"
    local from_file = assert(sandbox.load(src, "hot.lua"))
    local function from_host(n)
      local x = 0
      for i = 1, n do x = x + i % 7 end
      return x
    end
    for _, fn in ipairs { from_file, from_host } do
      for _ = 1, 200 do assert.is_true((sandbox.call("hot.lua", 1e7, fn, 1000))) end -- hot now
      for _ = 1, 200 do fn(1000) end -- and outside the sandbox too
      local t0 = os.clock()
      local ok, err = sandbox.call("hot.lua", 100000, fn, 3e8)
      assert.is_false(ok)
      assert.matches("instruction budget exceeded", err)
      assert.is_true(os.clock() - t0 < 0.2, string.format("took %.2f s", os.clock() - t0))
    end
    assert.are.equal(6, from_host(3)) -- still correct once interpreted (1 + 2 + 3)
    assert.is_nil(debug.gethook())
  end)

  it("caps string.rep", function()
    local v, err = sandbox.load("local s = string.rep('x', 1073741824)\nreturn s", "rep.lua") -- 2^30
    assert.is_nil(v)
    assert.matches("rep%.lua:1: string.rep: result larger", err)
  end)
end)
