-- End to end in lighttpd (mod_magnet, Lua 5.4): the bundled reader-view script
-- (lua/pith/magnet.lua, used directly as the magnet script) serves the article of
-- an HTML file as clean HTML. The server is started here on 127.0.0.1 with a free
-- port, waited for, and killed in a finally block.
local util = require "support.util"
local slurp = util.read
local PAGE = "../shared/corpus/readability/001/"

local function sh(cmd)
  local p = io.popen(cmd .. " 2>&1; echo \"rc=$?\"")
  local out = p:read("*a")
  p:close()
  return tonumber(out:match("rc=(%d+)%s*$")), (out:gsub("rc=%d+%s*$", ""))
end

local function write(path, s)
  local f = assert(io.open(path, "wb"))
  f:write(s)
  f:close()
end

local function squash(s) return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")) end

local root = assert(io.popen("pwd")):read("*l")

-- Starts lighttpd on a free loopback port; returns pid, port, dir.
local function start_lighttpd(dir)
  local conf = dir .. "/lighttpd.conf"
  for _ = 1, 20 do
    local port = math.random(20000, 60000)
    write(conf, table.concat({
      'server.modules = ( "mod_magnet" )',
      'server.bind = "127.0.0.1"',
      "server.port = " .. port,
      'server.document-root = "' .. dir .. '/www"',
      'server.errorlog = "' .. dir .. '/error.log"',
      'mimetype.assign = ( ".html" => "text/html", ".txt" => "text/plain" )',
      'magnet.attract-physical-path-to = ( "' .. root .. '/lua/pith/magnet.lua" )',
    }, "\n") .. "\n")
    local env = "LUA_PATH_5_4='" .. root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;;' " ..
      "LUA_CPATH_5_4='" .. root .. "/build/?.so;;' "
    local p = io.popen(env .. "lighttpd -D -f " .. conf .. " >" .. dir .. "/out.log 2>&1 & echo $!")
    local pid = tonumber(p:read("*l"))
    p:close()
    for _ = 1, 100 do -- up to 10 s
      if sh("curl -s -o /dev/null --max-time 2 http://127.0.0.1:" .. port .. "/none.txt") == 0 then
        return pid, port
      end
      if sh("kill -0 " .. pid) ~= 0 then break end -- exited: the port was taken, try another
      sh("sleep 0.1")
    end
    sh("kill " .. pid)
  end
  error("lighttpd did not start: " .. slurp(dir .. "/out.log") .. (select(2, sh("cat " .. dir .. "/error.log"))))
end

local function get(port, path)
  local rc, out = sh("curl -s -D - --max-time 30 http://127.0.0.1:" .. port .. path)
  assert(rc == 0, "curl failed: " .. out)
  local head, body = out:match("^(.-\r\n)\r\n(.*)$")
  local status = tonumber(head:match("^HTTP/%S+ (%d+)"))
  return status, body, head:lower()
end

describe("lighttpd host (mod_magnet)", function()
  it("serves the article of an HTML file as clean HTML, and other files as they are", function()
    local rc, out = sh("make -s")
    assert(rc == 0, "make failed: " .. out)
    local dir = os.tmpname()
    os.remove(dir)
    assert(sh("mkdir -p " .. dir .. "/www") == 0)
    local source = slurp(PAGE .. "source.html")
    write(dir .. "/www/article.html", source)
    write(dir .. "/www/notes.txt", "plain <b>text</b>\n")
    write(dir .. "/www/empty.html", "")
    local pid
    finally(function()
      if pid then sh("kill " .. pid) end
      sh("rm -rf " .. dir)
    end)
    local port
    pid, port = start_lighttpd(dir)

    local status, body, head = get(port, "/article.html")
    assert.equal(200, status)
    assert.truthy(head:find("content-type: text/html; charset=utf-8", 1, true))
    assert.truthy(head:find("content-security-policy: default-src 'none'", 1, true))
    assert.truthy(body:find("^<!DOCTYPE html>"))
    -- Lua 5.4 inside lighttpd gets the metadata too: the title (as the page's title and
    -- headline) and the byline
    local title = body:match("<title>(.-)</title>")
    assert.truthy(title and title:find("^Get your Frontend JavaScript Code Covered"), title)
    assert.truthy(body:find("<h1>" .. title .. "</h1>", 1, true))
    assert.truthy(body:find('<p class="byline">Nicolas Perriault', 1, true))
    -- the article, not the page: its first sentence, none of the page's scripts or navigation
    local first = slurp(PAGE .. "expected.txt"):match("^[^\n]+")
    assert.truthy(squash(body:gsub("<[^>]*>", "")):find(squash(first), 1, true))
    assert.truthy(#body < #source / 2)
    assert.falsy(body:find("<script", 1, true))
    assert.falsy(body:lower():find("onclick=", 1, true))
    -- relative links are made absolute against the request's own URL
    assert.truthy(body:find('href="http://127.0.0.1:' .. port ..
      '/code/2013/testing-frontend-javascript-code-using-mocha-chai-and-sinon/"', 1, true))

    status, body = get(port, "/article.html?original")
    assert.equal(200, status)
    assert.equal(source, body)

    status, body = get(port, "/notes.txt")
    assert.equal(200, status)
    assert.equal("plain <b>text</b>\n", body)

    status, body = get(port, "/empty.html")
    assert.equal(422, status)
    assert.equal("pith: no article: empty document (no element in the input)\n", body)

    status = get(port, "/missing.html")
    assert.equal(404, status)
  end)
end)
