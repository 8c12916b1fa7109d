// driftlab_doc_images --dataset DEMO.h5 --model RUN --out DIR [--only NAME ...]: the GUI
// pictures of the docs, made in the main window (needs an X display: xvfb-run). The pictures
// the CLI makes (render, mean) come from tools/make-doc-images.sh, which also runs this.
#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <algorithm>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "DocImages.h"
#include "GuiSupport.h"

namespace {

using namespace driftlab::docimages;

struct Group {
    const char* name;
    std::vector<QString> pictures;  // the files it writes; those in docs/ first
    bool needsModel;
    std::function<void(const Inputs&)> make;
};

const std::vector<Group>& groups() {
    static const std::vector<Group> all = {
        {"evaluation",
         {"evaluation-panel.png", "evaluation-error-map.png", "evaluation-window.png"},
         true,
         evaluationImages},
        {"prediction",
         {"prediction-overlay.png", "prediction-window.png", "prediction-difference.png"},
         true,
         predictionImages},
        {"forecast", {"click-to-release.png", "rollout.png"}, true, forecastImages},
        {"training", {"training-panel.png"}, true, trainingImages},
        {"training-live",
         {"training-live-panel.png", "training-live-window.png", "training-live-panel-iou.png",
          "training-live-panel-stopped.png"},
         false,
         trainingLiveImages},
        {"layout",
         {"side-by-side-1400x850.png", "click-to-release-1400x850.png",
          "side-by-side-1366x768.png", "click-to-release-1366x768.png", "main-window.png"},
         true,
         layoutImages},
    };
    return all;
}

void usage(std::ostream& os) {
    os << "usage: driftlab_doc_images --dataset FILE.h5 --model RUN --out DIR [--only NAME ...]\n"
          "                           [--release R --day D]\n"
          "  Makes the docs' GUI pictures in the main window (needs an X display: xvfb-run)\n"
          "  and prints the inference time per sample and the click-to-release latency.\n"
          "  --model   a run folder or a checkpoint (the docs: the demo's default run)\n"
          "  --only    groups, or pictures (only those written); default all\n"
          "  --release, --day  the sample of prediction-overlay.png (default 120, 8)\n"
          "groups and their pictures:\n";
    for (const Group& g : groups()) {
        os << "  " << g.name << ":";
        for (const QString& p : g.pictures) os << " " << p.toStdString();
        os << "\n";
    }
}

// A choice from --only: a group, and the pictures of it to write (empty: all).
struct Choice {
    const Group* group;
    QStringList pictures;
};

// Adds NAME (a group's name or one of its pictures) to the choices; false if it is neither.
bool select(const std::string& name, std::vector<Choice>& chosen) {
    const QString picture = QString::fromStdString(name);
    for (const Group& g : groups()) {
        const bool whole = name == g.name;
        if (!whole && std::find(g.pictures.begin(), g.pictures.end(), picture) == g.pictures.end())
            continue;
        auto c = std::find_if(chosen.begin(), chosen.end(),
                              [&](const Choice& x) { return x.group == &g; });
        if (c == chosen.end()) {
            chosen.push_back({&g, {}});
            c = chosen.end() - 1;
            if (!whole) c->pictures << picture;
        } else if (whole) {
            c->pictures.clear();
        } else if (!c->pictures.isEmpty()) {
            c->pictures << picture;
        }
        return true;
    }
    return false;
}

int parseInt(const std::string& option, const std::string& text) {
    std::size_t used = 0;
    const int v = std::stoi(text, &used);
    if (used != text.size() || v < 0) throw std::invalid_argument(option + " takes a number");
    return v;
}

}  // namespace

int main(int argc, char** argv) {
    Inputs in;
    QString out;
    std::vector<Choice> chosen;
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            auto value = [&]() -> std::string {
                if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
                return args[++i];
            };
            if (a == "--help" || a == "-h") {
                usage(std::cout);
                return 0;
            } else if (a == "--dataset") {
                in.dataset = QString::fromStdString(value());
            } else if (a == "--model") {
                in.model = QString::fromStdString(value());
            } else if (a == "--out") {
                out = QString::fromStdString(value());
            } else if (a == "--release") {
                in.release = parseInt(a, value());
            } else if (a == "--day") {
                in.day = parseInt(a, value());
            } else if (a == "--only") {
                if (i + 1 >= args.size()) throw std::invalid_argument("--only needs a name");
                while (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0)
                    if (!select(args[++i], chosen))
                        throw std::invalid_argument("no picture or group " + args[i]);
            } else {
                throw std::invalid_argument("unknown argument " + a);
            }
        }
        if (chosen.empty())
            for (const Group& g : groups()) chosen.push_back({&g, {}});
        if (in.dataset.isEmpty()) throw std::invalid_argument("--dataset is needed");
        if (out.isEmpty()) throw std::invalid_argument("--out is needed");
        for (const Choice& c : chosen)
            if (c.group->needsModel && in.model.isEmpty())
                throw std::invalid_argument(std::string("--model is needed for ") + c.group->name);
    } catch (const std::exception& e) {
        std::cerr << "driftlab_doc_images: " << e.what() << "\n\n";
        usage(std::cerr);
        return 2;
    }
    if (!QDir().mkpath(out)) {
        std::cerr << "driftlab_doc_images: cannot create " << out.toStdString() << "\n";
        return 1;
    }
    in.out = QDir(out);

    std::string why;
    if (!driftlab::cli::guiAvailable(why)) {
        std::cerr << "driftlab_doc_images: " << why << " (run it under xvfb-run)\n";
        return 1;
    }
    driftlab::cli::prepareGui();
    QApplication::setOrganizationName("DriftLab");
    QApplication::setApplicationName("driftlab-doc-images");
    QApplication app(argc, argv);
    // Settings of its own, empty: every window starts from the first-start layout, whatever the
    // user's explorer saved, and the user's settings stay untouched.
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());

    int failed = 0;
    for (const Choice& c : chosen) {
        QSettings().clear();
        std::cout << "== " << c.group->name << std::endl;
        in.only = c.pictures;
        try {
            c.group->make(in);
        } catch (const std::exception& e) {
            std::cerr << "driftlab_doc_images: " << c.group->name << ": " << e.what()
                      << std::endl;
            ++failed;
        }
    }
    if (failed) std::cerr << "driftlab_doc_images: " << failed << " group(s) failed\n";
    return failed ? 1 : 0;
}
