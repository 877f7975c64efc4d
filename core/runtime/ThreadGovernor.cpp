#include "runtime/ThreadGovernor.h"

#include <ATen/Parallel.h>

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace latent {

namespace {
double seconds(const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) * 1e-6; }
}  // namespace

CpuSample CpuSample::now()
{
    CpuSample s;
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0) return s;
    s.processSeconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);

    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0) return s;
    std::ifstream stat("/proc/stat");
    if (!stat) return s;
    const double tick = double(sysconf(_SC_CLK_TCK));
    std::string line;
    bool any = false;
    while (std::getline(stat, line)) {
        // "cpuN user nice system idle iowait ..." (the "cpu " line is the sum: skip it)
        if (line.size() < 4 || line.compare(0, 3, "cpu") != 0 || line[3] == ' ') continue;
        std::istringstream in(line.substr(3));
        int cpu = -1;
        unsigned long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0;
        if (!(in >> cpu >> user >> nice >> system >> idle >> iowait)) continue;
        if (cpu < 0 || cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &allowed)) continue;
        s.idleSeconds += double(idle + iowait) / tick;
        any = true;
    }
    s.valid = any;
    return s;
}

ThreadGovernor::ThreadGovernor(int maxThreads, double checkSeconds)
    : maxThreads_(std::max(1, maxThreads)), checkEvery_(checkSeconds), lastCheck_(Clock::now()), last_(CpuSample::now())
{
    apply(maxThreads_);
}

int ThreadGovernor::allowedCores()
{
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0) return 1;
    return std::max(1, CPU_COUNT(&allowed));
}

int ThreadGovernor::defaultThreads()
{
    if (const char* env = std::getenv("OMP_NUM_THREADS")) {
        char* end = nullptr;
        const long n = std::strtol(env, &end, 10);
        if (end != env && n > 0 && (*end == 0 || *end == ',')) return int(std::min(n, 1024L));
    }
    return allowedCores();
}

int ThreadGovernor::threadsFor(double processCores, double idleCores, int maxThreads)
{
    // 0.3 of a core of margin: the counters tick at 100 Hz, and a core that is free 70% of the
    // time still pays for a thread.
    const int fit = int(std::floor(std::max(0.0, processCores) + std::max(0.0, idleCores) + 0.3));
    return std::clamp(fit, 1, std::max(1, maxThreads));
}

void ThreadGovernor::tick()
{
    if (maxThreads_ <= 1) return;
    const auto t = Clock::now();
    const double wall = std::chrono::duration<double>(t - lastCheck_).count();
    if (wall < checkEvery_.count()) return;
    const CpuSample s = CpuSample::now();
    if (!s.valid || !last_.valid) {
        last_ = s;
        lastCheck_ = t;
        return;
    }
    const double processCores = (s.processSeconds - last_.processSeconds) / wall;
    const double idleCores = (s.idleSeconds - last_.idleSeconds) / wall;
    last_ = s;
    lastCheck_ = t;
    apply(threadsFor(processCores, idleCores, maxThreads_));
}

void ThreadGovernor::apply(int threads)
{
    if (threads == threads_) return;
    if (threads_ != 0) ++changes_;
    threads_ = threads;
    at::set_num_threads(threads);
}

}  // namespace latent
