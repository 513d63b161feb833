local hosts = require "pith.rules.hosts"

describe("pith.rules.hosts", function()
  it("reads hosts from URLs", function()
    assert.are.equal("www.reuters.com", hosts.host_of("https://user@WWW.Reuters.com:443/a?b#c"))
    assert.are.equal("example.com", hosts.host_of("//example.com./x"))
    assert.is_nil(hosts.host_of("/relative/path"))
    assert.is_nil(hosts.host_of(nil))
  end)

  local function rule(id, list, extra)
    local r = { id = id, hosts = list, urls = {}, priority = 0 }
    for k, v in pairs(extra or {}) do r[k] = v end
    return r
  end

  it("prefers the exact host, then www-less, then the nearest wildcard", function()
    local idx = hosts.new()
    local a, b, c = rule("a", { "example.com" }), rule("b", { ".example.com" }), rule("c", { ".news.example.com" })
    hosts.add(idx, a); hosts.add(idx, b); hosts.add(idx, c)
    assert.are.equal(a, hosts.lookup(idx, "example.com"))
    assert.are.equal(a, hosts.lookup(idx, "www.example.com"))
    assert.are.equal(b, hosts.lookup(idx, "shop.example.com"))
    assert.are.equal(c, hosts.lookup(idx, "uk.news.example.com"))
    assert.are.equal(b, hosts.lookup(idx, "news.example.com"))
    assert.is_nil(hosts.lookup(idx, "example.org"))
    hosts.remove(idx, b)
    assert.is_nil(hosts.lookup(idx, "shop.example.com"))
  end)

  it("gives FiveFilters wildcards their loader's reach: one label, no www", function()
    local idx = hosts.new()
    local w = rule("w", { ".example.com" }, { ftr = true })
    hosts.add(idx, w)
    assert.are.equal(w, hosts.lookup(idx, "blog.example.com"))
    assert.is_nil(hosts.lookup(idx, "a.blog.example.com"))
    assert.is_nil(hosts.lookup(idx, "www.example.com"))
    assert.is_nil(hosts.lookup(idx, "example.com"))
  end)
end)
