rockspec_format = "3.0"
package = "pith"
version = "scm-1"
source = {
  url = "git+https://example.invalid/pith.git",
  branch = "main",
}
description = {
  summary = "Fast web-article extraction: the article and its metadata, without the page furniture",
  detailed = [[
pith turns the HTML of a news or blog page into the article itself (text, Markdown or clean HTML)
plus metadata, with a C core on libxml2 and PCRE2 and per-site rules written in Lua.]],
  license = "MIT",
}
-- lua-cjson is needed at run time too; it is left out here so that an offline
-- `luarocks make` works where it comes from the system (Debian: lua-cjson).
dependencies = {
  "lua >= 5.4",
}
external_dependencies = {
  LIBXML2 = { header = "libxml2/libxml/HTMLparser.h", library = "xml2" },
  PCRE2 = { header = "pcre2.h", library = "pcre2-8" },
  ZLIB = { header = "zlib.h", library = "z" },
}
build = {
  type = "builtin",
  modules = {
    ["pith.core"] = {
      sources = {
        "plugin/appeal.c",
        "plugin/buf.c",
        "plugin/charset.c",
        "plugin/clean.c",
        "plugin/cleanhtml.c",
        "plugin/credit.c",
        "plugin/css.c",
        "plugin/dom.c",
        "plugin/extract.c",
        "plugin/gzip.c",
        "plugin/linewriter.c",
        "plugin/lua_pith.c",
        "plugin/markdown.c",
        "plugin/node.c",
        "plugin/paragraphs.c",
        "plugin/proc.c",
        "plugin/recipe.c",
        "plugin/regex.c",
        "plugin/score.c",
        "plugin/select.c",
        "plugin/serial.c",
        "plugin/tail.c",
        "plugin/text.c",
        "plugin/walk.c",
      },
      defines = { "PCRE2_CODE_UNIT_WIDTH=8" },
      incdirs = { "include", "plugin", "$(LIBXML2_INCDIR)/libxml2", "$(PCRE2_INCDIR)", "$(ZLIB_INCDIR)" },
      libdirs = { "$(LIBXML2_LIBDIR)", "$(PCRE2_LIBDIR)", "$(ZLIB_LIBDIR)" },
      libraries = { "xml2", "pcre2-8", "z" },
    },
    ["pith.cli"] = "lua/pith/cli.lua",
    ["pith.cli.args"] = "lua/pith/cli/args.lua",
    ["pith.cli.inputs"] = "lua/pith/cli/inputs.lua",
    ["pith.cli.progress"] = "lua/pith/cli/progress.lua",
    ["pith.cli.record"] = "lua/pith/cli/record.lua",
    ["pith.cli.report"] = "lua/pith/cli/report.lua",
    ["pith.cli.test_rules"] = "lua/pith/cli/test_rules.lua",
    ["pith.cli.workers"] = "lua/pith/cli/workers.lua",
    ["pith.compat"] = "lua/pith/compat.lua",
    ["pith.extract"] = "lua/pith/extract.lua",
    ["pith"] = "lua/pith/init.lua",
    ["pith.json"] = "lua/pith/json.lua",
    ["pith.magnet"] = "lua/pith/magnet.lua",
    ["pith.meta.byline"] = "lua/pith/meta/byline.lua",
    ["pith.meta.dates"] = "lua/pith/meta/dates.lua",
    ["pith.meta.dom"] = "lua/pith/meta/dom.lua",
    ["pith.meta.text_dates"] = "lua/pith/meta/text_dates.lua",
    ["pith.meta.jsonld"] = "lua/pith/meta/jsonld.lua",
    ["pith.meta.lead_image"] = "lua/pith/meta/lead_image.lua",
    ["pith.meta.meta_tags"] = "lua/pith/meta/meta_tags.lua",
    ["pith.meta.str"] = "lua/pith/meta/str.lua",
    ["pith.meta.title"] = "lua/pith/meta/title.lua",
    ["pith.meta.urls"] = "lua/pith/meta/urls.lua",
    ["pith.metadata"] = "lua/pith/metadata.lua",
    ["pith.nvim"] = "lua/pith/nvim.lua",
    ["pith.rules"] = "lua/pith/rules.lua",
    ["pith.rules.apply"] = "lua/pith/rules/apply.lua",
    ["pith.rules.compile"] = "lua/pith/rules/compile.lua",
    ["pith.rules.ftr"] = "lua/pith/rules/ftr.lua",
    ["pith.rules.hosts"] = "lua/pith/rules/hosts.lua",
    ["pith.rules.literal"] = "lua/pith/rules/literal.lua",
    ["pith.rules.prune"] = "lua/pith/rules/prune.lua",
    ["pith.rules.query"] = "lua/pith/rules/query.lua",
    ["pith.rules.sandbox"] = "lua/pith/rules/sandbox.lua",
    ["pith.rules.testing"] = "lua/pith/rules/testing.lua",
    ["pith.rules.xpath_check"] = "lua/pith/rules/xpath_check.lua",
    ["pith.sites.androidauthority"] = "lua/pith/sites/androidauthority.lua",
    ["pith.sites.elecom"] = "lua/pith/sites/elecom.lua",
    ["pith.sites.fortune"] = "lua/pith/sites/fortune.lua",
    ["pith.sites.genius"] = "lua/pith/sites/genius.lua",
    ["pith.sites.phpspot"] = "lua/pith/sites/phpspot.lua",
    ["pith.sites.reuters"] = "lua/pith/sites/reuters.lua",
    ["pith.sites.sanwa"] = "lua/pith/sites/sanwa.lua",
    ["pith.sites.se_pl"] = "lua/pith/sites/se_pl.lua",
    ["pith.sites.slate"] = "lua/pith/sites/slate.lua",
    ["pith.sites.techpowerup"] = "lua/pith/sites/techpowerup.lua",
    ["pith.sites.today"] = "lua/pith/sites/today.lua",
    ["pith.sites.yahoo"] = "lua/pith/sites/yahoo.lua",
    ["pith.warc"] = "lua/pith/warc.lua",
  },
  install = {
    bin = { pith = "bin/pith" },
  },
}
test = { type = "command", command = "make test" }
