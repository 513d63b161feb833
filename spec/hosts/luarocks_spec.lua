-- End to end in the lua5.4 interpreter from a LuaRocks-installed tree: `luarocks make`
-- installs pith into a fresh tree, and lua5.4, started outside the repository with
-- only that tree (and the system's lua-cjson) on its paths, extracts a real page.
local PAGE = "../shared/corpus/readability/001/"

local function sh(cmd)
  local p = io.popen(cmd .. " 2>&1; echo \"rc=$?\"")
  local out = p:read("*a")
  p:close()
  return tonumber(out:match("rc=(%d+)%s*$")), (out:gsub("rc=%d+%s*$", ""))
end

local function squash(s) return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")) end

describe("lua5.4 with a LuaRocks tree", function()
  it("loads pith from the tree alone and extracts a real page", function()
    local root = assert(io.popen("pwd")):read("*l")
    local tree = os.tmpname()
    os.remove(tree)
    finally(function() sh("rm -rf " .. tree) end)
    -- LuaRocks builds next to the sources (pith/core.so): build from a copy of the checkout,
    -- or the stray module would shadow build/ for every later spec
    local rc, out = sh("mkdir -p " .. tree .. "/src && git ls-files -co --exclude-standard -z | " ..
      "xargs -0 cp --parents -t " .. tree .. "/src && cd " .. tree .. "/src && " ..
      "luarocks --lua-version=5.4 --tree=" .. tree .. " make rockspec/pith-scm-1.rockspec")
    assert(rc == 0, "luarocks make failed: " .. out)
    local script = [[
      local pith = require "pith"
      local f = assert(io.open(arg[1], "rb"))
      local r = assert(pith.extract(f:read("a"), { format = "markdown" }))
      io.write(package.searchpath("pith.core", package.cpath), "\n",
        package.searchpath("pith", package.path), "\n", r.title or "", "\n", r.text)
    ]]
    local f = assert(io.open(tree .. "/try.lua", "wb"))
    f:write(script)
    f:close()
    rc, out = sh("cd /tmp && LUA_PATH_5_4='" .. tree .. "/share/lua/5.4/?.lua;" .. tree ..
      "/share/lua/5.4/?/init.lua;;' LUA_CPATH_5_4='" .. tree .. "/lib/lua/5.4/?.so;;' " ..
      "lua5.4 " .. tree .. "/try.lua " .. root .. "/" .. PAGE .. "source.html")
    assert(rc == 0, "lua5.4 failed: " .. out)
    local so, init, title, text = out:match("^([^\n]*)\n([^\n]*)\n([^\n]*)\n(.*)$")
    assert.equal(tree .. "/lib/lua/5.4/pith/core.so", so)
    assert.equal(tree .. "/share/lua/5.4/pith/init.lua", init)
    assert.truthy(title:find("^Get your Frontend JavaScript Code Covered"), title)
    local first = io.open(PAGE .. "expected.txt"):read("*a"):match("^[^\n]+")
    assert.equal(squash(first), squash(text:match("^[^\n]+")))
  end)
end)
