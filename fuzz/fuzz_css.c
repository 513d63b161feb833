/* libFuzzer target (b): arbitrary text as a CSS selector: the compiler
 * (core.css_to_xpath, both modes) and the compiled query run on a fixed real page,
 * from the document and from a node. The page is parsed once and never mutated. */
extern const char pith_fuzz_driver[];
const char pith_fuzz_driver[] =
    "local core = require 'pith.core'\n"
    "local path = os.getenv('PITH_FUZZ_PAGE') or "
    "'../shared/corpus/readability/001/source.html'\n"
    "local f = assert(io.open(path, 'rb'))\n"
    "local doc = assert(core.parse(f:read('a'), { url = 'http://fuzz.example/' }))\n"
    "f:close()\n"
    "local body = doc:body()\n"
    "return function(css)\n"
    "  pcall(core.css_to_xpath, css)\n"
    "  pcall(core.css_to_xpath, css, true)\n"
    "  local ok, nodes = pcall(doc.select, doc, css)\n"
    "  if ok then for i = 1, math.min(#nodes, 3) do nodes[i]:tag(); nodes[i]:attrs() end "
    "end\n"
    "  pcall(doc.first, doc, css)\n"
    "  if body then pcall(body.select, body, css); pcall(body.first, body, css) end\n"
    "end\n";
