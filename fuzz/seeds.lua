--- Writes the seed corpora of the fuzz targets from ../shared/corpus (and pith's own rule files):
--   lua5.4 fuzz/seeds.lua SHARED OUTDIR  -> OUTDIR/{extract,css,warc,rules}/
-- extract: the corpus pages; css: the selectors pith's rules and specs use plus tag.class / #id
-- taken from the pages; warc: small archives (plain and gzip) wrapping cut-down pages; rules:
-- the rule files in lua/pith/sites and spec/fixtures/rules, each prefixed with its loader byte.
local shared, out = arg[1], arg[2]

local function slurp(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

local function spit(path, s)
  local f = assert(io.open(path, "wb"))
  f:write(s)
  f:close()
end

local function lines(cmd)
  local p = assert(io.popen(cmd))
  local t = {}
  for l in p:lines() do t[#t + 1] = l end
  p:close()
  return t
end

for _, d in ipairs { "extract", "css", "warc", "rules" } do os.execute("mkdir -p " .. out .. "/" .. d) end

local pages = lines("ls " .. shared .. "/corpus/readability/*/source.html 2>/dev/null")
local css, seen = {}, {}
local function add_css(s)
  if s and #s > 0 and #s < 200 and not seen[s] then
    seen[s] = true
    css[#css + 1] = s
  end
end
for _, s in ipairs { "p", "div > p", "a[href^=http]", ":not(script)", "li:nth-child(2n+1)",
                     "ul li + li ~ li", "[data-x='a b']", "a:not([href*=\"#\"])", "h1, h2, h3",
                     "p:first-child", "td:nth-last-of-type(-n+3)", "*:empty", "body :root",
                     "input[type=text i]", "div#main.article > p:last-child" } do add_css(s) end

for i, page in ipairs(pages) do
  local html = slurp(page)
  if html then
    spit(out .. "/extract/" .. i .. ".html", html:sub(1, 60000))
    local n = 0
    for tag, attrs in html:gmatch("<(%a+)([^>]*)>") do
      local class = attrs:match('class="([%w_%- ]+)"')
      local id = attrs:match('id="([%w_%-]+)"')
      if class then add_css(tag:lower() .. "." .. class:gsub("%s+", ".")); n = n + 1 end
      if id then add_css("#" .. id .. " > " .. tag:lower()); n = n + 1 end
      if n > 6 then break end
    end
    if i <= 40 then
      local body = html:sub(1, 3000)
      local http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " ..
                   #body .. "\r\n\r\n" .. body
      local function record(kind, payload)
        return "WARC/1.0\r\nWARC-Type: " .. kind .. "\r\nWARC-Target-URI: http://example.com/" .. i ..
               "\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " .. #payload ..
               "\r\n\r\n" .. payload .. "\r\n\r\n"
      end
      local warc = record("warcinfo", "software: seeds\r\n") .. record("response", http)
      local plain = out .. "/warc/" .. i .. ".warc"
      spit(plain, warc)
      if i % 2 == 0 then os.execute("gzip -c " .. plain .. " > " .. plain .. ".gz") end
    end
  end
end
for _, spec in ipairs(lines("ls spec/core/css_spec.lua spec/core/select_spec.lua lua/pith/sites/*.lua 2>/dev/null")) do
  local s = slurp(spec) or ""
  for q in s:gmatch('select%("([^"]+)"%)') do add_css(q) end
  for q in s:gmatch('first%("([^"]+)"%)') do add_css(q) end
end
for i, s in ipairs(css) do spit(out .. "/css/" .. i .. ".txt", s) end
-- fuzz_css's page mode: selectors (one a line), a NUL, then a page (cut-down corpus pages
-- and snippets with what the metadata walks look for).
local snippets = {
  '<html><head><title>T</title><meta property="og:title" content="A &amp; B">' ..
  '<meta name="author description" content=" x "><link rel="canonical author" href=" /a ">' ..
  '<base href="http://b/"><script type="application/ld+json">{"a":1}</script></head>' ..
  '<body><h1 class="headline">H</h1><p class="byline">By <a rel="author">Me</a></p>' ..
  '<time datetime="2020">x</time><aside id="comments"><p>c</p></aside></body></html>',
  '<div class="a b  c" id=x><p title="t">one<b>two</b></p><p lang=en-us>3</p></div><ul><li>1<li>2</ul>',
  ('<div class="d">'):rep(300) .. 'deep' .. ('</div>'):rep(300),
}
local sels = { "p\ndiv > p\n.a.b", "[title]\nul li + li\n#x p ~ p", "div.d div.d > div\n*",
               "[lang|=en]\n[class~=b]\n[title^=t]\n[title$=t]\n[title*=t i]", "p:first-child\nh1, time" }
local k = 0
for _, snip in ipairs(snippets) do
  for _, sel in ipairs(sels) do
    k = k + 1
    spit(out .. "/css/doc" .. k .. ".txt", sel .. "\0" .. snip)
  end
end
for i, page in ipairs(pages) do
  if i > 30 then break end
  local html = slurp(page)
  if html then
    spit(out .. "/css/page" .. i .. ".txt", css[(i % #css) + 1] .. "\n" .. css[(i * 7 % #css) + 1] ..
         "\np\n\0" .. html:sub(1, 30000))
  end
end

local rules = lines("ls lua/pith/sites/*.lua spec/fixtures/rules/*/*.lua spec/fixtures/cli/rules/*.lua " ..
                    "spec/fixtures/rules/ftr/*.txt 2>/dev/null")
for i, path in ipairs(rules) do
  local s = slurp(path) or ""
  if path:match("%.txt$") then
    spit(out .. "/rules/" .. i .. "-ftr.txt", "\1" .. s)
    spit(out .. "/rules/" .. i .. "-parse.txt", "\2" .. s)
  else
    spit(out .. "/rules/" .. i .. ".lua", "\0" .. s)
    spit(out .. "/rules/" .. i .. "-register.lua", "\3" .. s)
  end
end
