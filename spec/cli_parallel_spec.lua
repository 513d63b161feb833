-- bin/pith at scale, as a user runs it: -j workers (order, a worker dying,
-- --timeout), WARC archives, progress, and the GNU parallel recipe.
local util = require "support.util"
local sh_quote = util.sh_quote
local slurp = util.slurp
local spew = util.spit
local capture = util.capture
local run = util.run
local json = require "pith.json"

local CORPUS = "../shared/corpus/readability/"

local ROOT = capture("pwd"):gsub("\n$", "")
local PITH = ROOT .. "/bin/pith"

local function pith(args, env)
  return run((env or "") .. " " .. sh_quote(PITH) .. " " .. args)
end

local function records(stdout)
  local list = {}
  for line in stdout:gmatch("([^\n]*)\n") do list[#list + 1] = assert(json.decode(line)) end
  return list
end

local function sources(recs)
  local s = {}
  for i, r in ipairs(recs) do s[i] = r.source end
  return s
end

-- The test pages: the first 16 real pages of the readability corpus.
local PAGES = {}
local tmpdir

setup(function()
  tmpdir = os.tmpname()
  os.remove(tmpdir)
  assert(os.execute("mkdir -p " .. tmpdir))
  local all = {}
  for p in capture("ls " .. CORPUS .. "*/source.html"):gmatch("[^\n]+") do all[#all + 1] = p end
  for i = 1, 16 do PAGES[i] = all[i] end
  local list = {}
  for i, p in ipairs(PAGES) do list[i] = p .. " https://example.org/" .. i end
  spew(tmpdir .. "/list.txt", table.concat(list, "\n") .. "\n")
end)

teardown(function()
  os.execute("rm -rf " .. tmpdir)
end)

describe("pith -j", function()
  local serial -- the records of a one-process run, the reference

  before_each(function()
    if not serial then
      local out, _, code = pith("-j 1 -i " .. tmpdir .. "/list.txt")
      assert.equal(0, code)
      serial = records(out)
      assert.equal(16, #serial)
    end
  end)

  it("writes the same records, in input order, with 2 and 3 workers", function()
    for _, j in ipairs({ 2, 3 }) do
      local out, _, code = pith("-j " .. j .. " -i " .. tmpdir .. "/list.txt")
      assert.equal(0, code)
      assert.same(serial, records(out))
    end
    assert.same(PAGES, sources(serial))
    assert.equal("https://example.org/5", serial[5].url)
  end)

  it("--unordered writes the same records, in any order", function()
    local out, _, code = pith("-j 2 --unordered -i " .. tmpdir .. "/list.txt")
    assert.equal(0, code)
    local got = records(out)
    table.sort(got, function(a, b) return a.source < b.source end)
    local want = { table.unpack(serial) }
    table.sort(want, function(a, b) return a.source < b.source end)
    assert.same(want, got)
  end)

  it("a worker dying on a page costs that page only", function()
    local victim = PAGES[6]
    local out, err, code = pith("-j 2 -i " .. tmpdir .. "/list.txt",
                                "PITH_TEST_WORKER_FAULT=" .. sh_quote("crash:" .. victim))
    assert.equal(1, code)
    local got = records(out)
    assert.same(PAGES, sources(got))
    for i, r in ipairs(got) do
      if i == 6 then
        assert.is_false(r.ok)
        assert.equal("https://example.org/6", r.url)
        assert.equal("worker killed by signal 9 on this page", r.error)
      else
        assert.same(serial[i], r)
      end
    end
    assert.matches(victim, err, 1, true)
  end)

  it("--timeout stops a page that runs too long, and only that page", function()
    local victim = PAGES[3]
    local t0 = os.time()
    local out, _, code = pith("-j 2 --timeout 1 -i " .. tmpdir .. "/list.txt",
                              "PITH_TEST_WORKER_FAULT=" .. sh_quote("hang:" .. victim))
    assert.is_true(os.time() - t0 < 20)
    assert.equal(1, code)
    local got = records(out)
    assert.same(PAGES, sources(got))
    assert.is_false(got[3].ok)
    assert.equal("timed out after 1 seconds", got[3].error)
    for i, r in ipairs(got) do
      if i ~= 3 then assert.same(serial[i], r) end
    end
  end)

  it("--timeout also guards a one-worker run", function()
    local out, _, code = pith("-j 1 --timeout 1 " .. PAGES[1] .. " " .. PAGES[2],
                              "PITH_TEST_WORKER_FAULT=" .. sh_quote("hang:" .. PAGES[1]))
    assert.equal(1, code)
    local got = records(out)
    assert.equal("timed out after 1 seconds", got[1].error)
    assert.is_true(got[2].ok)
  end)

  it("rejects bad -j and --timeout values", function()
    for _, a in ipairs({ "-j 0", "-j x", "--jobs=-2", "--timeout 0", "--timeout abc" }) do
      local _, err, code = pith(a .. " " .. PAGES[1])
      assert.equal(2, code, a)
      assert.matches("pith: ", err, 1, true)
    end
  end)

  it("pith -j 2 | head -1 exits cleanly and leaves no worker behind", function()
    local out, err = run("{ " .. sh_quote(PITH) .. " -j 2 -i " .. tmpdir .. "/list.txt; echo \"status $?\" >&2; }"
                         .. " | head -1")
    assert.equal(1, #records(out))
    assert.matches("^status 141\n$", err) -- quietly, with the closed-pipe status
    assert.is_nil(err:find("Error", 1, true))
    -- "[l]ist" matches "list" but not this command line itself; a killed
    -- worker may take a moment to go
    local left
    for _ = 1, 20 do
      -- without the sanitizer preload of `make asan`: pgrep hangs under it
      left = capture("env -u LD_PRELOAD pgrep -f " .. sh_quote(tmpdir .. "/[l]ist.txt") .. " || true")
      if left == "" then break end
      os.execute("sleep 0.1")
    end
    assert.equal("", left)
  end)
end)

describe("pith progress", function()
  it("stays off when stderr is not a terminal, and never touches stdout", function()
    local out, err = pith("-j 2 " .. PAGES[1] .. " " .. PAGES[2])
    assert.is_nil(err:find("\r", 1, true))
    assert.is_nil(err:find("pages/s", 1, true))
    assert.equal(2, #records(out))
  end)

  it("--progress writes it to a log every 2 seconds, then the summary; --quiet wins", function()
    -- a run of 3 seconds: the first page hangs until --timeout
    local args = "--progress -j 2 --timeout 3 " .. PAGES[1] .. " " .. PAGES[2]
    local hang = "PITH_TEST_WORKER_FAULT=" .. sh_quote("hang:" .. PAGES[1])
    local out, err = pith(args, hang)
    assert.equal(2, #records(out))
    assert.is_nil(err:find("\r", 1, true))
    assert.matches("^pith: 0/2 inputs, 0 pages, 0.0 pages/s, 0 errors\n", err)
    assert.matches("\npith: 2 pages, 1 errors, [%d.]+ s\n$", err)
    local _, quiet = pith("--quiet " .. args, hang)
    assert.equal("", quiet)
  end)
end)

-- A small crawl: a real page, a page whose charset only the HTTP header gives,
-- an image, and a last record cut short.
local function warc_record(uri, http)
  return ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n"
    .. "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n")
    :format(uri, #http, http)
end

local function gzip(bytes)
  local tmp = os.tmpname()
  spew(tmp, bytes)
  local out = capture("gzip -n -c < " .. tmp)
  os.remove(tmp)
  return out
end

local function write_crawl(path)
  local page = slurp(CORPUS .. "002/source.html")
  local recs = {
    warc_record("https://example.org/fetch", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" .. page),
    warc_record("https://example.org/cafe", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1"
      .. "\r\n\r\n<html><head><title>Caf\233 cr\232me</title></head><body><article><p>"
      .. ("Un caf\233 cr\232me, s'il vous pla\238t. "):rep(20) .. "</p></article></body></html>"),
    warc_record("https://example.org/x.png", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\137PNG"),
    warc_record("https://example.org/cut", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" .. page)
      :sub(1, 2000),
  }
  local offsets, blobs, pos = {}, {}, 0
  for i, r in ipairs(recs) do
    blobs[i] = gzip(r)
    offsets[i] = pos
    pos = pos + #blobs[i]
  end
  spew(path, table.concat(blobs))
  return offsets
end

describe("pith on WARC archives", function()
  it("gives a record per HTML response, skips the rest, and flags the truncated record", function()
    local path = tmpdir .. "/crawl.warc.gz"
    local offsets = write_crawl(path)
    for _, j in ipairs({ 1, 2 }) do
      local out, err, code = pith("-v -j " .. j .. " " .. path .. " " .. PAGES[1])
      assert.equal(1, code)
      local got = records(out)
      assert.same({ path .. "#" .. offsets[1], path .. "#" .. offsets[2], path .. "#" .. offsets[4], PAGES[1] },
                  sources(got))
      assert.equal("https://example.org/fetch", got[1].url)
      assert.equal("This API is so Fetching!", got[1].title)
      assert.equal("Café crème", got[2].title) -- decoded as the HTTP header said
      assert.matches("Un café crème, s'il vous plaît.", got[2].text, 1, true)
      assert.is_false(got[3].ok)
      assert.equal("https://example.org/cut", got[3].url)
      assert.matches("^truncated record %(%d+ of %d+ bytes%)$", got[3].error)
      assert.is_true(got[4].ok)
      assert.matches("\npith: 4 pages, 1 errors, 1 skipped, [%d.]+ s\n$", err)
    end
  end)

  it("finds .warc and .warc.gz files in folders", function()
    local dir = tmpdir .. "/crawls"
    os.execute("mkdir -p " .. dir)
    write_crawl(dir .. "/b.warc.gz")
    os.execute("gzip -dc < " .. dir .. "/b.warc.gz > " .. dir .. "/a.warc 2>/dev/null")
    local out = pith("-j 2 " .. dir)
    local got = records(out)
    assert.equal(6, #got)
    assert.equal(dir .. "/a.warc#0", got[1].source)
    assert.equal(got[1].text, got[4].text)
    assert.equal(dir .. "/b.warc.gz#0", got[4].source)
  end)
end)

describe("the GNU parallel recipe", function()
  local has_parallel = os.execute("command -v parallel >/dev/null 2>&1")

  it("spreads WARC files over the hosts of --sshlogin (here : , this machine)", function()
    if not has_parallel then
      pending("GNU parallel is not installed (Debian package parallel)")
      return
    end
    local dir = tmpdir .. "/gnu"
    os.execute("mkdir -p " .. dir)
    write_crawl(dir .. "/1.warc.gz")
    write_crawl(dir .. "/2.warc.gz")
    -- as in the README, with this checkout's pith and : (local) as the only host
    local out, err = run("cd " .. sh_quote(dir) .. " && ls *.warc.gz | parallel --will-cite -k "
                         .. "--sshlogin 2/: --transferfile {} --cleanup " .. sh_quote(PITH)
                         .. " --quiet -j 1 {}")
    local got = records(out)
    assert.equal(6, #got, err)
    assert.equal("1.warc.gz#0", got[1].source)
    assert.equal("2.warc.gz#0", got[4].source)
    assert.equal("Café crème", got[5].title)
    -- --cleanup removes transferred copies, never the local originals
    assert.truthy(slurp(dir .. "/1.warc.gz"))
  end)
end)
