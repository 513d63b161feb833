local util = require "support.util"
local core = require "pith.core"
local metadata = require "pith.metadata"

local function image_of(html, url)
  local doc = assert(core.parse(html, { url = url }))
  local f = metadata.collect(doc, { url = url })
  doc:close()
  return f.image
end

local function page(body, head)
  return "<html><head><title>Story</title>" .. (head or "") .. "</head><body>" .. body .. "</body></html>"
end

describe("lead image when the page declares none", function()
  it("takes the article's first picture under the headline, past logos, avatars, emoji and pixels", function()
    local html = page([[
      <header><a href="/"><img src="/static/site-logo.png" alt="Site"></a></header>
      <nav><img src="/img/menu.jpg"></nav>
      <article><h1>Story</h1>
        <div class="byline"><img src="/people/jane.jpg" width="60" height="60"> Jane Doe</div>
        <p>Intro <img class="emoji" alt="x" src="https://s.w.org/images/core/emoji/13.1.0/72x72/1f600.png"></p>
        <img src="https://tracker.test/p.gif" width="1" height="1">
        <figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/media/2024/lead.jpg"
          alt="The harbour at dawn"></figure>
        <p>Text.</p><img src="/media/2024/second.jpg">
      </article>]])
    assert.equal("https://news.test/media/2024/lead.jpg", image_of(html, "https://news.test/2024/story"))
  end)

  it("reads a video's poster frame as its picture", function()
    local html = page([[<main><h1>Story</h1><p>Words.</p>
      <video poster="/media/poster.gif" preload="none"><source src="/media/v.mp4"></video></main>]])
    assert.equal("https://blog.test/media/poster.gif", image_of(html, "https://blog.test/post"))
  end)

  it("keeps declared images first and gives none for a licence badge or a sidebar", function()
    local body = [[<h1>Story</h1><p>Words.</p><aside><img src="/ad/big.jpg" width="300"></aside>
      <p id="footer"><a rel="license" href="http://creativecommons.org/licenses/by-sa/3.0/">
      <img alt="Creative Commons License" src="http://i.creativecommons.org/l/by-sa/3.0/88x31.png"></a></p>]]
    assert.is_nil(image_of(page(body), "https://blog.test/post"))
    assert.equal("https://blog.test/og.jpg",
      image_of(page(body .. '<img src="/body.jpg">', '<meta property="og:image" content="/og.jpg">'),
        "https://blog.test/post"))
  end)

  it("reads the first address of a srcset a template wrote into src (dmagazine)", function()
    local url = "http://www.dmagazine.com/frontburner/2016/12/nfl-concussion-settlement-payments-can-begin/"
    assert.equal("http://www.dmagazine.com/wp-content/uploads/media/4/tony_dorsett_1.jpg",
      image_of(util.page("../shared/corpus/mercury/html/www.dmagazine.com.html.gz"), url))
  end)

  it("passes over a declared stand-in for a missing picture, guessing none when only stand-ins are declared",
    function()
    -- WordPress.com declares og:image "https://s0.wp.com/i/blank.jpg" on a post without a featured image.
    local blank = '<meta property="og:image" content="https://s0.wp.com/i/blank.jpg">'
    local body = '<h1>Story</h1><p>Words.</p><img src="/uploads/other-story.jpg" width="600">'
    assert.equal("https://blog.test/uploads/real.jpg", image_of(page(body,
      blank .. '<meta name="twitter:image" content="/uploads/real.jpg">'), "https://blog.test/post"))
    assert.is_nil(image_of(page(body, blank), "https://blog.test/post"))
    assert.is_nil(image_of(page(body,
      '<meta property="og:image" content="/wp-content/plugins/seo/images/default-user-image.png">'),
      "https://blog.test/post"))
    -- So is the site's icon: a favicon, a home-screen icon, WordPress.com's blavatar.
    assert.is_nil(image_of(page(body, '<meta property="og:image" content="/favicon-96.ico">'),
      "https://blog.test/post"))
    assert.is_nil(image_of(page(body,
      '<meta property="og:image" content="https://secure.gravatar.com/blavatar/13afe5d061fe?s=200">'),
      "https://blog.test/post"))
    assert.equal("https://blog.test/uploads/real.jpg", image_of(page(body,
      '<meta property="og:image" content="/img/apple-touch-icon@2.png?v=1">'
        .. '<meta property="og:image" content="/uploads/real.jpg">'),
      "https://blog.test/post"))
    -- A word of the file name, not a part of one.
    assert.equal("https://blog.test/img/blankets.jpg",
      image_of(page(body, '<meta property="og:image" content="/img/blankets.jpg">'), "https://blog.test/post"))
  end)

  it("passes over a stand-in or an icon in rel=image_src as in og:image", function()
    local body = '<h1>Story</h1><p>Words.</p><img src="/uploads/other-story.jpg" width="600">'
    local url = "https://blog.test/post"
    assert.is_nil(image_of(page(body, '<link rel="image_src" href="/data/images/FaviconApp.png">'), url))
    assert.is_nil(image_of(page(body, '<link rel="image_src" href="/img/placeholder.jpg">'), url))
    assert.equal("https://blog.test/uploads/real.jpg", image_of(page(body,
      '<link rel="image_src" href="/img/no-image.png"><link rel="image_src" href="/uploads/real.jpg">'), url))
    assert.equal("https://blog.test/uploads/real.jpg",
      image_of(page(body, '<link rel="image_src" href="/uploads/real.jpg">'), url))
    -- (An empty one declares nothing: the picture under the headline is the page's.)
    assert.equal("https://blog.test/uploads/other-story.jpg",
      image_of(page(body, '<link rel="image_src" href="">'), url))
  end)

  it("takes no picture its style sizes as a badge, nor a flag or a 'follow me' button", function()
    local body = [[<div id="content"><h1>Story</h1>
      <img src="/pictures/flags/png/de.png" title="Germany">
      <img src="/code.php?id=1450736446" style="width: 96px; height: 48px;">
      <img src="/sonstiges/follow_me_on_twitter.gif">
      <img src="/pictures/about/partner/site.jpg" style="width: 88px; height: 15px; border: 0px;">
      <p>Words.</p><img src="/media/2024/harbour.jpg" style="max-width: 60px; width: 640px"></div>]]
    assert.equal("https://blog.test/media/2024/harbour.jpg", image_of(page(body), "https://blog.test/post"))
  end)

  it("takes no plugin's button, theme header or advertisement for the article's picture", function()
    local body = [[<article><h1>Story</h1>
      <img src="/wp-content/plugins/share-it/images/addtoany-bg.jpg" width="400">
      <img src="https://blog.files.wordpress.com/2012/09/cropped-img_1324.jpg" width="500" height="160">
      <img src="/wp-content/uploads/2010/03/werbung_shop1.jpg" alt="Shop">
      <p>Words.</p><img src="/wp-content/uploads/2013/09/glasses.jpg"></article>]]
    assert.equal("https://blog.test/wp-content/uploads/2013/09/glasses.jpg",
      image_of(page(body), "https://blog.test/post"))
  end)
end)

describe("declared lead image markup faults", function()
  local url = "https://news.test/2024/story"
  local body = '<h1>Story</h1><p>Words.</p><img src="/uploads/other-story.jpg" width="600">'

  it("takes the whole address out of one a template glued to the site's origin or to another", function()
    -- og:image "https://site.clhttps://media.site.cl/..." (the origin written before an absolute address)
    assert.equal("https://media.news.test/2022/05/foto.jpg", image_of(page(body,
      '<meta property="og:image" content="https://news.testhttps://media.news.test/2022/05/foto.jpg">'), url))
    -- several og:image addresses run together: the first
    assert.equal("https://news.test/fileadmin/a_b863e92b39.jpg", image_of(page(body,
      '<meta property="og:image" content="https://news.test/fileadmin/a_b863e92b39.jpg'
        .. 'https://news.test/fileadmin/b_a51c5abe51.jpg">'), url))
  end)

  it("leaves an image proxy's or a web archive's address, which holds another after / or =, whole", function()
    for _, u in ipairs({ "https://img.news.test/C=W5472,H2872/S=W1200M/https://s3.test/2019/a.jpeg?wmark=x",
      "https://web.archive.org/web/20160526181643im_/http://blog.test/k.jpg",
      "https://img.news.test/photo.php?u=https://uc.test/photo/8685651.jpg&x=0" }) do
      assert.equal(u, image_of(page(body, '<meta property="og:image" content="' .. u .. '">'), url))
    end
  end)

  it("takes a section's picture, declared for each story without one, as a stand-in", function()
    -- og:image ".../assets/categories/valve.jpg" on a news story with no picture of its own
    assert.is_nil(image_of(page(body,
      '<meta property="og:image" content="https://news.test/assets/categories/valve.jpg">'), url))
    -- (an upload folder dated under a category is the story's)
    assert.equal("https://news.test/category/2020/05/harbour.jpg", image_of(page(body,
      '<meta property="og:image" content="/category/2020/05/harbour.jpg">'), url))
  end)
end)
