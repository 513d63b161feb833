--- Article metadata from every source a page offers, read before the extractor mutates the
-- document: collect(doc, {url=}) -> {title, author, authors, date, date_modified, sitename, provider,
-- description, image, language, url, tags, categories, license} (absent fields are nil).
--
-- Precedence (first source that yields a clean value wins, with agreement checks for the title):
-- JSON-LD, then OpenGraph/article:*, Dublin Core, citation_*, Parse.ly and Twitter metas, then
-- microdata (itemprop), <time datetime>, rel=author and byline elements, <title>/<h1>, the URL.
local meta_tags = require "pith.meta.meta_tags"
local lead_image = require "pith.meta.lead_image"
local jsonld = require "pith.meta.jsonld"
local dates = require "pith.meta.dates"
local byline = require "pith.meta.byline"
local title_mod = require "pith.meta.title"
local urls = require "pith.meta.urls"
local dom = require "pith.meta.dom"
local text_dates = require "pith.meta.text_dates"
local squash = require("pith.meta.str").squash
local str = require "pith.meta.str"
local strip = str.strip

local M = {}

local TITLE_KEYS = { "dc:title", "dcterm:title", "dc.title", "dcterms.title", "og:title", "citation_title", "title",
  "twitter:title", "parsely-title", "sailthru.title", "headline" }
local AUTHOR_KEYS = { "dc:creator", "dcterm:creator", "dc.creator", "dcterms.creator", "citation_author",
  "article:author", "og:article:author", "author", "parsely-author", "sailthru.author", "byl",
  "book:author", "dc.creator.author", "cxenseparse:author", "authors", "rbauthors", "dcsext.author", "clmst",
  "shareaholic:article_author_name" }
local DATE_KEYS = { "article:published_time", "og:article:published_time", "article:published",
  "published_time", "og:published_time", "datepublished", "dc.date.issued", "dcterms.issued", "dc.date.published",
  "citation_publication_date", "citation_date", "citation_online_date", "prism.publicationdate",
  "parsely-pub-date", "sailthru.date", "article.published", "article_date_original", "original-publish-date",
  "publishdate", "publish-date", "publish_date", "pub_date", "pubdate", "displaydate", "rbpubdate",
  "dc.date", "dcterms.date", "dc.date.created", "dcterms.created", "datecreated", "date_created",
  "content_create_date", "date", "created", "cxenseparse:recs:publishtime", "og:pubdate" }
local MODIFIED_KEYS = { "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
  "dc.date.modified", "dcterms.modified", "article.updated", "last-modified", "lastmod", "revision_date",
  "lastmodified" }
local SITE_KEYS = { "og:site_name", "application-name", "dc.publisher", "dcterms.publisher", "publisher",
  "citation_publisher", "citation_journal_title", "twitter:app:name:iphone" }
-- (The RDFa Dublin Core description, as readability.js takes it, before OpenGraph's; the
-- "DC.description" name often holds the site's description on every page.)
local DESC_KEYS = { "dc:description", "dcterm:description", "og:description", "description", "twitter:description",
  "dc.description", "dcterms.description", "dcterms.abstract", "sailthru.description" }
local IMAGE_KEYS = { "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src",
  "image", "thumbnailurl", "thumbnail", "sailthru.image.full", "parsely-image-url" }
local LANG_KEYS = { "content-language", "language", "dc.language", "dcterms.language", "og:locale", "inlanguage",
  "citation_language" }
local URL_KEYS, OG_TITLE, OG_SITE = { "og:url" }, { "og:title" }, { "og:site_name" }
-- Twitter's label/data pairs: WordPress (Yoast) states the author as label "Written by" (in the
-- site's language) beside data "Jane Doe", and the reading time likewise.
local LABEL_KEYS = { "twitter:label1", "twitter:data1", "twitter:label2", "twitter:data2", "twitter:label3",
  "twitter:data3" }
local WRITTEN_BY = {}
for _, l in ipairs({ "written by", "author", "authors", "by", "verfasst von", "geschrieben von", "autor",
  "écrit par", "escrito por", "scritto da", "geschreven door", "napisane przez", "auteur", "执笔者", "執筆者",
  "著者", "작성자", "автор", "نوشته‌شده بدست", "نوشته شده توسط" }) do
  WRITTEN_BY[l] = true
end
local TAG_KEYS = { "article:tag", "og:article:tag", "news_keywords", "keywords", "parsely-tags", "citation_keywords" }
local CATEGORY_KEYS = { "article:section", "og:article:section", "parsely-section", "category" }
local LICENSE_KEYS = { "dc.rights", "dcterms.license", "dcterms.rights", "license" }

-- The only <meta> keys and <link> rels collect reads: the C walk keeps no others (most of a
-- page's metas and links, viewport to stylesheets, never become Lua strings).
local READ_KEYS, READ_RELS = {}, { "canonical", "image_src", "license", "search" }
do
  local seen = {}
  for _, list in ipairs({ TITLE_KEYS, AUTHOR_KEYS, DATE_KEYS, MODIFIED_KEYS, SITE_KEYS, DESC_KEYS, IMAGE_KEYS,
    LANG_KEYS, URL_KEYS, OG_TITLE, OG_SITE, TAG_KEYS, CATEGORY_KEYS, LICENSE_KEYS, LABEL_KEYS }) do
    for _, k in ipairs(list) do
      if not seen[k] then
        seen[k] = true
        READ_KEYS[#READ_KEYS + 1] = k
      end
    end
  end
end

local function url_like(s)
  return s:find("^https?://") or s:find("^//") or s:find("^/%w")
end

local function nonempty(t)
  return t and #t > 0 and t or nil
end

--- BCP 47 from "en_US", "EN-us", "en-GB,en": first tag, language lower, region upper.
local function bcp47(s)
  if type(s) ~= "string" then
    return nil
  end
  s = s:match("^%s*([%a%-_]+)")
  if not s then
    return nil
  end
  local parts = {}
  for p in s:gmatch("[^%-_]+") do
    parts[#parts + 1] = p
  end
  if #parts[1] < 2 or #parts[1] > 3 then
    return nil
  end
  parts[1] = parts[1]:lower()
  for i = 2, #parts do
    if #parts[i] == 2 then
      parts[i] = parts[i]:upper()
    elseif #parts[i] == 4 then
      parts[i] = parts[i]:sub(1, 1):upper() .. parts[i]:sub(2):lower()
    else
      parts[i] = parts[i]:lower()
    end
  end
  return table.concat(parts, "-")
end
M.bcp47 = bcp47

-- Values a template writes when it has none ("nil", "undefined"), or writes about its own list
-- (article:section "tags").
local PLACEHOLDER = { ["nil"] = true, null = true, undefined = true, none = true, ["n/a"] = true, tags = true,
  ["[object object]"] = true }

-- Labelled values in a tag list ("tag:Crime", "subject:Local news" in parsely-tags): the label
-- of a tag is dropped; a value under any other label ("pagetype:story", "ssts:news:local") is a
-- machine's, not a word a reader sees.
local TAG_LABELS = { tag = true, tags = true, subject = true, keyword = true, keywords = true, topic = true,
  topics = true }
local function unlabel(piece)
  local label, rest = piece:match("^(%l[%l_]*):%s*(%S.*)$")
  if not label then
    return piece
  end
  return TAG_LABELS[label] and strip(rest) or nil
end

local function split_list(values)
  local out, seen = {}, {}
  for _, v in ipairs(values) do
    for piece in v:gmatch("[^,;]+") do
      piece = unlabel(strip(piece)) or ""
      if piece ~= "" and #piece < 100 and not seen[piece:lower()] and not PLACEHOLDER[piece:lower()] then
        seen[piece:lower()] = true
        out[#out + 1] = piece
      end
    end
  end
  return out
end

-- Words that make a rights statement a licence or copyright notice ("© 2020 Macmillan. All Rights
-- Reserved.", "CC BY-SA 4.0"), as opposed to a bare owner's name ("Nur WDR", "katholisch.at").
local RIGHTS_WORDS = { "\194\169", "copyright", "(c)", "right", "reserv", "licen", "lizenz", "creative commons",
  "cc by", "cc0", "public domain", "gemeinfrei", "domaine public", "derechos", "droits", "diritti", "rechte",
  "gpl" }

--- A licence as a URL (resolved) when it is written as one, else the rights statement's text.
local function license_value(base, lic)
  lic = lic and squash(lic)
  if not lic or lic == "" then
    return nil
  end
  local address = lic:find("^[%a][%w+.-]*://") or lic:find("^/") or lic:find("^%.%.?/")
    or (not lic:find("%s") and lic:find("^[%w.-]+%.%a%a+/"))
  if address then
    if not lic:find("^[%a][%w+.-]*:") and not lic:find("^[/.]") then
      lic = "http://" .. lic
    end
    return urls.resolve(base, lic) or lic
  end
  local low = lic:lower()
  if lic:find("^%d%d%d%d%f[^%d]") then
    return lic
  end
  return str.has_any(low, RIGHTS_WORDS) and lic or nil
end

local function first_date(values, opts)
  for _, v in ipairs(values) do
    local d = dates.parse(v, opts)
    if d then
      return d
    end
  end
  return nil
end

local function org_names(list)
  local out, seen = {}, {}
  for _, n in ipairs(list) do
    n = squash(n)
    if n and #n > 1 and #n < 100 and not url_like(n) and not seen[n:lower()] then
      seen[n:lower()] = true
      out[#out + 1] = n
    end
  end
  return out
end

-- What comes before the ellipsis ("..." or "…") that ends s, or nil when none does.
local function cut_short(s)
  return s:match("^(.-)%s*%.%.%.$") or s:match("^(.-)%s*\226\128\166$")
end

-- A description cut short with an ellipsis ("... (Marzipan)...") when another source states the
-- whole of it: that one.
local function full_description(d, ld, scan)
  if not d then
    return nil
  end
  local head = cut_short(d)
  if not head or #head < 20 then
    return d
  end
  local others = meta_tags.all(scan, DESC_KEYS)
  others[#others + 1] = ld.description
  for _, o in ipairs(others) do
    if #o > #d and o:sub(1, #head) == head then
      return o
    end
  end
  return d
end

-- What no standfirst is: a picture's caption or credit ("Photograph: Jane Doe/Getty Images",
-- "© Kathrin Führes", "Birgit Kelle (Bild: Facebook)"), a byline ("von Andreas Kürten"), a rating
-- ("(2) 4 Sterne von 5", "Durchschnitt: 4.6 (7 Bewertungen)") or a row of buttons ("Kontakt
-- Teilen Drucken", "Facebook Facebook"), which a page's markup may class as its dek.
local CREDIT_WORDS = { "\194\169", "photo:", "photograph:", "photos:", "foto:", "fotos:", "bild:", "image:",
  "credit:", "getty images", "reuters/", "afp/", "dpa/", "adobestock", "shutterstock", "istock" }
local RATING_WORDS = { "sterne", "bewertung", "stars", "rating" }
local BUTTON_WORDS = {}
for w in ("teilen drucken kontakt share print facebook twitter whatsapp e-mail email mail partager imprimer"
  .. " tweet pinterest linkedin"):gmatch("%S+") do
  BUTTON_WORDS[w] = true
end
local function dek_usable(s)
  local low = dates.lower(s)
  if str.has_any(low, CREDIT_WORDS) or s:find("^von%s+%u") then
    return false
  end
  if #s < 60 and s:find("%d") and str.has_any(low, RATING_WORDS) then
    return false
  end
  local n, buttons = 0, 0
  for w in low:gmatch("[^%s,.;:!?|()]+") do
    n = n + 1
    buttons = buttons + (BUTTON_WORDS[w] and 1 or 0)
  end
  return buttons * 2 < n
end

-- True when a and b say the same words (punctuation and quotes aside), or when one is the
-- other cut short.
local function same_start(a, b)
  local ka = title_mod.key(cut_short(a) or a)
  local kb = title_mod.key(b)
  local n = math.min(#ka, #kb)
  return n > 0 and ka:sub(1, n) == kb:sub(1, n)
end

-- Languages (and English variants) that write numeric dates day/month/year with slashes.
local DMY = {}
for l in ("es fr it pt ca gl el vi id ms ro en-gb en-au en-in en-nz en-ie en-za"):gmatch("%S+") do
  DMY[l] = true
end

local NONE = {} -- an empty list that is never filled
local LD_OPTS = { handle = true }

-- The page's registrable domain as written in a credit: "dw.com" for www.dw.com.
local function domain_of(host)
  if not host then
    return nil
  end
  local d = host:lower():gsub("^www%d*%.", "")
  return #d >= 4 and d or nil
end

-- Legal forms of companies: a <meta name=author> that states one names the firm that owns or
-- built the site ("wegewerk GmbH", "NATURSTROM AG", "Bundesverband WindEnergie e.V."), not the
-- piece's writer. So do a copyright line and a CMS's default account ("Super User").
local LEGAL_FORMS = { "gmbh", "ag", "kg", "eg", "e.v", "e. v", "ltd", "llc", "inc", "s.a", "s.l", "s.p.a", "b.v",
  "plc", "sarl", "s.a.r.l" }
local function owner_credit(v)
  local low = v:lower()
  if low:find("all rights reserved", 1, true) or low:find("\194\169", 1, true) or low == "super user" then
    return true
  end
  for _, f in ipairs(LEGAL_FORMS) do
    local i, j = low:find(f, 1, true)
    while i do
      -- (as a word of its own: "Aggie", "Inca" are names)
      if (i == 1 or low:sub(i - 1, i - 1):find("[%s,]")) and (j == #low or low:sub(j + 1, j + 1):find("[%s,.;&]")) then
        return true
      end
      i, j = low:find(f, j + 1, true)
    end
  end
  return false
end

local function pick_authors(ld, scan, idx, site, host, title)
  -- A name that is the site's own is the publisher, kept aside for when nothing else names anyone
  -- (a personal blog named after its author, a magazine crediting itself): the site name, or a
  -- name the address spells ("Krautreporter" on krautreporter.de), or a credit giving the
  -- address ("Deutsche Welle (www.dw.com)").
  local site_named = {}
  local site_key = site and title_mod.key(site)
  local domain = domain_of(host)
  local host_keys = {}
  if domain then
    host_keys[title_mod.key(domain)] = true
    local main = domain:match("([^.]+)%.[^.]+$")
    if main and main ~= "co" and main ~= "com" then
      host_keys[title_mod.key(main)] = true
    end
  end
  local function site_like(n)
    local k = title_mod.key(n)
    -- ("Die FURCHE" on furche.at: the article is no part of the name the address spells.)
    local bare = title_mod.key((dates.lower(n):gsub("^%s*[dl][aei][es]?%s+", ""):gsub("^%s*the%s+", "")))
    -- ("MDR THÜRINGEN" on mdr.de: the brand, then its regional desk.)
    local brand = n:match("^(%S+)%s+%S")
    return (site_key and k == site_key) or host_keys[k] or host_keys[bare]
      or (domain and n:lower():find(domain, 1, true) ~= nil)
      or (brand ~= nil and #brand >= 2 and host_keys[title_mod.key(brand)] == true)
  end
  local function usable(names)
    local out = {}
    for _, n in ipairs(names) do
      if site_like(n) then
        site_named[#site_named + 1] = n
      else
        out[#out + 1] = n
      end
    end
    return out
  end
  -- A plain <meta name=author> naming the site itself or its owner ("FinanceScout24",
  -- "Auswärtiges Amt", "Jan" on jan-grosser.de) is a site-wide default, on every page alike, and
  -- credits nobody with this piece, except on a news site (one that declares news_keywords or
  -- itself to Googlebot-News), whose newsroom signs what nobody else does ("DER SPIEGEL"). A
  -- field about the article (article:author, dc.creator) crediting the site is meant.
  local news = scan.meta["news_keywords"] or scan.meta["googlebot-news"]
  local function self_default(key, v)
    -- (A credit that spells the site's address, "Deutsche Welle (www.dw.com)", "hessenschau.de,
    -- Frankfurt, Germany", is the publisher's, written out as one.)
    return key == "author" and not news and not (domain and v:lower():find(domain, 1, true))
  end
  local function as_written(v)
    return squash((v:gsub("%s*%(.-%)", ""):gsub("%s*,.*$", ""))) or v
  end
  -- A declared name alone that the visible byline completes: a first name ("Todd", a blog
  -- account's display name) it spells out ("Todd Bates"), or one of several writers it lists,
  -- each linked to their page (JSON-LD crediting the first of "Sadhbh O'Sullivan, Elisabeth
  -- Kochan").
  local function spelt_out(names)
    if #names ~= 1 then
      return names
    end
    local one = dates.lower(names[1])
    local shown = dom.byline(idx, title)
    if #shown >= 2 and dom.byline_links_all(idx, shown) then
      for _, n in ipairs(shown) do
        if dates.lower(n) == one then
          return shown
        end
      end
    end
    if not names[1]:find("%s") then
      local first = #shown == 1 and shown[1]:match("^(%S+)%s+%S")
      if first and dates.lower(first) == one then
        return shown
      end
      local full = dom.full_name(idx, names[1])
      if full then
        return { full }
      end
    end
    return names
  end
  local names = usable(byline.merge(ld.authors or {}))
  if #names > 0 then
    return spelt_out(names)
  end
  -- A news agency credited alone, declared or shown: kept for when nobody is named.
  local agency, desk
  for _, a in ipairs(ld.authors or NONE) do
    agency = agency or byline.agency(a)
    desk = desk or byline.desk(a)
  end
  for _, k in ipairs(AUTHOR_KEYS) do
    local values = scan.meta[k]
    local vals = values and {} or NONE
    for i = 1, values and #values or 0 do
      local v = values[i]
      -- "Lüder Hoppe info@buero-hoppe.de": a writer and the site's mail address, whose domain
      -- would make the whole value the site's.
      if v:find("@", 1, true) then
        v = squash((v:gsub("[%w._%%+-]+@[%w.-]+%.%a+", " "))) or v
      end
      -- "unocero - Alberto Ávila": the site's name, a dash, the writer's.
      local a, b = v:match("^(.-%S)%s+[-|–]%s+(%S.*)$")
      if a and site_like(a) and not site_like(b) then
        v = b
      elseif a and site_like(b) and not site_like(a) then
        v = a
      end
      if site_like(v) and not owner_credit(v)
        and not (v:find("^%S+%.%a%a%a?$") and not (site_key and title_mod.key(v) == site_key)) then
        -- (An address alone, "kath.net", names nobody, as byline.names judges it.)
        -- (As written, less an address in brackets or a place after it: "Deutsche Welle
        -- (www.dw.com)", "hessenschau.de, Frankfurt, Germany".)
        if not self_default(k, v) then
          site_named[#site_named + 1] = as_written(v)
        end
      elseif not url_like(v) and not owner_credit(v) then
        if byline.institution(v) then
          -- An office or an association credited as the author ("Bundesministerium für Wirtschaft
          -- und Klimaschutz", "Kirche und Leben, Münster, Germany"): kept whole, less the place
          -- after it, for when nobody is named; its name split at "und" and commas names nobody.
          if not self_default(k, v) then
            site_named[#site_named + 1] = as_written(v)
          end
        else
          vals[#vals + 1] = v
          agency = agency or byline.agency(v)
          desk = desk or byline.desk(v)
        end
      end
    end
    -- (No values: byline.merge would find no names.)
    names = #vals > 0 and usable(byline.merge(vals)) or vals
    if #names > 0 then
      -- A long declared list (photographers, models, stylists) is a credits list when the
      -- visible byline names only some of them: the byline is the author.
      local credits = #names >= 6
      for _, n in ipairs(names) do
        credits = credits or n:find(" at ", 1, true) or n:find(" for ", 1, true) or n:find(" using ", 1, true)
      end
      if #names >= 3 and credits then
        local shown = dom.byline(idx, title)
        local listed = {}
        for _, n in ipairs(names) do
          listed[n:lower()] = true
        end
        local all = #shown > 0
        for _, n in ipairs(shown) do
          all = all and listed[n:lower()] == true
        end
        if all and #shown < #names then
          return shown
        end
      end
      return spelt_out(names)
    end
  end
  names = usable(dom.byline(idx, title))
  if #names > 0 then
    return names
  end
  -- (After the visible byline: WordPress names the account that posted, an editor posting a
  -- contributor's piece on prospectmagazine.)
  for i = 1, 3 do
    local label, data = scan.meta["twitter:label" .. i], scan.meta["twitter:data" .. i]
    if label and data and WRITTEN_BY[dates.lower(label[1])] then
      names = usable(byline.merge({ data[1] }))
      if #names > 0 then
        return names
      end
      desk = desk or byline.desk(data[1])
    end
  end
  names = usable(dom.microdata_author(idx))
  if #names > 0 then
    return names
  end
  names = usable(dom.labelled(idx))
  if #names > 0 then
    return names
  end
  names = usable(dom.dated_name(idx))
  if #names > 0 then
    return names
  end
  names = usable(dom.signature(idx))
  if #names > 0 then
    return names
  end
  -- A JSON-LD author's user name alone ("jesusfreak"), which the name rules refuse: the
  -- account's, when no shown name (often the person's "robert.stitz" spelt out) is found.
  -- (Initials, "mf", are a desk's shorthand.)
  names = #(ld.authors or NONE) > 0 and usable(byline.merge(ld.authors, LD_OPTS)) or NONE
  if #names > 0 and #names[1] > 2 then
    return names
  end
  -- An organisation credited as the author is still the author when nothing names a person;
  -- its name is taken as written ("BBC News", "Contributors to Wikimedia projects": the person
  -- rules would refuse their desk and role words).
  names = org_names(ld.author_orgs or {})
  if #names > 0 then
    return names
  end
  -- So is a desk the page declares as the writer (Yoast's "Written by: Redaktion"), or a news
  -- agency a byline or an author field credits alone ("By Associated Press").
  if desk then
    return { desk }
  end
  agency = agency or idx.agency
  if agency then
    return { agency }
  end
  -- A desk or a team the visible byline credits ("By Team HardwareZone") is the author likewise.
  if idx.credit then
    return { idx.credit }
  end
  return org_names(site_named)
end

-- A declared site name that is the page's title, which some templates write into og:site_name
-- or application-name: the headline with the site's name after a separator ("Achtsam durch die
-- Krise | Die FURCHE") gives the site's name. (A <title> that is the declared name names the site
-- on a blog's page as often as it repeats an SEO headline: it is kept.)
local function site_not_title(site, headline)
  local hk = headline and title_mod.key(headline)
  if hk and #hk > 0 and str.word_count(headline) >= 3 then
    for _, sep in ipairs({ "%s+|%s+", "%s+%-%s+", "%s+\226\128\147%s+", "%s+\226\128\148%s+", "%s+::%s+",
      "%s+\194\183%s+" }) do
      local a, b = site:match("^(.-%S)" .. sep .. "(%S.*)$")
      if a and not b:find(sep) and not a:find(sep) then
        if title_mod.key(a) == hk then
          return b
        elseif title_mod.key(b) == hk then
          return a
        end
      end
    end
  end
  return site
end

-- True when a name ends in a company's legal form ("Ediciones EL PAÍS S.L.", "Example Media GmbH").
local function legal_name(v)
  local last = dates.lower(v):match("(%S+)%s*$")
  last = last and last:gsub("%.$", "")
  for _, f in ipairs(LEGAL_FORMS) do
    if last == f then
      return true
    end
  end
  return false
end

local NO_SKIP = {}

--- Collects the metadata fields of a parsed document. opts.url: the page's address.
-- opts.skip: a set of field names whose values the caller has from elsewhere (a site rule): their
-- sources are not read, unless another field depends on them (the title anchors the byline,
-- date, dek and license windows; the provider and site name feed the title; the publication date
-- bounds date_modified). A skipped field may come back absent or not. `url` is always read
-- (bases, hosts and rule lookups depend on it). Every other field is what collect gives without
-- the option.
function M.collect(doc, opts)
  opts = opts or {}
  local skip = opts.skip or NO_SKIP
  local page_url = opts.url or (doc.url and doc:url()) or nil
  local idx = dom.index(doc, READ_KEYS, READ_RELS)
  local scan = meta_tags.scan_walk(idx.walk)
  local ld = jsonld.read(dom.jsonld_texts(idx))
  local m = scan.meta
  local f = {}

  -- Base for relative references: <base href>, else the page's address, else the canonical URL.
  local base = page_url
  local base_link = dom.base_href(idx)
  if base_link then
    base = urls.resolve(page_url, base_link) or base
  end
  local canonical = scan.links.canonical and scan.links.canonical[1].href
  f.url = urls.resolve(base, canonical) or urls.resolve(base, meta_tags.first(scan, URL_KEYS))
    or urls.resolve(base, ld.url) or page_url
  base = base or f.url
  local host = urls.host(page_url or f.url)

  -- The steps below that others depend on run on first demand, once: a field the caller skips
  -- costs nothing unless a field it keeps needs it.
  local site = ld.sitename or meta_tags.first(scan, SITE_KEYS)
  -- A JSON-LD publisher named as a company ("Ediciones EL PAÍS S.L.") is the firm; the name the
  -- site goes by is the one its pages declare ("EL PAÍS").
  if ld.sitename and legal_name(ld.sitename) then
    site = meta_tags.first(scan, SITE_KEYS) or site
  end
  if site and url_like(site) then
    site = nil
  end
  -- (The provider and the title compare with the declared name, site_name may add one.)
  local declared_site = site
  local html_title = dom.html_title(idx)
  local h1s = dom.h1s(idx)
  -- (Read now: the title step may replace ld.title.)
  local first_anchor = ld.title or meta_tags.first(scan, OG_TITLE) or html_title

  -- Provider: found around the declared headline.
  local provider_done
  local function provider()
    if not provider_done then
      provider_done = true
      dom.anchor(idx, first_anchor)
      f.provider = ld.provider or dom.provider(idx)
      if f.provider and declared_site and title_mod.key(f.provider) == title_mod.key(declared_site) then
        f.provider = nil
      end
    end
    return f.provider
  end

  -- The names the site goes by, which a title drops.
  local sites
  local function site_names()
    if not sites then
      sites = {}
      for _, s in ipairs({ declared_site, ld.sitename, m["og:site_name"] and m["og:site_name"][1], provider() }) do
        sites[#sites + 1] = s
      end
      for _, s in ipairs(ld.site_names) do
        sites[#sites + 1] = s
      end
    end
    return sites
  end

  -- Title.
  local title_done, title_declared
  local function title()
    if title_done then
      return f.title
    end
    title_done = true
    -- A JSON-LD name that is the site's own (a WebSite or publisher node) is no headline.
    if ld.name and html_title
      and not title_mod.is_site(ld.name,
        { declared_site or "", ld.sitename or "", meta_tags.first(scan, OG_SITE) or "" }, host) then
      local tk = title_mod.key(html_title)
      if tk:find(title_mod.key(ld.name), 1, true) and not tk:find(title_mod.key(ld.title), 1, true) then
        ld.title = ld.name
      end
    end
    local declared = {}
    if ld.title and ld.is_article then
      declared[#declared + 1] = ld.title
    end
    for _, k in ipairs(TITLE_KEYS) do
      if m[k] then
        declared[#declared + 1] = m[k][1]
      end
    end
    if ld.title and not ld.is_article then
      declared[#declared + 1] = ld.title
    end
    -- A declared title loses only a piece that names the page's address (see title.choose).
    f.title, title_declared = title_mod.choose({ declared = declared, html_title = html_title, h1s = h1s,
      headline = dom.headline(idx), sites = site_names(),
      deks = function()
        return dom.h1_deks(idx)
      end,
      declared_sites = {},
      shown = function()
        local inner, prefix = urls.archived_host(page_url)
        local names = {}
        local strong, once = dom.home_names(idx, inner or host, prefix)
        for i, n in ipairs(strong) do
          names[i] = n
        end
        -- The name the site gives its search engine for browsers (OpenSearch): "Piratenwiki (de)".
        for _, l in ipairs(scan.links.search or NONE) do
          local n = l.title and (l.type or ""):find("opensearch", 1, true) and squash((l.title:gsub("%s*%b()%s*$", "")))
          if n and #n >= 3 then
            names[#names + 1] = n
          end
        end
        return names, once
      end,
      host = host })
    return f.title
  end

  -- The byline, date, dek and license windows sit around the headline the title names.
  -- (The title is worked out for it only when the page has a choice of headlines.)
  local function at_title()
    dom.anchor(idx, dom.anchor_depends_on_title(idx) and title() or f.title)
  end

  -- Site name: declared, else what the <title> names beside the headline.
  local site_done
  local function site_name()
    if not site_done then
      site_done = true
      site = title_mod.site_name(site, f.title or title(), host, title_declared)
      if site then
        site = site_not_title(site, f.title)
      end
      if not site and html_title then
        local _, removed = title_mod.strip(html_title, site_names(), host)
        site = removed
      end
    end
    return site
  end

  if not skip.provider then
    provider()
  end
  if not skip.title then
    title()
  end
  if not skip.sitename then
    f.sitename = site_name()
  end

  -- Authors.
  if not (skip.author and skip.authors) then
    at_title()
    local authors = pick_authors(ld, scan, idx, site_name(), host, f.title or title())
    if #authors > 0 then
      f.authors = authors
      f.author = table.concat(authors, "; ")
    end
  end

  -- (Read even when skipped: the dates' reading depends on it.)
  local language = bcp47(dom.lang(doc)) or bcp47(meta_tags.first(scan, LANG_KEYS)) or bcp47(ld.language)
  if not skip.language then
    f.language = language
  end

  -- Dates: declared first, then the page's visible markup, then the URL. Numeric dates put the
  -- month first in American English (and when the language is unknown), the day first where the
  -- language writes 10/05/2022 for 10 May.
  local lang = language and language:lower() or "en-us"
  local dopts = { order = (lang == "en" or lang:find("^en%-us")) and "mdy" or DMY[lang:match("^%a+")]
    and "dmy" or DMY[lang] and "dmy" or nil }
  idx.date_opts, idx.page_url = dopts, page_url or f.url
  local date, modified -- false once looked for in vain
  local function published()
    if date == nil then
      local declared_dates = meta_tags.all(scan, DATE_KEYS)
      local d = not ld.date_media and dates.parse(ld.date, dopts) or first_date(declared_dates, dopts)
        or dates.parse(ld.date, dopts)
      local declared = d ~= nil
      if not d then
        at_title()
        d = dom.date(idx) or dates.from_url(page_url or f.url) or dates.from_url(f.url) or dom.date_near_title(idx)
          or dom.date_text(idx) or text_dates.find(doc, dopts)
      end
      -- A UTC timestamp restated in the page's local time: the local form keeps the printed day.
      date = dates.localize(d, declared_dates, dopts) or false
      -- ... or the time the page prints beside its headline ("November 8, 2023 at 11:30 p.m."
      -- for 2023-11-09T05:30:59Z): read only for a declared UTC value no declared form restated.
      if date and date == d and declared and d:find("Z$") then
        at_title()
        local shown = dom.date(idx) or dom.date_near_title(idx) or dom.date_text(idx)
        if shown then
          date = dates.localize(d, { shown }, dopts)
        end
      end
    end
    return date or nil
  end
  local function last_modified()
    if modified == nil then
      local d = dates.parse(ld.date_modified, dopts) or first_date(meta_tags.all(scan, MODIFIED_KEYS), dopts)
      if not d then
        at_title()
        d = dom.date_modified(idx)
      end
      modified = d or false
    end
    return modified or nil
  end
  if not skip.date_modified then
    local d = last_modified()
    -- The last update bounds the publication from above: better than nothing.
    local p = d and (published() or d)
    if p and d:sub(1, 10) < p:sub(1, 10) then
      d = nil
    end
    f.date_modified = d
  end
  if not skip.date then
    f.date = published() or last_modified()
  end

  if not skip.description then
    f.description = full_description(ld.description or meta_tags.first(scan, DESC_KEYS), ld, scan)
    -- The dek the page shows under the headline is its own summary; a declared description that
    -- says the same (or starts it, cut short) stays as declared.
    at_title()
    local dek = dom.dek(idx)
    if dek and dek_usable(dek) and not (f.description and same_start(f.description, dek)) then
      f.description = dek
    end
  end

  -- Lead image: declared images, then link rel=image_src.
  if not skip.image then
    local img, stand_in = lead_image.declared(meta_tags.all(scan, IMAGE_KEYS), ld.image)
    -- (rel=image_src is declared likewise: a placeholder or the site's icon there says the page
    -- has no picture of its own.)
    for _, l in ipairs(not img and scan.links.image_src or NONE) do
      local href = l.href
      if href and href:find("%S") then
        if not lead_image.stand_in(href) then
          img = href
          break
        end
        stand_in = true
      end
    end
    -- Nothing declared (no stand-in either): the article's first picture under the headline.
    if not img and not stand_in then
      at_title()
      img = lead_image.first(doc, idx.anchor)
    end
    img = img and lead_image.unglue(img)
    f.image = img and (urls.resolve(base, img) or (urls.is_http(img) and img)) or nil
  end

  if not skip.tags then
    f.tags = nonempty(split_list(meta_tags.all(scan, TAG_KEYS)))
    if not f.tags and ld.tags then
      f.tags = nonempty(split_list(ld.tags))
    end
  end
  if not skip.categories then
    local cats = {}
    for _, c in ipairs(ld.categories or {}) do
      cats[#cats + 1] = c
    end
    for _, c in ipairs(meta_tags.all(scan, CATEGORY_KEYS)) do
      cats[#cats + 1] = c
    end
    f.categories = nonempty(split_list(cats))
  end

  if not skip.license then
    -- A rel=license link's href is an address; a declared rights value may be a statement.
    local href = scan.links.license and scan.links.license[1].href
    if not href then
      at_title()
      href = dom.license(idx)
    end
    if href then
      f.license = urls.resolve(base, href) or href
    else
      f.license = license_value(base, ld.license or meta_tags.first(scan, LICENSE_KEYS))
    end
  end
  return f
end

return M
