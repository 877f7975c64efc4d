#pragma once
#include <string>
#include <vector>

// latent-cli preprocess-eval: the digit preprocessing scored on a labelled folder of pictures
// (bench/digit_corpus.sh makes one), against a naive resize of the same pictures.
int cmdPreprocessEval(const std::vector<std::string>& args);
