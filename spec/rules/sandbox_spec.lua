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

  it("caps string.rep", function()
    local v, err = sandbox.load("local s = string.rep('x', 1 << 30)\nreturn s", "rep.lua")
    assert.is_nil(v)
    assert.matches("rep%.lua:1: string.rep: result larger", err)
  end)
end)
