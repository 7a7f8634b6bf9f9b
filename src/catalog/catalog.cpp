#include "catalog/catalog.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <unordered_set>
#include <utility>

#include "catalog/decimal.h"

namespace nw::catalog {
namespace {

enum Column : size_t {
  kName,
  kFamily,
  kCategory,
  kGeneration,
  kSize,
  kArch,
  kVcpu,
  kMemoryMib,
  kGpuCount,
  kGpuName,
  kLocalNvme,
  kNetwork,
  kMaxPods,
  kHypervisor,
  kOdPrice,
  kSpotPrice,
  kBand,
  kColumnCount,
};

// Header names, indexed by Column. All are required, even those whose cells may be empty, so a
// renamed column is caught instead of silently reading as "no value".
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "name",
    "family",
    "category",
    "generation",
    "size",
    "arch",
    "vcpu",
    "memory_mib",
    "gpu_count",
    "gpu_name",
    "local_nvme_gib",
    "network_gbps",
    "max_pods",
    "hypervisor",
    "od_price_usd_hr_us_east_1",
    "spot_price_usd_hr_us_east_1_typical",
    "spot_interruption_band",
};

constexpr int kMicroDigits = 6;    // dollars -> micro-dollars
constexpr int kMegabitDigits = 3;  // Gbps -> Mbps
constexpr int64_t kMaxInt = std::numeric_limits<int64_t>::max();

// Splits one line at commas into `out`, which is reused across lines so that parsing a row
// allocates nothing once the vector has grown to the column count.
void split_fields(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  size_t start = 0;
  for (;;) {
    const size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      out.push_back(line.substr(start));
      return;
    }
    out.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

std::string quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

// Reads the typed cells of one row. The first error wins and later reads become no-ops, so
// parse_row can read every field straight through and check `error` once at the end.
class RowReader {
 public:
  RowReader(std::string_view source, int line, const std::vector<std::string_view>& fields,
            const std::array<size_t, kColumnCount>& index)
      : source_(source), line_(line), fields_(fields), index_(index) {}

  std::optional<CatalogError> error;

  std::string_view cell(Column c) const { return fields_[index_[c]]; }

  std::string text(Column c) { return std::string(cell(c)); }

  std::string required_text(Column c) {
    if (cell(c).empty()) fail(c, "must not be empty");
    return text(c);
  }

  int64_t integer(Column c, int64_t min, int64_t max) {
    const std::string_view s = cell(c);
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    // from_chars accepts a leading '-'; the range check below rejects negatives where they
    // are invalid, and no column allows them.
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || value < min ||
        value > max) {
      fail(c, "expected an integer in [" + std::to_string(min) + ", " + std::to_string(max) +
                  "], got " + quoted(s));
      return 0;
    }
    return value;
  }

  std::optional<int64_t> optional_integer(Column c, int64_t min, int64_t max) {
    if (cell(c).empty()) return std::nullopt;
    return integer(c, min, max);
  }

  std::optional<int64_t> optional_decimal(Column c, int scale) {
    const std::string_view s = cell(c);
    if (s.empty()) return std::nullopt;
    std::optional<int64_t> value = parse_scaled_decimal(s, scale);
    if (!value) fail(c, "expected a non-negative decimal number, got " + quoted(s));
    return value;
  }

  void fail(Column c, std::string what) {
    if (error) return;
    error = CatalogError{std::string(source_), line_, static_cast<int>(index_[c]) + 1,
                         std::string(kColumnNames[c]) + ": " + std::move(what)};
  }

 private:
  std::string_view source_;
  int line_;
  const std::vector<std::string_view>& fields_;
  const std::array<size_t, kColumnCount>& index_;
};

std::variant<InstanceTypeInfo, CatalogError> parse_row(RowReader& r) {
  InstanceTypeInfo row;
  row.name = r.required_text(kName);
  row.family = r.required_text(kFamily);
  row.category = r.required_text(kCategory);
  row.generation = r.integer(kGeneration, 0, kMaxInt);
  row.size = r.required_text(kSize);
  row.arch = r.text(kArch);
  // Capacity depends on the architecture (Graviton memory reservation), so an unknown value is an
  // error rather than something to guess about.
  if (row.arch != "amd64" && row.arch != "arm64") {
    r.fail(kArch, "expected \"amd64\" or \"arm64\", got " + quoted(row.arch));
  }
  // Bounds keep later arithmetic (millicores, bytes, prices times counts) far from overflow.
  row.vcpu = r.integer(kVcpu, 1, 1'000'000);
  row.memory_mib = r.integer(kMemoryMib, 1, int64_t{1} << 32);
  row.gpu_count = r.integer(kGpuCount, 0, 1'000'000);
  row.gpu_name = r.text(kGpuName);
  row.local_nvme_gb = r.optional_integer(kLocalNvme, 0, kMaxInt);
  row.network_mbps = r.optional_decimal(kNetwork, kMegabitDigits);
  row.max_pods = r.integer(kMaxPods, 1, 1'000'000);
  row.hypervisor = r.text(kHypervisor);
  row.od_price_micro_usd_per_hour = r.optional_decimal(kOdPrice, kMicroDigits);
  row.spot_price_micro_usd_per_hour = r.optional_decimal(kSpotPrice, kMicroDigits);
  if (std::optional<int64_t> band = r.optional_integer(kBand, 0, 4)) {
    row.interruption_band = static_cast<int>(*band);
  }
  if (r.error) return *std::move(r.error);
  return row;
}

// Next line of `text` starting at `pos`, without its terminator ("\n" or "\r\n").
std::string_view next_line(std::string_view text, size_t& pos) {
  const size_t newline = text.find('\n', pos);
  const size_t end = newline == std::string_view::npos ? text.size() : newline;
  std::string_view line = text.substr(pos, end - pos);
  pos = newline == std::string_view::npos ? text.size() : newline + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

std::string CatalogError::to_string() const {
  std::string out = source + ": line " + std::to_string(line);
  if (column > 0) out += ", column " + std::to_string(column);
  return out + ": " + message;
}

std::variant<Catalog, CatalogError> Catalog::from_csv(std::string_view text,
                                                      std::string_view source_name) {
  const auto error = [&](int line, int column, std::string message) {
    return CatalogError{std::string(source_name), line, column, std::move(message)};
  };

  size_t pos = 0;
  int line_number = 1;
  const std::string_view header = next_line(text, pos);
  if (header.empty()) return error(1, 0, "missing header line");
  std::vector<std::string_view> fields;
  split_fields(header, fields);
  const size_t field_count = fields.size();

  constexpr size_t kMissing = std::numeric_limits<size_t>::max();
  std::array<size_t, kColumnCount> index;
  index.fill(kMissing);
  for (size_t f = 0; f < field_count; ++f) {
    for (size_t c = 0; c < kColumnCount; ++c) {
      if (fields[f] != kColumnNames[c]) continue;
      if (index[c] != kMissing) {
        return error(1, static_cast<int>(f) + 1, "duplicate column " + quoted(fields[f]));
      }
      index[c] = f;
    }
  }
  for (size_t c = 0; c < kColumnCount; ++c) {
    if (index[c] == kMissing) {
      return error(1, 0, "missing required column " + quoted(kColumnNames[c]));
    }
  }

  Catalog catalog;
  catalog.source_ = std::string(source_name);
  // One row per remaining line: counting newlines first saves the vector's regrowth copies.
  const size_t approx_rows = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  catalog.types_.reserve(approx_rows);
  std::unordered_set<std::string_view> names;
  names.reserve(approx_rows);

  while (pos < text.size()) {
    ++line_number;
    const std::string_view line = next_line(text, pos);
    if (line.empty()) continue;  // blank lines (a trailing newline, spacing) carry no row
    if (const size_t quote = line.find('"'); quote != std::string_view::npos) {
      const auto column = std::count(line.begin(), line.begin() + quote, ',') + 1;
      return error(line_number, static_cast<int>(column), "quoted fields are not supported");
    }
    split_fields(line, fields);
    if (fields.size() != field_count) {
      return error(line_number, 0,
                   "expected " + std::to_string(field_count) + " fields, found " +
                       std::to_string(fields.size()));
    }
    RowReader reader(source_name, line_number, fields, index);
    auto row = parse_row(reader);
    if (auto* e = std::get_if<CatalogError>(&row)) return std::move(*e);
    if (!names.insert(reader.cell(kName)).second) {
      return error(line_number, static_cast<int>(index[kName]) + 1,
                   "name: duplicate instance type " + quoted(reader.cell(kName)));
    }
    catalog.types_.push_back(std::get<InstanceTypeInfo>(std::move(row)));
  }
  return catalog;
}

const Catalog& Catalog::embedded() {
  static const Catalog catalog = [] {
    auto parsed = from_csv(embedded_catalog_csv(), "embedded data/ec2-instance-types.csv");
    if (const auto* e = std::get_if<CatalogError>(&parsed)) {
      std::fprintf(stderr, "nodewright: broken embedded catalog: %s\n", e->to_string().c_str());
      std::abort();
    }
    return std::get<Catalog>(std::move(parsed));
  }();
  return catalog;
}

const InstanceTypeInfo* Catalog::find(std::string_view name) const {
  for (const InstanceTypeInfo& type : types_) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

}  // namespace nw::catalog
