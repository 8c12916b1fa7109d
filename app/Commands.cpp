// The commands' common ground: the stop handlers, --version and --help. Each subcommand lives
// in its own file (GenerateCommand.cpp, InfoCommand.cpp, ...).
#include "Commands.h"

#include <vtkVersion.h>

#include <QtGlobal>
#include <atomic>
#include <csignal>
#include <iostream>

#include "DriftLabVersion.h"
#include "data/LibraryVersions.h"
#include "learn/LearningBackend.h"

namespace driftlab::cli {
namespace {

std::atomic<bool> gStop{false};

extern "C" void onStopSignal(int) {
    gStop.store(true);
    std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
    std::signal(SIGTERM, SIG_DFL);
}

}  // namespace

void installStopHandlers() {
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
}

const std::atomic<bool>* stopFlag() {
    return &gStop;
}

void printVersion() {
    // The learning module is loaded only to be asked (the other commands load it when needed).
    std::string torch;
    try {
        torch = learningBackend().torchVersion();
    } catch (const std::exception& e) {
        torch = std::string("not available (") + e.what() + ")";
    }
    std::cout << "driftlab " << kDriftLabVersion << "\n"
              << "  Qt " << qVersion() << ", VTK " << vtkVersion::GetVTKVersion() << ", HDF5 "
              << hdf5LibraryVersion() << ", LibTorch " << torch << "\n";
}

void printUsage() {
    std::cout <<
        R"(DriftLab: explore and learn Lagrangian drift in the ocean with deep learning.

Usage:
  driftlab [FILE.h5]            open the explorer on FILE, or on the built-in demo dataset
                                (generated on first use; needs an X display)
  driftlab generate OUT.h5 [options]
                                simulate a dataset of particle-density maps
  driftlab import-currents FILE.nc [MORE.nc ...] -o CURRENTS.h5 [--u NAME --v NAME]
                    [--lon-range W E] [--lat-range S N] [--time-range START END]
                    [--resolution DEG] [--depth-level K | --depth M] [--daily-mean]
                    [--direction grid|east-north] [--time-origin DATE] [--dry-run] [--force]
                                real ocean-model currents (CMEMS, HYCOM, NEMO, ROMS/CROCO, any
                                CF NetCDF-3/4 file) onto a regular DriftLab grid with the files'
                                own land mask; --dry-run prints what was detected and stops.
                                --direction: the components' direction where the file does not
                                say it; --time-origin: the start of a time axis in seconds since
                                initialisation (CROCO).
                                See docs/importing.md
  driftlab import-trajectories TRAJ.nc [MORE.nc ...] -o DATASET.h5 [--grid CURRENTS.h5 |
                    --resolution DEG --lon-range W E --lat-range S N] [--sigma CELLS]
                    [--ensemble VAR] [--days D] [--group-km KM] [--split random|chronological]
                    [--seed S] [--force]
                                particles simulated by OpenDrift or OceanParcels (or
                                UncertainDrift's density_map files) as a DriftLab dataset: one
                                release per ensemble value or per start time and place, one
                                density map per day; with --grid it carries those currents
  driftlab merge OUT.h5 PART.h5 [PART.h5 ...] [--force] [--threads T]
                                join the part files of `generate --part K/N` (any order) into
                                the file a single `generate` with the same options writes
  driftlab info FILE.h5         summary of a dataset (grid, days, releases, splits, provenance)
  driftlab render FILE.h5 --release R --day D --layer L -o OUT.png [--width W] [--height H]
                                [--range dataset|sample] [--linear] [--no-arrows] [--streamlines]
                                [--no-contours] [--no-coastline] [--no-axes]
                                [--model RUN|CHECKPOINT.pt]
                                [--side-by-side]
                                one map view as PNG, no window (needs an X display, e.g. Xvfb);
                                layers: speed, vorticity, u, v, density, density-next, mask,
                                prediction, difference (these two need --model; with a model the
                                contours are day t+1's, truth in black, prediction in orange)
                                --side-by-side: simulated day t+1 beside the prediction
  driftlab mean FILE.h5 [--split train|val|test|all] [--day D|all] [--threads T]
                    [--npy OUT.npy] [--no-cache]
                                mean density map over the dataset's maps, or a split and/or one
                                output day; --npy writes it as float64 (lat x lon, row 0 south).
                                Cached in $XDG_CACHE_HOME/driftlab (~/.cache/driftlab); --no-cache
                                computes it afresh and stores nothing
  driftlab train DATASET.h5 --out RUN_DIR [--epochs N] [--batch B] [--lr LR] [--width W]
                    [--loss mae|mse] [--recipe hybrid|research|seed] [--inputs LIST]
                    [--anchor flux|advection|persistence|none] [--advection sharp|remap]
                    [--threads T] [--seed S]
                    [--max-pairs N] [--max-val-pairs N] [--weight-decay WD] [--clip NORM]
                    [--warmup FRACTION] [--device cpu|cuda|auto] [--amp] [--or-resume]
                    [--world-size N] [--peer-timeout S] [--check-replicas]
  driftlab train --resume RUN_DIR|CHECKPOINT.pt [--epochs N] [--threads T] [--device D]
                    [--amp] [--world-size N]
                                train the seed's UNet (density at t -> density at t+1); the
                                default recipe, hybrid, feeds u, v of day t and t+1, the density
                                and its numerical advection (sharp: the maps' smoothing undone
                                before the remap and redone after; --advection remap: the
                                baseline's own), and learns the correction to the advection
                                as fluxes between cells; research = UncertainDrift's 5 channels on
                                persistence; seed = the seed's u, v, density (docs/training.md);
                                checkpoints, config.json and history CSVs in RUN_DIR; Ctrl-C
                                saves and stops (exit 130); --resume continues (also after a
                                kill), --epochs N raises the target to N epochs; --or-resume
                                continues RUN_DIR if it holds this run; --world-size N trains on
                                N processes, data-parallel (under torchrun, srun or a
                                PyTorchJob the launcher's variables say the rank instead);
                                --device auto takes a CUDA GPU when the build has one, --amp
                                bfloat16 autocast on it (docs/scaling.md)
  driftlab export-weights RUN_DIR|CHECKPOINT.pt -o WEIGHTS.pt
                                the weights as a PyTorch state dict (torch.load +
                                load_state_dict on the seed's UNet) and WEIGHTS.pt.json
  driftlab export-weights --import WEIGHTS.pt --dataset DATASET.h5 -o RUN_DIR
                                a new run starting from PyTorch weights (plain dict or
                                torch.save(model.state_dict()))
  driftlab evaluate MODEL DATASET.h5 [--split test|val|train] [-o METRICS.csv]
                    [--error-npy MAE.npy] [--batch B] [--threads T] [--device D]
                                a trained model (run folder, checkpoint or weights) on a split:
                                MSE, MAE, IoU 50/90 %, mass error, and in km the centre, spread,
                                transport, far mass and Liu & Weisberg skill, per sample and per
                                day, next to persistence (tomorrow = today) and the advection
                                baseline
  driftlab release DATASET.h5 --lon X --lat Y [--date YYYY-MM-DD | --day K] [--radius KM]
                    [--particles N] [--model RUN|CHECKPOINT.pt|WEIGHTS.pt] [--seed S]
                    [--threads T] [--device D] -o OUT.h5
                                a new release anywhere in the ocean, simulated as the dataset's
                                own releases (its dt, Kh, smoothing, days); with --model, the
                                model rolled out from the same day 0, metrics per day and the
                                time until the first day is ready; a forecast file
  driftlab rollout MODEL DATASET.h5 (--release R | --split test|val|train) -o OUT.h5
                    [--batch B] [--threads T] [--device D]
                                the model fed its own output from each release's day 0; mean
                                metrics per day; a forecast file (simulated and predicted maps)
  driftlab predict MODEL DATASET.h5 (--split test|val|train | --release R) -o OUT.h5
                    [--threads T] [--device D]
                                one-step predictions (each day from the simulated day before);
                                metrics per day; a forecast file
  driftlab export-vti DATASET.h5 --release R --day D [--model M] -o VIEW.vti
                                one sample as VTK image data (ParaView): u, v, speed, vorticity,
                                ocean_mask, density, density_next, and with a model prediction
                                and difference
  driftlab --version | --help

generate options:
  --preset demo|research        sizes to start from (default demo)
  --releases N                  number of releases
  --particles P                 particles per release
  --days D                      output days after release (maps on days 0..D)
  --resolution DEG              grid cell size in degrees, e.g. 0.0625 or 1/16
  --current-days N              days of currents to generate (default 365)
  --start-date YYYY-MM-DD       date of the first current field (default 2021-01-01)
  --radius-km R                 release disc radius (geodesic)
  --dt-hours H                  RK4 time step, must divide 24 (default 6)
  --kh KH                       random-walk diffusivity in m^2/s (default 0)
  --sigma S                     Gaussian smoothing of the maps, in cells (default 1)
  --split random|chronological  how releases are split into train/val/test (default random)
  --val-fraction F              fraction of releases for validation (default 0.1)
  --test-fraction F             fraction of releases for test (default 0.1)
  --currents FILE               use these currents instead of the synthetic ocean: a DriftLab
                                file (from import-currents, or a dataset) or NetCDF model
                                output (imported on the fly); --resolution, --current-days and
                                --start-date then do not apply
  --part K/N                    make part K of N (0-based): releases K, K + N, ... into a part
                                file; `driftlab merge OUT PARTS...` joins the N parts into the
                                very file one process would write (a Slurm job array:
                                --part $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)
  --seed S                      random seed (default 1); same seed, same bytes
  --threads T                   worker threads (default: all cores); no effect on the result
  --force                       overwrite OUT if it exists

Exit codes: 0 ok, 1 failure (a bad file or value, I/O), 2 usage error (a bad command line),
130 interrupted.
)";
}

}  // namespace driftlab::cli
