#include "JsonWriter.h"

#include "io/NumberText.h"

#include <cmath>
#include <cstdio>

JsonWriter& JsonWriter::add(const std::string& key, double value)
{
    if (!std::isfinite(value)) {
        fields_.push_back({key, "null"});
        return *this;
    }
    fields_.push_back({key, latent::formatNumber(value)});  // '.' decimals in every locale
    return *this;
}

JsonWriter& JsonWriter::add(const std::string& key, int64_t value)
{
    fields_.push_back({key, std::to_string(value)});
    return *this;
}

JsonWriter& JsonWriter::add(const std::string& key, const std::string& value)
{
    fields_.push_back({key, quote(value)});
    return *this;
}

JsonWriter& JsonWriter::addBool(const std::string& key, bool value)
{
    fields_.push_back({key, value ? "true" : "false"});
    return *this;
}

std::string JsonWriter::quote(const std::string& s)
{
    std::string o = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': o += "\\\""; break;
        case '\\': o += "\\\\"; break;
        case '\n': o += "\\n"; break;
        case '\t': o += "\\t"; break;
        case '\r': o += "\\r"; break;
        default:
            if (c < 0x20) {
                char b[8];
                std::snprintf(b, sizeof b, "\\u%04x", c);
                o += b;
            } else {
                o += char(c);
            }
        }
    }
    return o + "\"";
}

std::string JsonWriter::str() const
{
    std::string o = "{";
    for (size_t i = 0; i < fields_.size(); ++i) o += (i ? ", " : "") + quote(fields_[i].first) + ": " + fields_[i].second;
    return o + "}";
}
