#include "ArgParser.h"

#include "io/NumberText.h"

#include <cmath>
#include <sstream>

ArgParser::ArgParser(std::string command, std::string summary) : command_(std::move(command)), summary_(std::move(summary)) {}

ArgParser& ArgParser::option(const std::string& name, const std::string& valueName, const std::string& help,
                             const std::string& defaultValue)
{
    specs_.push_back({name, valueName, help, defaultValue, false, false});
    return *this;
}

ArgParser& ArgParser::required(const std::string& name, const std::string& valueName, const std::string& help)
{
    specs_.push_back({name, valueName, help, {}, false, true});
    return *this;
}

ArgParser& ArgParser::flag(const std::string& name, const std::string& help)
{
    specs_.push_back({name, {}, help, {}, true, false});
    return *this;
}

const ArgParser::Spec& ArgParser::spec(const std::string& name) const
{
    for (const auto& s : specs_)
        if (s.name == name) return s;
    throw std::logic_error("undeclared option --" + name);
}

bool ArgParser::parse(const std::vector<std::string>& args)
{
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") return false;
        if (a.rfind("--", 0) != 0) throw UsageError(command_ + ": unexpected argument '" + a + "'");
        std::string name = a.substr(2), value;
        const auto eq = name.find('=');
        const bool inlineValue = eq != std::string::npos;
        if (inlineValue) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const Spec* s = nullptr;
        for (const auto& sp : specs_)
            if (sp.name == name) s = &sp;
        if (!s) throw UsageError(command_ + ": unknown option --" + name + " (see latent-cli " + command_ + " --help)");
        if (s->isFlag) {
            if (inlineValue) throw UsageError(command_ + ": --" + name + " takes no value");
            values_[name] = "1";
            continue;
        }
        if (!inlineValue) {
            if (i + 1 >= args.size()) throw UsageError(command_ + ": --" + name + " needs a value (" + s->valueName + ")");
            value = args[++i];
        }
        values_[name] = value;
    }
    for (const auto& s : specs_)
        if (s.isRequired && !values_.count(s.name)) throw UsageError(command_ + ": --" + s.name + " " + s.valueName + " is required");
    return true;
}

std::string ArgParser::help() const
{
    std::ostringstream o;
    o << "usage: latent-cli " << command_;
    for (const auto& s : specs_)
        if (s.isRequired) o << " --" << s.name << " " << s.valueName;
    o << " [options]\n\n" << summary_ << "\n\noptions:\n";
    for (const auto& s : specs_) {
        std::string left = "  --" + s.name + (s.isFlag ? "" : " " + s.valueName);
        if (left.size() < 26)
            left.resize(26, ' ');
        else
            left += "\n" + std::string(26, ' ');
        o << left << s.help;
        if (!s.defaultValue.empty()) o << " (default " << s.defaultValue << ")";
        if (s.isRequired) o << " (required)";
        o << "\n";
    }
    o << "  --help                  show this help\n";
    return o.str();
}

bool ArgParser::has(const std::string& name) const { return values_.count(name) || !spec(name).defaultValue.empty(); }

bool ArgParser::given(const std::string& name) const { return values_.count(name) > 0; }

bool ArgParser::declares(const std::string& name) const
{
    for (const auto& s : specs_)
        if (s.name == name) return true;
    return false;
}

std::string ArgParser::str(const std::string& name) const
{
    auto it = values_.find(name);
    return it != values_.end() ? it->second : spec(name).defaultValue;
}

bool ArgParser::isSet(const std::string& flagName) const
{
    spec(flagName);
    return values_.count(flagName) > 0;
}

int ArgParser::integer(const std::string& name, int min, int max) const
{
    const std::string v = str(name);
    const std::optional<long long> n = latent::parseInteger(v);
    if (n && *n >= min && *n <= max) return int(*n);
    throw UsageError(command_ + ": --" + name + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                     ", got '" + v + "'");
}

double ArgParser::number(const std::string& name, double min, double max) const
{
    const std::string v = str(name);
    const std::optional<double> x = latent::parseNumber(v);
    if (x && std::isfinite(*x) && *x >= min && *x <= max) return *x;
    throw UsageError(command_ + ": --" + name + " must be a number from " + latent::formatNumber(min) + " to " + latent::formatNumber(max) +
                     " (with '.' as the decimal point), got '" + v + "'");
}

std::vector<float> ArgParser::floats(const std::string& name) const
{
    std::vector<float> out;
    std::stringstream ss(str(name));
    std::string part;
    while (std::getline(ss, part, ',')) {
        const std::optional<double> x = latent::parseNumber(part);
        if (!x || !std::isfinite(float(*x)))
            throw UsageError(command_ + ": --" + name + " must be numbers separated by commas, with '.' as the decimal point, got '" +
                             str(name) + "'");
        out.push_back(float(*x));
    }
    return out;
}
