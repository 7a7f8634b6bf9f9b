#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include <string>

namespace nw::catalog {
namespace {

constexpr std::string_view kHeader =
    "name,family,category,generation,size,arch,vcpu,memory_mib,gpu_count,gpu_name,"
    "local_nvme_gib,network_gbps,max_pods,hypervisor,od_price_usd_hr_us_east_1,"
    "spot_price_usd_hr_us_east_1_typical,spot_interruption_band\n";

CatalogError expect_error(std::string_view text) {
  auto parsed = Catalog::from_csv(text, "test.csv");
  EXPECT_TRUE(std::holds_alternative<CatalogError>(parsed));
  if (auto* e = std::get_if<CatalogError>(&parsed)) return *e;
  return {};
}

TEST(Catalog, EmbeddedCatalogLoadsEveryRow) {
  const Catalog& catalog = Catalog::embedded();
  EXPECT_EQ(catalog.size(), 1332u);                     // data/README.md: 1332 data rows
  EXPECT_EQ(catalog.types().front().name, "c4.large");  // file order is kept
}

TEST(Catalog, EmbeddedRowsCarryEveryColumn) {
  const InstanceTypeInfo* c5d = Catalog::embedded().find("c5d.large");
  ASSERT_NE(c5d, nullptr);
  // c5d.large,c5d,c,5,large,amd64,2,4096,0,,50,0.75,29,nitro,0.096,0.0316,1
  InstanceTypeInfo expected{"c5d.large", "c5d", "c", 5,  "large", "amd64", 2,     4096, 0,
                            "",          50,    750, 29, "nitro", 96000,   31600, 1};
  EXPECT_EQ(*c5d, expected);
}

TEST(Catalog, EmptyCellsAreAbsentValues) {
  const Catalog& catalog = Catalog::embedded();
  const InstanceTypeInfo* t2 = catalog.find("t2.nano");  // no network, spot price or band
  ASSERT_NE(t2, nullptr);
  EXPECT_EQ(t2->network_mbps, std::nullopt);
  EXPECT_EQ(t2->spot_price_micro_usd_per_hour, std::nullopt);
  EXPECT_EQ(t2->interruption_band, std::nullopt);
  EXPECT_EQ(t2->od_price_micro_usd_per_hour, 5800);
  const InstanceTypeInfo* metal = catalog.find("c5d.metal");  // bare metal: no hypervisor
  ASSERT_NE(metal, nullptr);
  EXPECT_EQ(metal->hypervisor, "");
  const InstanceTypeInfo* m5 = catalog.find("m5.xlarge");
  ASSERT_NE(m5, nullptr);
  EXPECT_EQ(m5->local_nvme_gb, std::nullopt);
  const InstanceTypeInfo* hpc = catalog.find("hpc7a.12xlarge");  // no price at all
  ASSERT_NE(hpc, nullptr);
  EXPECT_EQ(hpc->od_price_micro_usd_per_hour, std::nullopt);
  EXPECT_EQ(hpc->spot_price_micro_usd_per_hour, std::nullopt);
  EXPECT_EQ(catalog.find("p4d.24xlarge")->od_price_micro_usd_per_hour, 21957642);
  EXPECT_EQ(catalog.find("no.such"), nullptr);
}

TEST(Catalog, ParsesSmallCsvWithCrlfAndBlankLines) {
  std::string text(kHeader);
  text += "x1.large,x1,x,1,large,arm64,2,4096,1,t4,,2.5,29,nitro,1.5,,\r\n\n";
  auto parsed = Catalog::from_csv(text, "small.csv");
  ASSERT_TRUE(std::holds_alternative<Catalog>(parsed));
  const Catalog& catalog = std::get<Catalog>(parsed);
  ASSERT_EQ(catalog.size(), 1u);
  EXPECT_EQ(catalog.source(), "small.csv");
  EXPECT_EQ(catalog.types()[0].network_mbps, 2500);
  EXPECT_EQ(catalog.types()[0].od_price_micro_usd_per_hour, 1500000);
  EXPECT_EQ(catalog.types()[0].interruption_band, std::nullopt);
}

TEST(Catalog, ColumnsAreFoundByHeaderNameAndExtrasIgnored) {
  std::string text =
      "extra,spot_interruption_band,spot_price_usd_hr_us_east_1_typical,od_price_usd_hr_us_east_1,"
      "hypervisor,max_pods,network_gbps,local_nvme_gib,gpu_name,gpu_count,memory_mib,vcpu,arch,"
      "size,generation,category,family,name\n"
      "zzz,2,0.01,0.02,nitro,8,1,,,0,1024,1,amd64,medium,3,t,t3,t3.micro\n";
  auto parsed = Catalog::from_csv(text, "reordered.csv");
  ASSERT_TRUE(std::holds_alternative<Catalog>(parsed));
  const InstanceTypeInfo& row = std::get<Catalog>(parsed).types()[0];
  EXPECT_EQ(row.name, "t3.micro");
  EXPECT_EQ(row.memory_mib, 1024);
  EXPECT_EQ(row.spot_price_micro_usd_per_hour, 10000);
  EXPECT_EQ(row.interruption_band, 2);
}

TEST(Catalog, MissingColumnIsReportedOnTheHeaderLine) {
  CatalogError e = expect_error("name,family\nc5.large,c5\n");
  EXPECT_EQ(e.line, 1);
  EXPECT_NE(e.message.find("\"category\""), std::string::npos) << e.message;
  EXPECT_EQ(expect_error("").message, "missing header line");
}

TEST(Catalog, NonIntegerVcpuNamesLineAndColumn) {
  std::string text(kHeader);
  text += "c5d.large,c5d,c,5,large,amd64,2,4096,0,,50,0.75,29,nitro,0.096,0.0316,1\n";
  text += "c5d.xlarge,c5d,c,5,xlarge,amd64,four,8192,0,,100,1.25,58,nitro,0.192,0.0657,3\n";
  CatalogError e = expect_error(text);
  EXPECT_EQ(e.source, "test.csv");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.column, 7);
  EXPECT_EQ(e.to_string(),
            "test.csv: line 3, column 7: vcpu: expected an integer in [1, 1000000], got \"four\"");
}

TEST(Catalog, RowErrorsAreValues) {
  const auto row = [](std::string_view cells) { return std::string(kHeader) + std::string(cells); };
  struct Case {
    std::string text;
    int line;
    int column;
    std::string fragment;
  };
  const Case cases[] = {
      {row("a.large,a,a,1,large,amd64,2,4096,0,,,,29,nitro,0.1,0.05\n"), 2, 0,
       "expected 17 fields, found 16"},
      {row("a.large,a,a,1,large,amd64,2,4096,0,,,,29,nitro,0.1,0.05,5\n"), 2, 17,
       "spot_interruption_band"},
      {row("a.large,a,a,1,large,amd64,2,4096,0,,,,29,nitro,0.1,-0.05,1\n"), 2, 16,
       "non-negative decimal"},
      {row("a.large,a,a,1,large,amd64,2,4096,0,,,,29,nitro,$0.1,0.05,1\n"), 2, 15,
       "od_price_usd_hr_us_east_1"},
      {row("a.large,a,a,1,large,x86,2,4096,0,,,,29,nitro,0.1,0.05,1\n"), 2, 6, "arch"},
      {row("a.large,a,a,1,large,amd64,0,4096,0,,,,29,nitro,0.1,0.05,1\n"), 2, 7, "vcpu"},
      {row(",a,a,1,large,amd64,2,4096,0,,,,29,nitro,0.1,0.05,1\n"), 2, 1, "must not be empty"},
      {row("a.large,a,a,1,large,amd64,2,4096,0,,,,29,\"nitro\",0.1,0.05,1\n"), 2, 14,
       "quoted fields are not supported"},
      {row("a.large,a,a,1,large,amd64,2,4096,0,,,,29,nitro,0.1,0.05,1\n"
           "a.large,a,a,1,large,amd64,2,4096,0,,,,29,nitro,0.1,0.05,1\n"),
       3, 1, "duplicate instance type \"a.large\""},
      {"name,name\n", 1, 2, "duplicate column \"name\""},
  };
  for (const Case& c : cases) {
    CatalogError e = expect_error(c.text);
    EXPECT_EQ(e.line, c.line) << c.text;
    EXPECT_EQ(e.column, c.column) << c.text;
    EXPECT_NE(e.message.find(c.fragment), std::string::npos) << e.message;
  }
}

}  // namespace
}  // namespace nw::catalog
