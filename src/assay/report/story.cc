// report/story: see story.h.
#include "assay/report/story.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "assay/base/json_writer.h"
#include "assay/base/strings.h"
#include "assay/report/critique.h"
#include "assay/report/page.h"

namespace assay::report {

namespace {

using corpus::Role;

std::string name_of(const corpus::StoryMember& m) { return m.id.empty() ? m.key : m.id; }

std::string member_id_of_key(const corpus::Story& s, const std::string& key) {
  for (const auto& m : s.members)
    if (m.key == key) return name_of(m);
  return key;
}

int count_role(const corpus::Story& s, Role r) {
  return static_cast<int>(std::count_if(s.members.begin(), s.members.end(), [r](const auto& m) { return m.role == r; }));
}

int count_outlets(const corpus::Story& s) {
  std::set<std::string> o;
  for (const auto& m : s.members) o.insert(base::to_lower_ascii(m.outlet));
  return static_cast<int>(o.size());
}

std::string last_published(const corpus::Story& s) {
  std::string last;
  for (const auto& m : s.members) last = std::max(last, m.published);
  return last;
}

std::string quoted(std::string_view s, std::size_t max = 200) {
  std::string t(s);
  if (t.size() > max) {
    std::size_t cut = t.rfind(' ', max);
    t = t.substr(0, cut == std::string::npos ? max : cut) + " ...";
  }
  return "\"" + t + "\"";
}

std::string utc(std::int64_t t) {
  auto tp = std::chrono::sys_seconds(std::chrono::seconds(t));
  auto day = std::chrono::floor<std::chrono::days>(tp);
  std::chrono::year_month_day ymd(day);
  std::chrono::hh_mm_ss hms(tp - day);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()), hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

std::string origin_member(const corpus::Story& s) { return s.origin_key.empty() ? "" : member_id_of_key(s, s.origin_key); }

}  // namespace

std::vector<StorySection> story_critique(const corpus::Story& s, const corpus::StoryComparison& c) {
  std::vector<StorySection> out = {{"highlights", "Highlights", {}},   {"holds_true", "What holds true", {}},
                                   {"shadows", "Where shadows appear", {}}, {"bias", "Bias between the lines", {}},
                                   {"supply_chain", "Why it matters for the supply chain", {}}, {"bottom_line", "Bottom line", {}}};
  const int members = static_cast<int>(s.members.size());
  const int echoes = count_role(s, Role::kEcho), independent = count_role(s, Role::kIndependent);
  const std::string om = origin_member(s);
  // Highlights.
  auto& h = out[0].points;
  h.push_back(fmt::format("{} from {} between {} and {}.", base::counted(members, "member", "members"),
                          base::counted(c.outlets, "outlet", "outlets"), s.first_published.empty() ? "an unknown date" : s.first_published,
                          last_published(s).empty() ? "an unknown date" : last_published(s)));
  h.push_back(fmt::format("Origin: {}{}, {}.", s.origin_outlet, om.empty() ? "" : fmt::format(" ({})", om), s.origin_why));
  h.push_back(fmt::format("{} and {}.", base::counted(echoes, "echo restates", "echoes restate") + " the origin without a new source",
                          base::counted(independent, "independent member adds", "independent members add") + " its own sourcing"));
  for (const auto& b : s.background)
    h.push_back(fmt::format("An on-record statement predates the story: {} ({}, {}).", b.id.empty() ? b.key : b.id, b.outlet, b.published));
  // What holds true.
  auto& t = out[1].points;
  for (const auto& st : c.on_record)
    if (!st.denial) t.push_back(fmt::format("{} ({}) confirms on the record: {}", st.member, st.outlet, quoted(st.text)));
  for (const auto& st : c.background)
    t.push_back(fmt::format("Before the story, {} ({}, {}) put on the record: {}", st.member, st.outlet, st.published, quoted(st.text)));
  for (const auto& cl : c.claims)
    if (cl.verdict == "supported")
      t.push_back(fmt::format("The knowledge base supports {} (in {}).", quoted(cl.text, 160), base::counted(static_cast<long long>(cl.carried.size()), "version", "versions")));
  if (t.empty()) t.push_back("Nothing in the story is confirmed on the record or supported by the knowledge base.");
  // Where shadows appear.
  auto& sh = out[2].points;
  sh.push_back(fmt::format("Corroboration: {} ({} of {} members carry the story without a new source), not {}.",
                           base::counted(c.independent_confirmations, "independent confirmation on the record", "independent confirmations on the record"),
                           echoes, members, base::counted(c.outlets, "outlet", "outlets")));
  if (c.anonymous_members > 0)
    sh.push_back(fmt::format("{} of {} rest, at least in part, on unnamed sources.", c.anonymous_members, base::counted(members, "member", "members")));
  for (const auto& m : c.members) {
    if (m.role != Role::kEcho) continue;  // fidelity is a retelling's: an independent member has its own sourcing
    if (!m.notes.empty()) sh.push_back(fmt::format("{} ({}, {}, fidelity {}): {}.", m.id, m.outlet, corpus::role_name(m.role), m.fidelity, base::join(m.notes, "; ")));
    for (const auto& d : m.dropped) sh.push_back(fmt::format("{} does not carry the origin's caveat: {}", m.id, quoted(d, 220)));
  }
  for (const auto& cl : c.claims) {
    if (cl.verdict == "contradicted") sh.push_back(fmt::format("The knowledge base contradicts {}.", quoted(cl.text, 160)));
    if (cl.differs) {
      std::vector<std::string> v;
      for (const auto& x : cl.carried) v.push_back(fmt::format("{}: {}", x.member, x.figure.empty() ? "-" : x.figure));
      sh.push_back(fmt::format("Versions differ on {}: {}.", quoted(cl.text, 120), base::join(v, "; ")));
    }
  }
  for (const auto& st : c.on_record)
    if (st.denial) sh.push_back(fmt::format("{} ({}) reports a denial: {}", st.member, st.outlet, quoted(st.text)));
  // Bias between the lines.
  auto& b = out[3].points;
  for (const auto& m : c.members)
    if (m.opinion > 0 && m.role != Role::kOrigin)
      b.push_back(fmt::format("{} ({}) adds {} in its own voice.", m.id, m.outlet, base::counted(m.opinion, "opinion sentence", "opinion sentences")));
  for (const auto& m : c.members)
    if (m.role == Role::kEcho && m.fidelity >= 0 && m.fidelity < 50)
      b.push_back(fmt::format("{} ({}) rewrites the story with fidelity {}/100: what it leaves out shapes what readers take from it.", m.id, m.outlet, m.fidelity));
  if (b.empty()) b.push_back("No retelling adds opinion of its own or rewrites the origin's sourcing away.");
  // Why it matters for the supply chain.
  auto& sc = out[4].points;
  if (!s.entities.empty()) sc.push_back(fmt::format("Most members name: {}.", base::join(s.entities, ", ")));
  std::map<std::string, int> verdicts;
  for (const auto& cl : c.claims) ++verdicts[cl.verdict.empty() ? "not checked" : cl.verdict];
  if (!c.claims.empty()) {
    std::vector<std::string> parts;
    for (auto& [v, n] : verdicts) parts.push_back(fmt::format("{} {}", n, v));
    sc.push_back(fmt::format("{} across the versions: {}.", base::counted(static_cast<long long>(c.claims.size()), "claim", "claims"), base::join(parts, ", ")));
  } else {
    sc.push_back("The versions make no claim the knowledge base can check.");
  }
  // Bottom line.
  auto& bl = out[5].points;
  std::string line;
  if (c.independent_confirmations > 0)
    line = fmt::format("Confirmed on the record by {}; {} reach, not corroboration.",
                       base::counted(c.independent_confirmations, "independent member", "independent members"),
                       echoes == 1 ? "the echo adds" : fmt::format("the {} echoes add", echoes));
  else if (c.anonymous_members > 0)
    line = fmt::format("{} carry one scoop that rests on unnamed sources, with no independent confirmation.", base::counted(c.outlets, "outlet", "outlets"));
  else
    line = fmt::format("{} report it from one origin without an independent confirmation.", base::counted(c.outlets, "outlet", "outlets"));
  if (!s.background.empty()) line += fmt::format(" An on-record statement of {} predates it.", s.background.front().published);
  bl.push_back(line);
  return out;
}

std::string story_json(const corpus::Story& s, const corpus::StoryComparison* c, std::span<const corpus::HistoryEntry> history, bool pretty) {
  std::string out;
  base::JsonWriter w(out, pretty);
  w.begin_object();
  w.field("schema", kStoriesSchema);
  w.field("id", static_cast<std::int64_t>(s.id));
  w.field("title", s.title);
  w.field("first_published", s.first_published);
  w.key("origin");
  w.begin_object();
  w.field("outlet", s.origin_outlet);
  w.key("member");
  if (s.origin_key.empty()) w.null();
  else w.string(origin_member(s));
  w.field("why", s.origin_why);
  w.end_object();
  w.key("members");
  w.begin_array();
  for (const auto& m : s.members) {
    w.begin_object();
    w.field("id", name_of(m));
    w.field("outlet", m.outlet);
    w.field("published", m.published);
    w.field("title", m.title);
    w.field("role", corpus::role_name(m.role));
    w.key("fidelity");
    if (m.fidelity < 0) w.null();
    else w.number(static_cast<std::int64_t>(m.fidelity));
    w.key("duplicate_of");
    if (m.duplicate_of.empty()) w.null();
    else w.string(member_id_of_key(s, m.duplicate_of));
    w.field("similarity", std::round(m.score * 1000) / 1000);
    w.field("joined_at", static_cast<std::int64_t>(m.joined_at));
    w.end_object();
  }
  w.end_array();
  w.key("background");
  w.begin_array();
  for (const auto& b : s.background) {
    w.begin_object();
    w.field("id", b.id.empty() ? b.key : b.id);
    w.field("outlet", b.outlet);
    w.field("published", b.published);
    w.field("title", b.title);
    w.field("similarity", std::round(b.score * 1000) / 1000);
    w.end_object();
  }
  w.end_array();
  w.strings("entities", s.entities);
  if (c) {
    w.key("corroboration");
    w.begin_object();
    w.field("members", s.members.size());
    w.field("outlets", c->outlets);
    w.field("independent_confirmations", c->independent_confirmations);
    w.field("echoes", count_role(s, Role::kEcho));
    w.field("anonymous_members", c->anonymous_members);
    w.end_object();
    w.key("claims");
    w.begin_array();
    for (const auto& cl : c->claims) {
      w.begin_object();
      w.field("text", cl.text);
      w.field("kind", cl.kind);
      w.field("measure", cl.measure);
      w.field("subject", cl.subject);
      w.field("verdict", cl.verdict);
      w.field("differs", cl.differs);
      w.key("versions");
      w.begin_array();
      for (const auto& v : cl.carried) {
        w.begin_object();
        w.field("member", v.member);
        w.field("figure", v.figure);
        w.field("verdict", v.verdict);
        w.end_object();
      }
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.key("comparison");
    w.begin_array();
    for (const auto& m : c->members) {
      w.begin_object();
      w.field("member", m.id);
      w.field("role", corpus::role_name(m.role));
      w.key("fidelity");
      if (m.fidelity < 0) w.null();
      else w.number(static_cast<std::int64_t>(m.fidelity));
      w.field("credit_kept", m.credit_kept);
      w.strings("notes", m.notes);
      w.strings("added_figures", m.added_figures);
      w.strings("added_names", m.added_names);
      w.strings("dropped", m.dropped);
      w.end_object();
    }
    w.end_array();
    for (auto [key, list] : {std::pair{"on_record", &c->on_record}, std::pair{"background_statements", &c->background}}) {
      w.key(std::string_view(key));
      w.begin_array();
      for (const auto& st : *list) {
        w.begin_object();
        w.field("member", st.member);
        w.field("outlet", st.outlet);
        w.field("published", st.published);
        w.field("text", st.text);
        w.field("denial", st.denial);
        w.end_object();
      }
      w.end_array();
    }
    w.key("critique");
    w.begin_object();
    for (const auto& sec : story_critique(s, *c)) w.strings(sec.key, sec.points);
    w.end_object();
    w.key("history");
    w.begin_array();
    for (const auto& h : history) {
      w.begin_object();
      w.field("at", static_cast<std::int64_t>(h.at));
      w.field("what", h.what);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  return out;
}

std::string render_stories(std::span<const corpus::Story> stories, OutputFormat format) {
  std::string out;
  if (format == OutputFormat::kJson) {
    for (const auto& s : stories) out += story_json(s, nullptr, {}, false) + "\n";
    return out;
  }
  out += "| story | first published | title | origin | members | outlets | independent | background |\n";
  out += "|---:|---|---|---|---:|---:|---:|---:|\n";
  for (const auto& s : stories) {
    std::string om = origin_member(s);
    out += fmt::format("| {} | {} | {} | {}{} | {} | {} | {} | {} |\n", s.id, s.first_published.empty() ? "-" : s.first_published,
                       base::replace_all(s.title, "|", "\\|"), s.origin_outlet, om.empty() ? "" : fmt::format(" ({})", om),
                       s.members.size(), count_outlets(s), count_role(s, Role::kIndependent), s.background.size());
  }
  return out;
}

namespace {

std::string story_markdown(const corpus::Story& s, const corpus::StoryComparison& c, std::span<const corpus::HistoryEntry> history) {
  std::string out = fmt::format("# Story {}: {}\n\n", s.id, s.title);
  std::string om = origin_member(s);
  out += fmt::format("First published {} · origin {}{} · {} · {}\n", s.first_published.empty() ? "-" : s.first_published, s.origin_outlet,
                     om.empty() ? "" : fmt::format(" ({})", om), base::counted(static_cast<long long>(s.members.size()), "member", "members"),
                     base::counted(c.outlets, "outlet", "outlets"));
  for (const auto& sec : story_critique(s, c)) {
    out += fmt::format("\n## {}\n\n", sec.title);
    for (const auto& p : sec.points) out += "- " + p + "\n";
  }
  out += "\n## Members\n\n| member | outlet | published | role | fidelity | copy of |\n|---|---|---|---|---:|---|\n";
  for (const auto& m : s.members)
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", name_of(m), m.outlet, m.published.empty() ? "-" : m.published, corpus::role_name(m.role),
                       m.fidelity < 0 ? "-" : std::to_string(m.fidelity), m.duplicate_of.empty() ? "-" : member_id_of_key(s, m.duplicate_of));
  out += "\n## Claims across versions\n\n";
  if (c.claims.empty()) out += "No checkable claim in any version.\n";
  else {
    out += "| claim | versions | verdict |\n|---|---|---|\n";
    for (const auto& cl : c.claims) {
      std::vector<std::string> v;
      for (const auto& x : cl.carried) v.push_back(x.figure.empty() ? x.member : fmt::format("{} ({})", x.member, x.figure));
      out += fmt::format("| {} | {} | {}{} |\n", base::replace_all(quoted(cl.text, 140), "|", "\\|"), base::join(v, ", "),
                         cl.verdict.empty() ? "not checked" : cl.verdict, cl.differs ? "; figures differ" : "");
    }
  }
  out += "\n## On the record\n\n";
  if (c.on_record.empty()) out += "No member carries an official confirmation or a denial.\n";
  for (const auto& st : c.on_record)
    out += fmt::format("- {} ({}, {}){}: {}\n", st.member, st.outlet, st.published, st.denial ? ", a denial" : "", quoted(st.text, 400));
  out += "\n## Background\n\n";
  if (s.background.empty()) out += "No earlier on-record statement is linked to the story.\n";
  for (const auto& b : s.background) out += fmt::format("- {} ({}, {}): {}\n", b.id.empty() ? b.key : b.id, b.outlet, b.published, b.title);
  for (const auto& st : c.background) out += fmt::format("  - {}: {}\n", st.member, quoted(st.text, 400));
  out += "\n## History\n\n";
  for (const auto& h : history) out += fmt::format("- {}: {}\n", utc(h.at), h.what);
  return out;
}

std::string story_html(const corpus::Story& s, const corpus::StoryComparison& c, std::span<const corpus::HistoryEntry> history) {
  Page p;
  p.kind = "Story";
  p.title = s.title;
  std::string om = origin_member(s);
  p.meta_html = html_escape(fmt::format("Story {} · first published {} · origin {}{} · {} · {}", s.id, s.first_published.empty() ? "-" : s.first_published,
                                        s.origin_outlet, om.empty() ? "" : fmt::format(" ({})", om),
                                        base::counted(static_cast<long long>(s.members.size()), "member", "members"),
                                        base::counted(c.outlets, "outlet", "outlets")));
  std::string b;
  for (const auto& sec : story_critique(s, c)) {
    b += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n<ul>\n", sec.key, html_escape(sec.title));
    for (const auto& pt : sec.points) b += "<li>" + html_escape(pt) + "</li>\n";
    b += "</ul>\n</section>\n";
  }
  b += "<section id=\"members\">\n<h2>Members</h2>\n<table>\n<thead><tr><th>member</th><th>outlet</th><th>published</th><th>role</th><th>fidelity</th><th>copy of</th></tr></thead>\n<tbody>\n";
  for (const auto& m : s.members)
    b += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", html_escape(name_of(m)), html_escape(m.outlet),
                     html_escape(m.published.empty() ? "-" : m.published), corpus::role_name(m.role),
                     m.fidelity < 0 ? "-" : std::to_string(m.fidelity), html_escape(m.duplicate_of.empty() ? "-" : member_id_of_key(s, m.duplicate_of)));
  b += "</tbody>\n</table>\n</section>\n";
  b += "<section id=\"claims\">\n<h2>Claims across versions</h2>\n";
  if (c.claims.empty()) b += "<p>No checkable claim in any version.</p>\n";
  else {
    b += "<table>\n<thead><tr><th>claim</th><th>versions</th><th>verdict</th></tr></thead>\n<tbody>\n";
    for (const auto& cl : c.claims) {
      std::vector<std::string> v;
      for (const auto& x : cl.carried) v.push_back(x.figure.empty() ? x.member : fmt::format("{} ({})", x.member, x.figure));
      b += fmt::format("<tr><td>{}</td><td>{}</td><td>{}{}</td></tr>\n", html_escape(cl.text), html_escape(base::join(v, ", ")),
                       html_escape(cl.verdict.empty() ? "not checked" : cl.verdict), cl.differs ? "; figures differ" : "");
    }
    b += "</tbody>\n</table>\n";
  }
  b += "</section>\n<section id=\"on-record\">\n<h2>On the record</h2>\n<ul>\n";
  for (const auto& st : c.on_record)
    b += fmt::format("<li>{} ({}, {}){}: {}</li>\n", html_escape(st.member), html_escape(st.outlet), html_escape(st.published),
                     st.denial ? ", a denial" : "", html_escape(quoted(st.text, 400)));
  if (c.on_record.empty()) b += "<li>No member carries an official confirmation or a denial.</li>\n";
  b += "</ul>\n</section>\n<section id=\"background\">\n<h2>Background</h2>\n<ul>\n";
  for (const auto& bg : s.background)
    b += fmt::format("<li>{} ({}, {}): {}</li>\n", html_escape(bg.id.empty() ? bg.key : bg.id), html_escape(bg.outlet), html_escape(bg.published), html_escape(bg.title));
  for (const auto& st : c.background) b += fmt::format("<li>{}: {}</li>\n", html_escape(st.member), html_escape(quoted(st.text, 400)));
  if (s.background.empty()) b += "<li>No earlier on-record statement is linked to the story.</li>\n";
  b += "</ul>\n</section>\n<section id=\"history\">\n<h2>History</h2>\n<ul>\n";
  for (const auto& h : history) b += fmt::format("<li>{}: {}</li>\n", utc(h.at), html_escape(h.what));
  b += "</ul>\n</section>\n";
  p.body = std::move(b);
  return render_page(p);
}

}  // namespace

std::string render_story(const corpus::Story& s, const corpus::StoryComparison& c, std::span<const corpus::HistoryEntry> history,
                         OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson: return story_json(s, &c, history, true) + "\n";
    case OutputFormat::kHtml: return story_html(s, c, history);
    default: return story_markdown(s, c, history);
  }
}

}  // namespace assay::report
