-- bin/pith as a user runs it: a subprocess on real pages from ../shared/corpus.
local util = require "support.util"
local sh_quote = util.sh_quote
local slurp = util.slurp
local spit = util.spit
local capture = util.capture
local run = util.run
local json = require "pith.json"

local CORPUS = "../shared/corpus"
local FORTUNE = CORPUS .. "/mercury/html/fortune.com.html.gz"
-- Article sentences: Mercury's test for the fortune.com page expects the content to
-- start with the first; the others open each readability page's expected.txt.
local FORTUNE_LEAD = "The Amazon Echo Dot, the retailer’s puck-shaped smart speaker"
local R001 = CORPUS .. "/readability/001/source.html"
local R001_TEXT = "The idea behind code coverage is to record which parts of your code"
local R002 = CORPUS .. "/readability/002/source.html"
local R002_TEXT = "the Web has used XMLHttpRequest (XHR) to achieve asynchronous requests"

local ROOT = capture("pwd"):gsub("\n$", "")
local PITH = ROOT .. "/bin/pith"

local function pith(args)
  return run(sh_quote(PITH) .. " " .. args)
end

-- Every stdout line must be one JSON object.
local function records(stdout)
  local list = {}
  for line in stdout:gmatch("([^\n]*)\n") do
    local rec, err = json.decode(line)
    assert(type(rec) == "table", "not a JSON object: " .. tostring(err) .. ": " .. line:sub(1, 200))
    list[#list + 1] = rec
  end
  assert(stdout == "" or stdout:sub(-1) == "\n", "output does not end with a newline")
  return list
end

-- The CLI passes the extractor's text through; whitespace is the text
-- module's business, not this spec's.
local function has(text, phrase)
  return type(text) == "string" and text:gsub("%s+", " "):find(phrase, 1, true) ~= nil
end

local function by_source(list)
  local t = {}
  for _, r in ipairs(list) do t[r.source] = r end
  return t
end

local function assert_ok_record(rec)
  assert.is_true(rec.ok)
  assert.is_nil(rec.error)
  -- the generic path, or the site rule applied as id@version
  assert.is_true(rec.rule == "generic" or rec.rule:match("^[%w._-]+@[%w._-]+$") ~= nil, rec.rule)
  assert.is_string(rec.text)
  assert.is_true(rec.title == json.null or type(rec.title) == "string")
  assert.is_not_nil(rec.url) -- a URL or null, always present
end

local tmp
before_each(function()
  tmp = capture("mktemp -d"):gsub("\n$", "")
end)
after_each(function()
  if tmp and tmp:match("^/tmp/") then os.execute("rm -rf " .. sh_quote(tmp)) end
end)

describe("bin/pith on one input", function()
  it("prints the article text of a gzip-compressed page", function()
    local out, err, code = pith(sh_quote(FORTUNE))
    assert.equal(0, code, err)
    assert.is_true(has(out, FORTUNE_LEAD))
    assert.is_nil(out:find("^%s*[{[]")) -- plain text, not JSON
  end)

  it("prints one JSON record with -f json, with the metadata pith.extract found", function()
    local out, err, code = pith("-f json -u https://fortune.com/2016/12/15/amazon-alexa-gadgets/ "
      .. sh_quote(FORTUNE))
    assert.equal(0, code, err)
    local recs = records(out)
    assert.equal(1, #recs)
    local rec = recs[1]
    assert_ok_record(rec)
    assert.equal(FORTUNE, rec.source)
    assert.equal("https://fortune.com/2016/12/15/amazon-alexa-gadgets/", rec.url)
    assert.is_true(has(rec.text, FORTUNE_LEAD))
    -- every field pith.extract returns for this page is in the record, unchanged
    local bytes = require("pith.core").gunzip(slurp(FORTUNE))
    local direct = require("pith").extract(bytes, { url = rec.url })
    for k, v in pairs(direct) do
      -- url: the record reports the URL it was given (asserted above), whatever
      -- the extractor makes of the page's canonical link
      if k ~= "text" and k ~= "url" then
        assert.same(json.decode(json.encode(v)), rec[k], "field " .. k)
      end
    end
  end)

  it("reads stdin for -, with the URL of -u", function()
    local out, err, code = run("cat " .. sh_quote(R001) .. " | " .. sh_quote(PITH)
      .. " -f jsonl -u https://example.com/cov -")
    assert.equal(0, code, err)
    local recs = records(out)
    assert.equal(1, #recs)
    assert_ok_record(recs[1])
    assert.equal("-", recs[1].source)
    assert.equal("https://example.com/cov", recs[1].url)
    assert.is_true(has(recs[1].text, R001_TEXT))
  end)

  it("writes to -o FILE and nothing to stdout", function()
    local target = tmp .. "/out.txt"
    local out, err, code = pith("-o " .. sh_quote(target) .. " " .. sh_quote(R002))
    assert.equal(0, code, err)
    assert.equal("", out)
    assert.is_true(has(slurp(target), R002_TEXT))
  end)

  it("works from any folder and through a symlink to bin/pith", function()
    os.execute("ln -s " .. sh_quote(PITH) .. " " .. sh_quote(tmp .. "/pith"))
    local out, err, code = run("cd / && " .. sh_quote(tmp .. "/pith") .. " -f jsonl "
      .. sh_quote(ROOT .. "/" .. R001))
    assert.equal(0, code, err)
    assert.is_true(has(records(out)[1].text, R001_TEXT))
  end)
end)

describe("bin/pith on several inputs", function()
  local function make_folder()
    local dir = tmp .. "/pages"
    os.execute("mkdir -p " .. sh_quote(dir .. "/sub"))
    os.execute("cp " .. sh_quote(R002) .. " " .. sh_quote(dir .. "/b.html"))
    os.execute("cp " .. sh_quote(R001) .. " " .. sh_quote(dir .. "/sub/a.htm"))
    os.execute("cp " .. sh_quote(FORTUNE) .. " " .. sh_quote(dir .. "/c.html.gz"))
    spit(dir .. "/notes.txt", "not a page")
    return dir
  end

  it("recurses a folder in sorted order and writes JSONL by default", function()
    local dir = make_folder()
    local out, err, code = pith(sh_quote(dir))
    assert.equal(0, code, err)
    local recs = records(out)
    local sources = {}
    for _, r in ipairs(recs) do
      assert_ok_record(r)
      sources[#sources + 1] = r.source
    end
    assert.same({ dir .. "/b.html", dir .. "/c.html.gz", dir .. "/sub/a.htm" }, sources)
    assert.is_true(has(recs[1].text, R002_TEXT))
    assert.is_true(has(recs[2].text, FORTUNE_LEAD))
    assert.is_true(has(recs[3].text, R001_TEXT))
  end)

  it("gives unreadable inputs an ok=false record, goes on, and exits 1", function()
    local dir = make_folder()
    local junk = dir .. "/junk.html"
    local f = assert(io.open(junk, "wb"))
    for i = 0, 4095 do f:write(string.char((i * 7919 + 13) % 256)) end -- binary bytes, NULs included
    f:close()
    spit(dir .. "/broken.gz", "\31\139\8\0garbage that is not deflate data")
    local missing = tmp .. "/missing.html"
    local out, err, code = pith(sh_quote(dir) .. " " .. sh_quote(missing) .. " " .. sh_quote(R001))
    assert.equal(1, code)
    local recs = records(out)
    assert.equal(7, #recs) -- 5 page files in the folder, the missing file, R001
    local t = by_source(recs)
    assert.is_false(t[junk].ok)
    assert.truthy(t[junk].error:find("binary", 1, true))
    assert.is_false(t[dir .. "/broken.gz"].ok)
    assert.truthy(t[dir .. "/broken.gz"].error:find("gzip", 1, true))
    assert.is_false(t[missing].ok)
    assert.truthy(t[missing].error:find("No such file", 1, true))
    for _, r in ipairs { t[dir .. "/b.html"], t[dir .. "/sub/a.htm"], t[R001] } do
      assert_ok_record(r)
      assert.is_true(#r.text > 200)
    end
    assert.equal(R001, recs[7].source) -- inputs keep their order
    assert.truthy(err:find("missing.html", 1, true)) -- and the failures are told on stderr
  end)

  it("reads -i lists of PATH [URL] lines", function()
    local list = tmp .. "/list.txt"
    spit(list, "# pages\n" .. R001 .. " https://example.com/one\n\n" .. FORTUNE .. "\n"
      .. R002 .. "\thttps://example.com/two?x=1\n")
    local out, err, code = pith("-f jsonl -i " .. sh_quote(list))
    assert.equal(0, code, err)
    local recs = records(out)
    assert.equal(3, #recs)
    assert.same({ R001, FORTUNE, R002 }, { recs[1].source, recs[2].source, recs[3].source })
    assert.equal("https://example.com/one", recs[1].url)
    assert.equal("https://example.com/two?x=1", recs[3].url)
    for _, r in ipairs(recs) do assert_ok_record(r) end
    assert.is_true(has(recs[2].text, FORTUNE_LEAD))
  end)

  it("refuses pages over --max-size with an ok=false record and reads the rest", function()
    local big = tmp .. "/big.html"
    spit(big, "<p>" .. string.rep("All work and no play makes a large page. ", 30000) .. "</p>")
    local out, _, code = pith("--max-size 1 " .. sh_quote(big) .. " " .. sh_quote(R001))
    assert.equal(1, code)
    local recs = records(out)
    assert.equal(2, #recs)
    assert.is_false(recs[1].ok)
    assert.truthy(recs[1].error:find("too large", 1, true))
    assert_ok_record(recs[2])
    local _, err2, code2 = pith("--max-size none " .. sh_quote(R001))
    assert.equal(2, code2)
    assert.truthy(err2:find("--max-size", 1, true))
  end)

  it("writes a JSON array with -f json", function()
    local out, err, code = pith("-f json " .. sh_quote(R001) .. " " .. sh_quote(R002))
    assert.equal(0, code, err)
    local arr = assert(json.decode(out))
    assert.equal(2, #arr)
    assert.equal(R002, arr[2].source)
  end)

  it("separates the texts of several pages by a form-feed line with -f text", function()
    local out, err, code = pith("-f text " .. sh_quote(R001) .. " " .. sh_quote(R002))
    assert.equal(0, code, err)
    local a, b = out:match("^(.-)\n\f\n(.*)$")
    assert.is_true(has(a, R001_TEXT))
    assert.is_true(has(b, R002_TEXT))
  end)
end)

describe("bin/pith usage", function()
  it("exits 2 with nothing on stdout for usage errors", function()
    for _, args in ipairs { "--bogus " .. R001, "-f yaml " .. R001, "", "-u http://a/ " .. R001 .. " " .. R002,
                            "-i " .. tmp .. "/no-such-list", "- -" } do
      local out, err, code = pith(args)
      assert.equal(2, code, args)
      assert.equal("", out, args)
      assert.truthy(err:find("pith:", 1, true), args)
    end
  end)

  it("says pith.core is missing, without a traceback, in a checkout not built yet", function()
    os.execute("mkdir " .. sh_quote(tmp .. "/bin") .. " && cp " .. sh_quote(PITH) .. " " .. sh_quote(tmp .. "/bin/")
      .. " && cp -r " .. sh_quote(ROOT .. "/lua") .. " " .. sh_quote(tmp .. "/lua"))
    local out, err, code = run(sh_quote(tmp .. "/bin/pith") .. " " .. sh_quote(R001))
    assert.equal(2, code)
    assert.equal("", out)
    assert.truthy(err:find("^pith: cannot load the pith module: "), err)
    assert.truthy(err:find("pith.core", 1, true))
    assert.is_nil(err:find("traceback", 1, true))
    local help, _, hcode = run(sh_quote(tmp .. "/bin/pith") .. " --help")
    assert.equal(0, hcode)
    assert.truthy(help:find("Usage: pith", 1, true))
  end)

  it("prints help and version on stdout", function()
    local out, _, code = pith("--help")
    assert.equal(0, code)
    assert.truthy(out:find("Usage: pith", 1, true))
    out, _, code = pith("--version")
    assert.equal(0, code)
    assert.equal("pith " .. require("pith").version .. "\n", out)
  end)
end)

describe("bin/pith when the reader of its output goes away", function()
  local MERCURY = CORPUS .. "/mercury/html" -- 100+ pages: far more than a pipe buffer holds

  -- `pith ARGS | head -1` through sh; returns head's output, pith's stderr, pith's status.
  -- ignore_pipe: run pith with SIGPIPE ignored, so it sees the EPIPE write error itself
  -- (as under a parent that ignores the signal) instead of being killed by it.
  local function head1(args, ignore_pipe)
    local status, err = tmp .. "/status", tmp .. "/stderr"
    local line = run("sh -c " .. sh_quote((ignore_pipe and "trap '' PIPE; " or "")
      .. "{ " .. sh_quote(PITH) .. " " .. args .. " 2>" .. sh_quote(err) .. "; echo $? >" .. sh_quote(status)
      .. "; } | head -1"))
    return line, slurp(err), tonumber(slurp(status))
  end

  for _, ignore in ipairs { false, true } do
    local how = ignore and "with SIGPIPE ignored" or "with SIGPIPE at its default"
    it("stops quietly with status 141, " .. how, function()
      local line, err, code = head1("-f jsonl " .. sh_quote(MERCURY), ignore)
      assert.equal("", err)
      assert.equal(141, code)
      local recs = records(line)
      assert.equal(1, #recs)
      assert.equal(MERCURY .. "/", recs[1].source:sub(1, #MERCURY + 1))
      assert.is_true(recs[1].ok)
    end)
  end

  it("stops quietly with the buffered formats too", function()
    for _, f in ipairs { "text", "json", "markdown" } do
      local line, err, code = head1("-f " .. f .. " " .. sh_quote(MERCURY), true)
      assert.equal("", err, f)
      assert.equal(141, code, f)
      assert.truthy(#line > 0, f)
    end
  end)
end)

describe("bin/pith messages on stderr", function()
  local SUMMARY = "^pith: (%d+) pages, (%d+) errors, (%d+%.%d%d) s\n$"

  it("prints no summary when stderr is not a terminal", function()
    local out, err, code = pith("-f jsonl " .. sh_quote(R001) .. " " .. sh_quote(R002))
    assert.equal(0, code, err)
    assert.equal("", err)
    assert.equal(2, #records(out))
  end)

  it("prints the summary line with -v or --progress, never on stdout", function()
    local missing = tmp .. "/missing.html"
    for _, flag in ipairs { "-v", "--verbose", "--progress" } do
      local out, err, code = pith(flag .. " -f jsonl " .. sh_quote(R001) .. " " .. sh_quote(missing) .. " "
        .. sh_quote(R002))
      assert.equal(1, code, flag)
      assert.equal(3, #records(out), flag)
      local last = err:match("[^\n]*\n$")
      local pages, errors, secs = last:match(SUMMARY)
      assert.equal("3", pages, err)
      assert.equal("1", errors, err)
      assert.truthy(tonumber(secs) < 60)
      assert.truthy(err:find("pith: " .. missing .. ": No such file", 1, true), flag)
    end
  end)

  it("prints the summary when stderr is a terminal", function()
    if not os.execute("command -v script >/dev/null 2>&1") then
      pending("script(1) is not installed")
      return
    end
    -- script(1) runs the command on a pseudo-terminal and copies what it shows
    local shown, err, code = run("script -qec " .. sh_quote(sh_quote(PITH) .. " -f jsonl " .. sh_quote(R001) .. " "
      .. sh_quote(R002) .. " >/dev/null") .. " /dev/null")
    assert.equal(0, code, err)
    assert.truthy(shown:gsub("\r\n", "\n"):match("pith: 2 pages, 0 errors, %d+%.%d%d s\n$"), shown)
  end)

  it("says nothing with --quiet, not even with -v, but keeps the exit status", function()
    local missing = tmp .. "/missing.html"
    for _, flags in ipairs { "-q", "--quiet", "-q -v", "--progress --quiet" } do
      local out, err, code = pith(flags .. " -f jsonl " .. sh_quote(missing) .. " " .. sh_quote(R001))
      assert.equal(1, code, flags)
      assert.equal("", err, flags)
      local recs = records(out)
      assert.is_false(recs[1].ok)
      assert.truthy(recs[1].error:find("No such file", 1, true))
    end
  end)

  it("still reports usage errors with --quiet", function()
    local out, err, code = pith("-q --bogus " .. sh_quote(R001))
    assert.equal(2, code)
    assert.equal("", out)
    assert.truthy(err:find("pith: unknown option --bogus", 1, true))
  end)

  it("documents -q, -v, --progress, -r and the closed-pipe status in --help", function()
    local out = pith("--help")
    for _, s in ipairs { "-q, --quiet", "-v, --verbose", "--progress", "-r, --rules DIR", "status 141",
                         "pith: N pages, N errors, S s" } do
      assert.truthy(out:find(s, 1, true), s)
    end
  end)
end)

describe("pith.json", function()
  it("writes what JSON readers read back, keys in the given order", function()
    local s = json.encode({ text = "a/b \"q\" \1 é", n = (1 << 53) + 1, f = 0.1, tags = {}, url = json.null },
      { "url", "text" })
    assert.equal('{"url":null,"text":"a/b \\"q\\" \\u0001 é","f":0.1,"n":9007199254740993,"tags":[]}', s)
  end)

  it("replaces invalid UTF-8 so the line stays valid", function()
    assert.equal('"a\239\191\189b"', json.encode("a\255b"))
  end)
end)
