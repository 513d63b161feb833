/* libFuzzer target (a): arbitrary bytes through parse, selection, serialisation and
 * the whole Lua extraction pipeline (every output format). */
extern const char pith_fuzz_driver[];
const char pith_fuzz_driver[] =
    "local core = require 'pith.core'\n"
    "local pith = require 'pith'\n"
    "return function(bytes)\n"
    "  local doc = core.parse(bytes)\n"
    "  if doc then\n"
    "    for _, css in ipairs { 'p', 'div > p', 'a[href^=http]', ':not(script)', "
    "'li:nth-child(2n+1)' } do\n"
    "      local ok, nodes = pcall(doc.select, doc, css)\n"
    "      if ok then for i = 1, math.min(#nodes, 5) do nodes[i]:text(); nodes[i]:html() "
    "end end\n"
    "    end\n"
    "    local body = doc:body()\n"
    "    if body then body:text(); body:markdown(); body:clean_html() end\n"
    "    doc:close()\n"
    "  end\n"
    "  local fmt = ({ 'text', 'markdown', 'html' })[#bytes % 3 + 1]\n"
    "  local ok, err = pcall(pith.extract, bytes, { format = fmt, url = "
    "'http://fuzz.example/a/b',\n"
    "                        links = true, images = true, rule = false })\n"
    "  if not ok then error('FINDING: pith.extract raised: ' .. tostring(err), 0) end\n"
    "end\n";
