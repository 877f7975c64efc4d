#include "io/NumberText.h"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

namespace latent {
namespace {

std::string_view trimmed(std::string_view s)
{
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

template <typename T>
std::string shortest(T value)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
}

template <typename T>
std::optional<T> whole(std::string_view s)
{
    // from_chars takes no '+', but people and older files write one.
    if (s.size() > 1 && s.front() == '+' && s[1] != '-') s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    T value{};
    const auto r = std::from_chars(s.data(), s.data() + s.size(), value);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    return value;
}

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

}  // namespace

std::string formatNumber(double value) { return shortest(value); }
std::string formatNumber(float value) { return shortest(value); }

std::optional<double> parseNumber(std::string_view text, DecimalComma comma)
{
    const std::string_view s = trimmed(text);
    if (comma == DecimalComma::Accepted) {
        const size_t at = s.find(',');
        if (at != std::string_view::npos && s.find(',', at + 1) == std::string_view::npos && s.find('.') == std::string_view::npos) {
            std::string dotted(s);
            dotted[at] = '.';
            return whole<double>(dotted);
        }
    }
    return whole<double>(s);
}

std::optional<long long> parseInteger(std::string_view text) { return whole<long long>(trimmed(text)); }

double numberSetting(std::string_view text, const std::string& key, const std::string& where, DecimalComma comma)
{
    const std::optional<double> v = parseNumber(text, comma);
    if (!v || !std::isfinite(*v)) throw std::invalid_argument(key + " in " + where + " is not a number: " + quoted(text));
    return *v;
}

long long integerSetting(std::string_view text, const std::string& key, const std::string& where)
{
    const std::optional<long long> v = parseInteger(text);
    if (!v) throw std::invalid_argument(key + " in " + where + " is not a whole number: " + quoted(text));
    return *v;
}

}  // namespace latent
