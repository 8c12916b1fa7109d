#include "learn/TrainingHistory.h"

#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace driftlab {

namespace {

constexpr const char* kEpochHeaderV1 =
    "epoch,train_loss,val_loss,val_mse,val_mae,iou50,iou90,mass_error,samples_per_s,seconds,"
    "learning_rate";
constexpr const char* kEpochHeader =
    "epoch,train_loss,val_loss,val_mse,val_mae,iou50,iou90,mass_error,samples_per_s,seconds,"
    "learning_rate,persistence_val_loss";
constexpr const char* kBatchHeader = "step,epoch,loss,learning_rate";

// %.9g keeps every float-sized digit and reads back exactly enough for plots and tests.
std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

std::vector<std::vector<double>> parseTable(const std::string& csv, const char* header,
                                            std::size_t columns) {
    std::istringstream in(csv);
    std::string line;
    if (!std::getline(in, line) || line != header)
        throw std::invalid_argument(std::string("history table does not start with the header '") +
                                    header + "'");
    std::vector<std::vector<double>> rows;
    int lineNo = 1;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty()) continue;
        std::vector<double> row;
        std::istringstream cells(line);
        std::string cell;
        while (std::getline(cells, cell, ',')) {
            try {
                std::size_t used = 0;
                row.push_back(std::stod(cell, &used));
                if (used != cell.size()) throw std::invalid_argument(cell);
            } catch (const std::exception&) {
                throw std::invalid_argument("history table line " + std::to_string(lineNo) + ": '" +
                                            cell + "' is not a number");
            }
        }
        if (row.size() != columns)
            throw std::invalid_argument("history table line " + std::to_string(lineNo) + " has " +
                                        std::to_string(row.size()) + " values, expected " +
                                        std::to_string(columns));
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

std::optional<int> TrainingHistory::bestEpoch() const {
    std::optional<int> best;
    double lowest = 0;
    for (const auto& e : epochs) {
        if (!best || e.valLoss < lowest) {
            best = e.epoch;
            lowest = e.valLoss;
        }
    }
    return best;
}

std::string TrainingHistory::epochsCsv() const {
    std::ostringstream out;
    out << kEpochHeader << '\n';
    for (const auto& e : epochs) {
        out << e.epoch;
        for (double v : {e.trainLoss, e.valLoss, e.valMse, e.valMae, e.iou50, e.iou90, e.massError,
                         e.samplesPerSecond, e.seconds, e.learningRate, e.persistenceValLoss})
            out << ',' << number(v);
        out << '\n';
    }
    return out.str();
}

std::string TrainingHistory::batchesCsv() const {
    std::ostringstream out;
    out << kBatchHeader << '\n';
    for (const auto& b : batches)
        out << b.step << ',' << b.epoch << ',' << number(b.loss) << ',' << number(b.learningRate)
            << '\n';
    return out.str();
}

std::vector<EpochRecord> TrainingHistory::parseEpochsCsv(const std::string& csv) {
    // Tables written before the persistence column existed still read (it stays 0).
    const std::string_view old(kEpochHeaderV1);
    const bool v1 = csv.size() > old.size() && std::string_view(csv).substr(0, old.size()) == old &&
                    csv[old.size()] == '\n';
    std::vector<EpochRecord> out;
    for (const auto& r : parseTable(csv, v1 ? kEpochHeaderV1 : kEpochHeader, v1 ? 11 : 12))
        out.push_back({static_cast<int>(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9],
                       r[10], v1 ? 0.0 : r[11]});
    return out;
}

std::vector<BatchRecord> TrainingHistory::parseBatchesCsv(const std::string& csv) {
    std::vector<BatchRecord> out;
    for (const auto& r : parseTable(csv, kBatchHeader, 4))
        out.push_back({static_cast<long>(r[0]), static_cast<int>(r[1]), r[2], r[3]});
    return out;
}

}  // namespace driftlab
