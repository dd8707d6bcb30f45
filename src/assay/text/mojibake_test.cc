#include "assay/text/mojibake.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "assay/text/reader.h"
#include "assay/text/utf8.h"

namespace assay::text {
namespace {

namespace fs = std::filesystem;

// UTF-8 bytes read as Windows-1252 (or Latin-1) and written as UTF-8 again.
std::string mangle(std::string_view utf8, bool cp1252) {
  std::string out;
  for (char ch : utf8) {
    auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) out.push_back(ch);
    else append_utf8(out, cp1252 ? cp1252_char(b) : char32_t{b});
  }
  return out;
}

// UTF-8 bytes read as `page` and written as UTF-8 again.
std::string mangle(std::string_view utf8, CodePage page) {
  std::string out;
  for (char ch : utf8) append_utf8(out, code_page_char(page, static_cast<unsigned char>(ch)));
  return out;
}

// The text written in `page` (single bytes), or nullopt when a character has
// no byte there.
std::optional<std::string> encode(std::string_view utf8, CodePage page) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    int b = code_page_byte(page, decode_utf8(utf8, i));
    if (b < 0) return std::nullopt;
    out.push_back(static_cast<char>(b));
  }
  return out;
}

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> cps;
  for (std::size_t i = 0; i < s.size();) cps.push_back(decode_utf8(s, i));
  return cps;
}

// Non-ASCII characters of `want` that `got` restores: line by line, the
// non-ASCII characters of a longest common subsequence of code points. The
// repair never touches ASCII, so when both lines hold the same ASCII
// characters the LCS is taken between each pair of ASCII characters (fast on
// long lines); otherwise on the whole line between the common prefix and
// suffix (conservatively 0 when that is too large to compare).
struct Restored {
  std::size_t restored = 0, total = 0;
};

std::size_t lcs_non_ascii(const std::vector<char32_t>& x, const std::vector<char32_t>& y) {
  if (x.empty() || y.empty()) return 0;
  if (x.size() * y.size() > 50'000'000) return 0;
  std::vector<std::size_t> prev(y.size() + 1, 0), cur(y.size() + 1, 0);
  for (std::size_t i = 1; i <= x.size(); ++i) {
    for (std::size_t j = 1; j <= y.size(); ++j)
      cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + (x[i - 1] >= 0x80 ? 1 : 0) : std::max(prev[j], cur[j - 1]);
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

std::size_t restored_in_line(const std::vector<char32_t>& x, const std::vector<char32_t>& y) {
  std::vector<char32_t> ax, ay;
  for (char32_t c : x)
    if (c < 0x80) ax.push_back(c);
  for (char32_t c : y)
    if (c < 0x80) ay.push_back(c);
  std::size_t restored = 0;
  if (ax == ay) {
    std::size_t i = 0, j = 0;
    while (i <= x.size() && j <= y.size()) {
      std::vector<char32_t> cx, cy;
      while (i < x.size() && x[i] >= 0x80) cx.push_back(x[i++]);
      while (j < y.size() && y[j] >= 0x80) cy.push_back(y[j++]);
      restored += cx == cy ? cx.size() : lcs_non_ascii(cx, cy);
      ++i;  // the ASCII character both share
      ++j;
    }
    return restored;
  }
  std::size_t pre = 0;
  while (pre < x.size() && pre < y.size() && x[pre] == y[pre]) restored += x[pre++] >= 0x80 ? 1 : 0;
  std::size_t suf = 0;
  while (suf < x.size() - pre && suf < y.size() - pre && x[x.size() - 1 - suf] == y[y.size() - 1 - suf])
    restored += x[x.size() - 1 - suf++] >= 0x80 ? 1 : 0;
  return restored + lcs_non_ascii(std::vector<char32_t>(x.begin() + pre, x.end() - suf),
                                  std::vector<char32_t>(y.begin() + pre, y.end() - suf));
}

Restored count_restored(std::string_view want, std::string_view got) {
  Restored r;
  auto lines = [](std::string_view s) {
    std::vector<std::string_view> v;
    std::size_t from = 0;
    for (std::size_t nl; (nl = s.find('\n', from)) != std::string_view::npos; from = nl + 1) v.push_back(s.substr(from, nl - from));
    v.push_back(s.substr(from));
    return v;
  };
  auto a = lines(want), b = lines(got);
  for (std::size_t l = 0; l < a.size(); ++l) {
    auto x = code_points(a[l]);
    std::size_t non_ascii = std::count_if(x.begin(), x.end(), [](char32_t c) { return c >= 0x80; });
    r.total += non_ascii;
    if (l >= b.size()) continue;
    if (a[l] == b[l]) {
      r.restored += non_ascii;
      continue;
    }
    r.restored += restored_in_line(x, code_points(b[l]));
  }
  return r;
}

// Texts rich in accents and typographic punctuation, written for this test.
const char* const kTexts[] = {
    "« L’usine de Solvay à La Rochelle a réouvert », a déclaré Hélène Lefèvre, "
    "présidente du comité — après deux années d’arrêt… Coût estimé : 120 M€.\n"
    "Ça, c’est déjà ça ; l’État français n’a pas commenté. Œuvre, cœur, naïve, Noël, où, garçon.",
    "„Die Preise für Neodym sind stark gestiegen“, sagte Jürgen Müller von der Größten Gießerei in "
    "Düsseldorf. Die Ökonomin Bärbel Schäfer erklärte: ‚Übermäßige Abhängigkeit‘ sei das Problem. "
    "Straße, Fuß, weiß, Äpfel, Öl, Übel — 3 000 € je Tonne.",
    "El ministro de Economía, José Ángel Núñez, dijo: «La producción española de óxidos aumentará "
    "un 15 %». ¿Por qué? ¡Porque la demanda crece! Peña, señora, acción, compañía, Málaga, Cádiz.",
    "A mineradora brasileira em Poços de Caldas anunciou: “A produção começará em março”. "
    "São Paulo, Goiás, João, Conceição, ação, informações, não, irmã, está, você, avô.",
    "Ông Nguyễn Văn Hùng, giám đốc Công ty Đất hiếm Lai Châu, cho biết sản lượng tăng. "
    "Bà Trần Thị Thu Hương và ông Phạm Đức Thắng đã ký thỏa thuận tại Hà Nội và Thành phố Hồ Chí Minh.",
    "MP Materials™ said “output rose 12%” — a record… Lynas’s CEO Amanda Lacaze: ‘We’re on track.’ "
    "Prices: €62/kg, £50/kg, ¥400/kg; ±5% ×2 ÷3 °C ½ ¼ § ¶ © ® • † ‡ ‰ ‹ › ˆ ˜ ƒ Š š Ž ž Ÿ.",
    "Dysprosium output at Tōhoku, Ōita, Kraków, Łódź, Gdańsk, Škoda, Dvořák, Zürich, İstanbul, "
    "Reykjavík, Þórshöfn, Ærø, Øresund, Åland, Smørrebrød, Ελλάδα, Москва, Київ.",
    "Le député François Gérard a précisé que « l’entreprise financée par l’État » prévoit d’extraire "
    "du néodyme et du praséodyme dès l’été ; « c’est un défi énorme », a-t-il ajouté, « mais réaliste ».\n"
    "Les élus de Sète, d’Évreux et de Besançon ont salué « un projet créateur d’emplois » — sans préciser "
    "ni le coût ni l’échéance. Où en est-on ? « Nous étudions l’hypothèse », répond Mme Hervé.",
    "Laut Bundesministerium für Wirtschaft würden „kritische Rohstoffe“ künftig gemeinsam beschafft; "
    "die Förderung in Grönland sei „grundsätzlich möglich“, so Staatssekretär Björn Köhler. Für "
    "Händler in Österreich und der Schweiz ändert sich zunächst wenig — die Lieferverträge laufen weiter.",
    "Según fuentes del sector, la compañía chilena evaluó «opciones de expansión» en Antofagasta; "
    "la directora, Begoña Ibáñez, añadió que «aún no hay decisión». Además, el gobierno peruano "
    "estudia regalías más altas: ¿afectará eso a la inversión extranjera? Quizá, según analistas.",
    "O presidente da Companhia Brasileira de Metalurgia, Conceição Gonçalves, afirmou que a expansão "
    "em Araxá “não depende de subsídios”. Segundo ele, a demanda por ímãs permanentes cresceu, e "
    "as exportações para a Ásia já superam as vendas à Europa. Não há previsão de nova unidade.",
    "Tại Yên Bái, ông Lê Quang Đạo và bà Võ Thị Ánh Tuyết cho biết dự án khai thác đất hiếm "
    "Đông Pao sẽ được đấu giá lại; Bộ Tài nguyên và Môi trường chưa công bố thời điểm cụ thể.",
    "Market wrap: NdPr oxide fell 2% to ¥540,000/t; Dy₂O₃ held at $290/kg — “quiet trade”, one "
    "buyer said… Tb₄O₇ traded at €1,050/kg™. Margins: ±3%; range 1½–2¼ t/day; 25 °C; “N/A” ‘TBD’.",
};

// Central European and Cyrillic texts, written for this test, with the
// typographic quotes each language uses. Some hold letter pairs that are
// also runs of UTF-8 read as Windows-1251 or -1250 (Ukrainian "Рік", "Ві";
// Polish capitals "PÓŁ"): the repair must leave them alone.
const char* const kCentralEuropeanAndCyrillic[] = {
    "„Cena tlenku neodymu wzrosła o 12 procent”, powiedział Łukasz Żółkiewski, dyrektor spółki w Gdańsku. "
    "Według źródeł zbliżonych do ministerstwa rząd rozważa współfinansowanie zakładu w Wałbrzychu — decyzja ma "
    "zapaść jesienią. Spółka nie odpowiedziała na pytania; związkowcy ze Śląska chcą gwarancji zatrudnienia.\n"
    "PÓŁNOC KRAJU: SPÓŁKA ŁĄCZY SIŁY Z RZĄDEM. Źródło: „Dziennik Bałtycki”, ćwierć wieku później.",
    "„Těžba vzácných zemin v Krušných horách není ekonomicky reálná,“ řekl Jiří Dvořák z Ústavu geologie. "
    "Ministerstvo průmyslu podle něj zvažuje průzkum u Cínovce; společnost ČEZ se k záměru nevyjádřila. "
    "Šéf sdružení Petr Šťastný dodal: „Bez dotací se to nevyplatí.“ Příští týden o tom bude jednat sněmovna.",
    "Podľa ministerstva hospodárstva sa ťažba v Gemeri začne až po schválení štúdie vplyvov; starosta obce "
    "Ľubomír Kováč tvrdí, že „ľudia chcú istotu, nie sľuby“. Investor sa k otázkam nevyjadril. Ďalšie kolo: máj.",
    "„A ritkaföldfémek ára tovább emelkedik” – mondta Szőke Gábor, a győri üzem igazgatója. Az önkormányzat "
    "szerint a beruházás négyszáz munkahelyet teremt; a minisztérium nem válaszolt kérdéseinkre. Áprilisban "
    "újabb tárgyalás lesz Debrecenben, ahol a hűtőipari cég is érdekelt.",
    "«Цены на оксид неодима выросли на 12 %», — заявил Алексей Громов, директор завода в Соликамске. По словам "
    "источников, знакомых с ситуацией, правительство обсуждает субсидии для переработки лопаритового концентрата; "
    "в министерстве от комментариев отказались. Решение ожидается в сентябре — не раньше. Объём производства "
    "в прошлом году составил около 2 500 тонн. Художник Рёрих здесь ни при чём.",
    "«Ми готові залучити інвесторів до розробки родовищ», — сказала міністерка економіки. За її словами, уряд "
    "підготував перелік ділянок із рідкісноземельними металами; Державна служба геології поки що не оприлюднила "
    "деталей. Їхня вартість, за оцінками експертів, сягає мільярдів доларів. Рік тому подібна угода не відбулася. "
    "Віктор Ґудзь, аналітик з Києва, назвав план «амбітним, але ризикованим».\nРІК ПІСЛЯ УГОДИ: ЩО ЗМІНИЛОСЯ? Рівне, Ві.",
    "„Няма да има нова мина в Родопите без обществено обсъждане“, заяви Петър Иванов от министерството на "
    "енергетиката. Според него компанията още не е подала документи; екоактивисти от Смолян обещаха протести "
    "през юни. Цената на концентрата — 4 200 долара за тон — остава непотвърдена.",
    "„Рудник литијума у долини Јадра неће бити отворен без сагласности грађана“, рекао је министар. Компанија "
    "није одговорила на питања; мештани Лознице најављују нове протесте. Ђорђе Јовановић, њихов портпарол, каже "
    "да „одлука мора бити јавна“. Љубиша и Његош Ћирић потписали су петицију.",
    "„Wir prüfen alle Optionen“, sagte die Sprecherin der Bundesregierung. Der Großhändler aus Köln – ein "
    "Familienunternehmen – erwartet höhere Preise für Dysprosium. ‚Übergangsweise‘ sollen Lager in Hamburg "
    "aufgestockt werden; Äußerungen des Vorstands gab es nicht. »Das ist ein Fehler«, schrieb die Zeitung. "
    "ÖL, GRÜN, MÄßIG, Straße, Fußnote, süß — 1 200 € je Tonne.",
    "«Οι τιμές των σπάνιων γαιών αυξάνονται», δήλωσε ο υπουργός Ανάπτυξης. Η εταιρεία δεν απάντησε σε ερωτήσεις· "
    "οι κάτοικοι της Κοζάνης ζητούν διαβεβαιώσεις για το περιβάλλον.",
};

TEST(Mojibake, RepairsTheCommonRenderings) {
  MojibakeRepair r;
  EXPECT_EQ(repair_mojibake("Malaysiaâ€™s plant", &r), "Malaysia’s plant");
  EXPECT_EQ(r.count, 1u);
  EXPECT_EQ(r.first_offset, 8u);
  EXPECT_EQ(repair_mojibake("cafÃ© and rÃ©sumÃ©", &r), "café and résumé");
  EXPECT_EQ(r.count, 3u);
  EXPECT_EQ(r.first_offset, 3u);
  EXPECT_EQ(repair_mojibake("â€œquotedâ€\u009d"), "“quoted”");    // 0x9D as the C1 control U+009D
  EXPECT_EQ(repair_mojibake("100Â\u00A0t"), "100\u00A0t");         // no-break space
  EXPECT_EQ(repair_mojibake("Ã©tÃ© 100Â t"), "été 100\u00A0t");    // "Â " too, once mojibake is certain
  EXPECT_EQ(repair_mojibake("ðŸ™‚"), "🙂");                         // four-byte sequence
  EXPECT_EQ(repair_mojibake(mangle("Pâté — “x”", false)), "Pâté — “x”");  // Latin-1 rendering
  // Mangled twice over, and three times.
  EXPECT_EQ(repair_mojibake(mangle(mangle("Malaysia’s café", true), true)), "Malaysia’s café");
  EXPECT_EQ(repair_mojibake(mangle(mangle(mangle("naïve", true), true), true)), "naïve");
  EXPECT_EQ(r.code_page, CodePage::kWindows1252);
  repair_mojibake(mangle("Pâté — x", false), &r);
  EXPECT_EQ(r.code_page, CodePage::kLatin1);  // a C1 control in a run, nothing only Windows-1252 has
}

TEST(Mojibake, RepairsUtf8ReadAsOtherCodePages) {
  MojibakeRepair r;
  EXPECT_EQ(repair_mojibake("РњРѕСЃРєРІР°", &r), "Москва");
  EXPECT_EQ(r.code_page, CodePage::kWindows1251);
  EXPECT_EQ(r.count, 6u);
  EXPECT_EQ(repair_mojibake("MalaysiaвЂ™s plant", &r), "Malaysia’s plant");
  EXPECT_EQ(r.code_page, CodePage::kWindows1251);
  EXPECT_EQ(r.first_offset, 8u);
  EXPECT_EQ(repair_mojibake(mangle("Zakład w Wałbrzychu — źródła", CodePage::kWindows1250), &r), "Zakład w Wałbrzychu — źródła");
  EXPECT_EQ(r.code_page, CodePage::kWindows1250);
  EXPECT_EQ(repair_mojibake(mangle("Jiří Dvořák řekl „ano“", CodePage::kIso8859_2), &r), "Jiří Dvořák řekl „ano“");
  EXPECT_EQ(r.code_page, CodePage::kIso8859_2);
  EXPECT_EQ(repair_mojibake(mangle("Завод в Соликамске", CodePage::kIso8859_5), &r), "Завод в Соликамске");
  EXPECT_EQ(r.code_page, CodePage::kIso8859_5);
  EXPECT_EQ(repair_mojibake(mangle("Завод в Соликамске", CodePage::kKoi8R), &r), "Завод в Соликамске");
  EXPECT_EQ(r.code_page, CodePage::kKoi8R);
  // A Windows-1250 rendering that the first path would half repair ("Ä™" is
  // also Windows-1252 for the bytes of "ę"): the whole-text page wins.
  EXPECT_EQ(repair_mojibake(mangle("będzie łączyć", CodePage::kWindows1250), &r), "będzie łączyć");
  EXPECT_EQ(r.code_page, CodePage::kWindows1250);
}

TEST(Mojibake, LeavesCleanCentralEuropeanAndCyrillicTextAlone) {
  for (const char* clean : {"Рік тому", "Рівне", "Віктор", "РІК", "Ві", "PÓŁNOC", "PÓŁ", "SPÓŁKA", "Рёрих", "Škoda",
                            "ŁĄKA", "Ěě", "Ďábel", "ÓŁ", "Сі", "Рі", "Ђорђе", "МЇ"}) {
    MojibakeRepair r;
    EXPECT_EQ(repair_mojibake(clean, &r), clean);
    EXPECT_EQ(r.count, 0u) << clean;
  }
  for (const char* text : kCentralEuropeanAndCyrillic) {
    MojibakeRepair r;
    EXPECT_EQ(repair_mojibake(text, &r), text) << code_page_name(r.code_page) << " at " << r.first_offset;
  }
}

TEST(Mojibake, TextOddityScoresMojibakeAboveCleanText) {
  EXPECT_EQ(text_oddity("Москва, «Рёрих» — Тверь").odd, 0u);
  EXPECT_EQ(text_oddity("Москва, «Рёрих» — Київ").odd, 1u);  // "ї" is not Russian
  EXPECT_GT(text_oddity("РњРѕСЃРєРІР°").odd, 3u);
  EXPECT_EQ(text_oddity("Malaysia’s").odd, 0u);
  EXPECT_EQ(text_oddity("MalaysiaвЂ™s").odd, 3u);  // "в" after Latin letters, "Ђ" a capital after it, "™" inside a word
  EXPECT_EQ(text_oddity("Dvořák").odd, 0u);
  EXPECT_EQ(text_oddity("Dvořák příliš").odd, 0u);
  EXPECT_EQ(text_oddity("Dvoøák pøíliš").odd, 1u);  // Windows-1250 read as -1252: no alphabet has "ø" and "š"
  EXPECT_EQ(text_oddity("").characters, 0u);
}

TEST(Mojibake, DecodesTextInASingleByteCodePage) {
  SingleByteGuess g;
  auto t = decode_single_byte("caf\xe9 cr\xe8me \x93" "br\xfbl\xe9" "e\x94", &g);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, "café crème “brûlée”");
  EXPECT_EQ(g.code_page, CodePage::kWindows1252);
  EXPECT_EQ(g.first_invalid, 3u);
  t = decode_single_byte(*encode("Zakład w Wałbrzychu, źródła: „rząd”", CodePage::kWindows1250), &g);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, "Zakład w Wałbrzychu, źródła: „rząd”");
  EXPECT_EQ(g.code_page, CodePage::kWindows1250);
  t = decode_single_byte(*encode("«Цены выросли», — заявил директор.", CodePage::kWindows1251), &g);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, "«Цены выросли», — заявил директор.");
  EXPECT_EQ(g.code_page, CodePage::kWindows1251);
  t = decode_single_byte(*encode("Цены выросли, заявил директор завода.", CodePage::kKoi8R), &g);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(g.code_page, CodePage::kKoi8R) << *t;
  // Valid UTF-8, and UTF-8 with a broken byte among good sequences: not a code page.
  EXPECT_FALSE(decode_single_byte("café").has_value());
  EXPECT_FALSE(decode_single_byte("café, crème, brûlée, \xff naïve").has_value());
  // One stray Windows-1252 apostrophe in ASCII text.
  EXPECT_EQ(decode_single_byte("Lynas\x92s plant").value_or(""), "Lynas’s plant");
}

TEST(Mojibake, LeavesCleanTextAlone) {
  for (const char* clean : {"SÃO PAULO", "Â is a letter; Ã too.", "the bytes â€ are an example", "Fuß“ und Öl“",
                            "ÉTAT’S", "Ã", "Â", "â€", "plain ASCII", "", "É’", "TOMÁS ‘X’", "Ê’"}) {
    MojibakeRepair r;
    EXPECT_EQ(repair_mojibake(clean, &r), clean);
    EXPECT_EQ(r.count, 0u) << clean;
  }
  for (const char* text : kTexts) EXPECT_EQ(repair_mojibake(text), text);
  for (const char* text : kCentralEuropeanAndCyrillic) EXPECT_EQ(repair_mojibake(text), text);
  EXPECT_EQ(repair_mojibake(std::string_view{}), "");
  // "Â " alone is a letter and a space, not a mangled no-break space.
  EXPECT_EQ(repair_mojibake("VÂ 3"), "VÂ 3");
}

// The measure reported in docs/EVALUATION.md ("## Mojibake repair").
std::vector<std::string> gold_texts() {
  std::vector<std::string> out;
  fs::path dir = fs::path(std::getenv("ASSAY_SHARED_DIR") ? std::getenv("ASSAY_SHARED_DIR") : "") / "eval" / "articles";
  if (!fs::exists(dir)) return out;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  simdjson::dom::parser parser;
  for (const auto& f : files) {
    simdjson::padded_string json;
    if (simdjson::padded_string::load(f.string()).get(json)) continue;
    std::string_view text;
    if (parser.parse(json)["text"].get_string().get(text) == simdjson::SUCCESS) out.emplace_back(text);
  }
  return out;
}

// The extraction pages (gzipped HTML), as valid UTF-8. The text module has
// no zlib, so they are read through gzip(1); empty when either is missing.
std::vector<std::pair<std::string, std::string>> extraction_pages() {
  std::vector<std::pair<std::string, std::string>> out;
  const char* shared = std::getenv("ASSAY_SHARED_DIR");
  fs::path dir = fs::path(shared ? shared : "") / "eval" / "extraction" / "html";
  if (!shared || !fs::exists(dir) || std::system("gzip --version > /dev/null 2>&1") != 0) return out;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().string().ends_with(".html.gz")) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::string cmd = "gzip -dc '" + f.string() + "'";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) continue;
    std::string html;
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) html.append(buf, n);
    if (pclose(p) != 0) continue;
    out.emplace_back(f.filename().string(), repair_utf8(html));
  }
  return out;
}

TEST(Mojibake, RestoresAtLeast99PercentOfMangledCharacters) {
  std::vector<std::string> texts(std::begin(kTexts), std::end(kTexts));
  texts.insert(texts.end(), std::begin(kCentralEuropeanAndCyrillic), std::end(kCentralEuropeanAndCyrillic));
  std::vector<std::string> gold = gold_texts();
  texts.insert(texts.end(), gold.begin(), gold.end());
  auto pages = extraction_pages();
  for (auto& [name, html] : pages) texts.push_back(std::move(html));
  std::printf("Mojibake repair: %zu texts (%zu written here, %zu gold, %zu extraction pages)\n", texts.size(),
              std::size(kTexts) + std::size(kCentralEuropeanAndCyrillic), gold.size(), pages.size());
  for (CodePage page : kAllCodePages) {
    Restored sum;
    std::size_t named = 0, repaired = 0;
    for (const auto& t : texts) {
      MojibakeRepair rep;
      std::string got = repair_mojibake(mangle(t, page), &rep);
      Restored r = count_restored(t, got);
      if (std::getenv("ASSAY_MOJIBAKE_DEBUG") && r.restored < r.total)  // lists the texts not wholly restored
        std::printf("    %s text %zu: %zu of %zu; repaired %zu as %s; odd in %zu out %zu orig %zu\n", code_page_name(page),
                    static_cast<std::size_t>(&t - texts.data()), r.restored, r.total, rep.count, code_page_name(rep.code_page),
                    text_oddity(mangle(t, page)).odd, text_oddity(got).odd, text_oddity(t).odd);
      sum.restored += r.restored;
      sum.total += r.total;
      if (rep.count > 0) {
        ++repaired;
        // Windows-1252 and Latin-1 agree on most runs: either name will do for them.
        bool western = page == CodePage::kWindows1252 || page == CodePage::kLatin1;
        named += rep.code_page == page || (western && (rep.code_page == CodePage::kWindows1252 ||
                                                       rep.code_page == CodePage::kLatin1));
      }
    }
    double share = sum.total ? static_cast<double>(sum.restored) / static_cast<double>(sum.total) : 0;
    std::printf("  UTF-8 read as %-12s: %zu of %zu non-ASCII characters restored (%.4f); code page named in %zu of %zu repaired texts\n",
                code_page_name(page), sum.restored, sum.total, share, named, repaired);
    EXPECT_GE(share, 0.99) << code_page_name(page);
    EXPECT_GT(sum.total, 400u) << "enough accented text to measure";
  }
}

// Text written in a single-byte code page and read as UTF-8: every written
// text the page can encode, decoded by decode_single_byte.
TEST(Mojibake, DecodesAtLeast99PercentOfSingleByteText) {
  std::vector<std::string> texts(std::begin(kTexts), std::end(kTexts));
  texts.insert(texts.end(), std::begin(kCentralEuropeanAndCyrillic), std::end(kCentralEuropeanAndCyrillic));
  for (CodePage page : {CodePage::kWindows1252, CodePage::kWindows1250, CodePage::kWindows1251}) {
    Restored sum;
    std::size_t n = 0, right = 0;
    for (const auto& t : texts) {
      auto bytes = encode(t, page);
      if (!bytes || *bytes == t) continue;  // not writable in the page, or ASCII
      ++n;
      SingleByteGuess g;
      auto decoded = decode_single_byte(*bytes, &g);
      Restored r = count_restored(t, decoded.value_or(repair_utf8(*bytes)));
      sum.restored += r.restored;
      sum.total += r.total;
      right += decoded && *decoded == t;
    }
    double share = sum.total ? static_cast<double>(sum.restored) / static_cast<double>(sum.total) : 0;
    std::printf("Single-byte text in %-12s read as UTF-8: %zu texts, %zu decoded byte-identical; %zu of %zu non-ASCII characters restored (%.4f)\n",
                code_page_name(page), n, right, sum.restored, sum.total, share);
    EXPECT_GE(share, 0.99) << code_page_name(page);
    EXPECT_GE(n, 4u);
  }
}

TEST(Mojibake, GoldArticlesPassThroughTheReaderByteIdentical) {
  auto gold = gold_texts();
  if (gold.empty()) GTEST_SKIP() << "no gold articles under $ASSAY_SHARED_DIR/eval/articles";
  EXPECT_EQ(gold.size(), 40u);
  for (const auto& t : gold) {
    MojibakeRepair r;
    EXPECT_EQ(repair_mojibake(t, &r), t);
    EXPECT_EQ(r.count, 0u) << t.substr(0, 80);
    std::vector<std::string> warnings;
    EXPECT_EQ(repair_mojibake_with_warning(t, "gold", warnings), t);
    EXPECT_TRUE(warnings.empty());
  }
}

TEST(Mojibake, ExtractionPagesPassThroughByteIdentical) {
  auto pages = extraction_pages();
  if (pages.empty()) GTEST_SKIP() << "no extraction pages under $ASSAY_SHARED_DIR/eval/extraction/html (or no gzip)";
  EXPECT_GE(pages.size(), 80u);
  for (const auto& [name, html] : pages) {
    MojibakeRepair r;
    EXPECT_EQ(repair_mojibake(html, &r), html) << name;
    EXPECT_EQ(r.count, 0u) << name << ": first at byte " << r.first_offset;
  }
}

TEST(Mojibake, TheReaderRepairsAndWarnsOnce) {
  std::string clean = "Lynas said Malaysia’s plant at Gebeng — “on track” — made 10 500 t.\n";
  auto docs = read_documents(mangle(clean, true), {.name = "story.txt"});
  ASSERT_TRUE(docs.has_value());
  ASSERT_EQ(docs->documents.size(), 1u);
  const Document& d = docs->documents.front();
  EXPECT_NE(d.text.find(clean.substr(0, clean.size() - 1)), std::string::npos) << d.text;
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0], "story.txt: repaired 5 mis-decoded characters (double-encoded UTF-8: read as Windows-1252), first at byte 19");
  auto html = read_documents("<html><body><p>" + mangle("Le ministre a dit : « l’usine rouvrira ».", true) +
                                 "</p></body></html>",
                             {.name = "page.html"});
  ASSERT_TRUE(html.has_value());
  EXPECT_NE(html->documents.front().text.find("« l’usine rouvrira »"), std::string::npos) << html->documents.front().text;
  ASSERT_EQ(html->documents.front().warnings.size(), 1u);
  EXPECT_NE(html->documents.front().warnings[0].find("page.html: repaired 3 mis-decoded characters"), std::string::npos);
}

}  // namespace
}  // namespace assay::text

namespace assay::text {
namespace {

TEST(Mojibake, TheReaderNamesTheCodePage) {
  std::string clean = "«Цены на оксид неодима выросли», — заявил директор завода.\n";
  auto docs = read_documents(mangle(clean, CodePage::kWindows1251), {.name = "ru.txt"});
  ASSERT_TRUE(docs.has_value());
  const Document& d = docs->documents.front();
  EXPECT_NE(d.text.find("«Цены на оксид неодима выросли»"), std::string::npos) << d.text;
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0], "ru.txt: repaired 48 mis-decoded characters (double-encoded UTF-8: read as Windows-1251), first at byte 0");
  auto single = read_documents(*encode(clean, CodePage::kWindows1251), {.name = "ru.txt"});
  ASSERT_TRUE(single.has_value());
  EXPECT_NE(single->documents.front().text.find("«Цены на оксид неодима выросли»"), std::string::npos);
  ASSERT_EQ(single->documents.front().warnings.size(), 1u);
  EXPECT_EQ(single->documents.front().warnings[0],
            "ru.txt: not UTF-8: read as Windows-1251 (47 byte sequences invalid as UTF-8, the first at byte 0)");
  auto html = read_documents("<html><body><p>" + *encode("Zakład w Wałbrzychu — „źródła”.", CodePage::kWindows1250) +
                                 "</p></body></html>",
                             {.name = "pl.html"});
  ASSERT_TRUE(html.has_value());
  EXPECT_NE(html->documents.front().text.find("Zakład w Wałbrzychu — „źródła”."), std::string::npos)
      << html->documents.front().text;
}

}  // namespace
}  // namespace assay::text
