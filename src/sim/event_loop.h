// The discrete-event loop and its virtual clock. Events run in time order; events at the same
// time run in the order they were scheduled, so a run depends on nothing but its inputs.
#pragma once

#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

#include "karpenter/clock.h"
#include "sim/scenario.h"

namespace nw::sim {

class EventLoop : public karpenter::Clock {
 public:
  karpenter::Timestamp now() const override { return now_; }

  // Runs `action` at `time` (not before now).
  void at(SimTime time, std::function<void()> action) {
    queue_.push({std::max(time, now_), next_sequence_++, std::move(action)});
  }
  void after(int64_t delay_ms, std::function<void()> action) {
    at(now_ + delay_ms, std::move(action));
  }

  // Runs every event due before `end`, then sets the clock to `end`.
  void run_until(SimTime end) {
    while (!queue_.empty() && queue_.top().time < end) {
      Event event = queue_.top();
      queue_.pop();
      now_ = event.time;
      ++events_;
      event.action();
    }
    now_ = end;
  }

  int64_t events() const { return events_; }

 private:
  struct Event {
    SimTime time;
    uint64_t sequence;
    std::function<void()> action;
  };
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      return a.time != b.time ? a.time > b.time : a.sequence > b.sequence;
    }
  };

  SimTime now_ = 0;
  uint64_t next_sequence_ = 0;
  int64_t events_ = 0;
  std::priority_queue<Event, std::vector<Event>, Later> queue_;
};

}  // namespace nw::sim
