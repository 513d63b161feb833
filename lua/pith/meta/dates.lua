--- Date normalisation: many written forms (ISO 8601, RFC 2822, English, German, French and
-- Spanish month names, numeric US/European forms, epoch seconds) to ISO 8601.
-- Dates before 1995 or in the future are rejected; relative dates ("2 hours ago") are
-- never guessed, because the page's fetch time is unknown.
local utf8 = require("pith.compat").utf8 -- also LuaJIT and 5.1

local M = {}

local MIN_YEAR = 1995

local MONTHS = {}
do
  -- English, German, French, Spanish, Portuguese, Italian, Dutch, Scandinavian, Catalan, Romanian,
  -- Indonesian, Hungarian, Turkish, Finnish (partitive), Polish, Czech and Slovak (genitive and
  -- nominative), Russian, Ukrainian and Bulgarian (genitive and nominative), Arabic (Egyptian and
  -- the Levant's one-word names). Croatian is left out: its "listopada" is October, Polish November.
  local names = {
    { "january", "jan", "januar", "janvier", "janv", "enero", "ene", "jänner", "janeiro", "gennaio", "gen", "januari",
      "gener", "ianuarie", "január", "ocak", "tammikuuta", "stycznia", "styczeń", "ledna", "leden", "januára",
      "января", "январь", "янв", "січня", "січень", "януари", "يناير" },
    { "february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero", "fevereiro", "fev", "febbraio",
      "februari", "febrer", "februarie", "február", "febr", "şubat", "helmikuuta", "lutego", "luty", "února",
      "únor", "februára", "февраля", "февраль", "фев", "лютого", "лютий", "февруари", "فبراير", "شباط" },
    { "march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "mrt", "marts", "maret", "març",
      "martie", "március", "márc", "mart", "maaliskuuta", "marca", "marzec", "března", "březen", "марта", "март",
      "мар", "березня", "березень", "مارس", "آذار" },
    { "april", "apr", "avril", "avr", "abril", "abr", "aprile", "aprilie", "április", "ápr", "nisan",
      "huhtikuuta", "kwietnia", "kwiecień", "dubna", "duben", "apríla", "апреля", "апрель", "апр", "квітня",
      "квітень", "април", "أبريل", "إبريل", "نيسان" },
    { "may", "mai", "mayo", "maio", "maggio", "mag", "mei", "maj", "maig", "május", "máj", "mayıs", "toukokuuta",
      "maja", "května", "květen", "mája", "мая", "май", "травня", "травень", "مايو", "أيار" },
    { "june", "jun", "juni", "juin", "junio", "junho", "giugno", "giu", "juny", "iunie", "június", "jún",
      "haziran", "kesäkuuta", "czerwca", "czerwiec", "června", "červen", "júna", "июня", "июнь", "июн", "червня",
      "червень", "юни", "يونيو", "حزيران" },
    { "july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio", "lug", "juliol", "iulie", "július",
      "júl", "temmuz", "heinäkuuta", "lipca", "lipiec", "července", "červenec", "júla", "июля", "июль", "июл",
      "липня", "липень", "юли", "يوليو", "تموز" },
    { "august", "aug", "août", "aout", "agosto", "ago", "augustus", "augusti", "agustus", "agost", "augusztus",
      "ağustos", "elokuuta", "sierpnia", "sierpień", "srpna", "srpen", "augusta", "августа", "август", "авг",
      "серпня", "серпень", "أغسطس", "آب" },
    { "september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro", "settembre", "set",
      "setembre", "septembrie", "szeptember", "szept", "eylül", "syyskuuta", "września", "wrzesień", "září",
      "septembra", "сентября", "сентябрь", "сен", "сент", "вересня", "вересень", "септември", "سبتمبر", "أيلول" },
    { "october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out", "ottobre", "ott", "octombrie",
      "október", "ekim", "lokakuuta", "października", "październik", "října", "říjen", "októbra", "октября",
      "октябрь", "окт", "жовтня", "жовтень", "октомври", "أكتوبر", "اكتوبر" },
    { "november", "nov", "novembre", "noviembre", "novembro", "noiembrie", "kasım", "marraskuuta", "listopada",
      "listopad", "listopadu", "novembra", "ноября", "ноябрь", "ноя", "листопада", "листопад", "ноември", "نوفمبر" },
    { "december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dezembro",
      "dicembre", "desember", "desembre", "decembrie", "aralık", "joulukuuta", "grudnia", "grudzień", "prosince",
      "prosinec", "decembra", "декабря", "декабрь", "дек", "грудня", "грудень", "декември", "ديسمبر" },
  }
  for i, list in ipairs(names) do
    for _, n in ipairs(list) do
      assert(MONTHS[n] == nil or MONTHS[n] == i, n)
      MONTHS[n] = i
    end
  end
end
M.MONTHS = MONTHS

-- Zone abbreviations with one unambiguous offset; "ET"/"PT" (either of two) are left out.
local ZONES = {
  utc = "Z", gmt = "Z", z = "Z", ut = "Z",
  est = "-05:00", edt = "-04:00", cst = "-06:00", cdt = "-05:00",
  mst = "-07:00", mdt = "-06:00", pst = "-08:00", pdt = "-07:00",
  bst = "+01:00", cet = "+01:00", cest = "+02:00", mez = "+01:00", mesz = "+02:00",
  ist = "+05:30", jst = "+09:00", aest = "+10:00", aedt = "+11:00",
}

local DAYS_IN = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

local function leap(y)
  return (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0
end

-- string.lower leaves UTF-8 capitals alone: those of Latin-1 ("É", "Ü"), Latin Extended-A
-- ("Ş", "Ř", "Ł") and Cyrillic ("Января") are folded here, as month names need.
local function fold2(c1, c2)
  local cp = (c1:byte() - 192) * 64 + c2:byte() - 128
  if cp >= 0xC0 and cp <= 0xDE and cp ~= 0xD7 then
    cp = cp + 32
  elseif cp >= 0x100 and cp < 0x17F then
    local even = cp % 2 == 0
    local pair_even = cp < 0x138 or (cp >= 0x14A and cp < 0x178)
    local pair_odd = (cp >= 0x139 and cp < 0x149) or cp >= 0x179
    if (pair_even and even) or (pair_odd and not even) then
      cp = cp + 1
    end
  elseif cp >= 0x410 and cp <= 0x42F then
    cp = cp + 32
  elseif cp >= 0x400 and cp <= 0x40F then
    cp = cp + 80
  else
    return nil
  end
  return utf8.char(cp)
end

local function lower(s)
  s = s:lower()
  if s:find("[\195-\197\208]") then
    s = s:gsub("([\195-\197\208])([\128-\191])", fold2)
  end
  return s
end
M.lower = lower

local function today()
  local t = os.date("!*t")
  return t.year * 10000 + t.month * 100 + t.day
end

--- True when y-m-d is a real calendar day within [1995, today + 1 day].
function M.plausible(y, m, d, now)
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if not (y and m and d) or y < MIN_YEAR or m < 1 or m > 12 or d < 1 then
    return false
  end
  if d > DAYS_IN[m] or (m == 2 and d == 29 and not leap(y)) then
    return false
  end
  -- One day of slack: the page's zone may be ahead of UTC.
  local key = y * 10000 + m * 100 + d
  local limit = now or today()
  return key <= limit + (limit % 100 >= 28 and 100 or 1)
end

local function fmt_offset(sign, hh, mm)
  if tonumber(hh) > 14 or tonumber(mm or 0) > 59 then
    return nil
  end
  if tonumber(hh) == 0 and tonumber(mm or 0) == 0 then
    return "Z"
  end
  return string.format("%s%02d:%02d", sign, tonumber(hh), tonumber(mm or 0))
end

--- Reads a zone at the start of `s` (after spaces): "Z", "+01:00", "+0100", "-05", "GMT+2", "EST".
local function read_zone(s)
  s = s:lower()
  local sign, hh, mm = s:match("^%s*[gu]?[mt]?[tc]?%s*([+-])(%d%d):?(%d%d)")
  if sign then
    return fmt_offset(sign, hh, mm)
  end
  sign, hh = s:match("^%s*gmt%s*([+-])(%d%d?)%f[%D]")
  if not sign then
    sign, hh = s:match("^%s*utc%s*([+-])(%d%d?)%f[%D]")
  end
  if not sign then
    sign, hh = s:match("^%s*([+-])(%d%d)%f[%D]")
  end
  if sign then
    return fmt_offset(sign, hh, 0)
  end
  local abbr = s:match("^%s*%(?(%a+)%)?%f[%A]")
  return abbr and ZONES[abbr] or nil
end

--- Reads a time of day at the start of `s`: "10:15", "10:15:30", "10:15 pm", "10h15", "10.15 Uhr".
local function read_time(s)
  local h, mi, rest = s:match("^%s*[,@|-]?%s*[àa]?t?%s*(%d%d?):(%d%d)()")
  if not h then
    h, mi, rest = s:match("^%s*[,@|-]?%s*à?%s*(%d%d?)h(%d%d)()")
  end
  if not h then
    h, mi, rest = s:match("^%s*,?%s*um%s+(%d%d?)[.:](%d%d)()")
  end
  if not h then
    return nil
  end
  h, mi = tonumber(h), tonumber(mi)
  local sec = 0
  local ss, r2 = s:match("^:(%d%d)()", rest)
  if ss then
    sec, rest = tonumber(ss), r2
    local r3 = s:match("^[.,]%d+()", rest)
    rest = r3 or rest
  end
  local ampm, r4 = s:match("^%s*([aApP])%.?[mM]%.?()", rest)
  if not ampm then
    -- Arabic: "12:09 م" (masa'an, evening), "9:05 ص" (sabahan, morning).
    local ar
    ar, r4 = s:match("^%s*(\217\133)%f[%s%z]()", rest)
    if not ar then
      ar, r4 = s:match("^%s*(\216\181)%f[%s%z]()", rest)
    end
    ampm = ar and (ar == "\217\133" and "p" or "a") or nil
  end
  if ampm then
    rest = r4
    ampm = ampm:lower()
    if h > 12 then
      return nil
    end
    if ampm == "p" and h < 12 then
      h = h + 12
    elseif ampm == "a" and h == 12 then
      h = 0
    end
  end
  if h > 23 or mi > 59 or sec > 60 then
    return nil
  end
  return string.format("%02d:%02d:%02d", h, mi, sec), s:sub(rest)
end

local function build(y, m, d, time, zone, now)
  if not M.plausible(y, m, d, now) then
    return nil
  end
  local date = string.format("%04d-%02d-%02d", tonumber(y), tonumber(m), tonumber(d))
  if not time then
    return date
  end
  return date .. "T" .. time .. (zone or "")
end

local function with_time(y, m, d, rest, now)
  local time, after = read_time(rest or "")
  local zone = time and read_zone(after) or nil
  return build(y, m, d, time, zone, now)
end

local function from_epoch(n, now)
  if n > 1e12 then
    n = math.floor(n / 1000) -- not //: also LuaJIT and 5.1
  end
  local t = os.date("!*t", n)
  return build(t.year, t.month, t.day, string.format("%02d:%02d:%02d", t.hour, t.min, t.sec), "Z", now)
end

local function month_of(word)
  return MONTHS[word:gsub("%.$", "")]
end

local WORD = "([%a\128-\255]+)%.?"

--- Parses one date expression found in `s` (a meta value or a short piece of text) and returns
-- it as ISO 8601 ("2021-01-05", "2021-01-05T10:15:00", "2021-01-05T10:15:00+01:00"), or nil.
-- opts.now: yyyymmdd upper bound (default today, UTC); opts.order: how the page's language writes
-- numeric dates, "mdy" (American English: 05-04-2021 is May 4) or "dmy" (Spanish, French, British
-- English...: 10/05/2022 is 10 May); otherwise "." and "-" put the day first and "/" the month
-- (a German page's 11/01/2023 is a machine's American format).
function M.parse(s, opts)
  if type(s) ~= "string" and type(s) ~= "number" then
    return nil
  end
  local now = opts and opts.now
  s = tostring(s)
  if #s > 300 then
    s = s:sub(1, 300)
  end
  -- Every form below holds a four-digit year (or ten epoch digits): text without one, the
  -- common case for headline blocks and bylines, is refused before the pattern loops.
  if not s:find("%d%d%d%d") and not s:find("%d[./]%s?%d%d?[./]%s?%d%d") then
    return nil
  end
  -- (No-break, thin and narrow spaces between a date's parts: "4.&thinsp;2.&thinsp;2022".)
  local low = lower(s):gsub("\194\160", " "):gsub("\226\128[\128-\138\175]", " ")
  -- Epoch seconds or milliseconds, alone.
  local epoch = low:match("^%s*(%d%d%d%d%d%d%d%d%d%d%d?%d?%d?)%s*$")
  if epoch then
    return from_epoch(tonumber(epoch), now)
  end
  -- ISO 8601 and its relatives: 2021-01-05, 2021/01/05, 2021.01.05, 2021-01-05T10:15:00.000+01:00.
  local y, m, d, rest = low:match("%f[%d](%d%d%d%d)[-/.](%d%d?)[-/.](%d%d?)%f[%D]()")
  if y then
    local r = low:sub(rest)
    local time, after
    local h, mi, r2 = r:match("^[t ](%d%d):?(%d%d)()")
    if h then
      local sec, r3 = r:match("^:?(%d%d)()", r2)
      r2 = r3 or r2
      r2 = r:match("^[.,]%d+()", r2) or r2
      if tonumber(h) < 24 and tonumber(mi) < 60 then
        time, after = string.format("%02d:%02d:%02d", h, mi, tonumber(sec or 0)), r:sub(r2)
      end
    end
    return build(y, m, d, time, time and read_zone(after) or nil, now)
  end
  -- Compact ISO: 20210105 or 20210105T101500Z.
  y, m, d = low:match("^%s*(%d%d%d%d)(%d%d)(%d%d)%f[^%d]")
  if y then
    return build(y, m, d, nil, nil, now)
  end
  -- Chinese, Japanese and Korean: 2019年2月27日 10:15, 2019년 2월 27일 (the marks are multi-byte
  -- sequences, so they are matched as literals, never inside a class).
  if low:find("年", 1, true) or low:find("년", 1, true) then
    local t = low:gsub("년", "年"):gsub("월", "月"):gsub("일", "日"):gsub("時", ":"):gsub("시", ":")
    local cy, cm, cd, cr = t:match("(%d%d%d%d)%s*年%s*(%d%d?)%s*月%s*(%d%d?)()")
    if cy then
      local h, mi = t:sub(cr):match("^%s*日?%s*[^%d%s]*%s*(%d%d?)%s*:%s*(%d%d)")
      local time = h and tonumber(h) < 24 and tonumber(mi) < 60 and string.format("%02d:%02d:00", h, mi) or nil
      return build(cy, cm, cd, time, nil, now)
    end
  end
  -- Spanish and Portuguese join the parts with "de"/"del", English a day and its month with "of"
  -- ("the 12th of March 2021").
  low = low:gsub("%s+del?%s+", " "):gsub("(%d%a?%a?)%s+of%s+", "%1 ")
  -- Day month year: "5 January 2021", "5. Januar 2021", "5 de enero de 2021", "Tue, 05 Jan 2021 10:15 GMT",
  -- "le 5 janvier 2021 à 10h15", "5th Jan 2021".
  for pos, dd, word, yy, r in low:gmatch("()%f[%d](%d%d?)%.?%a?%a?%s+" .. WORD .. ",?%s+(%d%d%d%d)%f[%D]()") do
    local mo = month_of(word)
    if mo and (pos == 1 or not low:sub(1, pos - 1):find("%d$")) then
      return with_time(yy, mo, dd, low:sub(r), now)
    end
  end
  -- Month day year: "January 5, 2021", "Jan. 5th, 2021 at 10:15 a.m. EST", "Tuesday, January 5 2021".
  for word, dd, yy, r in low:gmatch(WORD .. "%s+(%d%d?)%a?%a?,?%s+(%d%d%d%d)%f[%D]()") do
    local mo = month_of(word)
    if mo then
      return with_time(yy, mo, dd, low:sub(r), now)
    end
  end
  -- Month day, time, year (ctime): "Tue Jan  5 10:15:00 2021".
  -- Also Java's Date.toString(): "Mon Aug 03 12:45:00 EDT 2015".
  local word, dd, tm, zone, yy = low:match(WORD .. "%s+(%d%d?)%s+(%d%d:%d%d:?%d?%d?)%s+(%a*)%s*(%d%d%d%d)%f[%D]")
  if word and month_of(word) then
    return with_time(yy, month_of(word), dd, tm .. " " .. zone, now)
  end
  -- Year month day: "2021. március 12." (Hungarian), "2021 Mar 12".
  for y3, w3, d3, r in low:gmatch("%f[%d](%d%d%d%d)%.?%s+" .. WORD .. "%s+(%d%d?)%f[%D]()") do
    local mo = month_of(w3)
    if mo then
      return with_time(y3, mo, d3, low:sub(r):gsub("^%.", ""), now)
    end
  end
  -- Numeric: 01/05/2021 (US month first unless the first number cannot be a month, or the page's
  -- language puts the day first), 05.01.2021 (day first, as in German), 05-01-2021 (day first
  -- outside American English: "01-11-2023 10:29" beside "1. November 2023").
  local a, sep, b, yy2, r = low:match("%f[%d](%d%d?)([/.-])(%d%d?)%2(%d%d%d%d)%f[%D]()")
  if not a then
    -- Spaced: "4. 2. 2022", "26 | 01 | 2022".
    a, sep, b, yy2, r = low:match("%f[%d](%d%d?)%s*([.|])%s*(%d%d?)%s*%2%s*(%d%d%d%d)%f[%D]()")
  end
  if not a then
    -- A two-digit year, dotted or slashed: "26.10.13", "Party, 30.8.23", "26/10/13, 03:48 pm";
    -- not a version number or an address's part ("1.2.19.4", "10.12.19:80").
    local pos, y2
    pos, a, sep, b, y2, r = low:match("()%f[%d](%d%d?)%s?([./])%s?(%d%d?)%s?%3%s?(%d%d)%f[%D]()")
    if a and not low:sub(1, pos - 1):find("[%d./]$") and not low:find("^[./:]?%d", r) then
      local n = tonumber(y2)
      local limit = math.floor((now or today()) / 10000) % 100
      yy2 = (n <= limit and 2000 or 1900) + n
    else
      a = nil
    end
  end
  if a then
    a, b = tonumber(a), tonumber(b)
    local mo, da = a, b
    local order = opts and opts.order
    local dayfirst = sep == "." or order == "dmy" or (sep == "-" and order ~= "mdy")
    if a > 12 or (dayfirst and b <= 12) then
      mo, da = b, a
    end
    return with_time(yy2, mo, da, low:sub(r), now)
  end
  return nil
end

-- Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
local function days_from_civil(y, m, d)
  y = m <= 2 and y - 1 or y
  local era = math.floor((y >= 0 and y or y - 399) / 400)
  local yoe = y - era * 400
  local doy = math.floor((153 * (m + (m > 2 and -3 or 9)) + 2) / 5) + d - 1
  local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end

-- An ISO value from parse with a time: its minutes since the epoch (as written, zone ignored),
-- its seconds, and its zone ("Z", "+05:30", or "" when none is stated).
local function wall(iso)
  local y, m, d, h, mi, sec, zone = iso:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)T(%d%d):(%d%d):(%d%d)(.*)$")
  if not y then
    return nil
  end
  local days = days_from_civil(tonumber(y), tonumber(m), tonumber(d))
  return (days * 24 + tonumber(h)) * 60 + tonumber(mi), sec, zone
end

local function zone_minutes(zone)
  if zone == "Z" then
    return 0
  end
  local sign, hh, mm = zone:match("^([+-])(%d%d):(%d%d)$")
  if not sign then
    return nil
  end
  local n = tonumber(hh) * 60 + tonumber(mm)
  return sign == "-" and -n or n
end

local function from_minutes(total, sec, zone)
  local days, rem = math.floor(total / 1440), total % 1440
  local t = os.date("!*t", days * 86400)
  return string.format("%04d-%02d-%02dT%02d:%02d:%s%s", t.year, t.month, t.day, math.floor(rem / 60), rem % 60, sec,
    zone)
end

--- The publication moment in the page's own time zone, when the page states it in UTC and again
-- in local time: a UTC timestamp's calendar day is not the day the publisher printed.
-- `chosen` is the parsed value picked; `others` the raw values of the other declared dates. One
-- that is the same moment with an offset ("2017-02-23T17:18:13-08:00" beside
-- "2017-02-24T01:18:13Z") is returned as is; one with a wall time and no zone
-- ("Thursday, December 22, 2016, 06:47 PM" beside "2016-12-23T00:47:31Z") gives the offset,
-- when it is a whole quarter hour within a day's zones. Otherwise `chosen` is returned.
function M.localize(chosen, others, opts)
  local at, sec, zone = wall(chosen or "")
  if not at or zone ~= "Z" then
    return chosen
  end
  for _, raw in ipairs(others or {}) do
    local d = M.parse(raw, opts)
    local dat, dsec, dzone = wall(d and #d == 10 and d .. "T00:00:00" or d or "")
    -- A day alone is that day's midnight where the page lives: "2021-11-05" beside
    -- "2021-11-04T23:00:00Z" is the same instant at +01:00 (a day stored at local midnight).
    if dat and #d == 10 then
      local diff = dat - at
      if sec == "00" and diff > 0 and diff <= 14 * 60 and diff % 15 == 0 then
        return from_minutes(dat, sec, string.format("+%02d:%02d", math.floor(diff / 60), diff % 60))
      end
    elseif dat then
      local off = zone_minutes(dzone)
      if off and off ~= 0 and dat - off == at and dsec == sec then
        return d
      end
      local diff = dat - at
      -- (-12:00, where no one lives, is rather a 12-hour clock's "05:09" for 17:09.)
      if dzone == "" and diff ~= 0 and diff % 15 == 0 and diff > -12 * 60 and diff <= 14 * 60
        and (dsec == sec or dsec == "00") then
        local sign = diff < 0 and "-" or "+"
        local a = math.abs(diff)
        return from_minutes(dat, sec, string.format("%s%02d:%02d", sign, math.floor(a / 60), a % 60))
      end
    end
  end
  return chosen
end

--- A value parse gave without a zone ("2019-04-04", "2019-04-04T10:15:00"), read as the wall time
-- of `zone` ("+09:00") and written in UTC ("2019-04-03T15:00:00Z"): a date alone is that zone's
-- midnight. A value that states its zone is returned as is; nil when `zone` is not an offset.
function M.to_utc(iso, zone)
  local off = type(zone) == "string" and zone_minutes(zone)
  if not off or type(iso) ~= "string" then
    return nil
  end
  local at, sec, stated = wall(#iso == 10 and iso .. "T00:00:00" or iso)
  if not at or stated ~= "" then
    return iso
  end
  return from_minutes(at - off, sec, "Z")
end

--- The calendar day (yyyy-mm-dd) of an ISO value, for comparisons.
function M.day(iso)
  return iso and iso:sub(1, 10) or nil
end

--- A date in a URL path: /2021/01/05/, /2021-01-05-, /20210105/, /2021/jan/05/.
function M.from_url(url, opts)
  if type(url) ~= "string" then
    return nil
  end
  local path = url:gsub("^%a[%w+.-]*://[^/]*", ""):gsub("[?#].*$", ""):lower()
  local y, m, d = path:match("/(%d%d%d%d)/(%d%d?)/(%d%d?)/")
  if not y then
    y, m, d = path:match("/(%d%d%d%d)/(%d%d?)/(%d%d?)$")
  end
  if not y then
    y, m, d = path:match("%f[%w](%d%d%d%d)[-_](%d%d)[-_](%d%d)%f[%D]")
  end
  if not y then
    local word
    y, word, d = path:match("/(%d%d%d%d)/(%a%a%a)/(%d%d?)/")
    m = word and MONTHS[word]
  end
  if not y then
    y, m, d = path:match("/(%d%d%d%d)(%d%d)(%d%d)/")
  end
  if y and m then
    return build(y, m, d, nil, nil, opts and opts.now)
  end
  return nil
end

return M
