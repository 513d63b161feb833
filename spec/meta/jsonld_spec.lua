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

  describe("recovers blocks strict JSON refuses", function()
    local function date_of(raw)
      return jsonld.read({ raw }).date
    end

    it("drops a closing brace that closes nothing", function()
      assert.equal("2020-10-26", date_of('{"@type":"NewsArticle","publisher":{"name":"P"},'
        .. '"datePublished":"2020-10-26"}}\n'))
    end)

    it("drops trailing and doubled commas", function()
      assert.equal("2021-02-03", date_of('{"@type":"Article","sameAs":["a",],,"datePublished":"2021-02-03",}'))
    end)

    it("turns raw newlines and tabs inside strings into spaces", function()
      local f = jsonld.read { '{"@type":"Article","headline":"One\n\ttwo","datePublished":"2021-02-03"}' }
      assert.equal("One two", f.title)
    end)

    it("unwraps HTML comments and CDATA sections", function()
      assert.equal("2021-02-04", date_of('<!--\n{"@type":"Article","datePublished":"2021-02-04"}\n-->'))
      assert.equal("2021-02-05", date_of('//<![CDATA[\n{"@type":"Article","datePublished":"2021-02-05"}\n//]]>'))
    end)

    it("reads several objects written one after another, with or without commas", function()
      local f = jsonld.read {
        '{"@type":"BreadcrumbList"},\n{"@type":"NewsArticle","headline":"H","datePublished":"2021-02-06"}',
      }
      assert.equal("H", f.title)
      assert.equal("2021-02-06", f.date)
      assert.equal("2021-02-07", date_of('{"@type":"WebSite","name":"S"}\n'
        .. '{"@type":"Article","datePublished":"2021-02-07"}'))
    end)

    it("skips // and /* */ comments, fills empty values, reads single-quoted strings", function()
      local f = jsonld.read { [[{"@type":"NewsArticle", // "x": 1,
        "image": {"url": "", "width": , "height": }, /* note */
        "description": 'Sony&#039;s "Parasite"', "datePublished": "2021-02-08"}]] }
      assert.equal("2021-02-08", f.date)
      assert.equal([[Sony's "Parasite"]], f.description)
    end)

    it("closes what a truncated block left open", function()
      assert.equal("2021-02-09", date_of('{"@type":"Article","datePublished":"2021-02-09","author":{"name":"A",'))
    end)

    it("still refuses unescaped quotes, unterminated strings, crossed brackets and script code", function()
      assert.is_nil(date_of('{"@type":"Article","headline":"Say "no"","datePublished":"2021-02-10"}'))
      assert.is_nil(date_of('{"@type":"Article","datePublished":"2021-02-10","headline":"never ends'))
      assert.is_nil(date_of('{"@type":"Article","datePublished":"2021-02-10","sameAs":["a"}'))
      assert.is_nil(date_of('var ld = {"@type":"Article","datePublished":"2021-02-10"};'))
    end)
  end)

  it("returns no fields for pages without JSON-LD", function()
    local f = jsonld.read {}
    assert.is_nil(f.title)
    assert.same({}, f.authors)
  end)
end)
