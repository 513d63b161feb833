-- The same C sources built for each Lua (make LUA=...) load in that interpreter and
-- keep the 5.4 semantics the compat header promises: nodes keep their document
-- alive without user values, closed documents raise, messages format 64-bit sizes.
local function sh(cmd)
  local p = io.popen(cmd .. " 2>&1; echo \"rc=$?\"")
  local out = p:read("*a")
  p:close()
  return tonumber(out:match("rc=(%d+)%s*$")), (out:gsub("rc=%d+%s*$", ""))
end

local CHECK = [[
package.cpath = arg[1] .. "/?.so;" .. package.cpath
local core = require "pith.core"
local out = {}
local function say(...)
  local t = { ... }
  for i = 1, select("#", ...) do t[i] = tostring(t[i]) end
  out[#out + 1] = table.concat(t, " ")
end
say(type(core.version), _VERSION, jit and jit.version or "")
local doc = assert(core.parse("<html><body><div id=a><p>Hello <b>w\195\182rld</b></p><p>two</p></div></body></html>"))
local b = doc:first("b")
doc = nil
for _ = 1, 3 do collectgarbage("collect") end
local junk = {}
for i = 1, 20000 do junk[i] = { i } end
junk = nil
collectgarbage("collect")
say(b:tag(), b:parent():parent():attr("id"), b:text(), b:html())
local d2 = assert(core.parse("<p>x</p>"))
local p = d2:first("p")
d2:close()
say(pcall(p.tag, p))
say(core.parse(string.rep("x", 100), { max_size = 10 }))
say(core.regex("(\\w+)@(\\w+)"):match("mail bob@example now"))
say(select(2, pcall(core.regex, "a", "q")))
io.write(table.concat(out, "\n"), "\n")
]]

describe("builds for other Lua versions", function()
  for _, lua in ipairs({ "lua5.3", "lua5.1", "luajit" }) do
    it(lua .. ": make LUA=" .. lua .. " builds build/" .. lua .. "/pith/core.so and it works there", function()
      local rc, out = sh("make -s LUA=" .. lua)
      assert(rc == 0, out)
      local script = os.tmpname()
      local f = assert(io.open(script, "wb"))
      f:write(CHECK)
      f:close()
      rc, out = sh(lua .. " " .. script .. " ./build/" .. lua)
      os.remove(script)
      assert(rc == 0, out)
      local lines = {}
      for l in out:gmatch("[^\n]+") do lines[#lines + 1] = l end
      assert.equal("string " .. (lua == "lua5.3" and "Lua 5.3" or "Lua 5.1"), lines[1]:match("^%S+ Lua 5%.%d"))
      assert.equal(lua == "luajit", lines[1]:find("LuaJIT", 1, true) ~= nil)
      assert.equal("b a wörld <b>wörld</b>", lines[2])
      assert.truthy(lines[3]:find("^false .*attempt to use a node of a closed document$"), lines[3])
      assert.equal("nil input too large (100 bytes; limit 10)", lines[4])
      assert.equal("bob example", lines[5])
      assert.truthy(lines[6]:find("bad argument #2 to '.-' %(unknown flag 'q'%)$"), lines[6])
    end)
  end

  it("the 5.4 build is refused by LuaJIT with a clean error, not a crash", function()
    assert(sh("make -s") == 0)
    local rc, out = sh("luajit -e \"package.cpath='./build/?.so'; print(pcall(require, 'pith.core'))\"")
    assert.equal(0, rc)
    assert.truthy(out:find("^false.*undefined symbol"), out)
  end)
end)
