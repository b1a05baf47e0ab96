package io.learnpulse.core.sim;

import io.learnpulse.core.event.Sources;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of what a simulation delivered, for a summary line. */
public final class SimulationSummary {
    private long total;
    private final Map<String, Long> perSource = new LinkedHashMap<>();
    private final Map<SimRecord.Delivery, Long> perDelivery = new EnumMap<>(SimRecord.Delivery.class);
    private long v1;
    private long v2;
    private long firstArrival;
    private long lastArrival;

    public SimulationSummary() {
        for (String s : Sources.NATIVE) {
            perSource.put(s, 0L);
        }
        for (SimRecord.Delivery d : SimRecord.Delivery.values()) {
            perDelivery.put(d, 0L);
        }
    }

    /** Counts one delivered record. */
    public void add(SimRecord r) {
        if (total == 0) {
            firstArrival = r.arrivalTime;
        }
        lastArrival = r.arrivalTime;
        total++;
        perSource.merge(r.source, 1L, Long::sum);
        perDelivery.merge(r.delivery, 1L, Long::sum);
        if (r.delivery != SimRecord.Delivery.MALFORMED) {
            if (r.formatVersion == 1) {
                v1++;
            } else {
                v2++;
            }
        }
    }

    /** Delivered lines, all sources, including duplicates and malformed lines. */
    public long total() {
        return total;
    }

    /** Delivered lines per source, in the order clickstream, video, assessment. */
    public Map<String, Long> perSource() {
        return Collections.unmodifiableMap(perSource);
    }

    /** Delivered lines per delivery kind (every kind present, possibly 0). */
    public Map<SimRecord.Delivery, Long> perDelivery() {
        return Collections.unmodifiableMap(perDelivery);
    }

    /** Second deliveries of an identical line. */
    public long duplicates() {
        return perDelivery.get(SimRecord.Delivery.DUPLICATE);
    }

    public long malformed() {
        return perDelivery.get(SimRecord.Delivery.MALFORMED);
    }

    /** First deliveries beyond the allowed lateness. */
    public long late() {
        return perDelivery.get(SimRecord.Delivery.LATE);
    }

    public long offlineBurst() {
        return perDelivery.get(SimRecord.Delivery.OFFLINE_BURST);
    }

    /** Well-formed lines (duplicates included) in native v1. */
    public long v1() {
        return v1;
    }

    /** Well-formed lines (duplicates included) in native v2. */
    public long v2() {
        return v2;
    }

    /** Arrival time of the first line, epoch ms; 0 when nothing was delivered. */
    public long firstArrival() {
        return firstArrival;
    }

    /** Arrival time of the last line, epoch ms; 0 when nothing was delivered. */
    public long lastArrival() {
        return lastArrival;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(total).append(" lines");
        perSource.forEach((s, n) -> sb.append(", ").append(s).append(' ').append(n));
        sb.append("; v1 ").append(v1).append(", v2 ").append(v2)
                .append("; duplicates ").append(duplicates())
                .append(", malformed ").append(malformed())
                .append(", late ").append(late())
                .append(", offline-burst ").append(offlineBurst());
        if (total > 0) {
            sb.append("; arrivals ").append(Instant.ofEpochMilli(firstArrival))
                    .append(" .. ").append(Instant.ofEpochMilli(lastArrival));
        }
        return sb.toString();
    }
}
