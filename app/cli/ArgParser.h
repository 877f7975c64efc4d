#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

// Bad command-line usage: the CLI prints the message and exits with status 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "--name value" and "--flag" options of one subcommand, with help text and typed getters that
// throw UsageError naming the option.
class ArgParser {
public:
    ArgParser(std::string command, std::string summary);
    ArgParser& option(const std::string& name, const std::string& valueName, const std::string& help, const std::string& defaultValue = {});
    ArgParser& required(const std::string& name, const std::string& valueName, const std::string& help);
    ArgParser& flag(const std::string& name, const std::string& help);

    // Parses args; returns false when --help was given (help() then says what to print).
    bool parse(const std::vector<std::string>& args);
    std::string help() const;
    const std::string& command() const { return command_; }

    bool has(const std::string& name) const;       // given, or has a default
    bool given(const std::string& name) const;     // given on the command line
    bool declares(const std::string& name) const;  // an option or flag of this command
    std::string str(const std::string& name) const;
    int integer(const std::string& name, int min, int max) const;
    double number(const std::string& name, double min, double max) const;
    bool isSet(const std::string& flagName) const;
    std::vector<float> floats(const std::string& name) const;  // "x,y,..."

private:
    struct Spec {
        std::string name, valueName, help, defaultValue;
        bool isFlag = false, isRequired = false;
    };
    const Spec& spec(const std::string& name) const;
    std::string command_, summary_;
    std::vector<Spec> specs_;
    std::map<std::string, std::string> values_;
};
