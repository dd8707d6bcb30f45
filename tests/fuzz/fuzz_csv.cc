// Fuzzes the CSV reader and the kb table loaders: the input is parsed as
// CSV, then used in turn as each kb file of an otherwise empty kb. Neither
// may crash, hang or report an error without a file and line.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <string>
#include <string_view>

#include "assay/kb/csv.h"
#include "assay/kb/kb.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto t = assay::kb::parse_csv(in);
  for (const auto& r : t.rows)
    if (r.fields.size() != t.header.size() || r.line <= 0) __builtin_trap();
  for (const auto& e : t.errors)
    if (e.where().line <= 0) __builtin_trap();

  // Pick the file by the first byte so the fuzzer explores every loader;
  // the other files get a header only.
  static const char* kHeaders[] = {
      "country,iso3,year,measure,value,unit,edition,note,source,confidence\n",
      "id,name,country,ore_type,La,Ce,Pr,Nd,Sm,Eu,Gd,Tb,Dy,Ho,Er,Tm,Yb,Lu,Y,nd_pr,proxy,source,confidence\n",
      "id,name,aliases,tickers,country,state_owned,parent,source,confidence\n",
      ("id,site,name,company,country,location,stage,products,elements,capacity,capacity_unit,output,output_year,"
       "status,status_year,feed,deposit,controlling_country,technology_origin,note,source,confidence\n"),
      "id,country,type,elements,stages,destinations,announced,effective,ends,status,related,scope,source,confidence\n",
      "product,elements,form,basis,date,period,value,unit,note,source,confidence\n",
      "grade,name,element,wt_pct,kg_metal_per_t,kg_oxide_per_t,market_share,source,confidence\n",
      "id,name,aliases,country,type,basis,source,confidence\n",
      "id,scope,key,event,probability,capacity_loss,basis,source,confidence\n",
      "id,kind,stage,facility,year,value,unit,basis,note,source,confidence\n",
      "id,period,measure,scope,value,unit,band,note,source,confidence\n",
      "exporter,product,period,partner,value,unit,basis,note,source,confidence\n",
      "region,year,measure,value,unit,basis,note,source,confidence\n",
      "id,country,year,measure,value,unit,definition,publisher,note,source,confidence\n",
      "id,country,stage,measure,year,value,low,high,rank,scope,kind,note,source,confidence\n",
  };
  static_assert(std::size(kHeaders) == assay::kb::kFiles.size());
  std::map<std::string, std::string, std::less<>> files;
  for (std::size_t i = 0; i < assay::kb::kFiles.size(); ++i) files[std::string(assay::kb::kFiles[i])] = kHeaders[i];
  std::size_t pick = size ? static_cast<unsigned char>(in[0]) % assay::kb::kFiles.size() : 0;
  std::string body(in.substr(size ? 1 : 0));
  // Keep the right header when the input has none of its own.
  files[std::string(assay::kb::kFiles[pick])] = body.find(',') == std::string::npos ? kHeaders[pick] + body : body;
  auto out = assay::kb::load_texts(files);
  for (const auto& e : out.errors)
    if (e.where().file.empty()) __builtin_trap();
  (void)assay::kb::validate(out.kb);
  return 0;
}
