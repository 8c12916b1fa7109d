#pragma once
// Names and version of the DriftLab dataset file (docs/dataset-format.md describes it).
namespace driftlab::schema {

inline constexpr const char* kFormatAttr = "driftlab_format";
inline constexpr const char* kFormatName = "driftlab-drift-dataset";
inline constexpr const char* kVersionAttr = "driftlab_format_version";
// Version 2: the currents may have a step shorter than a day (time in hours). Files with daily
// currents are still written as version 1.
inline constexpr int kFormatVersion = 2;

// Dimensions (each is also a coordinate variable / HDF5 dimension scale).
inline constexpr const char* kLon = "lon";
inline constexpr const char* kLat = "lat";
inline constexpr const char* kTime = "time";
inline constexpr const char* kRelease = "release";
inline constexpr const char* kDay = "day";

// Variables.
inline constexpr const char* kMask = "mask";
inline constexpr const char* kU = "u";
inline constexpr const char* kV = "v";
inline constexpr const char* kDensity = "density";
inline constexpr const char* kMass = "mass";
inline constexpr const char* kBeached = "beached";
inline constexpr const char* kReleaseTime = "release_time";
inline constexpr const char* kReleaseLon = "release_lon";
inline constexpr const char* kReleaseLat = "release_lat";
inline constexpr const char* kReleaseRadius = "release_radius_km";
inline constexpr const char* kReleaseParticles = "release_particles";
inline constexpr const char* kSplit = "split";

// Forecast files (simulated and predicted maps of new or repeated releases).
inline constexpr const char* kForecastFormatName = "driftlab-forecast";
inline constexpr int kForecastFormatVersion = 1;
inline constexpr const char* kPrediction = "prediction";
inline constexpr const char* kPredictionMass = "prediction_mass";
inline constexpr const char* kAdvection = "advection";  // forecast files: the advection baseline
inline constexpr const char* kSourceRelease = "source_release";

inline constexpr const char* kTimeUnits = "days since 1970-01-01 00:00:00";
inline constexpr const char* kTimeUnitsHours = "hours since 1970-01-01 00:00:00";

}  // namespace driftlab::schema
