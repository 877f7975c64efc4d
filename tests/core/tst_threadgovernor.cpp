// How many threads training takes (runtime/ThreadGovernor): the rule from measured loads, and a
// governor giving a thread back when busy processes share its cores.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "runtime/ThreadGovernor.h"

#include <ATen/Parallel.h>

#include <QtTest>

#include <chrono>

#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace latent;

class TestThreadGovernor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void threadCountFollowsFreeCores()
    {
        // Cores this process used + idle cores, over 2 allowed: the figures seen on 2 cores.
        QCOMPARE(ThreadGovernor::threadsFor(2.0, 0.0, 2), 2);   // alone, both threads busy
        QCOMPARE(ThreadGovernor::threadsFor(1.0, 0.9, 2), 2);   // one thread, a free core
        QCOMPARE(ThreadGovernor::threadsFor(1.33, 0.0, 2), 1);  // 2 threads + 1 busy process
        QCOMPARE(ThreadGovernor::threadsFor(0.67, 0.0, 2), 1);  // 1 thread + 2 busy processes
        QCOMPARE(ThreadGovernor::threadsFor(0.0, 0.0, 2), 1);   // never below one
        QCOMPARE(ThreadGovernor::threadsFor(8.0, 8.0, 4), 4);   // never above the maximum
    }

    void trainingThreadsGiveWayToBusyProcesses()
    {
        // This thread and two busy processes on the same two cores: a second training thread
        // would wait for a core another process holds.
        cpu_set_t allowed, saved;
        CPU_ZERO(&allowed);
        QVERIFY(sched_getaffinity(0, sizeof(saved), &saved) == 0);
        for (int cpu = 0, n = 0; cpu < CPU_SETSIZE && n < 2; ++cpu)
            if (CPU_ISSET(cpu, &saved)) CPU_SET(cpu, &allowed), ++n;
        if (CPU_COUNT(&allowed) < 2) QSKIP("needs two cores");
        QVERIFY(sched_setaffinity(0, sizeof(allowed), &allowed) == 0);
        std::vector<pid_t> busy;
        for (int i = 0; i < 2; ++i) {
            const pid_t pid = fork();
            if (pid == 0)
                for (volatile unsigned long k = 0;; k = k + 1) {}
            QVERIFY(pid > 0);
            busy.push_back(pid);
        }
        auto spin = [](double seconds) {
            const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
            while (std::chrono::steady_clock::now() < end) {}
        };
        ThreadGovernor governor(2, 0.3);
        const int before = governor.threads();
        for (int i = 0; i < 4; ++i) {
            spin(0.35);
            governor.tick();
        }
        for (pid_t pid : busy) kill(pid, SIGKILL), waitpid(pid, nullptr, 0);
        sched_setaffinity(0, sizeof(saved), &saved);
        QCOMPARE(before, 2);
        QCOMPARE(governor.threads(), 1);
        QVERIFY(governor.changes() >= 1);
        at::set_num_threads(2);
    }
};

QTEST_GUILESS_MAIN(TestThreadGovernor)
#include "tst_threadgovernor.moc"
