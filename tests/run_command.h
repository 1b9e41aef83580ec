// Runs the built `sluice` binary the way a user would, for whole-program tests.
#pragma once

#include <string>
#include <vector>

namespace sluice::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when the process could not start or did not exit normally
  std::string out, err;
};

// The `sluice` binary under test: $SLUICE_BIN (CTest sets it), or "" when unset.
std::string SluiceBinary();

// Runs SluiceBinary() with `args` (no shell), waits, and returns its exit code and output.
CommandResult RunSluice(const std::vector<std::string>& args);

}  // namespace sluice::testing
