// base/json_writer: JsonWriter::quoted_string, in a file of its own so that
// the writer's hot functions in json_writer.cc compile as they did (a second
// user of their inline helpers there changed what the compiler inlined). The
// escaping is json_writer.cc's own, from json_escape.h.
#include <cstring>

#include "assay/base/json_writer.h"
#include "assay/base/json_escape.h"

namespace assay::base {

char* JsonWriter::quoted_string(char* p, std::string_view s) {
  *p++ = '"';
  std::size_t i = json_escape::first_escape(s), run = 0;  // run: the first byte not yet written
  while (i < s.size()) {
    std::memcpy(p, s.data() + run, i - run);
    p += i - run;
    p = json_escape::escape_byte(p, static_cast<unsigned char>(s[i]));
    run = ++i;
    i += json_escape::first_escape(s.substr(i));
  }
  if (s.size() > run) std::memcpy(p, s.data() + run, s.size() - run);  // an empty view's data() may be null
  p += s.size() - run;
  *p++ = '"';
  return p;
}

}  // namespace assay::base
