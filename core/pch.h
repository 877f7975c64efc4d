#pragma once
// Precompiled header: <torch/torch.h> costs ~20 s per translation unit on two cores.
#include <torch/torch.h>
#include <string>
#include <vector>
#include <map>
#include <functional>
