#pragma once
// A small command-line parser for the subcommands: "--name value", "--name=value", flags and
// positional arguments; "-o" stands for "--output" where that option exists. Unknown options and
// missing or malformed values are usage errors.
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace driftlab::cli {

// A bad command line. An invalid_argument, like the model's own rejections of bad settings, so
// one handler turns both into exit code 2.
class UsageError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

class ArgParser {
public:
    // `valued`: options that take a value; `flags`: options that do not.
    // `pairs`: options that take two values ("--lon-range W E").
    ArgParser(std::vector<std::string> args, std::set<std::string> valued,
              std::set<std::string> flags, std::set<std::string> pairs = {});

    const std::vector<std::string>& positional() const { return positional_; }
    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::string text(const std::string& name, const std::string& fallback) const;
    long long integer(const std::string& name, long long fallback, long long min,
                      long long max) const;
    double number(const std::string& name, double fallback, double min, double max) const;
    // The two values of a pair option, as numbers / as text (each checked).
    std::pair<double, double> numberPair(const std::string& name) const;
    std::pair<std::string, std::string> textPair(const std::string& name) const;

private:
    std::vector<std::string> positional_;
    std::map<std::string, std::string> values_;
};

}  // namespace driftlab::cli
