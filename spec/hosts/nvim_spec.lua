-- End to end in Neovim (LuaJIT 2.1, the 5.1 ABI): a headless nvim loads the LuaJIT
-- build of pith from the repository and :PithArticle turns an HTML buffer into the
-- article as Markdown in a new buffer. nvim is started here and quits by itself
-- (under timeout(1)); it opens no socket.
local util = require "support.util"
local slurp = util.read
local PAGE = "../shared/corpus/readability/001/"
local PAGE_URL = "https://nicolas.perriault.net/code/2013/get-your-frontend-javascript-code-covered/"

local function sh(cmd)
  local p = io.popen(cmd .. " 2>&1; echo \"rc=$?\"")
  local out = p:read("*a")
  p:close()
  return tonumber(out:match("rc=(%d+)%s*$")), (out:gsub("rc=%d+%s*$", ""))
end

local function squash(s) return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")) end

-- Markdown back to its words: links and emphasis markers go, their text stays.
local function unmark(md)
  return (md:gsub("!?%[([^%]]*)%]%b()", "%1"):gsub("%*%*", ""):gsub("\\(%p)", "%1"):gsub("\n> ?", "\n"))
end

local function tokens(s)
  local t = {}
  for w in s:lower():gmatch("[%w']+") do t[w] = (t[w] or 0) + 1 end
  return t
end

local function f1(got, want)
  local g, w, common, ng, nw = tokens(got), tokens(want), 0, 0, 0
  for k, n in pairs(g) do ng = ng + n; common = common + math.min(n, w[k] or 0) end
  for _, n in pairs(w) do nw = nw + n end
  if common == 0 then return 0 end
  local p, r = common / ng, common / nw
  return 2 * p * r / (p + r)
end

-- Runs nvim on `file`, then `ex` (an Ex command), and writes what the test needs.
local function nvim_article(file, ex)
  local dir = os.tmpname()
  os.remove(dir)
  assert(sh("mkdir -p " .. dir) == 0)
  local root = assert(io.popen("pwd")):read("*l")
  local report = table.concat({
    "local api = vim.api",
    "local bufs = api.nvim_list_bufs()",
    "vim.fn.writefile(api.nvim_buf_get_lines(0, 0, -1, false), '" .. dir .. "/out.md')",
    "vim.fn.writefile({ vim.bo.filetype, vim.bo.buftype, tostring(#bufs),",
    "  tostring(api.nvim_buf_line_count(bufs[1])), tostring(api.nvim_buf_get_option(bufs[1], 'modified')),",
    "  tostring(jit and jit.version), package.searchpath('pith.core', package.cpath) }, '" .. dir .. "/info')",
  }, " ")
  local cmd = table.concat({
    "timeout 60 nvim --headless --clean -n -i NONE",
    "--cmd 'set rtp^=" .. root .. "'",
    "--cmd \"lua package.cpath = '" .. root .. "/build/luajit/?.so;' .. package.cpath\"",
    "-c 'edit " .. file .. "'",
    "-c 'lua require(\"pith.nvim\").setup()'",
    "-c '" .. ex .. "'",
    "-c \"lua " .. report .. "\"",
    "-c 'qa!' </dev/null",
  }, " ")
  local rc, out = sh(cmd)
  local ok_md, md = pcall(slurp, dir .. "/out.md")
  local ok_info, info = pcall(slurp, dir .. "/info")
  sh("rm -rf " .. dir)
  assert(rc == 0, "nvim failed (" .. tostring(rc) .. "): " .. out)
  assert(ok_md and ok_info, "nvim wrote no result: " .. out)
  local fields = {}
  for line in info:gmatch("([^\n]*)\n") do fields[#fields + 1] = line end
  return md, fields, out
end

describe("Neovim host", function()
  setup(function()
    local rc, out = sh("make -s LUA=luajit")
    assert(rc == 0, "make LUA=luajit failed: " .. out)
  end)

  it("turns the HTML buffer into the article as Markdown in a new buffer", function()
    local md, info, out = nvim_article(PAGE .. "source.html", "PithArticle")
    assert(info[1] == "markdown", "no article buffer: " .. out)
    local filetype, buftype, nbufs, src_lines, src_modified, jit_version, so =
      info[1], info[2], info[3], info[4], info[5], info[6], info[7]
    assert.equal("markdown", filetype)
    assert.equal("nofile", buftype)
    assert.equal("2", nbufs)
    assert.truthy(jit_version:match("^LuaJIT 2%.1"), jit_version)
    assert.truthy(so:match("/build/luajit/pith/core%.so$"), so)
    -- the HTML buffer is untouched
    local _, nl = slurp(PAGE .. "source.html"):gsub("\n", "")
    assert.equal(tostring(nl), src_lines)
    assert.equal("false", src_modified)
    -- the page's metadata is read under LuaJIT too: its title heads the article
    -- (expected-metadata.json: "Get your Frontend JavaScript Code Covered | Code")
    assert.equal("# Get your Frontend JavaScript Code Covered | Code", md:match("^[^\n]*"))
    -- Markdown: the page's code block is fenced, its links are links
    assert.truthy(md:find("\n```\n", 1, true))
    assert.truthy(md:find("[Mocha](http://visionmedia.github.io/mocha/)", 1, true))
    -- and its words are the article's
    local want = slurp(PAGE .. "expected.txt")
    local first = want:match("^[^\n]+")
    assert.truthy(squash(unmark(md)):find(squash(first), 1, true), "first paragraph missing")
    assert.is_true(f1(unmark(md), want) > 0.95)
    -- the page's own markup example is code, kept verbatim in the fence
    assert.truthy(md:find('```\n<script src="vendor/blanket.js"\n', 1, true))
  end)

  it("makes relative links absolute against the URL given to :PithArticle", function()
    local md, info, out = nvim_article(PAGE .. "source.html", "PithArticle " .. PAGE_URL)
    assert(info[1] == "markdown", "no article buffer: " .. out)
    local link = "(https://nicolas.perriault.net/code/2013/" ..
      "testing-frontend-javascript-code-using-mocha-chai-and-sinon/)"
    assert.truthy(md:find(link, 1, true))
    assert.falsy(md:find("](/code/", 1, true))
  end)

  it("reports an empty buffer as an error and opens nothing", function()
    local empty = os.tmpname()
    local md, info, out = nvim_article(empty, "PithArticle")
    os.remove(empty)
    assert.equal("1", info[3])
    assert.equal("\n", md)
    assert.truthy(out:find("pith: empty document", 1, true), out)
  end)
end)
