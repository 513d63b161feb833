-- Super Express (se.pl) and its regional and topic sites (superbiz, sport, polityka,
-- portalobronny, szczecin, lublin, bialystok...): one CMS, one article template. Metadata sits in
-- <meta name= value=> tags; the byline and the local publication time are in the article header.
-- The lead photo's caption (not its credit) opens the story, as the site shows it.

-- Europe/Warsaw offset on a given day: CEST from the last Sunday of March to the last Sunday
-- of October (the switch hour is ignored: these are publication times, not timestamps).
local function weekday(y, m, d) -- 0 = Sunday (Sakamoto)
  local t = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 }
  if m < 3 then y = y - 1 end
  return (y + math.floor(y / 4) - math.floor(y / 100) + math.floor(y / 400) + t[m] + d) % 7
end

local function last_sunday(y, m)
  local d = 31
  return d - weekday(y, m, d)
end

local function warsaw_offset(y, m, d)
  local summer = (m > 3 and m < 10) or (m == 3 and d >= last_sunday(y, 3)) or
                 (m == 10 and d < last_sunday(y, 10))
  return summer and "+02:00" or "+01:00"
end

return {
  id = "se.pl",
  version = "2025.07.1",
  description = "Super Express (se.pl) and its regional and topic sites",
  match = {
    hosts = { "se.pl", ".se.pl" },
    fingerprint = { "span#timezone .pub_time_date" },
  },
  remove = {
    ".title_element__superscription", -- kicker above the headline
    ".neck",                          -- byline, time, share buttons
    ".related_articles__container", ".share-buttons-wrapper", ".comments__hookTop",
    ".gl_plugin.socials", ".gl_plugin.player", ".gl_plugin.video_player",
    ".lead-gallery-more", "#lead_object figcaption .author", "#lead_object .element__info",
    ".gl_plugin.static-teaser",       -- quizzes and polls ("Sonda")
    ".gl_plugin.recommendedArticle",  -- "Polecany artykuł:"
  },
  remove_text = {
    { pattern = [[^Autor:$]], scope = "self" },              -- empty credit line under embeds
    { pattern = [[^\+?\s*\d+\s+zdjęć$]], scope = "self" },  -- gallery photo counts
  },
  fields = {
    title = { { meta = "og:title" }, "article .title h1" },
    -- the first byline is the article's writer; later ones are editors and agency credits
    author = { "article .article_author .h3", { meta = "author" } },
    authors = { "article .article_author .h3", all = false },
    date = {
      function(doc)
        local day = doc:first("span#timezone .pub_time_date")
        local hm = doc:first("span#timezone .pub_time_hours_minutes")
        local y, m, d = (day and day:text() or ""):match("^%s*(%d%d%d%d)%-(%d%d)%-(%d%d)")
        if not y then return nil end
        local hh, mm = (hm and hm:text() or ""):match("(%d%d?):(%d%d)")
        if not hh then return string.format("%s-%s-%s", y, m, d) end
        return string.format("%s-%s-%sT%02d:%s:00%s", y, m, d, tonumber(hh), mm,
                             warsaw_offset(tonumber(y), tonumber(m), tonumber(d)))
      end,
      { meta = "article:published_time" },
    },
    image = { { meta = "og:image" } },
    description = { { meta = "og:description" }, { meta = "description" } },
  },
  content = {
    select = { "article" },
    clean = { "div.title", "script", "noscript" },
  },
  -- luacheck: push no max line length (page URLs and expected sentences are quoted whole)
  tests = {
    {
      fixture = "../shared/corpus/mercury/html/superbiz.se.pl__1739330496278.html.gz",
      url = "https://superbiz.se.pl/wiadomosci/glodowe-podwyzki-dla-emerytow-wyplata-juz-w-marcu-aa-i6r8-YETS-C2h2.html",
      expect = {
        title = "Taką waloryzację emerytur seniorzy dostaną od Tuska! Oficjalny wskaźnik podwyżek",
        author = "Agnieszka Grotek", date = "2025-02-11",
        text_starts = "Waloryzacja emerytur 2025 roku wyniesie 5,5 proc. Dla porównania w 2024 było to",
      },
      absent = { "Najnowsze z działu", "Czy ten artykuł był ciekawy?", "Wypłata już w marcu" },
    },
    {
      fixture = "../shared/corpus/mercury/html/bialystok.se.pl__1740023079333.html.gz",
      url = "https://bialystok.se.pl/posuzkiwany-31-latek-na-widok-policjantow-wyskoczyl-z-okna-aa-saMz-guMy-DgNE.html",
      expect = {
        title = "Dramat na Podlasiu! Na widok policjantów wyskoczył z okna",
        author = "Jacek Chlewicki", date = "2025-02-17",
        text_starts = "Poszukiwany 31-latek na widok policjantów wyskoczył z okna Policjanci zatrzymali poszukiwanego 31-latka. Mężczyzna",
      },
      absent = { "Autor: AGO", "Pościg za poszukiwanym", "Sonda", "Trudno powiedzieć" },
    },
    {
      fixture = "../shared/corpus/mercury/html/lublin.se.pl__1740022803567.html.gz",
      url = "https://lublin.se.pl/tajemniczy-rozblysk-na-niebie-a-potem-huk-internauci-nagrali-niepokojace-zjawisko-aa-pyCB-it69-KEL7.html",
      expect = {
        title = "Tajemniczy rozbłysk na niebie, a potem huk. Internauci nagrali niepokojące zjawisko",
        author = "Katarzyna Kapusta - Gruchlik", date = "2025-02-18",
        text_starts = "Mieszkańcy najpierw zobaczyli na niebie intensywnie zieloną smugę, a chwile później usłyszeli głośny",
      },
    },
    {
      fixture = "../shared/corpus/mercury/html/polityka.se.pl__1738719320280.html.gz",
      url = "https://polityka.se.pl/wiadomosci/express-biedrzyckiej-goscie-we-wtorek-4-lutego-aa-HqkJ-vZBV-aJyE.html",
      expect = {
        title = "Express Biedrzyckiej: goście we wtorek 4 lutego", author = "Paulina Jaworska",
        date = "2025-02-03",
        text_starts = "Kamila Biedrzycka, prowadząca \"Express Biedrzyckiej\" We wtorek (4 lutego) w \"Expressie Biedrzyckiej\" gośćmi",
      },
    },
    {
      fixture = "../shared/corpus/mercury/html/portalobronny.se.pl__1739330785415.html.gz",
      url = "https://portalobronny.se.pl/polityka-obronna/rosyjski-su-24-wlecial-na-6-5-km-w-przestrzen-powietrzna-polski-oficjalna-przyczyna-awaria-aa-ggzS-QUUG-sbdW.html",
      expect = {
        title = "Rosyjski samolot wojskowy naruszył granicę Polski na 6,5 km. Służby zareagowały",
        author = "Juliusz Sabak", date = "2025-02-11",
        text_starts = "Rosyjski samolot rozpoznawczy Su-24MR, który wykonywał lot z Obwodu Królewieckiego, „naruszył polską przestrzeń",
      },
    },
    {
      fixture = "../shared/corpus/mercury/html/sport.se.pl__1738679563886.html.gz",
      url = "https://sport.se.pl/pilka-nozna/ekstraklasa/kolejna-katastrofa-slaska-ogromny-zawod-z-piastem-ale-co-zrobil-rafal-leszczynski-wideo-aa-orCp-ajk6-8ada.html",
      expect = {
        title = "Kolejne rozczarowanie dla Śląska. Piast go wypunktował. I jeszcze ten KOSZMARNY błąd Rafała Leszczyńskiego!",
        author = "Marcin Szczepański", date = "2025-02-03",
        text_starts = "Rafał Leszczyński, bramkarz Śląska Wrocław Trener Ante Simundża podjął się misji ratowania Śląska.",
      },
    },
    {
      fixture = "../shared/corpus/mercury/html/szczecin.se.pl__1739329179505.html.gz",
      url = "https://szczecin.se.pl/czterdziesci-wysokich-wygranych-w-eurojackpot-w-polsce-ale-to-w-tym-kraju-rozbili-wielka-kumulacje-aa-Vtns-Mgcv-RZmj.html",
      expect = {
        title = "40 wysokich wygranych w Eurojackpot w Polsce. Ale to w tym kraju rozbili bank",
        author = "Grzegorz Kluczyński", date = "2025-02-11",
        text_starts = "Czterdzieści wysokich wygranych w Eurojackpot w Polsce. Ale to w tym kraju rozbili",
      },
      absent = { "Cottonbro Studio" },
    },
    {
      fixture = "../shared/corpus/mercury/html/www.se.pl__1738717059225.html.gz",
      url = "https://www.se.pl/wiadomosci/exclusive/romuald-lipko-niezapomniane-melodie-wspomnienia-o-liderze-budki-suflera-aa-AeXW-yuX4-t87q.html",
      expect = {
        title = "Romuald Lipko - TVP zabiera nas w czasy jego niezapomnianych melodii!", author = "Anna Kobryń",
        date = "2025-02-04",
        text_starts = "Romuald Lipko, lider zespołu Budka Suflera we wspomnieniach najbliższej rodziny i przyjaciół. W",
      },
    },
  },
  -- luacheck: pop
}
