#include "sim/simulation.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>

#include "cloud/aws_cloud_provider.h"
#include "cluster_autoscaler/autoscaler.h"
#include "cluster_autoscaler/node_template.h"
#include "karpenter/emptiness.h"
#include "karpenter/expiration.h"
#include "karpenter/kube_api.h"
#include "karpenter/provisioner.h"
#include "karpenter/termination.h"
#include "sim/event_loop.h"
#include "sim/kube_scheduler.h"
#include "sim/rng.h"
#include "sim/simulated_auto_scaling.h"
#include "sim/simulated_ec2.h"
#include "sim/workloads.h"

namespace nw::sim {
namespace {

using karpenter::StateNode;
using karpenter::StatePod;

constexpr int64_t kProvisioningRequeue = 10'000;  // Karpenter's pod trigger requeue
constexpr uint64_t kWorkloadSeedSalt = 0x9e3779b97f4a7c15ULL;

// What is submitted when: the scenario's items and its Spark arrivals, drawn from the seed.
// Pods, Deployments and Jobs among the inputs run only when an item names them, so a directory
// may hold objects a scenario does not use.
struct Submission {
  SimTime at = 0;
  WorkloadItem item;
};

bool names(const WorkloadItem& item, const model::ObjectMeta& meta) {
  const std::string& ns = item.namespace_.empty() ? std::string("default") : item.namespace_;
  return item.name == meta.name && ns == meta.namespace_;
}

std::vector<Submission> submissions(const Scenario& scenario) {
  std::vector<Submission> out;
  for (const WorkloadItem& item : scenario.workload) out.push_back({item.at, item});
  Rng rng(scenario.seed ^ kWorkloadSeedSalt);
  for (const SparkArrivals& arrivals : scenario.arrivals) {
    SimTime at = arrivals.start;
    for (int64_t i = 1; i <= arrivals.count; ++i) {
      at += rng.exponential_ms(arrivals.mean_interval.millis);
      WorkloadItem item;
      item.kind = WorkloadItem::Kind::Spark;
      item.at = at;
      item.spark = arrivals.application;
      item.spark->name = fmt::format("{}-{}", arrivals.application.name, i);
      out.push_back({at, std::move(item)});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Submission& a, const Submission& b) { return a.at < b.at; });
  return out;
}

std::optional<model::Duration> annotated_run_time(const model::ObjectMeta& meta) {
  const std::string* text = model::find_label(meta.annotations, model::kRunTimeAnnotation);
  if (text == nullptr) return std::nullopt;
  auto parsed = model::parse_duration(*text);
  if (auto* d = std::get_if<model::Duration>(&parsed)) return *d;
  return std::nullopt;  // the decoder rejects these; nothing to run for
}

// What the simulated cluster asks of the autoscaler a variant runs under.
class Autoscaler {
 public:
  virtual ~Autoscaler() = default;
  // At time 0, after the workload is scheduled.
  virtual void start() = 0;
  // kube-scheduler marked a pod Unschedulable that was not before.
  virtual void pods_unschedulable() = 0;
  // Whether `taint` is a start-up taint of the node's NodePool, removed when the node is Ready.
  virtual bool startup_taint(const StateNode& node, const model::Taint& taint) const = 0;
  // The node became Ready: what the autoscaler marks on it then.
  virtual void node_initialized(StateNode& /*node*/) {}
};

// One variant's simulated cluster: the Kubernetes objects, the node lifecycle, kube-scheduler,
// the workloads, EC2 and the records. The autoscaler (Autoscaler above) is plugged in.
class Cluster : public WorkloadHost {
 public:
  Cluster(const Scenario& scenario, const Variant& variant)
      : scenario_(scenario), rng_(scenario.seed), ec2_(scenario.cloud, rng_, loop_) {
    result_.variant = variant.name;
    result_.autoscaler = variant.autoscaler;
    result_.ended = scenario.duration;
  }

  void plug(Autoscaler& autoscaler, const std::vector<model::DaemonSet>& daemon_sets,
            int64_t configuration_objects) {
    autoscaler_ = &autoscaler;
    scheduler_.emplace(scenario_.scheduler.scoring, daemon_sets, state_);
    result_.configuration_objects = configuration_objects;
  }

  VariantResult run(const std::vector<Submission>& plan, const input::Inventory& inventory,
                    const std::function<void(SimTime)>& progress) {
    for (const Submission& s : plan) {
      loop_.at(s.at, [this, &s, &inventory] { submit(s.item, inventory); });
    }
    autoscaler_->start();
    sample_timeline();
    const SimTime step = std::max<SimTime>(scenario_.duration / 100, 1);
    for (SimTime t = 0; t < scenario_.duration; t += step) {
      loop_.run_until(std::min(t + step, scenario_.duration));
      if (progress) progress(loop_.now());
    }
    return finish();
  }

  EventLoop& loop() { return loop_; }
  Rng& rng() { return rng_; }
  SimulatedEc2& ec2() { return ec2_; }
  karpenter::ClusterState& state() { return state_; }
  RunStatistics& statistics() { return result_.statistics; }
  const Scenario& scenario() const { return scenario_; }

  // A node whose instance was launched: recorded, and registered then Ready after the
  // scenario's latencies.
  void add_node(StateNode node) {
    const Instance& instance = ec2_.instance(node.instance_id);
    NodeRecord record;
    record.name = node.name;
    record.node_pool = node.node_pool;
    record.instance_type = node.instance_type;
    record.zone = node.offering.zone;
    record.capacity_type = node.offering.capacity_type;
    record.price_micro_usd_per_hour = node.offering.price_micro_usd_per_hour;
    record.allocatable_cpu_millis = node.node.allocatable.cpu_milli();
    record.allocatable_memory_bytes = node.node.allocatable.memory_bytes();
    record.launched = loop_.now();
    node_records_[node.name] = result_.nodes.size();
    result_.nodes.push_back(std::move(record));
    node_instances_.push_back(node.instance_id);
    const std::string name = node.name;
    node.node.conditions = {{"Ready", "False"}};
    state_.nodes.emplace(name, std::move(node));
    const SimTime registered = instance.running + rng_.latency(scenario_.cloud.node_registered);
    const SimTime ready = registered + rng_.latency(scenario_.cloud.node_ready);
    loop_.at(registered, [this, name] { register_node(name); });
    loop_.at(ready, [this, name] { node_ready(name); });
  }

  // Marks the node for deletion (no longer schedulable capacity); false if it is gone or
  // already marked.
  bool begin_deletion(const std::string& name, const std::string& reason) {
    auto it = state_.nodes.find(name);
    if (it == state_.nodes.end() || it->second.deleting()) return false;
    touch();
    StateNode& node = it->second;
    if (node.node.ready()) {  // no longer schedulable capacity
      ready_cpu_ -= node.node.allocatable.cpu_milli();
      ready_memory_ -= node.node.allocatable.memory_bytes();
    }
    node.deletion_requested = loop_.now();
    node.deletion_reason = reason;
    result_.nodes[node_records_.at(name)].deletion_reason = reason;
    return true;
  }

  void evict(uint64_t pod) {
    Workload* owner = remove_pod(pod);
    if (owner != nullptr) owner->on_lost(pod);
  }

  // The node's instance is gone: its pods are lost and the Node removed.
  void remove_node(const std::string& name) {
    auto it = state_.nodes.find(name);
    if (it == state_.nodes.end()) return;
    std::vector<uint64_t> stranded;
    for (const auto& [id, pod] : state_.pods)
      if (pod.pod.spec.node_name == name) stranded.push_back(id);
    for (uint64_t id : stranded) evict(id);
    touch();
    NodeRecord& record = result_.nodes[node_records_.at(name)];
    record.deleted = loop_.now();
    state_.nodes.erase(it);
    request_scheduling();
  }

  // --- WorkloadHost ----------------------------------------------------------------------------
  SimTime now() const override { return loop_.now(); }
  void after(int64_t delay_ms, std::function<void()> action) override {
    loop_.after(delay_ms, std::move(action));
  }

  uint64_t create_pod(model::Pod pod, Workload& owner, std::string role) override {
    const uint64_t id = ++pods_created_;
    pod.meta.uid = fmt::format("pod-{}", id);
    pod.meta.creation_timestamp = loop_.now() / 1000;
    pod.spec.node_name.clear();
    pod.phase = "Pending";
    const model::Resources requests = model::effective_requests(pod.spec);
    PodRecord record;
    record.name = pod.meta.name;
    record.namespace_ = pod.meta.namespace_;
    record.application = owner.name;
    record.role = std::move(role);
    record.cpu_millis = requests.cpu_milli();
    record.memory_bytes = requests.memory_bytes();
    record.created = loop_.now();
    pod_records_[id] = result_.pods.size();
    result_.pods.push_back(std::move(record));
    ++result_.applications[owner.record].pods;
    owners_[id] = &owner;
    state_.pods.emplace(id, StatePod{id, std::move(pod), loop_.now(), false});
    request_scheduling();
    return id;
  }

  void finish_pod(uint64_t pod) override { remove_pod(pod); }

  void finish_application(Workload& workload) override {
    ApplicationRecord& record = result_.applications[workload.record];
    if (record.finished == kNever) record.finished = loop_.now();
  }

 private:
  void submit(const WorkloadItem& item, const input::Inventory& inventory) {
    std::unique_ptr<Workload> workload;
    switch (item.kind) {
      case WorkloadItem::Kind::Pod:
        for (const model::Pod& pod : inventory.pods) {
          if (names(item, pod.meta)) {
            workload = make_pod_workload(
                *this, pod, item.run_time ? item.run_time : annotated_run_time(pod.meta));
          }
        }
        break;
      case WorkloadItem::Kind::Deployment:
        for (const model::Deployment& d : inventory.deployments)
          if (names(item, d.meta)) workload = make_deployment_workload(*this, d);
        break;
      case WorkloadItem::Kind::Job:
        for (const model::Job& job : inventory.jobs) {
          if (!names(item, job.meta)) continue;
          auto run_time = item.run_time ? item.run_time : annotated_run_time(job.meta);
          if (!run_time) run_time = annotated_run_time(job.pod_template.meta);
          if (run_time) workload = make_job_workload(*this, job, *run_time);
        }
        break;
      case WorkloadItem::Kind::Spark: {
        auto pods = workloads::spark_pods(*item.spark);
        if (auto* ok = std::get_if<workloads::SparkPods>(&pods)) {
          workload = make_spark_workload(*this, *item.spark, std::move(*ok));
        }
        break;
      }
    }
    if (!workload) throw std::invalid_argument("scenario workload was not validated");
    ApplicationRecord record;
    record.name = workload->name;
    record.namespace_ = workload->namespace_;
    record.kind = workload->kind;
    record.submitted = loop_.now();
    workload->record = result_.applications.size();
    result_.applications.push_back(std::move(record));
    workloads_.push_back(std::move(workload));
    workloads_.back()->submit();
  }

  // Integrates utilisation up to now; called before anything it measures changes.
  void touch() {
    const SimTime now = loop_.now();
    const model::Int128 dt = now - integrated_until_;
    result_.cpu_request_millis_ms += dt * bound_cpu_;
    result_.memory_request_bytes_ms += dt * bound_memory_;
    result_.cpu_allocatable_millis_ms += dt * ready_cpu_;
    result_.memory_allocatable_bytes_ms += dt * ready_memory_;
    integrated_until_ = now;
  }

  // Unbinds and forgets the pod, settling its cost share; returns its owner.
  Workload* remove_pod(uint64_t id) {
    auto it = state_.pods.find(id);
    if (it == state_.pods.end()) return nullptr;
    touch();
    PodRecord& record = result_.pods[pod_records_.at(id)];
    record.finished = loop_.now();
    if (it->second.pod.bound()) unbind(it->second, record);
    state_.pods.erase(it);
    Workload* owner = owners_[id];
    owners_.erase(id);
    request_scheduling();
    return owner;
  }

  void unbind(StatePod& pod, PodRecord& record) {
    settle_cost(pod.id, record, state_.nodes.at(pod.pod.spec.node_name),
                loop_.now() - record.bound);
    StateNode& node = state_.nodes.at(pod.pod.spec.node_name);
    bound_cpu_ -= record.cpu_millis;
    bound_memory_ -= record.memory_bytes;
    --node.pods;
    node.last_pod_event = loop_.now();
    if (node.pods == 0) result_.nodes[node_records_.at(node.name)].emptied = loop_.now();
    pod.pod.spec.node_name.clear();
  }

  // Charges the pod, and its application, its share of the node for `duration`.
  void settle_cost(uint64_t id, PodRecord& record, const StateNode& node, SimTime duration) {
    const int64_t cost = cost_share(node, record, duration);
    record.cost_micro_usd += cost;
    result_.applications[owners_.at(id)->record].cost_micro_usd += cost;
  }

  static int64_t cost_share(const StateNode& node, const PodRecord& pod, SimTime duration) {
    const int64_t cpu = node.node.allocatable.cpu_milli();
    const int64_t memory = node.node.allocatable.memory_bytes();
    if (cpu <= 0 || memory <= 0 || duration <= 0) return 0;
    // price × duration × (cpu share + memory share) / 2, in micro-dollars.
    const model::Int128 numerator =
        static_cast<model::Int128>(node.offering.price_micro_usd_per_hour) * duration *
        (static_cast<model::Int128>(pod.cpu_millis) * memory +
         static_cast<model::Int128>(pod.memory_bytes) * cpu);
    const model::Int128 denominator = static_cast<model::Int128>(2) * cpu * memory * 3'600'000;
    return static_cast<int64_t>(numerator / denominator);
  }

  void register_node(const std::string& name) {
    auto it = state_.nodes.find(name);
    if (it == state_.nodes.end() || it->second.deleting()) return;
    it->second.registered = loop_.now();
    ++it->second.revision;
    it->second.node.taints.push_back(
        {"node.kubernetes.io/not-ready", "", model::TaintEffect::NoSchedule});
  }

  void node_ready(const std::string& name) {
    auto it = state_.nodes.find(name);
    if (it == state_.nodes.end() || it->second.deleting()) return;
    touch();
    StateNode& node = it->second;
    // Ready, and initialized: start-up taints are taken to be removed by their agents now.
    node.node.conditions = {{"Ready", "True"}};
    std::erase_if(node.node.taints, [&](const model::Taint& t) {
      return t.key == "node.kubernetes.io/not-ready" || autoscaler_->startup_taint(node, t);
    });
    autoscaler_->node_initialized(node);
    ++node.revision;
    node.initialized = loop_.now();
    result_.nodes[node_records_.at(name)].ready = loop_.now();
    ready_cpu_ += node.node.allocatable.cpu_milli();
    ready_memory_ += node.node.allocatable.memory_bytes();
    request_scheduling();
  }

  // kube-scheduler runs once per instant at which something it depends on changed.
  void request_scheduling() {
    if (scheduling_requested_) return;
    scheduling_requested_ = true;
    loop_.at(loop_.now(), [this] { run_scheduler(); });
  }

  void run_scheduler() {
    scheduling_requested_ = false;
    ++result_.statistics.scheduling_runs;
    SchedulingOutcome outcome = scheduler_->schedule();
    touch();
    for (const auto& [id, node_name] : outcome.bindings) {
      StatePod& pod = state_.pods.at(id);
      StateNode& node = state_.nodes.at(node_name);
      pod.pod.spec.node_name = node_name;
      pod.unschedulable = false;
      ++node.pods;
      node.last_pod_event = loop_.now();
      PodRecord& record = result_.pods[pod_records_.at(id)];
      record.bound = loop_.now();
      record.node = node_name;
      bound_cpu_ += record.cpu_millis;
      bound_memory_ += record.memory_bytes;
      loop_.after(rng_.latency(scenario_.scheduler.pod_startup), [this, id] { start_pod(id); });
    }
    bool newly_unschedulable = false;
    for (uint64_t id : outcome.unschedulable) {
      StatePod& pod = state_.pods.at(id);
      if (!pod.unschedulable) newly_unschedulable = true;
      pod.unschedulable = true;
    }
    if (newly_unschedulable) autoscaler_->pods_unschedulable();
  }

  void start_pod(uint64_t id) {
    auto it = state_.pods.find(id);
    if (it == state_.pods.end() || !it->second.pod.bound()) return;
    it->second.pod.phase = "Running";
    PodRecord& record = result_.pods[pod_records_.at(id)];
    if (record.started == kNever) record.started = loop_.now();
    owners_.at(id)->on_started(id);
  }

  TimelineSample sample() const {
    TimelineSample sample;
    sample.at = loop_.now();
    for (const auto& [name, node] : state_.nodes) {
      (node.offering.capacity_type == catalog::CapacityType::Spot ? sample.nodes_spot
                                                                  : sample.nodes_on_demand)++;
      sample.cost_rate_micro_usd_per_hour += node.offering.price_micro_usd_per_hour;
    }
    for (const auto& [id, pod] : state_.pods) sample.pending_pods += pod.pod.bound() ? 0 : 1;
    sample.requested_cpu_millis = bound_cpu_;
    sample.allocatable_cpu_millis = ready_cpu_;
    sample.requested_memory_bytes = bound_memory_;
    sample.allocatable_memory_bytes = ready_memory_;
    return sample;
  }

  void sample_timeline() {
    result_.timeline.push_back(sample());
    const SimTime next = loop_.now() + scenario_.sample_interval.millis;
    if (next < scenario_.duration) loop_.at(next, [this] { sample_timeline(); });
  }

  // Settles what is still running at the end: pods' cost shares, instances' bills.
  VariantResult finish() {
    touch();
    const SimTime end = loop_.now();
    for (const auto& [id, pod] : state_.pods) {
      if (!pod.pod.bound()) continue;
      PodRecord& record = result_.pods[pod_records_.at(id)];
      settle_cost(id, record, state_.nodes.at(pod.pod.spec.node_name), end - record.bound);
    }
    auto by_end = [end](SimTime t) { return t <= end ? t : kNever; };
    for (size_t i = 0; i < result_.nodes.size(); ++i) {
      const Instance& instance = ec2_.instance(node_instances_[i]);
      result_.nodes[i].running = by_end(instance.running);
      result_.nodes[i].terminated = by_end(instance.terminated);
      result_.nodes[i].cost_micro_usd = ec2_.cost_micro_usd(node_instances_[i], end);
    }
    result_.statistics.events = loop_.events();
    if (result_.timeline.empty() || result_.timeline.back().at != end) {
      result_.timeline.push_back(sample());
    }
    return std::move(result_);
  }

  const Scenario& scenario_;
  EventLoop loop_;
  Rng rng_;
  SimulatedEc2 ec2_;
  karpenter::ClusterState state_;
  Autoscaler* autoscaler_ = nullptr;
  std::optional<KubeScheduler> scheduler_;
  std::vector<std::unique_ptr<Workload>> workloads_;
  std::map<uint64_t, Workload*> owners_;
  std::map<uint64_t, size_t> pod_records_;
  std::map<std::string, size_t> node_records_;
  std::vector<std::string> node_instances_;  // parallel to result_.nodes
  VariantResult result_;
  uint64_t pods_created_ = 0;
  bool scheduling_requested_ = false;
  SimTime integrated_until_ = 0;
  int64_t bound_cpu_ = 0, bound_memory_ = 0, ready_cpu_ = 0, ready_memory_ = 0;
};

catalog::Region region(const Scenario& scenario) {
  auto parsed = catalog::Region::parse(scenario.region);
  auto* region = std::get_if<catalog::Region>(&parsed);
  if (region == nullptr) throw std::invalid_argument("scenario region was not validated");
  if (scenario.zones.empty()) return *region;
  auto subset = region->with_zones(scenario.zones);
  if (!subset) throw std::invalid_argument("scenario zones were not validated");
  return *subset;
}

// Karpenter's controllers (src/karpenter/) on the simulated cluster: the cluster applies their
// KubeApi calls at once.
class KarpenterAutoscaler : public Autoscaler, public karpenter::KubeApi {
 public:
  KarpenterAutoscaler(Cluster& cluster, const Variant& variant, const input::Inventory& inventory,
                      const catalog::Catalog& catalog)
      : cluster_(cluster),
        loop_(cluster.loop()),
        state_(cluster.state()),
        cloud_(
            catalog, region(cluster.scenario()),
            [&inventory](const model::NodePool& pool) { return inventory.capacity_settings(pool); },
            cluster.ec2(), loop_),
        provisioner_(provisioner_settings(variant), node_pools(variant, inventory),
                     inventory.daemon_sets, state_, *this, cloud_, loop_),
        emptiness_({}, provisioner_.node_pools(), state_, *this, loop_),
        expiration_(provisioner_.node_pools(), state_, *this, loop_),
        termination_(provisioner_.node_pools(), state_, *this, cloud_, loop_) {
    cluster.plug(*this, inventory.daemon_sets,
                 static_cast<int64_t>(provisioner_.node_pools().size()));
  }

  // --- Autoscaler --------------------------------------------------------------------------------
  void start() override {
    loop_.at(0, [this] { run_disruption(); });
  }
  // Karpenter's pod trigger: opens (or extends) the batch window.
  void pods_unschedulable() override {
    provisioner_.trigger();
    schedule_provisioner();
  }
  bool startup_taint(const StateNode& node, const model::Taint& taint) const override {
    for (const model::NodePool& pool : provisioner_.node_pools()) {
      if (pool.meta.name != node.node_pool) continue;
      if (std::find(pool.startup_taints.begin(), pool.startup_taints.end(), taint) !=
          pool.startup_taints.end())
        return true;
    }
    return false;
  }
  void node_initialized(StateNode& node) override {
    model::set_label(node.node.meta.labels, std::string(karpenter::kInitializedLabel), "true");
  }

  // --- KubeApi
  // -------------------------------------------------------------------------------------
  void create_node_claim(StateNode claim) override {
    const std::string name = claim.name;
    cluster_.add_node(std::move(claim));
    if (auto expires = expiry(state_.nodes.at(name))) loop_.at(*expires, [this] { expire(); });
  }

  void delete_node_claim(const std::string& name, const std::string& reason) override {
    if (!cluster_.begin_deletion(name, reason)) return;
    // Its pods are provisioned ahead of their eviction.
    if (state_.nodes.at(name).pods > 0) pods_unschedulable();
    loop_.at(loop_.now(), [this] { run_termination(); });
  }

  void nominate(const std::string& node_claim, karpenter::Timestamp until) override {
    auto it = state_.nodes.find(node_claim);
    if (it != state_.nodes.end())
      it->second.nominated_until = std::max(it->second.nominated_until, until);
  }

  void evict(uint64_t pod) override { cluster_.evict(pod); }
  void remove_node(const std::string& name) override { cluster_.remove_node(name); }

 private:
  static karpenter::ProvisionerSettings provisioner_settings(const Variant& variant) {
    karpenter::ProvisionerSettings settings;
    settings.batch_idle = variant.karpenter.batch_idle;
    settings.batch_max = variant.karpenter.batch_max;
    settings.improve_packing = variant.karpenter.improve_packing;
    return settings;
  }

  static std::vector<model::NodePool> node_pools(const Variant& variant,
                                                 const input::Inventory& inventory) {
    std::vector<model::NodePool> pools;
    for (const model::NodePool& pool : inventory.node_pools) {
      if (variant.node_pools.empty() ||
          std::find(variant.node_pools.begin(), variant.node_pools.end(), pool.meta.name) !=
              variant.node_pools.end()) {
        pools.push_back(pool);
      }
    }
    return pools;
  }

  std::optional<SimTime> expiry(const StateNode& node) const {
    for (const model::NodePool& pool : provisioner_.node_pools()) {
      if (pool.meta.name == node.node_pool && pool.expire_after)
        return node.created + pool.expire_after->millis;
    }
    return std::nullopt;
  }

  void schedule_provisioner() {
    std::optional<SimTime> due = provisioner_.next_wakeup();
    if (!due || (provisioner_event_ && *provisioner_event_ <= *due)) return;
    provisioner_event_ = *due;
    loop_.at(*due, [this] {
      provisioner_event_.reset();
      run_provisioner();
    });
  }

  void run_provisioner() {
    if (auto outcome = provisioner_.reconcile()) {
      ++cluster_.statistics().provisioning_runs;
      // Pods that are still provisionable trigger again after the requeue period.
      bool pending = false;
      for (const auto& [id, pod] : state_.pods) pending = pending || pod.unschedulable;
      if (pending && !requeue_scheduled_) {
        requeue_scheduled_ = true;
        loop_.after(kProvisioningRequeue, [this] {
          requeue_scheduled_ = false;
          for (const auto& [id, pod] : state_.pods) {
            if (pod.unschedulable) {
              pods_unschedulable();
              break;
            }
          }
        });
      }
    }
    schedule_provisioner();
  }

  void run_disruption() {
    loop_.at(emptiness_.reconcile(), [this] { run_disruption(); });
  }
  void expire() { expiration_.reconcile(); }
  void run_termination() {
    karpenter::Timestamp next = termination_.reconcile();
    if (next != karpenter::kNoWakeup) loop_.at(next, [this] { run_termination(); });
  }

  Cluster& cluster_;
  EventLoop& loop_;
  karpenter::ClusterState& state_;
  cloud::AwsCloudProvider cloud_;
  karpenter::Provisioner provisioner_;
  karpenter::DisruptionController emptiness_;
  karpenter::ExpirationController expiration_;
  karpenter::TerminationController termination_;
  bool requeue_scheduled_ = false;
  std::optional<SimTime> provisioner_event_;
};

// The Cluster Autoscaler (src/cluster_autoscaler/) over simulated Auto Scaling groups: its loop
// runs every scan interval from time 0, at once when a pod becomes unschedulable, and again at
// once after a loop that scaled up or started a deletion (loop/trigger.go).
class ClusterAutoscalerWiring : public Autoscaler, public cluster_autoscaler::KubeApi {
 public:
  ClusterAutoscalerWiring(Cluster& cluster, const Variant& variant,
                          const input::Inventory& inventory, const catalog::Catalog& catalog)
      : cluster_(cluster),
        loop_(cluster.loop()),
        region_(region(cluster.scenario())),
        groups_(node_groups(variant, inventory, region_)),
        types_(catalog::build_instance_types(catalog, region_, {})),
        asg_(cluster.scenario().cloud, cluster.rng(), loop_, cluster.ec2(), groups_, types_,
             {[this](const cluster_autoscaler::NodeGroup& group, const std::string& id,
                     const catalog::InstanceType& type,
                     const catalog::Offering& offering) { launched(group, id, type, offering); },
              [this](const std::string& id) { terminated(id); }}),
        autoscaler_(
            variant.cluster_autoscaler, groups_, types_, region_.name(), inventory.daemon_sets,
            cluster.state(), *this, asg_, loop_,
            [&cluster](size_t n) {
              return static_cast<size_t>(cluster.rng().uniform(0, static_cast<int64_t>(n) - 1));
            }),
        scan_interval_(std::max<int64_t>(variant.cluster_autoscaler.scan_interval.millis, 1)) {
    cluster.plug(*this, inventory.daemon_sets, static_cast<int64_t>(groups_.size()));
  }

  // --- Autoscaler --------------------------------------------------------------------------------
  void start() override {
    loop_.at(0, [this] {
      asg_.start();
      tick();
    });
  }
  void pods_unschedulable() override { request_loop(); }
  bool startup_taint(const StateNode& /*node*/, const model::Taint& /*taint*/) const override {
    return false;
  }

  // --- cluster_autoscaler::KubeApi
  // -----------------------------------------------------------------
  void taint_to_be_deleted(const std::string& node, const std::string& reason) override {
    auto it = cluster_.state().nodes.find(node);
    if (it == cluster_.state().nodes.end()) return;
    it->second.node.taints.push_back(
        {std::string(cluster_autoscaler::kToBeDeletedTaint), "", model::TaintEffect::NoSchedule});
    ++it->second.revision;
    cluster_.begin_deletion(node, reason);
    loop_.at(loop_.now(), [this] { actuate(); });
  }
  void evict(uint64_t pod) override { cluster_.evict(pod); }

 private:
  static std::vector<cluster_autoscaler::NodeGroup> node_groups(const Variant& variant,
                                                                const input::Inventory& inventory,
                                                                const catalog::Region& region) {
    std::vector<cluster_autoscaler::NodeGroup> groups;
    for (const cluster_autoscaler::NodeGroup& group : inventory.node_groups) {
      if (!variant.node_groups.empty() &&
          std::find(variant.node_groups.begin(), variant.node_groups.end(), group.name) ==
              variant.node_groups.end()) {
        continue;
      }
      groups.push_back(group);
      if (groups.back().zones.empty()) groups.back().zones = region.zones();
    }
    return groups;
  }

  void launched(const cluster_autoscaler::NodeGroup& group, const std::string& id,
                const catalog::InstanceType& type, const catalog::Offering& offering) {
    StateNode node;
    node.name = fmt::format("{}-{:05}", group.name, ++nodes_named_);
    node.node_pool = group.name;
    node.instance_id = id;
    node.instance_type = type.name();
    node.offering = offering;
    node.node =
        cluster_autoscaler::group_node(group, type, region_.name(), offering.zone, node.name);
    node.node.provider_id = "aws:///" + offering.zone + "/" + id;
    node.created = loop_.now();
    cluster_.add_node(std::move(node));
  }

  // The cloud node controller removes the Node of a terminated instance.
  void terminated(const std::string& id) {
    for (const auto& [name, node] : cluster_.state().nodes) {
      if (node.instance_id != id) continue;
      const std::string removed = name;
      // An instance terminated before its Node registered is a failed provisioning.
      if (node.registered == karpenter::kNotYet)
        cluster_.begin_deletion(removed, "provision timeout");
      cluster_.remove_node(removed);
      return;
    }
  }

  void tick() {
    run_loop();
    loop_.after(scan_interval_, [this] { tick(); });
  }

  void request_loop() {
    if (loop_requested_) return;
    loop_requested_ = true;
    loop_.at(loop_.now(), [this] {
      loop_requested_ = false;
      run_loop();
    });
  }

  void run_loop() {
    ++cluster_.statistics().provisioning_runs;
    if (autoscaler_.run_once().run_again()) request_loop();
  }

  void actuate() {
    const karpenter::Timestamp next = autoscaler_.actuate();
    if (next != karpenter::kNoWakeup && next != actuation_due_) {
      actuation_due_ = next;
      loop_.at(next, [this] { actuate(); });
    }
  }

  Cluster& cluster_;
  EventLoop& loop_;
  catalog::Region region_;
  std::vector<cluster_autoscaler::NodeGroup> groups_;
  std::vector<catalog::InstanceType> types_;
  SimulatedAutoScaling asg_;
  cluster_autoscaler::ClusterAutoscaler autoscaler_;
  int64_t scan_interval_;
  bool loop_requested_ = false;
  karpenter::Timestamp actuation_due_ = karpenter::kNotYet;
  uint64_t nodes_named_ = 0;
};

}  // namespace

std::vector<VariantResult> simulate(const Scenario& scenario, const input::Inventory& inventory,
                                    const catalog::Catalog& catalog, const Progress& progress) {
  const std::vector<Submission> plan = submissions(scenario);
  std::vector<VariantResult> results;
  for (size_t v = 0; v < scenario.variants.size(); ++v) {
    const Variant& variant = scenario.variants[v];
    Cluster cluster(scenario, variant);
    std::unique_ptr<Autoscaler> autoscaler;
    if (variant.autoscaler == AutoscalerKind::ClusterAutoscaler) {
      autoscaler = std::make_unique<ClusterAutoscalerWiring>(cluster, variant, inventory, catalog);
    } else {
      autoscaler = std::make_unique<KarpenterAutoscaler>(cluster, variant, inventory, catalog);
    }
    results.push_back(cluster.run(plan, inventory, [&](SimTime now) {
      if (progress) progress(v, now, scenario.duration);
    }));
  }
  return results;
}

}  // namespace nw::sim
