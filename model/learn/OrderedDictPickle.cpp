#include "learn/OrderedDictPickle.h"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <vector>

namespace driftlab {

namespace {

std::uint64_t littleEndian(const std::string& s, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int b = bytes - 1; b >= 0; --b)
        v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(b)]);
    return v;
}

// Length of the argument of opcode `op` starting at `at` (not counting the opcode byte).
std::size_t argumentLength(const std::string& p, char op, std::size_t at) {
    auto need = [&](std::size_t n) {
        if (at + n > p.size()) throw std::invalid_argument("pickle ends inside an opcode argument");
        return n;
    };
    auto line = [&](int lines) {
        std::size_t end = at;
        for (int l = 0; l < lines; ++l) {
            end = p.find('\n', end);
            if (end == std::string::npos)
                throw std::invalid_argument("pickle ends inside a text argument");
            ++end;
        }
        return end - at;
    };
    switch (op) {
        case '(':
        case '.':
        case '0':
        case '1':
        case '2':
        case 'N':
        case 'R':
        case 'a':
        case 'b':
        case 'd':
        case '}':
        case 'e':
        case 'l':
        case ']':
        case 'o':
        case 's':
        case 't':
        case ')':
        case 'u':
        case '\x81':
        case '\x85':
        case '\x86':
        case '\x87':
        case '\x88':
        case '\x89':
        case 'Q':
            return 0;
        case '\x80':
        case 'K':
        case 'h':
        case 'q':
        case '\x82':
            return need(1);
        case 'M':
        case '\x83':
            return need(2);
        case 'J':
        case 'j':
        case 'r':
        case '\x84':
            return need(4);
        case 'G':
            return need(8);
        case 'U':
        case 'C':
        case '\x8a':
            need(1);
            return need(1 + littleEndian(p, at, 1));
        case 'T':
        case 'X':
        case 'B':
        case '\x8b':
            need(4);
            return need(4 + littleEndian(p, at, 4));
        case 'c':
        case 'i':
            return line(2);
        case 'I':
        case 'L':
        case 'F':
        case 'S':
        case 'V':
        case 'P':
        case 'g':
        case 'p':
            return line(1);
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(op));
            throw std::invalid_argument(
                std::string("unsupported pickle opcode ") + hex +
                " (DriftLab reads pickle protocols 0-3, as torch.save writes)");
        }
    }
}

struct Op {
    char code;
    std::string arg;
};

// Pass 1: OrderedDict() -> {}. The class is pushed by GLOBAL once (and memoised), later fetched
// with BINGET; each call is "class, EMPTY_TUPLE, REDUCE".
std::vector<Op> dictsForOrderedDicts(const std::vector<Op>& ops) {
    std::vector<Op> out;
    std::optional<std::uint64_t> classMemo;
    std::vector<Op> held;  // BINGET of the class and EMPTY_TUPLE, until REDUCE shows it is a call
    bool fromGlobal = false;
    auto flush = [&] {
        out.insert(out.end(), held.begin(), held.end());
        held.clear();
    };
    for (const Op& op : ops) {
        const bool isPut = op.code == 'q' || op.code == 'r';
        const bool isGet = op.code == 'h' || op.code == 'j';
        if (op.code == 'c' && op.arg == "collections\nOrderedDict\n") {
            flush();
            out.push_back({'}', {}});  // the dict itself; the call below is dropped
            fromGlobal = true;
            continue;
        }
        if (isPut && fromGlobal && !classMemo) {
            classMemo = littleEndian(op.arg, 0, op.code == 'q' ? 1 : 4);
            out.push_back(op);
            continue;
        }
        if (isGet && classMemo && littleEndian(op.arg, 0, op.code == 'h' ? 1 : 4) == *classMemo) {
            flush();
            held.push_back(op);
            fromGlobal = false;
            continue;
        }
        if (op.code == ')' && (fromGlobal || held.size() == 1)) {
            held.push_back(op);
            continue;
        }
        if (op.code == 'R' && !held.empty() && held.back().code == ')') {
            const bool wasGet = held.size() == 2;
            held.clear();
            if (wasGet) out.push_back({'}', {}});
            fromGlobal = false;
            continue;
        }
        flush();
        fromGlobal = false;
        out.push_back(op);
    }
    flush();
    return out;
}

// Pass 2: drop every BUILD together with the state it would apply (LibTorch's unpickler has no
// POP and cannot BUILD a dict). Tracks where each stack item's code starts to cut it out.
std::string withoutBuilds(const std::vector<Op>& ops) {
    std::string out;
    std::vector<std::size_t> starts;                         // per stack item: offset in `out`
    std::vector<std::pair<std::size_t, std::size_t>> marks;  // (stack depth, offset)
    auto pop = [&](std::size_t n) {
        if (starts.size() < n) throw std::invalid_argument("pickle pops an empty stack");
        const std::size_t first = starts[starts.size() - n];
        starts.resize(starts.size() - n);
        return first;
    };
    auto popToMark = [&] {
        if (marks.empty()) throw std::invalid_argument("pickle has no MARK to pop to");
        const auto [depth, offset] = marks.back();
        marks.pop_back();
        if (starts.size() < depth)
            throw std::invalid_argument("pickle stack is shorter than its MARK");
        starts.resize(depth);
        return offset;
    };
    for (const Op& op : ops) {
        const std::size_t here = out.size();
        switch (op.code) {
            case 'b':  // BUILD: cut the state out, keep the object as it is
                out.resize(pop(1));
                continue;
            case '(':
                marks.emplace_back(starts.size(), here);
                break;
            case 't':
            case 'l':
            case 'd':  // collection from the items since MARK
                starts.push_back(popToMark());
                break;
            case 'e':
            case 'u':  // APPENDS / SETITEMS into the object below the MARK
                popToMark();
                break;
            case 'o':
            case 'i':  // OBJ / INST: build from the MARK
                starts.push_back(popToMark());
                break;
            case 'a':
                pop(1);
                break;
            case 's':
                pop(2);
                break;
            case '0':
                pop(1);
                break;
            case '1':
                popToMark();
                break;
            case '2':
                starts.push_back(here);
                break;
            case 'R':
            case '\x81':  // REDUCE / NEWOBJ: callable + args -> result
                starts.push_back(pop(2));
                break;
            case '\x86':
                starts.push_back(pop(2));
                break;
            case '\x87':
                starts.push_back(pop(3));
                break;
            case '\x85':
            case 'Q':  // TUPLE1, BINPERSID: one in, one out
                starts.push_back(pop(1));
                break;
            case '\x80':
            case 'q':
            case 'r':
            case 'p':
            case '.':
                break;  // no stack change
            default:    // everything else pushes one value
                starts.push_back(here);
                break;
        }
        out += op.code;
        out += op.arg;
    }
    return out;
}

}  // namespace

std::string rewriteOrderedDictsAsDicts(const std::string& p) {
    std::vector<Op> ops;
    std::size_t at = 0;
    bool stopped = false;
    while (at < p.size() && !stopped) {
        const char code = p[at];
        const std::size_t len = argumentLength(p, code, at + 1);
        ops.push_back({code, p.substr(at + 1, len)});
        at += 1 + len;
        stopped = code == '.';
    }
    if (!stopped) throw std::invalid_argument("pickle has no STOP opcode");
    return withoutBuilds(dictsForOrderedDicts(ops));
}

}  // namespace driftlab
