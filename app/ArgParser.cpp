#include "ArgParser.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace driftlab::cli {

ArgParser::ArgParser(std::vector<std::string> args, std::set<std::string> valued,
                     std::set<std::string> flags, std::set<std::string> pairs) {
    for (std::size_t k = 0; k < args.size(); ++k) {
        // "-o FILE" is the usual short form of "--output FILE".
        const std::string a =
            args[k] == "-o" && valued.count("output") ? std::string("--output") : args[k];
        if (a.size() < 3 || a.rfind("--", 0) != 0) {
            if (a.size() > 1 && a[0] == '-' &&
                !(a.size() > 1 && (std::isdigit(a[1]) || a[1] == '.'))) {
                throw UsageError("unknown option '" + a + "'");
            }
            positional_.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        const auto eq = name.find('=');
        const bool inlineValue = eq != std::string::npos;
        if (inlineValue) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (pairs.count(name)) {
            if (inlineValue || k + 2 >= args.size())
                throw UsageError("option --" + name + " needs two values");
            values_[name] = args[k + 1];
            values_[name + "\n2"] = args[k + 2];
            k += 2;
        } else if (flags.count(name)) {
            if (inlineValue) throw UsageError("option --" + name + " takes no value");
            values_[name] = "1";
        } else if (valued.count(name)) {
            if (!inlineValue) {
                if (k + 1 >= args.size()) throw UsageError("option --" + name + " needs a value");
                value = args[++k];
            }
            values_[name] = value;
        } else {
            throw UsageError("unknown option '--" + name + "'");
        }
    }
}

std::string ArgParser::text(const std::string& name, const std::string& fallback) const {
    const auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

long long ArgParser::integer(const std::string& name, long long fallback, long long min,
                             long long max) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(it->second.c_str(), &end, 10);
    if (it->second.empty() || *end != '\0' || errno != 0) {
        throw UsageError("--" + name + " needs a whole number, got '" + it->second + "'");
    }
    if (v < min || v > max) {
        throw UsageError("--" + name + " must be between " + std::to_string(min) + " and " +
                         std::to_string(max) + ", got " + it->second);
    }
    return v;
}

double ArgParser::number(const std::string& name, double fallback, double min, double max) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    const std::string& s = it->second;
    double v = 0;
    // Accept fractions like 1/64 for resolutions.
    const auto slash = s.find('/');
    char* end = nullptr;
    if (slash != std::string::npos) {
        const double a = std::strtod(s.substr(0, slash).c_str(), &end);
        const bool okA = *end == '\0';
        const double b = std::strtod(s.substr(slash + 1).c_str(), &end);
        if (!okA || *end != '\0' || b == 0.0)
            throw UsageError("--" + name + " needs a number, got '" + s + "'");
        v = a / b;
    } else {
        v = std::strtod(s.c_str(), &end);
        if (s.empty() || *end != '\0')
            throw UsageError("--" + name + " needs a number, got '" + s + "'");
    }
    if (!std::isfinite(v) || v < min || v > max) {
        throw UsageError("--" + name + " must be between " + std::to_string(min) + " and " +
                         std::to_string(max) + ", got " + s);
    }
    return v;
}

std::pair<std::string, std::string> ArgParser::textPair(const std::string& name) const {
    return {text(name, ""), text(name + "\n2", "")};
}

std::pair<double, double> ArgParser::numberPair(const std::string& name) const {
    const auto [a, b] = textPair(name);
    auto parse = [&](const std::string& t) {
        char* end = nullptr;
        const double v = std::strtod(t.c_str(), &end);
        if (t.empty() || *end != '\0' || !std::isfinite(v))
            throw UsageError("--" + name + " needs two numbers, got '" + a + " " + b + "'");
        return v;
    };
    return {parse(a), parse(b)};
}

}  // namespace driftlab::cli
