#pragma once
// `driftlab train --world-size N` on one machine: starts N copies of this program as the ranks of
// a data-parallel run (RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR=127.0.0.1 and
// a free MASTER_PORT in their environment, as torchrun would), waits for them, forwards Ctrl-C
// and SIGTERM, and stops them all when one fails, naming it. POSIX (fork / exec).
#include <string>
#include <vector>

namespace driftlab::cli {

// `args` are the subcommand and its arguments for every rank (without --world-size).
// Returns the exit code: 0 when every rank finished, 130 when they stopped on a signal,
// 1 otherwise (with a line per failed rank on stderr).
int launchLocalWorkers(int worldSize, const std::vector<std::string>& args);

}  // namespace driftlab::cli
