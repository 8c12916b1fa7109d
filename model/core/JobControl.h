#pragma once
// What a long job (generate, mean, train, ...) needs from whoever runs it: a stop flag that any
// thread may set, and a progress sink. The GUI and the CLI each wrap this once.
#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>

namespace driftlab {

// Thrown by a job that saw its stop flag; it has cleaned up after itself.
class JobCancelled : public std::runtime_error {
public:
    JobCancelled() : std::runtime_error("cancelled") {}
};

class JobControl {
public:
    using ProgressFn = std::function<void(double fraction, const std::string& stage)>;

    JobControl() = default;
    JobControl(const std::atomic<bool>* stop, ProgressFn progress)
        : stop_(stop), progress_(std::move(progress)) {}

    bool stopRequested() const { return stop_ && stop_->load(std::memory_order_relaxed); }
    void throwIfStopped() const {
        if (stopRequested()) throw JobCancelled();
    }
    void report(double fraction, const std::string& stage) const {
        if (progress_) progress_(fraction, stage);
    }
    // A view of this control that maps [0, 1] onto [begin, end] of the parent's range.
    JobControl slice(double begin, double end) const {
        if (!progress_) return JobControl(stop_, {});
        auto parent = progress_;
        return JobControl(stop_, [parent, begin, end](double f, const std::string& s) {
            parent(begin + (end - begin) * f, s);
        });
    }

private:
    const std::atomic<bool>* stop_ = nullptr;
    ProgressFn progress_;
};

}  // namespace driftlab
