-- Clean HTML output (node:clean_html and pith.extract{format="html"}) fed known XSS vectors (OWASP
-- filter-evasion cheat sheet style): the output is parsed back with pith and must hold no
-- script-capable element, no event handler or style attribute, and no URL with a scheme other
-- than http(s)/mailto (data: only for raster images), however the vector spells it.
local core = require "pith.core"
local pith = require "pith"

local VECTORS = {
  [[<script>alert(1)</script>]],
  [[<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>]],
  [[<img src=x onerror=alert(1)>]],
  [[<img src=x:alert(alt) onerror=eval(src) alt=0>]],
  [[<svg onload=alert(1)><circle r=1 /></svg>]],
  [[<svg><script>alert(1)</script></svg>]],
  [[<svg><a xlink:href="javascript:alert(1)"><text x="0" y="0">svg link</text></a></svg>]],
  [[<math><mtext><a xlink:href="javascript:alert(1)">math link</a></mtext></math>]],
  [[<a href="javascript:alert(1)">plain js</a>]],
  [[<a href="JaVaScRiPt:alert(1)">mixed case</a>]],
  [[<a href="  javascript:alert(1)">leading spaces</a>]],
  [[<a href=" &#14;  javascript:alert(1)">control char</a>]],
  [[<a href="jav&#x09;ascript:alert(1)">tab entity</a>]],
  [[<a href="jav	ascript:alert(1)">raw tab</a>]],
  [[<a href="jav&#x0A;ascript:alert(1)">newline entity</a>]],
  [[<a href="jav&#x0D;ascript:alert(1)">cr entity</a>]],
  [[<a href="java]] .. "\0" .. [[script:alert(1)">NUL</a>]],
  [[<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal</a>]],
  [[<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105]] ..
    [[&#0000112&#0000116&#0000058alert(1)">padded</a>]],
  [[<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">hex</a>]],
  [[<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A]] ..
    [[&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>]],
  [[<a href="javascript&colon;alert(1)">named colon</a>]],
  [[<a href="vbscript:msgbox(1)">vbscript</a>]],
  [[<a href="livescript:alert(1)">livescript</a>]],
  [[<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data html</a>]],
  [[<a href="data:text/html,<script>alert(1)</script>">data html raw</a>]],
  [[<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PC9zdmc+">]],
  [[<img src="javascript:alert(1)">]],
  [[<img srcset="javascript:alert(1) 1x, x.png 2x" src="ok.png">]],
  [[<img dynsrc="javascript:alert(1)" lowsrc="javascript:alert(1)" src="ok.png">]],
  [[<iframe src="javascript:alert(1)"></iframe>]],
  [[<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>]],
  [[<object data="javascript:alert(1)"></object>]],
  [[<embed src="javascript:alert(1)">]],
  [[<p style="background:url(javascript:alert(1))">styled background</p>]],
  [[<div style="width: expression(alert(1))">expression</div>]],
  [[<style>@import 'javascript:alert(1)'; body{background:url("javascript:alert(1)")}</style>]],
  [[<table background="javascript:alert(1)"><tr><td>bg table</td><td>2</td></tr></table>]],
  [[<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">btn</button></form>]],
  [[<input type=image src=x onerror=alert(1)>]],
  [[<details open ontoggle=alert(1)><summary>sum</summary>details text</details>]],
  [[<video poster="javascript:alert(1)"><source onerror=alert(1)></video>]],
  [[<audio src=x onerror=alert(1)></audio>]],
  [[<body onload=alert(1)>]],
  [[<p onmouseover="alert(1)" ONCLICK='alert(2)' onfocus=alert(3) tabindex=0>handlers</p>]],
  [[<a href="https://ok.example/" onclick="alert(1)">safe link, bad handler</a>]],
  [[<meta http-equiv="refresh" content="0;url=javascript:alert(1)">]],
  [[<base href="javascript:alert(1)//">]],
  [[<link rel=stylesheet href="javascript:alert(1)">]],
  [[<img """><script>alert(1)</script>">]],
  [[<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>]],
  [[<!--<img src="--><img src=x onerror=alert(1)//">]],
  [[<template><script>alert(1)</script><img src=x onerror=alert(1)></template>]],
  [[<textarea><script>alert(1)</script></textarea>]],
  [[<xmp><script>alert(1)</script></xmp>]],
  [[<blockquote cite="javascript:alert(1)">quoted</blockquote>]],
  [[<q cite="javascript:alert(1)">q</q> <ins cite="javascript:alert(1)">ins</ins>]],
  [[<a href="/relative/path?x=1&amp;y=2" target=_blank>relative</a>]],
  [[<p>text &lt;script&gt;alert(1)&lt;/script&gt; stays text</p>]],
}

local BAD_TAGS = {
  script = true, style = true, iframe = true, frame = true, frameset = true, object = true, embed = true,
  applet = true, form = true, input = true, button = true, textarea = true, select = true, base = true,
  meta = true, link = true, svg = true, math = true, template = true, noscript = true, xmp = true,
  body = false, -- the wrapper parse adds one; attributes are checked below
}
local BAD_ATTRS = {
  style = true, srcdoc = true, formaction = true, action = true, background = true, dynsrc = true,
  lowsrc = true, ["xlink:href"] = true, ["http-equiv"] = true,
}
local URL_ATTRS = { href = true, src = true, srcset = true, poster = true, cite = true, data = true }

-- The scheme a browser would see: entities are already decoded by the parse; browsers also strip
-- leading C0 controls and space, and drop tabs and newlines anywhere in the URL.
local function scheme(url)
  local u = url:gsub("^[%z\1-\32]+", ""):gsub("[\t\n\r]", ""):lower()
  return u:match("^([%a][%w+.%-]*):")
end

local function safe_url(tag, name, v)
  local parts = name == "srcset" and {} or { v }
  if name == "srcset" then for c in v:gmatch("[^,]+") do parts[#parts + 1] = c:match("^%s*(%S*)") end end
  for _, u in ipairs(parts) do
    local s = scheme(u)
    if s and s ~= "http" and s ~= "https" and s ~= "mailto" then
      if not (s == "data" and tag == "img" and u:lower():match("^%s*data:image/[%w.+-]+") and
              not u:lower():match("svg")) then
        return false
      end
    end
  end
  return true
end

-- Every problem in an HTML fragment, as a list of strings (empty: clean).
local function problems(html)
  local out = {}
  if html:lower():find("<script", 1, true) then out[#out + 1] = "raw <script in output" end
  local doc = assert(core.parse("<!DOCTYPE html><html><body>" .. html .. "</body></html>"))
  for _, n in ipairs(doc:select("*")) do
    local tag = n:tag()
    if BAD_TAGS[tag] then out[#out + 1] = "element <" .. tag .. ">" end
    for name, v in pairs(n:attrs()) do
      local l = name:lower()
      if l:sub(1, 2) == "on" then out[#out + 1] = "handler " .. name .. " on <" .. tag .. ">" end
      if BAD_ATTRS[l] then out[#out + 1] = "attribute " .. name .. " on <" .. tag .. ">" end
      if URL_ATTRS[l] and not safe_url(tag, l, v) then
        -- like %q, but control characters as \ddd also under 5.1 (whose %q leaves a tab raw)
        local q = v:gsub('[\\"]', "\\%0"):gsub("%c", function(c) return "\\" .. c:byte() end)
        out[#out + 1] = "unsafe URL " .. name .. '="' .. q .. '" on <' .. tag .. ">"
      end
    end
  end
  doc:close()
  return out
end

local INTRO = "<h1>A headline</h1><p>" .. ("This paragraph is the article body, with words enough to be kept. ")
              :rep(8) .. "</p>"

local function page(vector)
  return "<!DOCTYPE html><html><head><title>A headline</title></head><body><article>" .. INTRO ..
         "<p>Before the vector, a sentence or two of ordinary prose.</p>" .. vector ..
         "<p>After the vector, more ordinary prose, with a <a href='https://ok.example/'>link</a>.</p>" ..
         "</article></body></html>"
end

describe("clean HTML output against XSS vectors", function()
  it("the checker itself flags each kind of problem", function()
    assert.are.same({ "raw <script in output", "element <script>" }, problems("<script>x</script>"))
    assert.are.same({ "handler onerror on <img>" }, problems("<img src=a.png onerror=x>"))
    assert.are.same({ "unsafe URL href=\"java\\9script:x\" on <a>" }, problems("<a href='java&#9;script:x'>a</a>"))
    assert.are.same({ "unsafe URL src=\"data:image/svg+xml,x\" on <img>" },
                    problems("<img src='data:image/svg+xml,x'>"))
    assert.are.same({}, problems("<img src='data:image/png;base64,AAAA'><a href='/x'>y</a>"))
  end)

  for i, vector in ipairs(VECTORS) do
    local label = string.format("#%d %s", i, (vector:gsub("%c", "?"):sub(1, 70)))
    it("node:clean_html: " .. label, function()
      local doc = assert(core.parse(page(vector), { url = "https://site.example/a/" }))
      local out = doc:first("article"):clean_html { links = true, images = true,
                                                    base_url = "https://site.example/a/" }
      doc:close()
      assert.are.same({}, problems(out), out)
      assert.matches("After the vector", out, nil, true)
    end)

    it("pith.extract{format='html'}: " .. label, function()
      local rec = assert(pith.extract(page(vector), { url = "https://site.example/a/", format = "html",
                                                      links = true, images = true, rule = false }))
      assert.is_string(rec.html)
      assert.are.same({}, problems(rec.html), rec.html)
      assert.matches("After the vector", rec.html, nil, true)
    end)
  end

  it("keeps the safe parts of the vectors: http links, relative links made absolute, text", function()
    local doc = assert(core.parse(page(VECTORS[#VECTORS - 1] .. VECTORS[#VECTORS] ..
                                       [[<a href="https://ok.example/" onclick="alert(1)">safe</a>]])))
    local out = doc:first("article"):clean_html { links = true, base_url = "https://site.example/a/" }
    doc:close()
    assert.matches('href="https://site.example/relative/path?x=1&amp;y=2"', out, nil, true)
    assert.matches('<a href="https://ok.example/">safe</a>', out, nil, true)
    assert.matches("text &lt;script&gt;alert(1)&lt;/script&gt; stays text", out, nil, true)
  end)

  it("an <embed> (or <source>, <track>, <wbr>) does not take what follows it away with it", function()
    -- libxml2 2.9 parses these HTML5 void elements as containers of everything after them
    for _, t in ipairs { "embed src=x.swf", "source src=x.mp4", "track src=x.vtt", "wbr" } do
      local doc = assert(core.parse("<div><p>before</p><" .. t .. "><p>after</p> tail</div>"))
      local div = doc:first("div")
      assert.are.equal("before\n\nafter\n\ntail", div:text())
      assert.are.equal("<div><p>before</p>\n<p>after</p>\ntail</div>", div:clean_html())
      assert.are.equal("div", doc:first("p + *"):parent():tag())
      doc:close()
    end
  end)
end)
