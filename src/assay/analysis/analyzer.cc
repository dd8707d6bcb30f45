// The Analyzer facade: one pass of the lexicon matcher over the document,
// segmentation, quantities, then the sentence rules (sentence_rules.cc) and
// the article assessment (assess.cc).
#include "assay/analysis/analyzer.h"

#include "assay/analysis/claims_internal.h"

#include <algorithm>
#include <chrono>
#include <span>

#include "assay/analysis/internal.h"
#include <fmt/format.h>
#include "assay/base/enum_names.h"
#include "assay/base/strings.h"

namespace assay::analysis {

namespace {
constexpr auto kStakeholderNames = base::enum_names<Stakeholder>({
    {Stakeholder::kGovernment, "government"},
    {Stakeholder::kCompany, "company"},
    {Stakeholder::kStateEnterprise, "state_enterprise"},
    {Stakeholder::kAnalyst, "analyst"},
    {Stakeholder::kCommunity, "community"},
    {Stakeholder::kEnvironment, "environment"},
    {Stakeholder::kInvestor, "investor"},
    {Stakeholder::kIndustryBody, "industry_body"},
});
static_assert(kStakeholderNames.size() == kStakeholderCount);
}  // namespace

const char* stakeholder_name(Stakeholder s) { return kStakeholderNames.name(s); }

std::optional<Stakeholder> parse_stakeholder(std::string_view s) { return kStakeholderNames.parse(s); }

std::expected<std::shared_ptr<const Analyzer>, base::Errors> Analyzer::create(const base::DataSource& data,
                                                                                          const AnalyzerOptions& options) {
  auto lex = lexicon::Lexicon::load(data);
  if (!lex) return std::unexpected(lex.error());
  auto matcher = lexicon::Matcher::compile(*lex);
  if (!matcher) return std::unexpected(matcher.error());
  std::vector<LinearModel> models;
  base::Errors errors;
  if (options.models) {
    for (const auto& f : data.list("models/", ".tsv")) {
      // A subfolder holds another component's model (models/stance/: corpus/stance.h).
      if (f.find('/', std::string_view("models/").size()) != std::string::npos) continue;
      auto bytes = data.read(f);
      if (!bytes) {
        errors.add(bytes.error());
        continue;
      }
      auto m = LinearModel::parse(*bytes, data.display_path(f));
      if (!m) errors.add(m.error());
      else models.push_back(std::move(*m));
    }
  }
  std::shared_ptr<const kb::Kb> knowledge;
  if (!data.list("kb/", ".csv").empty()) {
    auto k = kb::load(data);
    if (!k) errors.add(k.error());
    else knowledge = std::make_shared<const kb::Kb>(std::move(*k));
  }
  std::shared_ptr<const internal::ImpactModel> impact;
  if (options.impact && knowledge && errors.empty()) {
    auto m = internal::ImpactModel::create(data, knowledge);
    if (!m) errors.add(m.error());
    else impact = std::move(*m);
  }
  // Each signal phrase names signals the assessment knows ("caveat",
  // "event.talks, event.plan").
  const auto& entries = (*matcher)->lexicon().entries();
  std::vector<std::uint64_t> signals_of_entry(entries.size(), 0);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].category != lexicon::Category::kSignal) continue;
    std::string_view names = lexicon::canonical(entries[i]);
    while (!names.empty()) {
      std::size_t comma = names.find(',');
      std::string_view name = base::trim(names.substr(0, comma));
      names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
      auto g = internal::parse_signal(name);
      if (!g) {
        errors.add(base::Error::invalid(
            fmt::format("unknown signal \"{}\" in the note (the note names, before its ';', signals of "
                        "analysis/internal.h: attributed, caveat, anonymity.*, rumour, voice.*, register.state, "
                        "market, event.*)",
                        name),
            {.file = entries[i].file, .line = entries[i].line}));
        continue;
      }
      signals_of_entry[i] |= std::uint64_t{1} << static_cast<unsigned>(*g);
    }
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  auto* analyzer = new Analyzer(*matcher, std::move(models), std::move(knowledge), std::move(impact), options.verify);
  analyzer->signals_of_entry_ = std::move(signals_of_entry);
  return std::shared_ptr<const Analyzer>(analyzer);
}

std::shared_ptr<const supply::World> Analyzer::supply_world() const { return impact_ ? impact_->world() : nullptr; }

Analyzer::Scratch Analyzer::new_scratch() const {
  Scratch s;
  s.matcher = matcher_->new_scratch();
  return s;
}

DocumentAnalysis Analyzer::analyze(const text::Document& doc, Scratch& scratch, const AnalyzeOptions& options) const {
  DocumentAnalysis out;
  out.document = doc;
  const std::string& text = out.document.text;
  scratch.cues.clear();
  matcher_->scan(text, scratch.matcher, scratch.cues);
  // The signal phrases go apart: the rules and the models never see them.
  // So do the kb names (category `entity`): only the linker reads them.
  scratch.signals.clear();
  scratch.entities.clear();
  std::erase_if(scratch.cues, [&](const lexicon::Cue& c) {
    if (c.category == lexicon::Category::kEntity) {
      scratch.entities.push_back(c);
      return true;
    }
    if (c.category != lexicon::Category::kSignal) return false;
    scratch.signals.push_back(c);
    return true;
  });
  text::segment(text, scratch.seg);
  find_quantities(text, out.quantities);
  // In text order, so that each sentence finds its quantities by binary
  // search (the scanner emits them so; a sort keeps it a guarantee).
  auto by_begin = [](const Quantity& a, const Quantity& b) { return a.span.begin < b.span.begin; };
  if (!std::is_sorted(out.quantities.begin(), out.quantities.end(), by_begin))
    std::stable_sort(out.quantities.begin(), out.quantities.end(), by_begin);
  internal::DocContext ctx(text, matcher_->lexicon(), scratch.cues, out.quantities, doc.outlet);
  ctx.signals = scratch.signals;
  ctx.signals_of_entry = signals_of_entry_;
  ctx.find_quotes();
  ctx.find_dateline(scratch.seg);
  out.sentences.reserve(scratch.seg.sentences.size());
  const std::vector<text::SentenceRole> roles = text::sentence_roles(text, doc.blocks, scratch.seg);
  const bool evaluative = !models_.empty() && internal::evaluative_register(ctx, scratch.seg.sentences.size());
  for (std::size_t i = 0; i < scratch.seg.sentences.size(); ++i) {
    const auto& s = scratch.seg.sentences[i];
    SentenceAnalysis sa;
    sa.span = s.span;
    sa.paragraph = s.paragraph;
    scratch.tokens.clear();
    text::tokenize(text, s.span, scratch.tokens);
    const bool doubt_worded = internal::label_sentence(ctx, static_cast<std::uint32_t>(i), scratch.tokens, sa);
    if (!models_.empty() || options.keep_features) {
      auto [first, last] = ctx.cues_in(s.span);
      std::span<const lexicon::Cue> sentence_cues(scratch.cues.data() + first, last - first);
      // The features as the rules left them (the models only add labels).
      if (options.keep_features)
        sentence_features(text, s.span, scratch.tokens, sentence_cues, ctx.quotes, sa.labels, sa.features);
      if (!models_.empty()) {
        scratch.feature_hashes.clear();
        sentence_feature_hashes(text, s.span, scratch.tokens, sentence_cues, ctx.quotes, sa.labels,
                                scratch.feature_hashes);
        internal::apply_models(models_, text, scratch.tokens, scratch.feature_hashes, scratch.scores, evaluative,
                                doubt_worded, sa);
      }
    }
    sa.claim = sa.claim || sa.labels.has(Label::kQuantity);
    sa.role = roles[i];
    // A heading, byline or caption carries no label of its own (LABELS.md,
    // edge 28) and is never a source, a confirmation or a claim.
    if (text::is_furniture(sa.role)) {
      sa.labels = LabelSet{};
      sa.evidence.clear();
      sa.attributions.clear();
      sa.claim = false;
    }
    out.sentences.push_back(std::move(sa));
  }
  // The clock runs only when a benchmark asks (options.assess_seconds).
  using Clock = std::chrono::steady_clock;
  Clock::time_point t0;
  auto start = [&] {
    if (options.assess_seconds) t0 = Clock::now();
  };
  auto stop = [&] {
    if (options.assess_seconds) *options.assess_seconds += std::chrono::duration<double>(Clock::now() - t0).count();
  };
  if (options.work) *options.work += ctx.work;
  start();
  internal::collect_mentions(ctx, out);
  internal::extract_events(ctx, out);
  stop();
  if (kb_) {
    internal::link_kb(*kb_, ctx, out);
    internal::link_events(*kb_, ctx, out);
  }
  // The claims of the check-worthy body sentences, with their sourcing labels.
  if (kb_ && verify_)
    for (std::uint32_t i = 0; i < out.sentences.size(); ++i) {
      const auto& s = out.sentences[i];
      // A sentence the claim model passed over is still read when it states
      // something flatly (no hedge, forecast, motive, opinion, promotion or
      // refusal): "China restricts exports of dysprosium." is a claim with no figure.
      if (text::is_furniture(s.role)) continue;
      if (!s.claim && (s.labels.has(Label::kHedge) || s.labels.has(Label::kForecast) || s.labels.has(Label::kIntent) ||
                       s.labels.has(Label::kOpinion) || s.labels.has(Label::kPromo) || s.labels.has(Label::kConfirmAbsent) ||
                       s.labels.has(Label::kVague)))
        continue;
      // Most sentences have no figure of a claim and no word that makes one
      // without: find_claims_with would return nothing, unasked (and their
      // quantities are not copied).
      const std::string_view sentence = s.span.of(out.document.text);
      const bool figure = std::any_of(s.quantities.begin(), s.quantities.end(), [&](std::uint32_t qi) {
        const Quantity& q = out.quantities[qi];
        return q.span.begin >= s.span.begin && q.span.end <= s.span.end && internal::claim_figure(q);
      });
      if (!figure && !internal::may_claim_without_figure(sentence)) continue;
      // The sentence's quantities, found already, relative to the sentence.
      std::vector<Quantity> qs;
      qs.reserve(s.quantities.size());
      for (std::uint32_t qi : s.quantities) {
        const Quantity& found = out.quantities[qi];
        if (found.span.begin < s.span.begin || found.span.end > s.span.end) continue;
        Quantity& q = qs.emplace_back(found);
        q.span = {q.span.begin - s.span.begin, q.span.end - s.span.begin};
      }
      // The sentence's claims are appended to the article's in place, with
      // room for eight made at the first sentence read (most articles have
      // fewer; a claim is heavy to move when the vector grows).
      if (out.claims.capacity() == 0) out.claims.reserve(8);
      const std::size_t first = out.claims.size();
      if (internal::find_claims_with(sentence, kb_.get(), qs, out.claims) == 0) continue;  // most sentences: no sourcing list to build
      std::vector<std::string> sourcing;
      for (Label l : s.labels.labels()) {
        std::string_view n = label_name(l);
        if (n.starts_with("source.") || n.starts_with("confirm.") || n == "hedge") sourcing.emplace_back(n);
      }
      for (std::size_t k = first; k < out.claims.size(); ++k) {
        Claim& c = out.claims[k];
        c.span = {c.span.begin + s.span.begin, c.span.end + s.span.begin};
        c.sentence = i;
        if (k + 1 == out.claims.size()) c.sourcing = std::move(sourcing);
        else c.sourcing = sourcing;
      }
    }
  start();
  internal::collect_entities(kb_.get(), ctx, out);
  stop();
  if (verify_) internal::link_mentions(kb_.get(), ctx, scratch.entities, out);
  if (impact_) impact_->assess(ctx, out);
  start();
  internal::assess(ctx, out);
  stop();
  // Headline framing is read from the title, which is not part of the text.
  if (!doc.title.empty()) {
    std::vector<lexicon::Cue> title_cues;
    matcher_->scan(doc.title, scratch.matcher, title_cues);
    std::erase_if(title_cues, [](const lexicon::Cue& c) { return c.category == lexicon::Category::kEntity; });
    start();
    internal::assess_headline(matcher_->lexicon(), doc.title, title_cues, out);
    stop();
  }
  internal::classify_genre(kb_.get(), ctx, out);
  start();
  internal::score_credibility(out);
  internal::score_reporting(internal::reporting_signals(ctx, out), out.assessment);
  internal::score_claim_status(internal::claim_signals(ctx, out), out.assessment);
  stop();
  return out;
}

}  // namespace assay::analysis
