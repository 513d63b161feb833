-- Parsing never reaches outside the bytes it is given: no external entity, DTD or
-- XInclude is loaded, and declared entities are not expanded (no billion-laughs growth).
local core = require "pith.core"

describe("core.parse and outside resources", function()
  local passwd
  setup(function()
    local f = io.open("/etc/passwd")
    passwd = f and f:read("*l")
    if f then f:close() end
  end)

  it("does not inline a SYSTEM entity, an XInclude or a DTD", function()
    local doc = assert(core.parse([[<!DOCTYPE html SYSTEM "file:///etc/passwd" [
      <!ENTITY xxe SYSTEM "file:///etc/passwd">]>
      <html><body><p>before &xxe; after</p>
      <xi:include href="file:///etc/passwd" parse="text" xmlns:xi="http://www.w3.org/2001/XInclude"/>
      </body></html>]]))
    local text, html = doc:body():text(), doc:html()
    doc:close()
    assert.truthy(text:find("before", 1, true))
    assert.is_nil(text:find("root:", 1, true))
    assert.is_nil(html:find("root:", 1, true))
    if passwd then assert.is_nil(html:find(passwd, 1, true)) end
  end)

  it("does not expand entities declared in the page (no billion laughs)", function()
    local decl = { '<!ENTITY a0 "ha">' }
    for i = 1, 10 do
      decl[#decl + 1] = string.format('<!ENTITY a%d "%s">', i, string.rep("&a" .. (i - 1) .. ";", 10))
    end
    local src = "<!DOCTYPE html [" .. table.concat(decl) .. "]><html><body><p>&a10;</p></body></html>"
    local doc = assert(core.parse(src))
    local html = doc:html()
    doc:close()
    assert.is_true(#html < 4 * #src)
    assert.is_nil(html:find("hahaha", 1, true))
  end)
end)
