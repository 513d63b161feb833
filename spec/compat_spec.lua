-- pith.compat: the 5.3+ library functions pith's modules use, as fallbacks under LuaJIT and 5.1.
-- Each behaviour is checked in every host; under 5.3/5.4 the utf8 fallback is also compared with
-- the real library on valid and invalid input.
local compat = require "pith.compat"

local function bytes(...) return string.char(...) end

-- valid text, then the kinds of invalid UTF-8 5.4's strict decoder refuses
local SAMPLES = {
  "", "plain ascii", "café €", "\240\159\152\128 emoji", "日本語のテキスト",
  bytes(0xC3), bytes(0x80), "ab" .. bytes(0xFF) .. "cd", bytes(0xC0, 0x80), bytes(0xE0, 0x80, 0x80),
  bytes(0xED, 0xA0, 0x80), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
  "ok " .. bytes(0xE2, 0x82) .. " cut", "é" .. bytes(0xE2, 0x82),
}

describe("pith.compat", function()
  it("utf8.len counts characters and finds the first invalid byte like 5.4", function()
    local len = compat.utf8_fallback.len
    assert.are.equal(6, len("café €"))
    assert.are.equal(0, len(""))
    assert.are.same({ nil, 3 }, { len("ab" .. bytes(0xFF) .. "cd") })
    assert.are.same({ nil, 1 }, { len(bytes(0xED, 0xA0, 0x80)) }) -- a surrogate
    assert.are.same({ nil, 1 }, { len(bytes(0xC0, 0x80)) }) -- an overlong NUL
    assert.are.same({ nil, 3 }, { len("é" .. bytes(0xE2, 0x82)) }) -- cut at the end
    assert.are.equal(2, len("xxé€", 3)) -- from byte 3: é and €
  end)

  it("utf8.char and codepoint round-trip, 1 to 4 bytes", function()
    local u = compat.utf8_fallback
    assert.are.equal("A", u.char(65))
    assert.are.equal("é€\240\159\152\128", u.char(0xE9, 0x20AC, 0x1F600))
    assert.are.same({ 0x41, 0xE9, 0x20AC, 0x1F600 }, { u.codepoint("Aé€\240\159\152\128", 1, -1) })
    assert.has_error(function() u.codepoint(bytes(0xFF)) end)
    local seen = {}
    for at, code in u.codes("aé") do seen[#seen + 1] = at .. ":" .. code end
    assert.are.same({ "1:97", "2:233" }, seen)
  end)

  if rawget(_G, "utf8") then
    it("utf8 fallback agrees with this Lua's own utf8 library on valid and invalid text", function()
      local five_four = _VERSION == "Lua 5.4" -- 5.3's utf8.len lets surrogates through
      for _, s in ipairs(SAMPLES) do
        if five_four or not s:find(bytes(0xED, 0xA0), 1, true) then
          assert.are.same({ utf8.len(s) }, { compat.utf8_fallback.len(s) }, s)
        end
      end
      if five_four then assert.are.equal(utf8.charpattern, compat.utf8_fallback.charpattern) end
      for _, c in ipairs { 0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF } do
        assert.are.equal(utf8.char(c), compat.utf8_fallback.char(c))
      end
    end)
  end

  it("idiv floors like //, math_type tells whole numbers from fractions", function()
    assert.are.equal(3, compat.idiv(7, 2))
    assert.are.equal(-4, compat.idiv(-7, 2))
    assert.are.equal(1500000000, compat.idiv(1500000000123, 1000))
    assert.are.equal("integer", compat.math_type(3))
    assert.are.equal("float", compat.math_type(3.5))
    assert.are.equal("float", compat.math_type(math.huge))
    assert.is_nil(compat.math_type("3"))
  end)

  it("table.move copies overlapping ranges either way, and into another table", function()
    local move = compat.table.move
    assert.are.same({ 1, 1, 2, 3 }, move({ 1, 2, 3 }, 1, 3, 2))
    assert.are.same({ 2, 3, 4, 4 }, move({ 1, 2, 3, 4 }, 2, 4, 1))
    assert.are.same({ 9, 1, 2 }, move({ 1, 2 }, 1, 2, 2, { 9 }))
    local packed = compat.table.pack(1, nil, 3)
    assert.are.equal(3, packed.n)
    assert.are.same({ 1, nil, 3 }, { compat.table.unpack(packed, 1, packed.n) })
  end)

  it("string.rep with a separator, xpcall with arguments", function()
    assert.are.equal("a, a, a", compat.string.rep("a", 3, ", "))
    assert.are.equal("a", compat.string.rep("a", 1, ", "))
    assert.are.equal("", compat.string.rep("a", 0, ", "))
    assert.are.same({ true, 5 }, { compat.xpcall(function(a, b) return a + b end, tostring, 2, 3) })
  end)

  it("load_text: text only, globals from the given table", function()
    local fn = assert(compat.load_text("return x, print", "=t", { x = 42 }))
    assert.are.same({ 42, nil }, { fn() })
    local bad, err = compat.load_text(string.dump(function() end), "=b", {})
    assert.is_nil(bad)
    assert.matches("binary chunk", err)
    local _, serr = compat.load_text("x =", "@rule.lua", {})
    assert.matches("^rule%.lua:1:", serr)
  end)

  it("searchpath finds a module file on a path", function()
    assert.are.equal("./lua/pith/compat.lua", compat.searchpath("pith.compat", "./lua/?.lua"))
    assert.is_nil(compat.searchpath("pith.nothing", "./lua/?.lua"))
  end)
end)
