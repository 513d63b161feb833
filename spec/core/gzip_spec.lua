-- core.gunzip against gzip(1) on the Mercury corpus pages, and on broken input.
local util = require "support.util"
local slurp = util.read
local core = require "pith.core"

local MERCURY = "../shared/corpus/mercury/html/"

local function gzip_dc(path)
  local p = assert(io.popen("gzip -dc '" .. path .. "' 2>/dev/null"))
  local s = p:read("*a")
  p:close()
  return s
end

local function pages(n)
  local p = assert(io.popen("ls " .. MERCURY .. " | grep '\\.gz$' | head -" .. n))
  local list = {}
  for name in p:lines() do list[#list + 1] = MERCURY .. name end
  p:close()
  return list
end

describe("core.gunzip", function()
  it("decompresses real pages to the bytes gzip -dc gives", function()
    local list = pages(200)
    assert.is_true(#list > 100) -- the whole corpus, not a sample
    for _, path in ipairs(list) do
      local want = gzip_dc(path)
      assert.is_true(#want > 1000, path)
      assert.equal(want, core.gunzip(slurp(path)), path)
    end
  end)

  it("decodes concatenated members to the concatenation, as gzip -dc does", function()
    local a, b = MERCURY .. "fortune.com.html.gz", MERCURY .. "otrs.com.html.gz"
    local tmp = os.tmpname()
    local f = assert(io.open(tmp, "wb"))
    f:write(slurp(a), slurp(b))
    f:close()
    local got = core.gunzip(slurp(tmp))
    local want = gzip_dc(tmp)
    os.remove(tmp)
    assert.equal(gzip_dc(a) .. gzip_dc(b), want)
    assert.equal(want, got)
  end)

  it("ignores zero padding after the last member, as gzip -dc does", function()
    local a = MERCURY .. "fortune.com.html.gz"
    assert.equal(gzip_dc(a), core.gunzip(slurp(a) .. string.rep("\0", 512)))
  end)

  it("returns nil and a message for input that is not gzip", function()
    assert.same({ nil, "not gzip data" }, { core.gunzip("<html><p>plain</p></html>") })
    assert.same({ nil, "not gzip data" }, { core.gunzip("") })
  end)

  it("returns nil and a message for truncated and corrupt data", function()
    local gz = slurp(MERCURY .. "abcnews.go.com.html.gz")
    assert.same({ nil, "truncated gzip data" }, { core.gunzip(gz:sub(1, math.floor(#gz / 2))) })
    -- the deflate stream damaged in the middle
    local bad = gz:sub(1, 200) .. string.rep("\255", 64) .. gz:sub(265)
    local s, err = core.gunzip(bad)
    assert.is_nil(s)
    assert.is_string(err)
    -- the CRC-32 in the trailer no longer matches the data
    local crc = gz:sub(1, #gz - 8) .. string.char((gz:byte(#gz - 7) + 1) % 256) .. gz:sub(#gz - 6)
    assert.same({ nil, "incorrect data check" }, { core.gunzip(crc) })
    -- a second member that is broken fails the whole input
    assert.is_nil((core.gunzip(gz .. gz:sub(1, 100))))
  end)

  it("stops at the size limit instead of inflating a bomb", function()
    local path = MERCURY .. "abcnews.go.com.html.gz"
    local size = #gzip_dc(path)
    local gz = slurp(path)
    assert.equal(size, #core.gunzip(gz, size))
    assert.same({ nil, "decompressed data exceeds the size limit" }, { core.gunzip(gz, size - 1) })
    -- 64 MB of zeros compress to about 64 KB; a 1 MB cap refuses them early
    local p = assert(io.popen("head -c 67108864 /dev/zero | gzip -c"))
    local bomb = p:read("*a")
    p:close()
    assert.is_true(#bomb < 200000)
    assert.same({ nil, "decompressed data exceeds the size limit" }, { core.gunzip(bomb, 1024 * 1024) })
    assert.equal(64 * 1024 * 1024, #core.gunzip(bomb))
  end)

  it("raises on a bad argument", function()
    assert.has_error(function() core.gunzip() end)
    assert.has_error(function() core.gunzip("x", -1) end)
  end)
  describe("control_bytes", function()
    it("counts NULs and the control bytes no text holds, in the first n bytes", function()
      -- tab, line ends, form feed and ESC are text; \1-\8, \14-\26, \28-\31 and DEL are not
      assert.same({ 0, 0 }, { core.control_bytes("a\tb\nc\r\v\f\27 x\128\255") })
      assert.same({ 2, 5 }, { core.control_bytes("\0\1\8\14a\0\31\127") })
      assert.same({ 0, 23 }, { core.control_bytes(("\1\2\3\4\5\6\7\8"
        .. "\14\15\16\17\18\19\20\21\22\23\24\25\26\28\29\30\31\127"):sub(1, 23)) })
      -- only the first n bytes count; n past the end is the whole string
      assert.same({ 0, 1 }, { core.control_bytes("\1abc\0\2", 4) })
      assert.same({ 1, 2 }, { core.control_bytes("\1abc\0\2", 100) })
      assert.same({ 0, 0 }, { core.control_bytes("\1", 0) })
    end)

    it("finds a real page text and a gzip file binary", function()
      local path = MERCURY .. "abcnews.go.com.html.gz"
      local gz = slurp(path)
      local html = gzip_dc(path)
      assert.same({ 0, 0 }, { core.control_bytes(html, 4096) })
      local nuls, controls = core.control_bytes(gz, 4096)
      assert.is_true(nuls > 0 and controls > 100)
    end)
  end)
end)
