#pragma once
#include <string>
#include <vector>

// latent-cli bench: the speed figures of issue 13 for each model kind, in one run: the training
// loop's samples/s (the trainer's own step), decoding one latent point, decoding a 30x30 grid, and
// the products' GFLOP/s against what this CPU's GEMM reaches. bench/bench_all.sh runs it beside
// bench/pytorch_reference.py --bench in alternating rounds.
int cmdBench(const std::vector<std::string>& args);
