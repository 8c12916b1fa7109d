#pragma once
#include <stdexcept>

namespace driftlab {

// A file or value the work cannot use: a damaged or foreign file, a setting the model rejects.
// The user's to mend, not a bug: the command line exits 1 with what() (a bad command line is
// the app's UsageError, exit 2). DatasetError and NcError are input errors too.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace driftlab
