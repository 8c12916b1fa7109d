// Data-parallel training's building blocks (model/learn/distributed/), with the ranks as threads
// of this process talking Gloo over 127.0.0.1: what makes N ranks with batch b train the model
// one process trains with batch N*b. In float64, so that rounding cannot hide a wrong formula;
// tests/distributed/data_parallel_test.sh checks the same end to end with real processes.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <torch/torch.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <future>
#include <thread>

#include "learn/UNet.h"
#include "learn/distributed/Collective.h"
#include "learn/distributed/ReplicaSync.h"
#include "learn/distributed/SyncBatchNorm.h"

using namespace driftlab;

namespace {

int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

ProcessGroupSpec specOf(int rank, int world, int port, double timeout = 20) {
    ProcessGroupSpec s;
    s.rank = rank;
    s.worldSize = world;
    s.localWorldSize = world;
    s.masterAddr = "127.0.0.1";
    s.masterPort = port;
    s.timeoutSeconds = timeout;
    s.launcher = "test threads";
    return s;
}

// Runs body(rank, group) on `world` threads, one rank each; rethrows the first failure.
void onRanks(int world, const std::function<void(int, Collective&)>& body, double timeout = 20) {
    const int port = freePort();
    std::vector<std::future<void>> ranks;
    for (int r = 0; r < world; ++r)
        ranks.push_back(std::async(std::launch::async, [=] {
            auto group = joinProcessGroup(specOf(r, world, port, timeout));
            body(r, *group);
        }));
    for (auto& f : ranks) f.get();
}

struct Batch {
    torch::Tensor x, y;
};

Batch batchOf(int samples, std::uint64_t seed) {
    torch::manual_seed(seed);
    auto o = torch::TensorOptions().dtype(torch::kFloat64);
    return {torch::randn({samples, 3, 16, 16}, o), torch::rand({samples, 1, 16, 16}, o)};
}

UNet modelOf() {
    torch::manual_seed(7);
    UNet m(3, 1, 4);
    m->to(torch::kFloat64);
    m->train();
    return m;
}

torch::Tensor lossOf(UNet& m, const Batch& b) {
    return (m->forward(b.x) - b.y).pow(2).mean();
}

std::map<std::string, torch::Tensor> stateOf(UNet& m) {
    std::map<std::string, torch::Tensor> s;
    for (const auto& p : m->named_parameters()) s[p.key()] = p.value().detach().clone();
    for (const auto& b : m->named_buffers()) s[b.key()] = b.value().detach().clone();
    return s;
}

std::map<std::string, torch::Tensor> gradientsOf(UNet& m) {
    std::map<std::string, torch::Tensor> g;
    for (const auto& p : m->named_parameters()) g[p.key()] = p.value().grad().detach().clone();
    return g;
}

double maxDifference(const std::map<std::string, torch::Tensor>& a,
                     const std::map<std::string, torch::Tensor>& b) {
    double worst = 0;
    for (const auto& [key, t] : a)
        worst = std::max(
            worst,
            (t.to(torch::kFloat64) - b.at(key).to(torch::kFloat64)).abs().max().item<double>());
    return worst;
}

}  // namespace

TEST(Distributed, TwoRanksWithHalfTheBatchComputeTheGradientOfTheWholeBatch) {
    // One process, batch 8: BatchNorm's statistics over the 8 samples.
    const Batch whole = batchOf(8, 3);
    UNet reference = modelOf();
    lossOf(reference, whole).backward();
    const auto expectedGrads = gradientsOf(reference);
    const auto expectedState = stateOf(reference);  // running statistics after one batch

    // Torch's random generator is global: models and batches are made before the threads.
    std::vector<UNet> models{modelOf(), modelOf()};
    std::vector<std::map<std::string, torch::Tensor>> grads(2), states(2);
    onRanks(2, [&](int rank, Collective& group) {
        UNet& m = models[static_cast<std::size_t>(rank)];
        broadcastModule(*m, group);
        const Batch half{whole.x.narrow(0, 4 * rank, 4), whole.y.narrow(0, 4 * rank, 4)};
        SyncBatchNormScope sync(&group);
        lossOf(m, half).backward();
        averageGradients(*m, group, 4096);  // small buckets: several all-reduces in flight
        grads[static_cast<std::size_t>(rank)] = gradientsOf(m);
        states[static_cast<std::size_t>(rank)] = stateOf(m);
    });
    for (int r = 0; r < 2; ++r) {
        EXPECT_LT(maxDifference(expectedGrads, grads[r]), 1e-12) << "rank " << r;
        EXPECT_LT(maxDifference(expectedState, states[r]), 1e-12) << "rank " << r;
    }
    // Without the synchronised statistics the ranks' gradients are not the whole batch's:
    // the test can tell.
    UNet local = modelOf();
    lossOf(local, {whole.x.narrow(0, 0, 4), whole.y.narrow(0, 0, 4)}).backward();
    EXPECT_GT(maxDifference(expectedGrads, gradientsOf(local)), 1e-6);
}

TEST(Distributed, AdamStepsOnTwoRanksFollowTheSingleProcessAndStayBitIdentical) {
    constexpr int kSteps = 6;
    UNet reference = modelOf();
    torch::optim::AdamW refOpt(reference->parameters(), torch::optim::AdamWOptions(2e-3));
    for (int s = 0; s < kSteps; ++s) {
        refOpt.zero_grad();
        lossOf(reference, batchOf(8, 100 + s)).backward();
        refOpt.step();
    }
    const auto expected = stateOf(reference);

    std::vector<UNet> models{modelOf(), modelOf()};
    std::vector<Batch> batches;
    for (int s = 0; s < kSteps; ++s) batches.push_back(batchOf(8, 100 + s));
    std::vector<std::map<std::string, torch::Tensor>> finals(2);
    std::vector<std::uint64_t> sums(2);
    onRanks(2, [&](int rank, Collective& group) {
        UNet& m = models[static_cast<std::size_t>(rank)];
        // Rank 1 starts from other weights: the broadcast must replace them.
        if (rank == 1) {
            torch::NoGradGuard noGrad;
            for (auto& p : m->parameters()) p.add_(0.5);
        }
        broadcastModule(*m, group);
        torch::optim::AdamW opt(m->parameters(), torch::optim::AdamWOptions(2e-3));
        SyncBatchNormScope sync(&group);
        for (int s = 0; s < kSteps; ++s) {
            const Batch& b = batches[static_cast<std::size_t>(s)];
            opt.zero_grad();
            lossOf(m, {b.x.narrow(0, 4 * rank, 4), b.y.narrow(0, 4 * rank, 4)}).backward();
            averageGradients(*m, group);
            opt.step();
            verifyReplicas(*m, group, "after step " + std::to_string(s + 1));
        }
        finals[static_cast<std::size_t>(rank)] = stateOf(m);
        sums[static_cast<std::size_t>(rank)] = replicaChecksum(*m);
    });
    EXPECT_EQ(sums[0], sums[1]);
    EXPECT_LT(maxDifference(expected, finals[0]), 1e-9);
}

TEST(Distributed, DifferentReplicasAreCaught) {
    std::vector<UNet> models{modelOf(), modelOf()};
    onRanks(2, [&](int rank, Collective& group) {
        UNet& m = models[static_cast<std::size_t>(rank)];
        if (rank == 1) {
            torch::NoGradGuard noGrad;
            m->parameters()[0].view({-1})[0].add_(1e-9);  // one weight, barely
        }
        try {
            verifyReplicas(*m, group, "on purpose");
            ADD_FAILURE() << "rank " << rank << ": the difference went unnoticed";
        } catch (const DistributedError& e) {
            EXPECT_NE(std::string(e.what()).find("differs between the ranks"), std::string::npos);
        }
    });
}

TEST(Distributed, AFailureOnOneRankStopsEveryRankNamingIt) {
    onRanks(3, [](int rank, Collective& group) {
        try {
            agreeOn(group, "opening the dataset", [&] {
                if (rank == 2) throw std::runtime_error("train.h5: no such file");
            });
            ADD_FAILURE() << "rank " << rank << " went on";
        } catch (const DistributedError& e) {
            EXPECT_NE(rank, 2);
            EXPECT_NE(std::string(e.what()).find("rank 2 failed during opening the dataset"),
                      std::string::npos)
                << e.what();
        } catch (const std::runtime_error& e) {
            EXPECT_EQ(rank, 2);
            EXPECT_STREQ(e.what(), "train.h5: no such file");
        }
    });
}

TEST(Distributed, APeerThatLeavesMakesTheSurvivorThrowAtOnce) {
    const int port = freePort();
    std::promise<void> joined;
    auto leaver = std::async(std::launch::async, [&] {
        auto group = joinProcessGroup(specOf(1, 2, port));
        joined.set_value();
        // Leaves: its connections close when the group is destroyed.
    });
    auto group = joinProcessGroup(specOf(0, 2, port));
    joined.get_future().get();
    leaver.get();
    const auto start = std::chrono::steady_clock::now();
    std::vector<torch::Tensor> t{torch::ones({4})};
    try {
        group->allReduce(t, ReduceKind::Sum, "the all-reduce of the gradients");
        ADD_FAILURE() << "the all-reduce succeeded without its peer";
    } catch (const DistributedError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("rank 0 of 2: the all-reduce of the gradients failed: rank 1 has "
                               "stopped (no sign of life for 3 s)"),
                  std::string::npos)
            << message;
    }
    // At once, plus the 3 s that tell which rank stopped.
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(6));
}

TEST(Distributed, APeerThatNeverComesIsReportedAfterTheTimeout) {
    const auto start = std::chrono::steady_clock::now();
    try {
        joinProcessGroup(specOf(0, 2, freePort(), 2));
        ADD_FAILURE() << "joined a group of two alone";
    } catch (const DistributedError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot join the training group at 127.0.0.1"),
                  std::string::npos)
            << e.what();
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_GE(seconds, 1.5);
    EXPECT_LT(seconds, 30);
}
