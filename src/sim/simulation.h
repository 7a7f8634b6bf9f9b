// `nodewright simulate`: the scenario's workload replayed on a simulated cluster under each
// variant's autoscaler, every variant from the same seed, so two runs of one scenario and seed
// give identical results. Per variant the simulated cluster wires together:
//   - the event loop and its virtual clock (event_loop.h) and a seeded RNG (rng.h);
//   - simulated EC2 (simulated_ec2.h);
//   - the kube-scheduler model (kube_scheduler.h) and the workloads (workloads.h);
//   - the variant's autoscaler, plugged in behind one small seam (simulation.cpp, `Autoscaler`):
//     Karpenter's controllers (src/karpenter/: provisioning, emptiness, expiration, termination)
//     under the AWS cloud provider (cloud/aws_cloud_provider.h), or the Cluster Autoscaler
//     (src/cluster_autoscaler/) over simulated Auto Scaling groups (simulated_auto_scaling.h).
//     Both are the code a live controller would run: only the clock, the cluster state and the
//     APIs they call are the simulator's.
// The simulated cluster applies the autoscalers' API calls and plays the Node lifecycle:
// instance running → Node registered (NotReady) → Ready (initialized, start-up taints gone).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "catalog/catalog.h"
#include "input/inventory.h"
#include "sim/result.h"
#include "sim/scenario.h"

namespace nw::sim {

// Called now and then with the fraction of simulated time done, for progress bars.
using Progress = std::function<void(size_t variant, SimTime now, SimTime end)>;

// Runs every variant of `scenario` (validated, with its objects in `inventory`).
std::vector<VariantResult> simulate(const Scenario& scenario, const input::Inventory& inventory,
                                    const catalog::Catalog& catalog, const Progress& progress = {});

}  // namespace nw::sim
