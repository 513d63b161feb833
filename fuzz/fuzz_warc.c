/* libFuzzer target (c): arbitrary bytes as a WARC archive (plain or gzip, decided by
 * the reader's own sniffing) through pith.warc's public reader, served by a fake file
 * in small chunks so record and gzip-member boundaries land anywhere; every page's
 * payload is then parsed. */
extern const char pith_fuzz_driver[];
const char pith_fuzz_driver[] =
    "local core = require 'pith.core'\n"
    "local warc = require 'pith.warc'\n"
    "warc.CHUNK = 509\n"
    "return function(bytes)\n"
    "  local pos = 1\n"
    "  local fh = { read = function(_, n)\n"
    "    if pos > #bytes then return nil end\n"
    "    local c = bytes:sub(pos, pos + n - 1); pos = pos + n; return c\n"
    "  end }\n"
    "  warc.sniff(bytes:sub(1, 300))\n"
    "  local r = warc.reader(fh, 'fuzz.warc')\n"
    "  local ok, err = pcall(function()\n"
    "    for _ = 1, 10000 do\n"
    "      local page = r:next()\n"
    "      if not page then break end\n"
    "      assert(type(page.source) == 'string')\n"
    "      if page.bytes then\n"
    "        local doc = core.parse(page.bytes, { url = page.url, charset = page.charset "
    "})\n"
    "        if doc then doc:close() end\n"
    "      end\n"
    "    end\n"
    "  end)\n"
    "  r:close()\n"
    "  if not ok then error('FINDING: warc reader raised: ' .. tostring(err), 0) end\n"
    "end\n";
