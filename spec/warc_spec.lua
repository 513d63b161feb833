-- The WARC reader (lua/pith/warc.lua) on archives this spec writes itself: real
-- pages from the shared corpus wrapped as HTTP responses, plus the records a
-- crawl also holds (warcinfo, requests, images) and broken ones.
local util = require "support.util"
local slurp = util.read
local spew = util.spit
local warc = require "pith.warc"
local core = require "pith.core"

local CORPUS = "../shared/corpus/readability/"

local function gzip(bytes)
  local tmp = os.tmpname()
  spew(tmp, bytes)
  local p = assert(io.popen("gzip -n -c < " .. tmp, "r"))
  local out = p:read("*a")
  p:close()
  os.remove(tmp)
  return out
end

-- One WARC record: header lines then the block, then the two CRLFs.
local function record(wtype, uri, block, content_type)
  local h = { "WARC/1.0", "WARC-Type: " .. wtype, "WARC-Date: 2024-01-02T03:04:05Z",
              "WARC-Record-ID: <urn:uuid:" .. tostring(#block) .. "-" .. wtype .. ">" }
  if uri then h[#h + 1] = "WARC-Target-URI: " .. uri end
  h[#h + 1] = "Content-Type: " .. (content_type or "application/http; msgtype=response")
  h[#h + 1] = "Content-Length: " .. #block
  return table.concat(h, "\r\n") .. "\r\n\r\n" .. block .. "\r\n\r\n"
end

local function http(headers, body)
  return "HTTP/1.1 200 OK\r\n" .. table.concat(headers, "\r\n") .. "\r\n\r\n" .. body
end

local function chunked(body, size)
  local parts = {}
  for i = 1, #body, size do
    local piece = body:sub(i, i + size - 1)
    parts[#parts + 1] = ("%x\r\n%s\r\n"):format(#piece, piece)
  end
  return table.concat(parts) .. "0\r\n\r\n"
end

local page1 = slurp(CORPUS .. "001/source.html")
local page2 = slurp(CORPUS .. "002/source.html")
-- Latin-1 bytes with no <meta charset>: only the HTTP header can say what they are.
local latin1 = "<html><head><title>Caf\233 cr\232me</title></head><body><p>Un caf\233.</p></body></html>"
local png = "\137PNG\r\n\26\n" .. ("\0\1\2\3"):rep(300)

-- The archive: the expected outcome of each record, in order.
local RECORDS = {
  { record("warcinfo", nil, "software: pith spec\r\nformat: WARC File Format 1.0\r\n",
           "application/warc-fields"), skip = true },
  { record("request", "https://example.org/one", "GET /one HTTP/1.1\r\nHost: example.org\r\n\r\n",
           "application/http; msgtype=request"), skip = true },
  { record("response", "https://example.org/one",
           http({ "Content-Type: text/html; charset=UTF-8", "Content-Length: " .. #page1 }, page1)),
    url = "https://example.org/one", bytes = page1, charset = "utf-8" },
  { record("response", "https://example.org/logo.png",
           http({ "Content-Type: image/png" }, png)), skip = true },
  { record("response", "<https://example.org/two>",
           http({ "Content-Type: text/html", "Transfer-Encoding: chunked", "Content-Encoding: gzip" },
                chunked(gzip(page2), 1000))),
    url = "https://example.org/two", bytes = page2 },
  { record("response", "https://example.org/cafe",
           http({ "Content-Type: text/html;charset=\"ISO-8859-1\"" }, latin1)),
    url = "https://example.org/cafe", bytes = latin1, charset = "iso-8859-1" },
  { record("response", "https://example.org/sniffed", http({ "Server: x" }, "\n  " .. page1)),
    url = "https://example.org/sniffed", bytes = "\n  " .. page1 },
  { record("metadata", "https://example.org/one", "fetchTimeMs: 12\r\n", "application/warc-fields"),
    skip = true },
}

local tmpdir

setup(function()
  tmpdir = os.tmpname()
  os.remove(tmpdir)
  assert(os.execute("mkdir -p " .. tmpdir))
end)

teardown(function()
  os.execute("rm -rf " .. tmpdir)
end)

-- Writes the archive: plain, or one gzip member per record. The last record is
-- `tail` (cut short). Returns the path and the offset of every record.
local function write_archive(name, gz, tail)
  local blobs, offsets, pos = {}, {}, 0
  local function add(r)
    local b = gz and gzip(r) or r
    offsets[#offsets + 1] = pos
    blobs[#blobs + 1] = b
    pos = pos + #b
  end
  for _, r in ipairs(RECORDS) do add(r[1]) end
  if tail then add(tail) end
  local path = tmpdir .. "/" .. name
  local bytes = table.concat(blobs)
  if tail and gz then bytes = bytes:sub(1, #bytes - 40) end -- cut inside the last member
  spew(path, bytes)
  return path, offsets, bytes
end

-- A page with its bytes shown by length and a checksum-free identity: assertion
-- messages stay readable, and equal bytes still compare equal.
local function brief(p)
  local c = {}
  for k, v in pairs(p) do c[k] = v end
  if c.bytes then c.bytes = ("%d bytes starting %q"):format(#c.bytes, c.bytes:sub(1, 20)) .. "/" .. c.bytes:sub(-20) end
  return c
end

local function read_all(path)
  local f = assert(io.open(path, "rb"))
  local r = warc.reader(f, path)
  local pages = {}
  while true do
    local p = r:next()
    if not p then break end
    pages[#pages + 1] = p
  end
  f:close()
  return pages, r.stats
end

-- A record whose Content-Length runs past the end of the file.
local truncated = record("response", "https://example.org/cut",
                         http({ "Content-Type: text/html" }, page2)):sub(1, 3000)

for _, gz in ipairs({ false, true }) do
  describe(gz and "a .warc.gz (one gzip member per record)" or "a plain .warc", function()
    it("gives one page per HTML response, with url, charset and FILE#offset, and counts the rest", function()
      local path, offsets = write_archive(gz and "a.warc.gz" or "a.warc", gz, truncated)
      local pages, stats = read_all(path)
      local expected = {}
      for i, r in ipairs(RECORDS) do
        if not r.skip then
          expected[#expected + 1] = { source = path .. "#" .. offsets[i], url = r.url, bytes = r.bytes,
                                      charset = r.charset }
        end
      end
      -- the truncated record: an error, at its own offset, with its URL
      expected[#expected + 1] = { source = path .. "#" .. offsets[#offsets], url = "https://example.org/cut",
                                  error = gz and "truncated gzip member"
                                    or ("truncated record (%d of %d bytes)"):format(
                                      3000 - (truncated:find("\r\n\r\n", 1, true) + 3),
                                      #http({ "Content-Type: text/html" }, page2)) }
      assert.equal(#expected, #pages)
      for i, e in ipairs(expected) do assert.same(brief(e), brief(pages[i])) end
      assert.same({ records = 9, pages = 4, skipped = 4, errors = 1 }, stats)
    end)

    it("resyncs after a corrupt record in the middle", function()
      local path, offsets, bytes = write_archive(gz and "c.warc.gz" or "c.warc", gz)
      -- damage the image record (4th): its gzip data, or its WARC header line
      local at = offsets[4] + (gz and 30 or 0)
      local bad = bytes:sub(1, at) .. (gz and ("\255"):rep(20) or "XXXXX")
                  .. bytes:sub(at + (gz and 21 or 6))
      spew(path, bad)
      local pages, stats = read_all(path)
      assert.equal(path .. "#" .. offsets[4], pages[2].source)
      assert.truthy(pages[2].error)
      assert.is_nil(pages[2].bytes)
      -- every later HTML response is still read, whole
      assert.equal(5, #pages)
      assert.equal(page2, pages[3].bytes)
      assert.equal(path .. "#" .. offsets[5], pages[3].source)
      assert.equal(latin1, pages[4].bytes)
      assert.equal(1, stats.errors)
    end)
  end)
end

describe("warc.reader", function()
  it("streams: the first page comes before the archive has been read", function()
    -- 300 records of a real page (3.8 MB); the reader must not slurp it
    local one = record("response", "https://example.org/p", http({ "Content-Type: text/html" }, page1))
    local path = tmpdir .. "/big.warc"
    local f = assert(io.open(path, "wb"))
    for _ = 1, 300 do f:write(one) end
    f:close()
    local size = #one * 300
    local raw = assert(io.open(path, "rb"))
    local read = 0
    local counting = { read = function(_, n)
      local s = raw:read(n)
      if s then read = read + #s end
      return s
    end }
    local r = warc.reader(counting, path)
    local p = r:next()
    assert.equal(page1, p.bytes)
    assert.is_true(read <= 2 * warc.CHUNK, ("read %d bytes of %d for the first page"):format(read, size))
    local n = 1
    while r:next() do n = n + 1 end
    raw:close()
    assert.equal(300, n)
    assert.equal(size, read)
  end)

  it("sniffs WARC data by content, not name", function()
    local plain = RECORDS[3][1]
    assert.equal("warc", warc.sniff(plain))
    assert.equal("warc.gz", warc.sniff(gzip(plain)))
    assert.is_nil(warc.sniff(page1))
    assert.is_nil(warc.sniff(gzip(page1)))
    assert.is_true(warc.is_warc_name("x/CC-MAIN-1.warc.GZ"))
    assert.is_false(warc.is_warc_name("x/page.html.gz"))
  end)

  it("skips junk between records and reports where it was", function()
    local junk = "this is not a record\r\n"
    local bytes = RECORDS[3][1] .. junk .. RECORDS[5][1]
    local path = tmpdir .. "/junk.warc"
    spew(path, bytes)
    local pages = read_all(path)
    assert.equal(3, #pages)
    assert.equal(page1, pages[1].bytes)
    assert.equal(path .. "#" .. #RECORDS[3][1], pages[2].source)
    assert.matches("not a WARC record %(" .. #junk .. " bytes skipped%)", pages[2].error)
    assert.equal(page2, pages[3].bytes)
  end)

  it("reads a gzip archive written as one stream", function()
    local all = {}
    for _, r in ipairs(RECORDS) do all[#all + 1] = r[1] end
    local path = tmpdir .. "/one-stream.warc.gz"
    spew(path, gzip(table.concat(all)))
    local pages, stats = read_all(path)
    assert.equal(4, #pages)
    assert.equal(page2, pages[2].bytes)
    assert.equal(path .. "#0", pages[4].source) -- one member: every record starts in it
    assert.same({ records = 8, pages = 4, skipped = 4, errors = 0 }, stats)
  end)
end)

describe("core.gzip_stream", function()
  it("stops at each member's end and says where the next begins", function()
    local a, b = gzip("first member"), gzip("second")
    local z = core.gzip_stream()
    local out, nxt, ended = z:inflate(a .. b)
    assert.same({ "first member", #a + 1, true }, { out, nxt, ended })
    out, nxt, ended = z:inflate(a .. b, nxt)
    assert.same({ "second", #a + #b + 1, true }, { out, nxt, ended })
  end)

  it("bounds its output per call and reports corrupt data", function()
    local big = ("x"):rep(100000)
    local z = core.gzip_stream()
    local gz = gzip(big)
    local out, nxt, ended = z:inflate(gz, 1, 1000)
    assert.equal(1000, #out)
    assert.is_false(ended)
    local parts = { out }
    while not ended do
      out, nxt, ended = z:inflate(gz, nxt, 1000)
      parts[#parts + 1] = out
    end
    assert.equal(big, table.concat(parts))
    local bad = gz:sub(1, 12) .. ("\255"):rep(10) .. gz:sub(23)
    local r, err = core.gzip_stream():inflate(bad)
    assert.is_nil(r)
    assert.is_string(err)
  end)
end)
