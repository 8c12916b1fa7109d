#pragma once
// The command-line subcommands, one file each (GenerateCommand.cpp, ...). Each returns the
// process exit code: 0 success, 1 failure (a bad file or value, I/O), 2 usage error (a bad
// command line), 130 cancelled (Ctrl-C / SIGTERM). CliJob turns what they throw into these.
#include <atomic>
#include <string>
#include <vector>

namespace driftlab::cli {

enum ExitCode { kOk = 0, kFailure = 1, kUsage = 2, kCancelled = 130 };

int runGenerate(const std::vector<std::string>& args, const std::string& commandLine);
int runInfo(const std::vector<std::string>& args);
int runMerge(const std::vector<std::string>& args);
int runMean(const std::vector<std::string>& args);
int runRender(const std::vector<std::string>& args);
int runTrain(const std::vector<std::string>& args);
int runExportWeights(const std::vector<std::string>& args);
int runEvaluate(const std::vector<std::string>& args);
int runRelease(const std::vector<std::string>& args, const std::string& commandLine);
int runRollout(const std::vector<std::string>& args, const std::string& commandLine);
int runPredict(const std::vector<std::string>& args, const std::string& commandLine);
int runExportVti(const std::vector<std::string>& args);
int runImportCurrents(const std::vector<std::string>& args, const std::string& commandLine);
int runImportTrajectories(const std::vector<std::string>& args, const std::string& commandLine);
void printUsage();
void printVersion();

// Set by SIGINT / SIGTERM; long jobs poll it.
void installStopHandlers();
const std::atomic<bool>* stopFlag();

}  // namespace driftlab::cli
