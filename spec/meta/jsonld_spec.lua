local jsonld = require "pith.meta.jsonld"

describe("pith.meta.jsonld", function()
  it("reads @graph with @id references, arrays and entities in strings", function()
    local f = jsonld.read { [[{"@context":"https://schema.org","@graph":[
      {"@type":"NewsArticle","headline":"Tom&#39;s &amp;quot;big&amp;quot; day",
       "author":[{"@id":"#p1"},{"@type":"Person","name":"John Roe"}],"publisher":{"@id":"#org"},
       "datePublished":"2021-01-05T10:15:00+01:00","image":["https://x.test/a.jpg"],
       "keywords":"a, b","articleSection":["World"],"inLanguage":"en-GB"},
      {"@type":"Person","@id":"#p1","name":"Jane Doe"},
      {"@type":"Organization","@id":"#org","name":"Example News"}]}]] }
    assert.equal([[Tom's "big" day]], f.title)
    assert.same({ "Jane Doe", "John Roe" }, f.authors)
    assert.equal("Example News", f.sitename)
    assert.equal("2021-01-05T10:15:00+01:00", f.date)
    assert.equal("https://x.test/a.jpg", f.image)
    assert.same({ "a", "b" }, f.tags)
    assert.same({ "World" }, f.categories)
    assert.equal("en-GB", f.language)
  end)

  it("skips invalid blocks and repairs raw newlines and comment wrappers", function()
    local f = jsonld.read { "{bad json", "<!--\n{\"@type\":\"BlogPosting\",\"headline\":\"Two\nlines\"}\n-->" }
    assert.equal("Two lines", f.title)
  end)

  it("merges several blocks and tells organisations from persons", function()
    local f = jsonld.read {
      [[{"@type":"WebSite","name":"The Site"}]],
      [==[[{"@type":"Article","name":"Headline","author":{"@type":"Organization","name":"Desk"},
         "publisher":"Plain Publisher","image":{"@type":"ImageObject","url":"/i.png"}}]]==],
    }
    assert.equal("Headline", f.title)
    assert.same({}, f.authors)
    assert.same({ "Desk" }, f.author_orgs)
    assert.equal("Plain Publisher", f.sitename)
    assert.same({ "The Site" }, f.site_names)
    assert.equal("/i.png", f.image)
  end)

  it("returns no fields for pages without JSON-LD", function()
    local f = jsonld.read {}
    assert.is_nil(f.title)
    assert.same({}, f.authors)
  end)
end)
