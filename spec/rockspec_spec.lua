-- The rockspec must install what the checkout holds: every C source of pith.core and
-- every Lua module under lua/, or a LuaRocks install would miss a file.
local function load_rockspec(path)
  local env = {}
  local chunk = assert(loadfile(path, "t", env))
  chunk()
  return env
end

local function list(cmd)
  local out = {}
  local p = assert(io.popen(cmd))
  for line in p:lines() do out[#out + 1] = line end
  p:close()
  table.sort(out)
  return out
end

describe("rockspec/pith-scm-1.rockspec", function()
  local spec = load_rockspec("rockspec/pith-scm-1.rockspec")
  local modules = spec.build.modules

  it("builds pith.core from every plugin/*.c", function()
    local sources = {}
    for _, s in ipairs(modules["pith.core"].sources) do sources[#sources + 1] = s end
    table.sort(sources)
    assert.same(list("ls plugin/*.c"), sources)
  end)

  it("installs every Lua module under lua/ by its module name", function()
    local files = list("find lua -name '*.lua'")
    local listed = {}
    for name, file in pairs(modules) do
      if type(file) == "string" then
        local expected = "lua/" .. name:gsub("%.", "/") .. ".lua"
        if file ~= expected then expected = "lua/" .. name:gsub("%.", "/") .. "/init.lua" end
        assert.equal(expected, file)
        listed[#listed + 1] = file
      end
    end
    table.sort(listed)
    assert.same(files, listed)
  end)

  it("installs the pith command", function()
    assert.equal("bin/pith", spec.build.install.bin.pith)
  end)
end)
