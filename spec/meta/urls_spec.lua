local urls = require "pith.meta.urls"

describe("pith.meta.urls", function()
  it("resolves references against a base", function()
    assert.equal("https://a.test/x/y.jpg", urls.resolve("https://a.test/x/page.html", "y.jpg"))
    assert.equal("https://a.test/y.jpg", urls.resolve("https://a.test/x/page.html", "../y.jpg"))
    assert.equal("https://a.test/i.png", urls.resolve("https://a.test/x/page", "/i.png"))
    assert.equal("http://cdn.test/i.png", urls.resolve("http://a.test/", "//cdn.test/i.png"))
    assert.equal("https://b.test/z", urls.resolve("https://a.test/", "https://b.test/z"))
    assert.is_nil(urls.resolve(nil, "y.jpg"))
    assert.is_nil(urls.resolve("https://a.test/", "data:image/png;base64,xx"))
  end)

  it("percent-encodes non-ASCII characters and spaces after the host, as a browser's URL parser does", function()
    -- 1pezeshk.com (mercury corpus): og:image ".../12-09-1403-08-52-01-ب-ظ.webp"
    assert.equal("https://a.test/x/%D8%A8-%D8%B8.webp", urls.resolve("https://a.test/x/p", "ب-ظ.webp"))
    assert.equal("https://a.test/a%20b?q=%C3%A9#%C3%A9", urls.resolve(nil, "https://a.test/a b?q=é#é"))
    -- already encoded: unchanged
    assert.equal("https://a.test/%D8%A8", urls.resolve("https://a.test/", "/%D8%A8"))
  end)

  it("gives the host without www", function()
    assert.equal("reuters.com", urls.host("https://www.reuters.com/world/x"))
    assert.equal("sg.news.yahoo.com", urls.host("https://sg.news.yahoo.com:443/a"))
  end)

  it("gives an archived page's own host under a web archive's address", function()
    assert.equal("modabot.de", urls.host("https://web.archive.org/web/20160401095740/http://www.modabot.de/x"))
    assert.equal("web.archive.org", urls.host("https://web.archive.org/web/*/example.com"))
  end)

  it("reads a web address as a browser's URL parser does: one slash after the scheme, dot segments", function()
    -- og:image "http:/auto-presse.de/newssys/..." on an https page names the host
    assert.equal("http://auto.test/newssys/1.jpg", urls.resolve("https://auto.test/news.php?id=1",
      "http:/auto.test/newssys/1.jpg"))
    -- ... and is a path under a base of the same scheme
    assert.equal("http://auto.test/auto.test/newssys/1.jpg", urls.resolve("http://auto.test/news.php",
      "http:/auto.test/newssys/1.jpg"))
    -- og:image "https://www.site.test/./public/images/covers/x"
    assert.equal("https://www.n.test/public/images/c",
      urls.resolve("https://a.test/p", "https://www.n.test/./public/images/c"))
    assert.equal("https://n.test/b.jpg?x=/./", urls.resolve(nil, "https://n.test/a/../b.jpg?x=/./"))
    -- (an archive's address, which holds one, is left whole)
    assert.equal("https://web.archive.org/web/2011im_/http:/dzs.test/a.jpg",
      urls.resolve("https://a.test/", "https://web.archive.org/web/2011im_/http:/dzs.test/a.jpg"))
    assert.equal("mailto:x@y.test", urls.resolve("https://a.test/", "mailto:x@y.test"))
  end)
end)
