// driftlab: the single executable. A subcommand runs headless; none (or a dataset file) opens
// the main window.
#include <QApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QTimer>
#include <iostream>
#include <string>
#include <vector>

#include "Commands.h"
#include "GuiSupport.h"
#include "MainWindow.h"
#include "MapView.h"

namespace {

int runGui(int argc, char** argv, const std::string& file) {
    using namespace driftlab::cli;
    std::string why;
    if (!guiAvailable(why)) {
        std::cerr << "driftlab: " << why
                  << "\n(the command line works without a display: driftlab --help)\n";
        return kFailure;
    }
    prepareGui();
    QApplication::setOrganizationName("DriftLab");
    QApplication::setApplicationName("driftlab");
    QApplication app(argc, argv);
    driftlab::MainWindow window;
    // For the start-up benchmark (tests/bench/startup_benchmark.sh): print the wall-clock time
    // of the first frame that shows data, then quit.
    if (qEnvironmentVariableIsSet("DRIFTLAB_EXIT_AFTER_FIRST_FRAME")) {
        QObject::connect(window.mapView(), &driftlab::MapView::frameRendered, &window, [&window] {
            if (!window.dataset()) return;
            std::cout << "first frame at " << QDateTime::currentMSecsSinceEpoch() << " ms"
                      << std::endl;
            QTimer::singleShot(0, qApp, &QApplication::quit);
        });
    }
    window.show();
    QTimer::singleShot(0, &window, [&window, file] {
        if (file.empty()) {
            window.openDefaultDataset();
        } else if (!window.openDataset(QString::fromStdString(file))) {
            // The dialog has said why; the window stays, empty, for File > Open.
        }
    });
    return QApplication::exec();
}

}  // namespace

int main(int argc, char** argv) {
    using namespace driftlab::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string commandLine = "driftlab";
    for (const auto& a : args) commandLine += " " + a;

    if (args.empty()) return runGui(1, argv, "");
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
    if (cmd == "merge") return runMerge(rest);
    if (cmd == "mean") return runMean(rest);
    if (cmd == "render") return runRender(rest);
    if (cmd == "train") return runTrain(rest);
    if (cmd == "export-weights") return runExportWeights(rest);
    if (cmd == "evaluate") return runEvaluate(rest);
    if (cmd == "release") return runRelease(rest, commandLine);
    if (cmd == "rollout") return runRollout(rest, commandLine);
    if (cmd == "predict") return runPredict(rest, commandLine);
    if (cmd == "export-vti") return runExportVti(rest);
    if (cmd == "import-currents") return runImportCurrents(rest, commandLine);
    if (cmd == "import-trajectories") return runImportTrajectories(rest, commandLine);
    if (args.size() == 1 &&
        (QFileInfo(QString::fromStdString(cmd)).isFile() || cmd.find('.') != std::string::npos)) {
        return runGui(1, argv, cmd);  // driftlab FILE.h5
    }
    std::cerr << "driftlab: unknown command '" << cmd << "' (see driftlab --help)\n";
    return kUsage;
}
