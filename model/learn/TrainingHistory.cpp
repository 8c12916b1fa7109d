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
constexpr const char* kEpochHeaderV2 =
    "epoch,train_loss,val_loss,val_mse,val_mae,iou50,iou90,mass_error,samples_per_s,seconds,"
    "learning_rate,persistence_val_loss";
constexpr const char* kEpochHeaderV3 =
    "epoch,train_loss,val_loss,val_mse,val_mae,iou50,iou90,mass_error,samples_per_s,seconds,"
    "learning_rate,persistence_val_loss,advection_val_loss,persistence_val_mae,"
    "advection_val_mae,persistence_iou50,advection_iou50";
constexpr const char* kEpochHeader =
    "epoch,train_loss,val_loss,val_mse,val_mae,iou50,iou90,mass_error,samples_per_s,seconds,"
    "learning_rate,persistence_val_loss,advection_val_loss,persistence_val_mae,"
    "advection_val_mae,persistence_iou50,advection_iou50,centre_km,spread_ratio,transport_km,"
    "far_mass,persistence_centre_km,advection_centre_km,advection_spread_ratio,"
    "advection_transport_km";
constexpr std::size_t kEpochColumns = 25;

bool startsWithHeader(const std::string& csv, const char* header) {
    const std::string_view h(header);
    return csv.size() > h.size() && std::string_view(csv).substr(0, h.size()) == h &&
           csv[h.size()] == '\n';
}
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
                         e.samplesPerSecond, e.seconds, e.learningRate, e.persistenceValLoss,
                         e.advectionValLoss, e.persistenceValMae, e.advectionValMae,
                         e.persistenceIou50, e.advectionIou50, e.centreKm, e.spreadRatio,
                         e.transportKm, e.farMass, e.persistenceCentreKm, e.advectionCentreKm,
                         e.advectionSpreadRatio, e.advectionTransportKm})
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
    // Tables written before the baseline columns existed still read (those stay 0).
    const char* header = startsWithHeader(csv, kEpochHeaderV1)   ? kEpochHeaderV1
                         : startsWithHeader(csv, kEpochHeaderV2) ? kEpochHeaderV2
                         : startsWithHeader(csv, kEpochHeaderV3) ? kEpochHeaderV3
                                                                 : kEpochHeader;
    const std::size_t columns = header == kEpochHeaderV1   ? 11
                                : header == kEpochHeaderV2 ? 12
                                : header == kEpochHeaderV3 ? 17
                                                           : kEpochColumns;
    std::vector<EpochRecord> out;
    for (auto r : parseTable(csv, header, columns)) {
        r.resize(kEpochColumns, 0.0);
        out.push_back({static_cast<int>(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                       r[9], r[10], r[11], r[12], r[13], r[14], r[15], r[16], r[17], r[18], r[19],
                       r[20], r[21], r[22], r[23], r[24]});
    }
    return out;
}

std::vector<BatchRecord> TrainingHistory::parseBatchesCsv(const std::string& csv) {
    std::vector<BatchRecord> out;
    for (const auto& r : parseTable(csv, kBatchHeader, 4))
        out.push_back({static_cast<long>(r[0]), static_cast<int>(r[1]), r[2], r[3]});
    return out;
}

}  // namespace driftlab
