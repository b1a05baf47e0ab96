package io.learnpulse.app;

import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.sink.OutputFiles;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.nio.file.Path;

/** The sinks of a long-running command: JSON-lines files in {@code --out DIR}, or discarding sinks. */
final class JobSinks {
    private JobSinks() {}

    static FusionJob.Sinks filesOrDiscard(Path out) {
        if (out != null) {
            return OutputFiles.in(out);
        }
        FusionJob.Sinks sinks = new FusionJob.Sinks();
        sinks.fused = new DiscardingSink<>();
        sinks.aggregates = new DiscardingSink<>();
        sinks.questionStats = new DiscardingSink<>();
        sinks.sessions = new DiscardingSink<>();
        sinks.mastery = new DiscardingSink<>();
        sinks.interventions = new DiscardingSink<>();
        sinks.deadLetters = new DiscardingSink<>();
        sinks.late = new DiscardingSink<>();
        return sinks;
    }
}
