package io.learnpulse.pipeline.functions;

import io.learnpulse.core.config.LatenessPolicy;
import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.LearnerEvent;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.Clock;
import org.apache.flink.util.clock.SystemClock;

import java.util.HashMap;
import java.util.Map;

/**
 * Event-time watermarks with each source's own lateness policy, for a stream that may carry several
 * sources at once (the simulator does). The watermark is the minimum over the sources seen of
 * {@code newest event time - max out-of-orderness - 1}; a source silent for longer than its idleness
 * stops holding it back, and when every source is idle the stream is marked idle. A stream that has carried
 * no event at all is marked idle once the default idleness has passed since it started (at once for an input
 * created with {@code idleUntilFirstEvent}).
 */
public final class PerSourceWatermarks implements WatermarkStrategy<LearnerEvent> {
    private static final long serialVersionUID = 1L;

    private final LearnPulseConfig config;
    private final boolean idleUntilFirstEvent;

    public PerSourceWatermarks(LearnPulseConfig config) {
        this(config, false);
    }

    /**
     * @param idleUntilFirstEvent mark the stream idle at once while it has carried no event (rather than after
     *     the default idleness): for inputs without a backlog at start, such as the HTTP gateway, which must not
     *     hold the job's event time back before anyone has sent anything
     */
    public PerSourceWatermarks(LearnPulseConfig config, boolean idleUntilFirstEvent) {
        this.config = config;
        this.idleUntilFirstEvent = idleUntilFirstEvent;
    }

    @Override
    public TimestampAssigner<LearnerEvent> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        return (event, previous) -> event.eventTime;
    }

    @Override
    public WatermarkGenerator<LearnerEvent> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        return new Generator(config, SystemClock.getInstance(), idleUntilFirstEvent);
    }

    static final class Generator implements WatermarkGenerator<LearnerEvent> {
        private final LearnPulseConfig config;
        private final Clock clock;
        private final Map<String, SourceClock> sources = new HashMap<>();
        private long lastEmitted = Long.MIN_VALUE;
        private boolean idle;
        /** When this generator started: a stream that has seen no event yet is idle after the default idleness. */
        private final long createdAt;
        private final boolean idleUntilFirstEvent;

        Generator(LearnPulseConfig config, Clock clock) {
            this(config, clock, false);
        }

        Generator(LearnPulseConfig config, Clock clock, boolean idleUntilFirstEvent) {
            this.config = config;
            this.clock = clock;
            this.createdAt = clock.relativeTimeMillis();
            this.idleUntilFirstEvent = idleUntilFirstEvent;
        }

        @Override
        public void onEvent(LearnerEvent event, long eventTimestamp, WatermarkOutput output) {
            SourceClock s = sources.get(event.source);
            if (s == null) {
                s = new SourceClock(config.lateness(event.source));
                sources.put(event.source, s);
            }
            if (eventTimestamp > s.maxTimestamp) {
                s.maxTimestamp = eventTimestamp;
            }
            s.lastSeen = clock.relativeTimeMillis();
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long now = clock.relativeTimeMillis();
            if (sources.isEmpty()) {
                // A stream that never carried an event (a gateway nobody has sent to yet, a parallel instance
                // without input) must not hold the job's event time back forever.
                long idleness = config.defaultLateness().idleness().toMillis();
                if (!idle && (idleUntilFirstEvent || idleness > 0 && now - createdAt >= idleness)) {
                    output.markIdle();
                    idle = true;
                }
                return;
            }
            long min = Long.MAX_VALUE;
            boolean anyActive = false;
            for (SourceClock s : sources.values()) {
                long idleness = s.policy.idleness().toMillis();
                if (idleness > 0 && now - s.lastSeen >= idleness) {
                    continue;
                }
                anyActive = true;
                long wm = s.maxTimestamp - s.policy.maxOutOfOrderness().toMillis() - 1;
                min = Math.min(min, wm);
            }
            if (!anyActive) {
                if (!idle) {
                    output.markIdle();
                    idle = true;
                }
                return;
            }
            if (idle) {
                output.markActive();
                idle = false;
            }
            if (min > lastEmitted) {
                lastEmitted = min;
                output.emitWatermark(new Watermark(min));
            }
        }
    }

    private static final class SourceClock {
        final LatenessPolicy policy;
        long maxTimestamp = Long.MIN_VALUE;
        long lastSeen;

        SourceClock(LatenessPolicy policy) {
            this.policy = policy;
        }
    }
}
