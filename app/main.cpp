// driftlab: the single executable. A subcommand runs headless; none opens the default dataset.
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <iostream>
#include <string>
#include <vector>

#include "Commands.h"

int main(int argc, char** argv) {
    using namespace driftlab::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string commandLine = "driftlab";
    for (const auto& a : args) commandLine += " " + a;

    if (!args.empty()) {
        const std::string cmd = args[0];
        const std::vector<std::string> rest(args.begin() + 1, args.end());
        if (cmd == "--help" || cmd == "-h" || cmd == "help") {
            printUsage();
            return kOk;
        }
        if (cmd == "--version") {
            printVersion();
            return kOk;
        }
        if (cmd == "generate") return runGenerate(rest, commandLine);
        if (cmd == "info") return runInfo(rest);
        if (cmd == "render") return runRender(rest);
        std::cerr << "driftlab: unknown command '" << cmd << "' (see driftlab --help)\n";
        return kUsage;
    }
    QCoreApplication::setOrganizationName("DriftLab");
    QCoreApplication::setApplicationName("driftlab");
    QCoreApplication app(argc, argv);
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return runDefault(QDir(dir).filePath("demo.h5").toStdString());
}
