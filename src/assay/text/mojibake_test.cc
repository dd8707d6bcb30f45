#include "assay/text/mojibake.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> cps;
  for (std::size_t i = 0; i < s.size();) cps.push_back(decode_utf8(s, i));
  return cps;
}

// Non-ASCII characters of `want` that `got` restores: line by line, the
// non-ASCII characters of a longest common subsequence of code points.
struct Restored {
  std::size_t restored = 0, total = 0;
};
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
    auto y = code_points(b[l]);
    // LCS weighted by non-ASCII characters of x.
    std::vector<std::size_t> prev(y.size() + 1, 0), cur(y.size() + 1, 0);
    for (std::size_t i = 1; i <= x.size(); ++i) {
      for (std::size_t j = 1; j <= y.size(); ++j)
        cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + (x[i - 1] >= 0x80 ? 1 : 0) : std::max(prev[j], cur[j - 1]);
      std::swap(prev, cur);
    }
    r.restored += prev[y.size()];
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
}

TEST(Mojibake, LeavesCleanTextAlone) {
  for (const char* clean : {"SÃO PAULO", "Â is a letter; Ã too.", "the bytes â€ are an example", "Fuß“ und Öl“",
                            "ÉTAT’S", "Ã", "Â", "â€", "plain ASCII", "", "É’", "TOMÁS ‘X’", "Ê’"}) {
    MojibakeRepair r;
    EXPECT_EQ(repair_mojibake(clean, &r), clean);
    EXPECT_EQ(r.count, 0u) << clean;
  }
  for (const char* text : kTexts) EXPECT_EQ(repair_mojibake(text), text);
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
  std::vector<std::string> gold = gold_texts();
  texts.insert(texts.end(), gold.begin(), gold.end());
  auto pages = extraction_pages();
  for (auto& [name, html] : pages) texts.push_back(std::move(html));
  for (bool cp1252 : {true, false}) {
    Restored sum;
    for (const auto& t : texts) {
      Restored r = count_restored(t, repair_mojibake(mangle(t, cp1252)));
      sum.restored += r.restored;
      sum.total += r.total;
    }
    double share = sum.total ? static_cast<double>(sum.restored) / static_cast<double>(sum.total) : 0;
    std::printf(
        "Mojibake repair (%s): %zu of %zu non-ASCII characters restored (%.4f) in %zu texts (%zu written here, %zu gold, "
        "%zu extraction pages)\n",
        cp1252 ? "Windows-1252" : "Latin-1", sum.restored, sum.total, share, texts.size(), std::size(kTexts), gold.size(),
        pages.size());
    EXPECT_GE(share, 0.99);
    EXPECT_GT(sum.total, 400u) << "enough accented text to measure";
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
  EXPECT_EQ(d.warnings[0], "story.txt: repaired 5 mis-decoded characters (double-encoded UTF-8), first at byte 19");
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
