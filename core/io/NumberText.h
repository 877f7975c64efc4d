#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace latent {

// Numbers as text in the product's files (checkpoint specs, CSV, JSON) and on its command lines.
// The same bytes under every locale: Qt adopts the user's locale (setlocale), after which
// std::to_string, printf and std::stod write and read "0,001" under de_DE; these never do.

// Shortest text that reads back to the same value, with '.' as the decimal point ("0.001", "1e-05").
std::string formatNumber(double value);
std::string formatNumber(float value);

enum class DecimalComma { Rejected, Accepted };

// The whole text (blanks around it allowed) as a number, or nothing. With DecimalComma::Accepted a
// single ',' standing for the decimal point also reads ("0,001000", as the window wrote checkpoint
// settings under a decimal-comma locale before this existed); never where ',' separates values.
std::optional<double> parseNumber(std::string_view text, DecimalComma comma = DecimalComma::Rejected);
std::optional<long long> parseInteger(std::string_view text);

// As above, but a text that is not a (finite) number throws std::invalid_argument naming the key and
// where it was read: "lr in model.pt is not a number: 'abc'".
double numberSetting(std::string_view text, const std::string& key, const std::string& where, DecimalComma comma = DecimalComma::Rejected);
long long integerSetting(std::string_view text, const std::string& key, const std::string& where);

}  // namespace latent
