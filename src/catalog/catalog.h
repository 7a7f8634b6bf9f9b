// The EC2 instance-type catalog: one immutable row per instance type, loaded from the CSV in
// data/ec2-instance-types.csv (columns and provenance: data/README.md).
//
// Assumes: the CSV is plain comma-separated text with a header line; fields are never quoted
// (the shipped file has no quotes, so a quote is reported as an error rather than half-handled);
// empty cells mean "the source gave no value". Extra columns are ignored, so the file can grow.
// A hand-written reader is used because this format needs nothing more and no CSV library is a
// dependency of the build.
//
// Guarantees: loading never throws or aborts on bad input; it returns a CatalogError naming the
// source, line and column. Money is held in integer micro-dollars per hour and bandwidth in
// integer Mbps, converted exactly from the decimal text (catalog/decimal.h). Rows keep file order,
// which is the deterministic order every consumer iterates in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace nw::catalog {

// Generated at build time from data/ec2-instance-types.csv (cmake/embed_file.cmake).
std::string_view embedded_catalog_csv();

// One CSV row. Every field is validated when loading; the comments state what loading guarantees.
struct InstanceTypeInfo {
  std::string name;                      // "c5d.large"; unique within a catalog
  std::string family;                    // "c5d"; non-empty
  std::string category;                  // "c"; non-empty
  int64_t generation = 0;                // >= 0
  std::string size;                      // "large"; non-empty
  std::string arch;                      // "amd64" or "arm64"
  int64_t vcpu = 0;                      // > 0
  int64_t memory_mib = 0;                // > 0; total memory as EC2 reports it, no overhead removed
  int64_t gpu_count = 0;                 // >= 0
  std::string gpu_name;                  // empty when the source has no GPU label
  std::optional<int64_t> local_nvme_gb;  // >= 0; EC2's TotalSizeInGB, NVMe instance store only
  std::optional<int64_t> network_mbps;   // >= 0; baseline bandwidth
  int64_t max_pods = 0;                  // > 0; ENI-limited pods for AL2023
  std::string hypervisor;                // "nitro"/"xen"; empty for bare metal
  std::optional<int64_t> od_price_micro_usd_per_hour;    // us-east-1, Linux
  std::optional<int64_t> spot_price_micro_usd_per_hour;  // us-east-1 snapshot
  std::optional<int> interruption_band;                  // 0..4 (Spot Advisor band)

  friend bool operator==(const InstanceTypeInfo&, const InstanceTypeInfo&) = default;
};

struct CatalogError {
  std::string source;   // the name given to from_csv
  int line = 0;         // 1-based; the header is line 1
  int column = 0;       // 1-based field position; 0 when the error concerns the whole line
  std::string message;  // what is wrong, naming the column when there is one

  // "<source>: line 3, column 7: vcpu: expected an integer >= 1, got \"x\"".
  std::string to_string() const;
};

class Catalog {
 public:
  static std::variant<Catalog, CatalogError> from_csv(std::string_view text,
                                                      std::string_view source_name);
  // The catalog compiled into the binary, parsed once on first use (thread-safe). The embedded
  // CSV is part of the build and covered by tests, so a parse failure is a broken build: it is
  // reported on stderr and aborts rather than being returned to every caller.
  static const Catalog& embedded();

  const std::string& source() const { return source_; }
  const std::vector<InstanceTypeInfo>& types() const { return types_; }
  size_t size() const { return types_.size(); }
  // Linear scan: lookups by name are rare (tests, CLI) and the catalog has ~1300 rows.
  const InstanceTypeInfo* find(std::string_view name) const;

 private:
  std::string source_;
  std::vector<InstanceTypeInfo> types_;  // file order, unique names
};

}  // namespace nw::catalog
