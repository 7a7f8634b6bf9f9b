#include "scheduling/lower_bound.h"

#include <fmt/format.h>

#include <cmath>
#include <coin/ClpSimplex.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <map>
#include <string>

#include "catalog/selection.h"

namespace nw::scheduling {
namespace {

using Undefined = model::Requirements::Undefined;

// LP units: millicores, MiB, and counts. Memory-like resources are scaled so the matrix stays
// well conditioned.
double lp_amount(const std::string& resource, int64_t amount) {
  return model::is_byte_resource(resource) ? static_cast<double>(amount) / 1048576.0
                                           : static_cast<double>(amount);
}

struct Group {
  std::vector<model::Requirements> alternatives;  // nodeSelector ∧ each required term (ORed)
  const std::vector<model::Toleration>* tolerations = nullptr;
  std::map<std::string, double> demand;  // resource → amount in LP units
};

struct Kind {
  size_t pool = 0;
  size_t type = 0;
  double price = 0;  // micro-dollars per hour
};

bool group_fits_kind(const Group& group, const PoolTemplate& pool,
                     const catalog::InstanceType& type, catalog::CapacityType capacity) {
  if (!model::tolerates_all(*group.tolerations, pool.pool->taints)) return false;
  for (const model::Requirements& alternative : group.alternatives) {
    if (!pool.requirements.is_compatible(alternative, Undefined::AllowWellKnown)) continue;
    model::Requirements combined = pool.requirements.intersect(alternative);
    if (!type.requirements().intersects(combined)) continue;
    if (catalog::cheapest_allowed_price(type, combined, capacity)) return true;
  }
  return false;
}

bool group_fits_node(const Group& group, const ExistingNode& node) {
  if (!node.schedulable || !model::tolerates_all(*group.tolerations, node.taints)) return false;
  for (const model::Requirements& alternative : group.alternatives) {
    if (node.labels.is_compatible(alternative, Undefined::Strict)) return true;
  }
  return false;
}

}  // namespace

std::optional<int64_t> cost_lower_bound(const Snapshot& snapshot, const Plan& plan) {
  // Group the placed pods by where they may run.
  std::map<std::string, Group> groups;
  auto add_pod = [&](size_t index) {
    const model::Pod& pod = *snapshot.pending[index];
    std::vector<model::Requirements> alternatives = model::node_requirement_alternatives(pod.spec);
    std::string key;
    for (const model::Requirements& alternative : alternatives)
      key += alternative.to_string() + "|";
    for (const model::Toleration& tol : pod.spec.tolerations) {
      key += fmt::format("{}:{}:{}:{};", tol.key, model::to_string(tol.op), tol.value,
                         tol.effect ? model::to_string(*tol.effect) : "");
    }
    Group& group = groups[key];
    if (group.alternatives.empty()) {
      group.alternatives = std::move(alternatives);
      group.tolerations = &pod.spec.tolerations;
    }
    for (const auto& [resource, amount] : model::effective_requests(pod.spec).entries()) {
      group.demand[resource] += lp_amount(resource, amount);
    }
  };
  for (const PlannedClaim& claim : plan.claims)
    for (size_t pod : claim.pods) add_pod(pod);
  for (const ExistingPlacement& placement : plan.existing)
    for (size_t pod : placement.pods) add_pod(pod);
  if (groups.empty()) return 0;

  std::vector<Kind> kinds;
  std::vector<std::vector<bool>> fits;  // [group][kind]
  std::vector<const Group*> group_list;
  for (const auto& [key, group] : groups) group_list.push_back(&group);
  fits.resize(group_list.size());
  for (size_t p = 0; p < snapshot.pools.size(); ++p) {
    const PoolTemplate& pool = snapshot.pools[p];
    for (size_t t = 0; t < pool.instance_types.size(); ++t) {
      for (catalog::CapacityType capacity :
           {catalog::CapacityType::Spot, catalog::CapacityType::OnDemand}) {
        auto price =
            catalog::cheapest_allowed_price(pool.instance_types[t], pool.requirements, capacity);
        if (!price) continue;
        std::vector<bool> column;
        bool any = false;
        for (const Group* group : group_list) {
          column.push_back(group_fits_kind(*group, pool, pool.instance_types[t], capacity));
          any = any || column.back();
        }
        if (!any) continue;
        kinds.push_back({p, t, static_cast<double>(*price)});
        for (size_t g = 0; g < group_list.size(); ++g) fits[g].push_back(column[g]);
      }
    }
  }

  // Columns: x_k first, then u_{g,k,r} and e_{g,n,r}. Rows: kind capacity (k,r), node capacity
  // (n,r), group demand (g,r).
  std::vector<std::string> resources;
  for (const Group* group : group_list)
    for (const auto& [resource, amount] : group->demand)
      if (std::find(resources.begin(), resources.end(), resource) == resources.end())
        resources.push_back(resource);
  const size_t R = resources.size();
  const size_t K = kinds.size();
  const size_t N = snapshot.nodes.size();
  std::vector<double> objective(K, 0.0), column_lower(K, 0.0), column_upper(K, COIN_DBL_MAX);
  for (size_t k = 0; k < K; ++k) objective[k] = kinds[k].price;
  std::vector<double> row_lower, row_upper;
  // The matrix as (row, column, value) triplets, built in one go at the end.
  std::vector<int> rows_of, columns_of;
  std::vector<double> values_of;
  int next_column = 0;
  auto add_entry = [&](int row, int column, double value) {
    rows_of.push_back(row);
    columns_of.push_back(column);
    values_of.push_back(value);
  };
  auto kind_row = [&](size_t k, size_t r) { return static_cast<int>(k * R + r); };
  auto node_row = [&](size_t n, size_t r) { return static_cast<int>(K * R + n * R + r); };
  auto demand_row = [&](size_t g, size_t r) { return static_cast<int>(K * R + N * R + g * R + r); };
  // x_k: −room on each of its capacity rows.
  for (size_t k = 0; k < K; ++k) {
    const PoolTemplate& pool = snapshot.pools[kinds[k].pool];
    model::Resources room =
        pool.instance_types[kinds[k].type].allocatable() - pool.daemon_overhead[kinds[k].type];
    for (size_t r = 0; r < R; ++r) {
      add_entry(kind_row(k, r), next_column,
                -std::max(0.0, lp_amount(resources[r], room.get(resources[r]))));
    }
    ++next_column;
  }
  auto add_flow = [&](int capacity_row, int demand_row_index) {
    add_entry(capacity_row, next_column, 1.0);
    add_entry(demand_row_index, next_column, 1.0);
    ++next_column;
    objective.push_back(0.0);
    column_lower.push_back(0.0);
    column_upper.push_back(COIN_DBL_MAX);
  };
  for (size_t g = 0; g < group_list.size(); ++g) {
    for (size_t r = 0; r < R; ++r) {
      if (group_list[g]->demand.count(resources[r]) == 0) continue;
      for (size_t k = 0; k < K; ++k)
        if (fits[g][k]) add_flow(kind_row(k, r), demand_row(g, r));
      for (size_t n = 0; n < N; ++n)
        if (group_fits_node(*group_list[g], snapshot.nodes[n])) {
          add_flow(node_row(n, r), demand_row(g, r));
        }
    }
  }
  for (size_t k = 0; k < K; ++k)
    for (size_t r = 0; r < R; ++r) {
      row_lower.push_back(-COIN_DBL_MAX);
      row_upper.push_back(0.0);
    }
  for (size_t n = 0; n < N; ++n)
    for (size_t r = 0; r < R; ++r) {
      row_lower.push_back(-COIN_DBL_MAX);
      row_upper.push_back(
          std::max(0.0, lp_amount(resources[r], snapshot.nodes[n].available.get(resources[r]))));
    }
  for (size_t g = 0; g < group_list.size(); ++g)
    for (size_t r = 0; r < R; ++r) {
      auto it = group_list[g]->demand.find(resources[r]);
      row_lower.push_back(it == group_list[g]->demand.end() ? 0.0 : it->second);
      row_upper.push_back(COIN_DBL_MAX);
    }

  CoinPackedMatrix matrix(true, rows_of.data(), columns_of.data(), values_of.data(),
                          static_cast<CoinBigIndex>(values_of.size()));
  matrix.setDimensions(static_cast<int>(row_lower.size()), next_column);
  ClpSimplex model;
  model.setLogLevel(0);
  model.loadProblem(matrix, column_lower.data(), column_upper.data(), objective.data(),
                    row_lower.data(), row_upper.data());
  model.setOptimizationDirection(1.0);
  model.dual();
  if (!model.isProvenOptimal()) return std::nullopt;
  // Round down, and a little more for the solver's tolerance, so the bound stays a bound.
  return static_cast<int64_t>(std::floor(model.objectiveValue() * (1.0 - 1e-7)));
}

}  // namespace nw::scheduling
