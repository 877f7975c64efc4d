#pragma once
#include <string>
#include <vector>

// latent-cli preprocess / denoise / upscale: a user's own picture through the core (built when
// Qt Gui is there to decode image files).
int cmdPreprocess(const std::vector<std::string>& args);
int cmdDenoise(const std::vector<std::string>& args);
int cmdUpscale(const std::vector<std::string>& args);
