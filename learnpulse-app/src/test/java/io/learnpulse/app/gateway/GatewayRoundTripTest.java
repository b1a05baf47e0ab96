package io.learnpulse.app.gateway;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.Course;
import io.learnpulse.core.catalog.Question;
import io.learnpulse.core.catalog.Segment;
import io.learnpulse.core.catalog.Video;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.result.FusedAttempt;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.core.result.Status;
import io.learnpulse.pipeline.Engine;
import io.learnpulse.pipeline.FusionJob;
import io.learnpulse.pipeline.source.QueueSource;
import io.learnpulse.pipeline.source.RecordQueue;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.learnpulse.app.gateway.Bodies.COURSE;
import static io.learnpulse.app.gateway.Bodies.QUESTION;
import static io.learnpulse.app.gateway.Bodies.VIDEO;
import static io.learnpulse.app.gateway.Bodies.answered;
import static io.learnpulse.app.gateway.Bodies.attempt;
import static io.learnpulse.app.gateway.Bodies.time;
import static io.learnpulse.app.gateway.Bodies.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Records sent over HTTP come out of the fusion job: the gateway hands them to a {@link RecordQueue} read by a
 * {@link QueueSource} in a FusionJob on the embedded MiniCluster, and the fused attempts arrive in a sink.
 */
class GatewayRoundTripTest {
    private static final String STATEMENT_ID = "6a9e2c5e-1c1a-4f7e-9d3b-0000000000f1";

    static Catalog catalog() {
        Video v = new Video(VIDEO, COURSE, 300, List.of(new Segment("s1", VIDEO, 60, 120)));
        return new Catalog(List.of(new Course(COURSE, "Algebra", List.of(v),
                List.of(new Question(QUESTION, COURSE, List.of("k1"), VIDEO, "s1")), List.of())));
    }

    @Test
    void nativeEventsAndAnXapiStatementPostedOverHttpComeOutFused() throws Exception {
        LearnPulseConfig config = LearnPulseConfig.fromYamlString("engine:\n  checkpointing: none\ngateway:\n  port: 0\n");
        RecordQueue queue = RecordQueue.create("roundtrip-" + UUID.randomUUID(), 1000);
        CollectingSink<FusedAttempt> fused = new CollectingSink<>("fused-" + queue.name());
        CollectingSink<DeadLetter> dead = new CollectingSink<>("dead-" + queue.name());
        CollectingSink<LateEvent> late = new CollectingSink<>("late-" + queue.name());
        FusionJob.Sinks sinks = new FusionJob.Sinks();
        sinks.fused = fused;
        sinks.deadLetters = dead;
        sinks.late = late;
        JobClient client = null;
        try (Gateway gateway = Gateway.start(config, queue)) {
            client = new FusionJob(config, catalog(), List.of(new FusionJob.Input("gateway", new QueueSource(queue.name()))),
                    sinks).executeAsync(Engine.environment(config, Engine.Mode.CONTINUOUS), "gateway-round-trip");
            Http http = new Http(gateway.baseUrl());

            // Ann watches 60..100 s of the video (the segment that teaches the question is 60..120 s), then answers.
            long now = System.currentTimeMillis();
            Http.Reply events = http.postEvents("video", video("rt-v1", "ann", "play", 60, now - 120_000) + "\n"
                    + video("rt-v2", "ann", "pause", 100, now - 80_000));
            assertThat(events.status()).isEqualTo(200);
            assertThat(http.postEvents("assessment", attempt("rt-a1", "ann", false, now - 60_000)).status())
                    .isEqualTo(200);
            // Bob answers in xAPI, without having watched anything.
            Http.Reply statement = http.postStatements(answered(STATEMENT_ID, true, time(30_000)).replace(
                    "mailto:ann@example.com", "mailto:bob@example.com"));
            assertThat(statement.status()).isEqualTo(200);

            Map<String, FusedAttempt> byId = Map.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                byId = fused.collected().stream()
                        .collect(Collectors.toMap(f -> f.eventId, Function.identity(), (a, b) -> a));
                if (byId.keySet().containsAll(List.of("rt-a1", STATEMENT_ID))) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(dead.collected()).isEmpty();
            assertThat(late.collected()).isEmpty();
            assertThat(byId).containsOnlyKeys("rt-a1", STATEMENT_ID);

            FusedAttempt ann = byId.get("rt-a1");
            assertThat(ann.learnerId).isEqualTo("ann");
            assertThat(ann.courseId).isEqualTo(COURSE);
            assertThat(ann.questionId).isEqualTo(QUESTION);
            assertThat(ann.segmentId).isEqualTo("s1");
            assertThat(ann.videoCoverage).isCloseTo(40.0 / 60.0, within(1e-9));
            assertThat(ann.videoSeconds).isCloseTo(40.0, within(1e-9));
            assertThat(ann.correct).isFalse();

            FusedAttempt bob = byId.get(STATEMENT_ID);
            assertThat(bob.learnerId).isEqualTo("mailto:bob@example.com");
            assertThat(bob.questionId).isEqualTo(QUESTION);
            assertThat(bob.correct).isTrue();
            assertThat(bob.videoCoverage).isEqualTo(0.0);

            // Closing the queue ends the input: the job drains it, event time reaches its end, and every result
            // is final.
            queue.close();
            client.getJobExecutionResult().get(60, TimeUnit.SECONDS);
            client = null;
            List<FusedAttempt> finals = fused.collected().stream().filter(f -> f.status.equals(Status.FINAL)).toList();
            assertThat(finals).extracting(f -> f.eventId).containsExactlyInAnyOrder("rt-a1", STATEMENT_ID);
            assertThat(finals).filteredOn(f -> f.eventId.equals("rt-a1")).singleElement()
                    .satisfies(f -> assertThat(f.videoCoverage).isCloseTo(40.0 / 60.0, within(1e-9)));
            assertThat(late.collected()).isEmpty();
        } finally {
            if (client != null) {
                client.cancel().get(30, TimeUnit.SECONDS);
            }
            queue.close();
            fused.forget();
            dead.forget();
            late.forget();
        }
    }
}
