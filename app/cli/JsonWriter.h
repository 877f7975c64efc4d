#pragma once
#include <string>
#include <utility>
#include <vector>

// Builds one flat JSON object (numbers, strings, booleans) for the CLI's --json output.
class JsonWriter {
public:
    JsonWriter& add(const std::string& key, double value);
    JsonWriter& add(const std::string& key, int64_t value);
    JsonWriter& add(const std::string& key, int value) { return add(key, int64_t(value)); }
    JsonWriter& add(const std::string& key, const std::string& value);
    JsonWriter& add(const std::string& key, const char* value) { return add(key, std::string(value)); }
    JsonWriter& addBool(const std::string& key, bool value);
    std::string str() const;
    static std::string quote(const std::string& s);

private:
    std::vector<std::pair<std::string, std::string>> fields_;
};
