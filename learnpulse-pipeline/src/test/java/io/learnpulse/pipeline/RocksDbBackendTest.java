package io.learnpulse.pipeline;

import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.json.LatestFinals;
import io.learnpulse.pipeline.sink.OutputFiles;
import io.learnpulse.pipeline.source.FileInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The RocksDB state backend, selected in the config, gives the same results as the heap backend. */
class RocksDbBackendTest {

    @TempDir
    Path dir;

    @Test
    void scenarioResultsAreTheSameOnRocksDb() throws Exception {
        FusionJobScenarioTest.writeScenario(dir);
        LearnPulseConfig heap = LearnPulseConfig.defaults().withoutIdleness();
        LearnPulseConfig rocks = LearnPulseConfig.fromYamlString(
                "engine:\n  state-backend: rocksdb\n  checkpoint-dir: " + dir.resolve("cp").toUri()).withoutIdleness();
        assertThat(rocks.stateBackend()).isEqualTo("rocksdb");
        for (LearnPulseConfig config : List.of(heap, rocks)) {
            new FusionJob(config, TestEvents.catalog(), FileInputs.of(dir),
                    OutputFiles.in(dir.resolve("out-" + config.stateBackend())))
                    .execute(Engine.environment(config, Engine.Mode.BOUNDED), "backend-" + config.stateBackend());
        }
        for (String file : List.of(OutputFiles.FUSED, OutputFiles.AGGREGATES, OutputFiles.QUESTION_STATS,
                OutputFiles.SESSIONS, OutputFiles.MASTERY)) {
            assertThat(LatestFinals.of(dir.resolve("out-rocksdb").resolve(file))).as(file)
                    .isNotEmpty()
                    .isEqualTo(LatestFinals.of(dir.resolve("out-hashmap").resolve(file)));
        }
        assertThat(Files.readAllLines(dir.resolve("out-rocksdb").resolve(OutputFiles.LATE))).hasSize(1);
    }
}
