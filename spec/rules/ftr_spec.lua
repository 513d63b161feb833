local ftr = require "pith.rules.ftr"

describe("pith.rules.ftr", function()
  it("names hosts from file names", function()
    assert.same({ "example.com" }, (ftr.hosts_for("dir/www.example.com.txt")))
    local h, wild = ftr.hosts_for(".example.com.txt")
    assert.same({ ".example.com" }, h)
    assert.is_true(wild)
    assert.is_nil(ftr.hosts_for("global.txt"))
  end)

  it("reads directives into a rule table", function()
    local raw, notes = ftr.parse(table.concat({
      "# comment",
      "title: //h1[@class='t']",
      "body: //div[@id='a'] | //div[@id='b']",
      "author: substring-after(//p[@class='by'], 'By ')",
      "strip_id_or_class: promo",
      "strip_image_src: pixel.gif",
      "find_string: data-src=",
      "replace_string: src=",
      "replace_string(<noscript>): <div>",
      "dissolve: //span[@class='x']",
      "wrap_in(blockquote): //div[@class='q']",
      "wrap_in(blockquote): //div[@class='r']",
      "http_header(Referer): https://example.com/",
      "test_url: https://example.com/a",
      "test_contains: hello",
    }, "\n"), "example.com.txt")
    assert.are.equal("ftr:example.com", raw.id)
    assert.same({ "example.com" }, raw.match.hosts)
    assert.same({ { xpath = "string(//h1[@class='t'])" } }, raw.fields.title)
    assert.same({ { xpath = "string(substring-after(//p[@class='by'], 'By '))" } }, raw.fields.author)
    assert.same({ { xpath = "//div[@id='a'] | //div[@id='b']" } }, raw.content.select)
    assert.same({ id_or_class = "promo" }, raw.remove[1])
    assert.same({ xpath = "//img[contains(@src, 'pixel.gif')]" }, raw.remove[2])
    assert.same({ { "<noscript>", "<div>" }, { "data-src=", "src=" } }, raw.rewrite)
    assert.same({ { "//span[@class='x']", "unwrap" } }, raw.content.transforms)
    assert.same({ referer = "https://example.com/" }, raw.http.headers)
    assert.same({ { url = "https://example.com/a", contains = { "hello" } } }, raw.tests)
    assert.are.equal(1, #notes)
    assert.matches("example%.com%.txt:11: FiveFilters directive 'wrap_in' ignored %(2 lines%)", notes[1])
  end)

  it("drops unpaired find/replace strings, as FiveFilters does, and says so", function()
    local raw, notes = ftr.parse("find_string: a\nfind_string: b\nreplace_string: c\n", "x.com.txt")
    assert.same({}, raw.rewrite)
    assert.matches("counts differ", notes[1])
  end)
end)
