#include "assay/lexicon/shape.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

namespace assay::lexicon {

namespace {

using Bytes = std::bitset<256>;

constexpr int kUnbounded = -1;
// Larger counted repeats ({m,n}) are left to vectorscan as they are.
constexpr int kMaxCount = 32;

struct Node {
  enum class Type : std::uint8_t { kBytes, kSpace, kWordBoundary, kNotWordBoundary, kSeq, kAlt, kRepeat };
  Type type = Type::kSeq;
  Bytes bytes;
  std::vector<Node> kids;
  int min = 1, max = 1;
};

bool is_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Bytes one(unsigned char c) {
  Bytes b;
  b.set(c);
  return b;
}

Bytes range(unsigned char lo, unsigned char hi) {
  Bytes b;
  for (unsigned c = lo; c <= hi; ++c) b.set(c);
  return b;
}

Bytes word_bytes() { return range('a', 'z') | range('A', 'Z') | range('0', '9') | one('_'); }

// A recursive-descent reader of the expression subset; `ok_` turns false at
// the first construct outside it.
class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  std::optional<Node> parse() {
    Node n = alternation();
    if (!ok_ || i_ != s_.size()) return std::nullopt;
    return n;
  }

 private:
  bool at_end() const { return i_ >= s_.size(); }
  char peek() const { return s_[i_]; }
  void fail() { ok_ = false; }

  Node alternation() {
    Node alt{.type = Node::Type::kAlt};
    alt.kids.push_back(sequence());
    while (ok_ && !at_end() && peek() == '|') {
      ++i_;
      alt.kids.push_back(sequence());
    }
    if (alt.kids.size() == 1) return std::move(alt.kids.front());
    return alt;
  }

  Node sequence() {
    Node seq{.type = Node::Type::kSeq};
    while (ok_ && !at_end() && peek() != '|' && peek() != ')') {
      Node a = atom();
      if (!ok_) break;
      quantifier(a);
      seq.kids.push_back(std::move(a));
    }
    if (seq.kids.size() == 1) return std::move(seq.kids.front());
    return seq;
  }

  Node bytes_node(Bytes b) { return Node{.type = Node::Type::kBytes, .bytes = b}; }

  Node atom() {
    char c = peek();
    ++i_;
    switch (c) {
      case '(': {
        if (!at_end() && peek() == '?') {
          if (i_ + 1 < s_.size() && s_[i_ + 1] == ':') {
            i_ += 2;
          } else {
            fail();  // lookaround, flags, named groups
            return {};
          }
        }
        Node inner = alternation();
        if (at_end() || peek() != ')') {
          fail();
          return {};
        }
        ++i_;
        return inner;
      }
      case '[': return bytes_node(char_class());
      case '\\': return escape();
      case '.': case '^': case '$': case '*': case '+': case '?': case '{': case '}': case ')':
        fail();
        return {};
      default: return bytes_node(one(static_cast<unsigned char>(c)));
    }
  }

  // After a backslash outside a class.
  Node escape() {
    if (at_end()) {
      fail();
      return {};
    }
    char c = peek();
    if (c == 'b' || c == 'B') {
      ++i_;
      return Node{.type = c == 'b' ? Node::Type::kWordBoundary : Node::Type::kNotWordBoundary};
    }
    Bytes b;
    if (!escaped_bytes(b, /*in_class=*/false)) {
      fail();
      return {};
    }
    return bytes_node(b);
  }

  // Reads the escape after a backslash (s_[i_] is its first character).
  bool escaped_bytes(Bytes& out, bool in_class) {
    char c = peek();
    ++i_;
    switch (c) {
      case 'x': {
        if (i_ + 2 > s_.size()) return false;
        int hi = hex_digit(s_[i_]), lo = hex_digit(s_[i_ + 1]);
        if (hi < 0 || lo < 0) return false;
        i_ += 2;
        out = one(static_cast<unsigned char>(hi * 16 + lo));
        return true;
      }
      case 't': out = one('\t'); return true;
      case 'n': out = one('\n'); return true;
      case 'r': out = one('\r'); return true;
      case 'f': out = one('\f'); return true;
      case 'v': out = one('\v'); return true;
      case 'e': out = one(0x1B); return true;
      case 'a': out = one(0x07); return true;
      case 'd': out = range('0', '9'); return true;
      case 'w': out = word_bytes(); return true;
      case 'D': out = ~range('0', '9'); return true;
      case 'W': out = ~word_bytes(); return true;
      default:
        (void)in_class;
        // Other letters and digits are backreferences, anchors, \s (whose
        // exact set this reader does not assume) and the like.
        if (is_alnum(static_cast<unsigned char>(c))) return false;
        out = one(static_cast<unsigned char>(c));
        return true;
    }
  }

  // After '['.
  Bytes char_class() {
    Bytes set;
    bool negate = false;
    if (!at_end() && peek() == '^') {
      negate = true;
      ++i_;
    }
    bool first = true;
    while (ok_) {
      if (at_end()) {
        fail();
        break;
      }
      char c = peek();
      if (c == ']' && !first) {
        ++i_;
        break;
      }
      first = false;
      if (c == '[' && i_ + 1 < s_.size() && (s_[i_ + 1] == ':' || s_[i_ + 1] == '.' || s_[i_ + 1] == '=')) {
        fail();  // POSIX classes
        break;
      }
      Bytes item;
      bool single = true;
      unsigned char lo = 0;
      if (!class_item(item, single, lo)) {
        fail();
        break;
      }
      // A range "a-z": '-' between two single bytes, not before the closing ']'.
      if (single && i_ + 1 < s_.size() && peek() == '-' && s_[i_ + 1] != ']') {
        ++i_;
        Bytes upper;
        bool single_hi = true;
        unsigned char hi = 0;
        if (!class_item(upper, single_hi, hi) || !single_hi || hi < lo) {
          fail();
          break;
        }
        item = range(lo, hi);
      }
      set |= item;
    }
    return negate ? ~set : set;
  }

  bool class_item(Bytes& out, bool& single, unsigned char& byte) {
    char c = peek();
    if (c != '\\') {
      ++i_;
      byte = static_cast<unsigned char>(c);
      out = one(byte);
      single = true;
      return true;
    }
    ++i_;
    if (at_end()) return false;
    char e = peek();
    if (e == 'b' || e == 'B') return false;  // backspace in a class; not needed
    if (!escaped_bytes(out, /*in_class=*/true)) return false;
    single = out.count() == 1;
    if (single) {
      for (unsigned b = 0; b < 256; ++b)
        if (out.test(b)) byte = static_cast<unsigned char>(b);
    }
    return true;
  }

  bool number(int& out) {
    std::size_t start = i_;
    out = 0;
    while (!at_end() && peek() >= '0' && peek() <= '9') {
      out = out * 10 + (peek() - '0');
      if (out > 100000) return false;
      ++i_;
    }
    return i_ > start;
  }

  void quantifier(Node& a) {
    if (at_end()) return;
    int min = 1, max = 1;
    char c = peek();
    if (c == '?') {
      min = 0;
    } else if (c == '*') {
      min = 0;
      max = kUnbounded;
    } else if (c == '+') {
      max = kUnbounded;
    } else if (c == '{') {
      ++i_;
      if (!number(min)) return fail();
      max = min;
      if (!at_end() && peek() == ',') {
        ++i_;
        if (!at_end() && peek() == '}') {
          max = kUnbounded;
        } else if (!number(max)) {
          return fail();
        }
      }
      if (at_end() || peek() != '}') return fail();
      if (max != kUnbounded && (max < min || max > kMaxCount)) return fail();
      if (min > kMaxCount) return fail();
    } else {
      return;
    }
    ++i_;
    if (!at_end() && peek() == '?') ++i_;  // lazy: the same matches
    if (!at_end() && (peek() == '?' || peek() == '*' || peek() == '+' || peek() == '{')) return fail();
    if (a.type == Node::Type::kWordBoundary || a.type == Node::Type::kNotWordBoundary) return fail();
    Node r{.type = Node::Type::kRepeat, .min = min, .max = max};
    r.kids.push_back(std::move(a));
    a = std::move(r);
    mark_space(a);
  }

  // (?:[ \t\n]|\xC2\xA0)+ as written by expand_pattern becomes one kSpace node.
  static void mark_space(Node& n) {
    if (n.type != Node::Type::kRepeat || n.min != 1 || n.max != kUnbounded) return;
    const Node& k = n.kids.front();
    if (k.type != Node::Type::kAlt || k.kids.size() != 2) return;
    const Node& ws = k.kids[0];
    const Node& nbsp = k.kids[1];
    Bytes blank = one(' ') | one('\t') | one('\n');
    if (ws.type != Node::Type::kBytes || ws.bytes != blank) return;
    if (nbsp.type != Node::Type::kSeq || nbsp.kids.size() != 2) return;
    if (nbsp.kids[0].type != Node::Type::kBytes || nbsp.kids[0].bytes != one(0xC2)) return;
    if (nbsp.kids[1].type != Node::Type::kBytes || nbsp.kids[1].bytes != one(0xA0)) return;
    n = Node{.type = Node::Type::kSpace};
  }

  std::string_view s_;
  std::size_t i_ = 0;
  bool ok_ = true;
};

using Shapes = std::vector<Shape>;

std::optional<Shapes> product(const Shapes& a, const Shapes& b, std::size_t limit) {
  if (a.size() * b.size() > limit) return std::nullopt;
  Shapes out;
  out.reserve(a.size() * b.size());
  for (const auto& x : a) {
    for (const auto& y : b) {
      Shape s = x;
      s.insert(s.end(), y.begin(), y.end());
      out.push_back(std::move(s));
    }
  }
  return out;
}

std::optional<Shapes> expand(const Node& n, std::size_t limit) {
  switch (n.type) {
    case Node::Type::kBytes: return Shapes{Shape{Atom{.kind = Atom::Kind::kBytes, .bytes = n.bytes}}};
    case Node::Type::kSpace: return Shapes{Shape{Atom{.kind = Atom::Kind::kSpace}}};
    case Node::Type::kWordBoundary: return Shapes{Shape{Atom{.kind = Atom::Kind::kWordBoundary}}};
    case Node::Type::kNotWordBoundary: return Shapes{Shape{Atom{.kind = Atom::Kind::kNotWordBoundary}}};
    case Node::Type::kSeq: {
      Shapes cur{Shape{}};
      for (const auto& k : n.kids) {
        auto r = expand(k, limit);
        if (!r) return std::nullopt;
        auto p = product(cur, *r, limit);
        if (!p) return std::nullopt;
        cur = std::move(*p);
      }
      return cur;
    }
    case Node::Type::kAlt: {
      Shapes out;
      for (const auto& k : n.kids) {
        auto r = expand(k, limit);
        if (!r || out.size() + r->size() > limit) return std::nullopt;
        for (auto& s : *r) out.push_back(std::move(s));
      }
      return out;
    }
    case Node::Type::kRepeat: {
      auto r = expand(n.kids.front(), limit);
      if (!r) return std::nullopt;
      if (n.max == kUnbounded) {
        // Only one byte set repeated: "[a-z]+", "x*", "\d{2,}".
        if (r->size() != 1 || r->front().size() != 1 || r->front().front().kind != Atom::Kind::kBytes ||
            r->front().front().repeated)
          return std::nullopt;
        Atom plus = r->front().front();
        plus.repeated = true;
        Shapes out;
        if (n.min == 0) out.push_back(Shape{});
        Shape s(static_cast<std::size_t>(n.min > 0 ? n.min - 1 : 0), r->front().front());
        s.push_back(plus);
        out.push_back(std::move(s));
        return out;
      }
      Shapes out;
      Shapes power{Shape{}};
      for (int k = 0; k <= n.max; ++k) {
        if (k >= n.min) {
          if (out.size() + power.size() > limit) return std::nullopt;
          out.insert(out.end(), power.begin(), power.end());
        }
        if (k == n.max) break;
        auto p = product(power, *r, limit);
        if (!p) return std::nullopt;
        power = std::move(*p);
      }
      return out;
    }
  }
  return std::nullopt;
}

void append_byte(std::string& out, unsigned b) {
  if (is_alnum(static_cast<unsigned char>(b)))
    out.push_back(static_cast<char>(b));
  else
    out += fmt::format("\\x{:02X}", b);
}

}  // namespace

std::optional<std::vector<Shape>> expression_shapes(std::string_view expr, std::size_t limit) {
  auto root = Parser(expr).parse();
  if (!root) return std::nullopt;
  auto shapes = expand(*root, limit);
  if (!shapes) return std::nullopt;
  // Drop repeats (a pattern may list an alternative twice), keep the order.
  std::set<std::string> seen;
  std::vector<Shape> out;
  for (auto& s : *shapes) {
    bool consumes = false;
    for (const auto& a : s) consumes |= a.consumes();
    if (!consumes) return std::nullopt;  // matches the empty string
    if (seen.insert(shape_expression(s)).second) out.push_back(std::move(s));
  }
  return out;
}

std::string shape_expression(const Shape& shape) {
  std::string out;
  for (const auto& a : shape) {
    switch (a.kind) {
      case Atom::Kind::kSpace: out += "\\x20"; break;
      case Atom::Kind::kWordBoundary: out += "\\b"; break;
      case Atom::Kind::kNotWordBoundary: out += "\\B"; break;
      case Atom::Kind::kBytes: {
        if (a.bytes.count() == 1) {
          for (unsigned b = 0; b < 256; ++b)
            if (a.bytes.test(b)) append_byte(out, b);
        } else {
          out.push_back('[');
          for (unsigned b = 0; b < 256;) {
            if (!a.bytes.test(b)) {
              ++b;
              continue;
            }
            unsigned e = b;
            while (e + 1 < 256 && a.bytes.test(e + 1)) ++e;
            out += fmt::format("\\x{:02X}", b);
            if (e > b) out += fmt::format("-\\x{:02X}", e);
            b = e + 1;
          }
          out.push_back(']');
        }
        if (a.repeated) out.push_back('+');
        break;
      }
    }
  }
  return out;
}

bool is_fixed(const Shape& shape) {
  for (const auto& a : shape)
    if (a.repeated) return false;
  return true;
}

std::size_t fixed_length(const Shape& shape) {
  std::size_t n = 0;
  for (const auto& a : shape) n += a.consumes() ? 1 : 0;
  return n;
}

std::optional<std::vector<std::string>> split_first_group(std::string_view expr) {
  struct Group {
    std::size_t open, body, close = 0;
    bool repeated = false;
    std::vector<std::size_t> bars;
  };
  std::vector<Group> stack, groups;
  for (std::size_t i = 0; i < expr.size(); ++i) {
    char c = expr[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '[') {
      ++i;
      if (i < expr.size() && expr[i] == '^') ++i;
      if (i < expr.size() && expr[i] == ']') ++i;
      while (i < expr.size() && expr[i] != ']') i += expr[i] == '\\' ? 2 : 1;
      continue;
    }
    if (c == '(') {
      std::size_t body = i + 1;
      if (expr.substr(body, 2) == "?:") body += 2;
      else if (body < expr.size() && expr[body] == '?') return std::nullopt;  // lookaround, flags
      stack.push_back({i, body});
      continue;
    }
    if (c == '|' && !stack.empty()) {
      stack.back().bars.push_back(i);
      continue;
    }
    if (c != ')' || stack.empty()) continue;
    Group g = std::move(stack.back());
    stack.pop_back();
    g.close = i;
    char next = i + 1 < expr.size() ? expr[i + 1] : '\0';
    g.repeated = next == '*' || next == '+' || next == '{';
    groups.push_back(std::move(g));
  }
  if (!stack.empty()) return std::nullopt;
  // A group inside a repeated one cannot be split: "((a|b)c)+" is not
  // "((a)c)+" and "((b)c)+" together.
  const Group* first = nullptr;
  for (const auto& g : groups) {
    if (g.bars.empty() || g.repeated || (first && first->open < g.open)) continue;
    bool in_repeated = std::any_of(groups.begin(), groups.end(), [&](const Group& h) {
      return h.repeated && h.open < g.open && h.close > g.close;
    });
    if (!in_repeated) first = &g;
  }
  if (!first) return std::nullopt;
  const Group& g = *first;
  bool optional = g.close + 1 < expr.size() && expr[g.close + 1] == '?';
  std::string prefix(expr.substr(0, g.open)), suffix(expr.substr(g.close + 1 + (optional ? 1 : 0)));
  std::vector<std::string> parts;
  std::size_t from = g.body;
  std::vector<std::size_t> ends = g.bars;
  ends.push_back(g.close);
  for (std::size_t bar : ends) {
    parts.push_back(prefix + "(?:" + std::string(expr.substr(from, bar - from)) + ")" + suffix);
    from = bar + 1;
  }
  if (optional) parts.push_back(prefix + suffix);
  return parts;
}

std::vector<std::vector<Shape>> shape_parts(std::string_view expr, std::size_t limit, int depth, std::size_t max_parts) {
  if (auto shapes = expression_shapes(expr, limit)) return {std::move(*shapes)};
  auto pieces = depth > 0 ? split_first_group(expr) : std::nullopt;
  if (!pieces) return {};
  std::vector<std::vector<Shape>> out;
  for (const auto& piece : *pieces) {
    auto sub = shape_parts(piece, limit, depth - 1, max_parts);
    if (sub.empty() || out.size() + sub.size() > max_parts) return {};
    for (auto& s : sub) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace assay::lexicon
