// Which rank a process is, read from the launchers' environments (torchrun, Kubeflow's
// PyTorchJob, srun, driftlab train --world-size), and how an epoch's pairs are shared by ranks.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "learn/PairLoader.h"
#include "learn/distributed/ProcessGroupSpec.h"

using namespace driftlab;

namespace {

std::optional<ProcessGroupSpec> specFrom(const std::map<std::string, std::string>& env) {
    return processGroupFromEnvironment([&](const std::string& name) -> std::optional<std::string> {
        const auto it = env.find(name);
        if (it == env.end()) return std::nullopt;
        return it->second;
    });
}

std::string refusal(const std::map<std::string, std::string>& env) {
    try {
        specFrom(env);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "accepted";
}

}  // namespace

TEST(ProcessGroupSpec, NoLauncherMeansOneProcess) {
    EXPECT_FALSE(specFrom({}).has_value());
    EXPECT_FALSE(specFrom({{"HOME", "/home/me"}, {"MASTER_PORT", "1234"}}).has_value());
    EXPECT_FALSE(ProcessGroupSpec{}.distributed());
}

TEST(ProcessGroupSpec, TorchrunsVariables) {
    const auto s = specFrom({{"RANK", "3"},
                             {"WORLD_SIZE", "8"},
                             {"LOCAL_RANK", "1"},
                             {"LOCAL_WORLD_SIZE", "2"},
                             {"MASTER_ADDR", "10.1.2.3"},
                             {"MASTER_PORT", "29400"},
                             {"TORCHELASTIC_RUN_ID", "job7"},
                             {"TORCHELASTIC_USE_AGENT_STORE", "True"},
                             {"TORCHELASTIC_RESTART_COUNT", "2"},
                             {"GLOO_SOCKET_IFNAME", "ib0"},
                             {"DRIFTLAB_PEER_TIMEOUT", "45"}});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->rank, 3);
    EXPECT_EQ(s->worldSize, 8);
    EXPECT_EQ(s->localRank, 1);
    EXPECT_EQ(s->localWorldSize, 2);
    EXPECT_EQ(s->masterAddr, "10.1.2.3");
    EXPECT_EQ(s->masterPort, 29400);
    EXPECT_TRUE(s->launcherHostsStore);  // rank 0 must not start a second store
    EXPECT_EQ(s->storePrefix, "driftlab/attempt2");
    EXPECT_EQ(s->socketInterface, "ib0");
    EXPECT_EQ(s->timeoutSeconds, 45);
    EXPECT_EQ(s->launcher, "torchrun");
    EXPECT_EQ(s->describe(), "rank 3 of 8 (torchrun), store 10.1.2.3:29400");
}

TEST(ProcessGroupSpec, APyTorchJobsVariablesWithTheDefaultPort) {
    const auto s = specFrom({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "job-master-0"}});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->masterPort, 29500);
    EXPECT_FALSE(s->launcherHostsStore);  // rank 0 hosts the store
    EXPECT_EQ(s->launcher, "RANK / WORLD_SIZE");
}

TEST(ProcessGroupSpec, SlurmTasksInsideAJobStep) {
    const auto s = specFrom({{"SLURM_PROCID", "5"},
                             {"SLURM_NTASKS", "6"},
                             {"SLURM_LOCALID", "1"},
                             {"SLURM_NTASKS_PER_NODE", "2"},
                             {"SLURM_STEP_ID", "0"},
                             {"SLURM_LAUNCH_NODE_IPADDR", "192.168.0.7"}});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->rank, 5);
    EXPECT_EQ(s->worldSize, 6);
    EXPECT_EQ(s->localRank, 1);
    EXPECT_EQ(s->localWorldSize, 2);
    EXPECT_EQ(s->masterAddr, "192.168.0.7");
    EXPECT_EQ(s->launcher, "srun");
    // RANK / WORLD_SIZE, when a script sets them, win over Slurm's.
    const auto t = specFrom({{"SLURM_PROCID", "5"},
                             {"SLURM_NTASKS", "6"},
                             {"SLURM_STEP_ID", "0"},
                             {"RANK", "1"},
                             {"WORLD_SIZE", "2"},
                             {"MASTER_ADDR", "n1"}});
    ASSERT_TRUE(t);
    EXPECT_EQ(t->rank, 1);
    EXPECT_EQ(t->worldSize, 2);
}

TEST(ProcessGroupSpec, ABatchScriptOutsideSrunIsOneProcess) {
    // sbatch --ntasks=4 sets SLURM_NTASKS in the batch script too; only srun's tasks are ranks.
    EXPECT_FALSE(specFrom({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "4"}}).has_value());
}

TEST(ProcessGroupSpec, BadOrMissingValuesAreNamed) {
    EXPECT_EQ(refusal({{"RANK", "0"}}), "RANK is set without WORLD_SIZE");
    EXPECT_EQ(refusal({{"WORLD_SIZE", "2"}}), "WORLD_SIZE is set without RANK");
    EXPECT_EQ(refusal({{"RANK", "2"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "a"}}),
              "RANK=2 is not a whole number from 0 to 1");
    EXPECT_EQ(refusal({{"RANK", "x"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "a"}}),
              "RANK=x is not a whole number from 0 to 1");
    EXPECT_EQ(
        refusal(
            {{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "a"}, {"MASTER_PORT", "70000"}}),
        "MASTER_PORT=70000 is not a whole number from 1 to 65535");
    EXPECT_NE(refusal({{"RANK", "0"}, {"WORLD_SIZE", "2"}}).find("MASTER_ADDR is not set"),
              std::string::npos);
    // One process needs no store address.
    EXPECT_EQ(refusal({{"RANK", "0"}, {"WORLD_SIZE", "1"}}), "accepted");
}

TEST(PairLoaderShards, TheRanksBatchesTogetherAreTheSingleProcessesBiggerBatches) {
    const int pairs = 103, ranks = 4, batch = 5;
    const auto order = PairLoader::epochOrder(pairs, 9, 2, true);
    std::vector<std::vector<int>> shards;
    for (int r = 0; r < ranks; ++r) shards.push_back(PairLoader::shardOf(order, r, ranks));
    // 103 = 4 x 25 + 3: three pairs sit this epoch out, every rank has 25.
    std::set<int> seen;
    for (const auto& s : shards) {
        EXPECT_EQ(s.size(), 25u);
        seen.insert(s.begin(), s.end());
    }
    EXPECT_EQ(seen.size(), 100u);
    // Global batch k (ranks x batch pairs) = batch k of one process with ranks x batch.
    for (int k = 0; k < 5; ++k) {
        std::set<int> global, single;
        for (const auto& s : shards)
            for (int i = k * batch; i < (k + 1) * batch; ++i)
                global.insert(s[static_cast<std::size_t>(i)]);
        for (int i = k * batch * ranks; i < (k + 1) * batch * ranks; ++i)
            single.insert(order[static_cast<std::size_t>(i)]);
        EXPECT_EQ(global, single) << "batch " << k;
    }
    // Another epoch leaves out other pairs.
    const auto next = PairLoader::epochOrder(pairs, 9, 3, true);
    EXPECT_NE(std::set<int>(next.end() - 3, next.end()),
              std::set<int>(order.end() - 3, order.end()));
    EXPECT_EQ(PairLoader::shardOf(order, 0, 1), order);
}
