#pragma once
#include <chrono>
#include <cstdint>
#include <vector>

namespace latent {

// CPU time as /proc/stat and getrusage count it: this process's, and the idle time of the cores
// this process may run on.
struct CpuSample {
    double processSeconds = 0;  // user + system time of every thread of this process
    double idleSeconds = 0;     // idle + iowait, summed over the allowed cores
    bool valid = false;
    static CpuSample now();
};

// Fits the number of training threads to the cores that other processes leave free, checked as
// training goes. With all cores in use and libgomp's spinning waits, a second thread waits for a
// core another process holds: on 2 cores with one busy process, 2 threads ran at a third of their
// speed alone, 1 thread at over half of it. Every checkSeconds the governor adds the cores this
// process used to the idle ones (both from the kernel's counters) and sets that many threads,
// between 1 and maxThreads, on the calling thread (LibTorch's OpenMP threads are per thread).
class ThreadGovernor {
public:
    explicit ThreadGovernor(int maxThreads, double checkSeconds = 0.5);

    // Call between training steps: reads the clock, and the counters once per checkSeconds.
    void tick();
    int threads() const { return threads_; }
    int changes() const { return changes_; }

    // The decision: cores used by this process plus idle cores, rounded down with a margin for
    // counting noise, clamped to 1..maxThreads.
    static int threadsFor(double processCores, double idleCores, int maxThreads);
    // Cores this process may run on (its affinity mask).
    static int allowedCores();
    // Threads when none are asked for: OMP_NUM_THREADS when set (its first value, as LibTorch
    // and OpenMP read it), else the allowed cores (`taskset`, a container's cpuset).
    static int defaultThreads();

private:
    void apply(int threads);

    using Clock = std::chrono::steady_clock;
    int maxThreads_;
    std::chrono::duration<double> checkEvery_;
    Clock::time_point lastCheck_;
    CpuSample last_;
    int threads_ = 0, changes_ = 0;
};

}  // namespace latent
