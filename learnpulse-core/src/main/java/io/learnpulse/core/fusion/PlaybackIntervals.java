package io.learnpulse.core.fusion;

import io.learnpulse.core.catalog.Catalog;
import io.learnpulse.core.catalog.Video;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.event.LearnerEvent;

import java.util.Arrays;

/**
 * Rebuilds a learner's playback intervals from video events fed in event-time order (see
 * docs/formats.md, "Fusion context"). Shared by {@link FusionCalculator} and {@link WindowAggregator}.
 *
 * <p>Per video: {@code play} at p opens an interval at p; {@code pause}/{@code ended} at q, or a
 * {@code seek} from q, closes the open interval at q; a {@code seek} while playing reopens at its new
 * position; a second {@code play} while playing closes the open interval at the position reached at
 * normal speed (capped at the video's duration when the catalog knows it) and reopens. Anything else
 * (pause/seek/ended while not playing) changes nothing. An interval never runs backwards: closing
 * below its start yields nothing. {@link #closeOpenAt(long)} closes whatever is still playing at the
 * position reached at normal speed, capped at the duration.
 *
 * <p>Positions that a source left unknown (NaN, only possible for non-native formats) are handled
 * conservatively: a missing close position is replaced by the normal-speed estimate, a missing open
 * position opens nothing.
 *
 * <p>Each interval also has the event time it opened at; it lasts {@code end - start} seconds of
 * event time from there (used for window overlap).
 *
 * <p>Primitive arrays only, so feeding events allocates nothing once the arrays have grown. Not
 * thread-safe; create one per computation (or {@link #clear()} it).
 */
public final class PlaybackIntervals {

    private final Catalog catalog;

    // --- per-video playback state (a learner touches few videos, so a linear scan is fine) ---
    private String[] videoIds = new String[2];
    private double[] durations = new double[2];
    private boolean[] playing = new boolean[2];
    private long[] openTimes = new long[2];
    private double[] openPositions = new double[2];
    private int videoCount;

    // --- closed, non-empty intervals in the order they closed ---
    private int[] ivVideo = new int[4];
    private long[] ivOpenTime = new long[4];
    private double[] ivStart = new double[4];
    private double[] ivEnd = new double[4];
    private int count;

    /** @param catalog used for video durations; may be {@link Catalog#empty()} */
    public PlaybackIntervals(Catalog catalog) {
        this.catalog = catalog == null ? Catalog.empty() : catalog;
    }

    /** Forgets all state and intervals. */
    public void clear() {
        // The ids and durations of the previous use stay as a cache for the next (see videoIndex).
        videoCount = 0;
        count = 0;
    }

    /**
     * Feeds the next event in event-time order. Non-video events, and video events without a video id
     * or action, are ignored.
     */
    public void accept(LearnerEvent e) {
        if (e.kind != EventKind.VIDEO || e.videoAction == null || e.videoId == null) {
            return;
        }
        int v = videoIndex(e.videoId);
        long t = e.eventTime;
        switch (e.videoAction) {
            case PLAY:
                if (playing[v]) {
                    close(v, estimate(v, t));
                }
                open(v, t, e.position);
                break;
            case PAUSE:
            case ENDED:
                if (playing[v]) {
                    close(v, Double.isNaN(e.position) ? estimate(v, t) : e.position);
                }
                break;
            case SEEK:
                if (playing[v]) {
                    close(v, Double.isNaN(e.seekFrom) ? estimate(v, t) : e.seekFrom);
                    open(v, t, e.position);
                }
                break;
            default:
                break;
        }
    }

    /** Closes every interval still open, at the position reached at normal speed by {@code time}. */
    public void closeOpenAt(long time) {
        for (int v = 0; v < videoCount; v++) {
            if (playing[v]) {
                close(v, estimate(v, time));
            }
        }
    }

    /** Number of (non-empty) closed intervals. */
    public int size() {
        return count;
    }

    public String videoId(int i) {
        return videoIds[ivVideo[check(i)]];
    }

    /** Event time (epoch ms) at which interval {@code i} opened. */
    public long openTime(int i) {
        return ivOpenTime[check(i)];
    }

    /** Playback position (seconds) where interval {@code i} starts. */
    public double startPosition(int i) {
        return ivStart[check(i)];
    }

    /** Playback position (seconds) where interval {@code i} ends; always greater than its start. */
    public double endPosition(int i) {
        return ivEnd[check(i)];
    }

    /** Length of interval {@code i} in seconds. */
    public double seconds(int i) {
        check(i);
        return ivEnd[i] - ivStart[i];
    }

    /** Total length of all closed intervals, any video, in seconds (overlaps counted twice). */
    public double totalSeconds() {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += ivEnd[i] - ivStart[i];
        }
        return sum;
    }

    /**
     * Seconds of the position range {@code [from, to)} of {@code videoId} covered by the union of that
     * video's closed intervals.
     */
    public double coveredSeconds(String videoId, double from, double to) {
        if (videoId == null || !(to > from)) {
            return 0;
        }
        // Clip the video's intervals to [from, to) into a small scratch pair of arrays, sort by start,
        // then sweep the union.
        int n = 0;
        double[] starts = null;
        double[] ends = null;
        for (int i = 0; i < count; i++) {
            if (!videoId.equals(videoIds[ivVideo[i]])) {
                continue;
            }
            double s = Math.max(ivStart[i], from);
            double e = Math.min(ivEnd[i], to);
            if (e <= s) {
                continue;
            }
            if (starts == null) {
                starts = new double[Math.min(count, 8)];
                ends = new double[starts.length];
            } else if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            // insertion sort by start: lists are tiny
            int j = n++;
            while (j > 0 && starts[j - 1] > s) {
                starts[j] = starts[j - 1];
                ends[j] = ends[j - 1];
                j--;
            }
            starts[j] = s;
            ends[j] = e;
        }
        double covered = 0;
        double runStart = Double.NaN;
        double runEnd = Double.NaN;
        for (int i = 0; i < n; i++) {
            if (i > 0 && starts[i] <= runEnd) {
                runEnd = Math.max(runEnd, ends[i]);
            } else {
                if (i > 0) {
                    covered += runEnd - runStart;
                }
                runStart = starts[i];
                runEnd = ends[i];
            }
        }
        if (n > 0) {
            covered += runEnd - runStart;
        }
        return covered;
    }

    /**
     * Total event-time overlap, in seconds, of all closed intervals with {@code [fromTime, toTime)}.
     * Interval {@code i} spans {@code [openTime, openTime + seconds * 1000)} in event time.
     */
    public double overlapSeconds(long fromTime, long toTime) {
        double ms = 0;
        for (int i = 0; i < count; i++) {
            double s = Math.max((double) ivOpenTime[i], (double) fromTime);
            double e = Math.min(ivOpenTime[i] + (ivEnd[i] - ivStart[i]) * 1000.0, (double) toTime);
            if (e > s) {
                ms += e - s;
            }
        }
        return ms / 1000.0;
    }

    private int check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("interval " + i + ", size " + count);
        }
        return i;
    }

    private void open(int v, long time, double position) {
        if (Double.isNaN(position)) {
            playing[v] = false;
            return;
        }
        playing[v] = true;
        openTimes[v] = time;
        openPositions[v] = position;
    }

    private void close(int v, double position) {
        playing[v] = false;
        double start = openPositions[v];
        if (!(position > start)) {
            return; // never backwards; also drops NaN
        }
        if (count == ivStart.length) {
            int cap = count * 2;
            ivVideo = Arrays.copyOf(ivVideo, cap);
            ivOpenTime = Arrays.copyOf(ivOpenTime, cap);
            ivStart = Arrays.copyOf(ivStart, cap);
            ivEnd = Arrays.copyOf(ivEnd, cap);
        }
        ivVideo[count] = v;
        ivOpenTime[count] = openTimes[v];
        ivStart[count] = start;
        ivEnd[count] = position;
        count++;
    }

    /** Position reached at normal speed at {@code time}, capped at the video's duration if known. */
    private double estimate(int v, long time) {
        double pos = openPositions[v] + (time - openTimes[v]) / 1000.0;
        double duration = durations[v];
        return duration > 0 && pos > duration ? duration : pos;
    }

    private int videoIndex(String videoId) {
        for (int v = 0; v < videoCount; v++) {
            if (videoIds[v].equals(videoId)) {
                return v;
            }
        }
        if (videoCount == videoIds.length) {
            int cap = videoCount * 2;
            videoIds = Arrays.copyOf(videoIds, cap);
            durations = Arrays.copyOf(durations, cap);
            playing = Arrays.copyOf(playing, cap);
            openTimes = Arrays.copyOf(openTimes, cap);
            openPositions = Arrays.copyOf(openPositions, cap);
        }
        int v = videoCount++;
        // Reused after clear() for the same events, the videos come in the same order: keep the duration.
        if (!videoId.equals(videoIds[v])) {
            Video video = catalog.video(videoId);
            videoIds[v] = videoId;
            durations[v] = video == null ? Double.NaN : video.durationSeconds;
        }
        playing[v] = false;
        return v;
    }
}
