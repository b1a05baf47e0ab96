package io.learnpulse.app;

import io.learnpulse.core.json.LatestFinals;
import io.learnpulse.pipeline.sink.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two replay output directories the way a downstream store sees them: per key, the final",
                "record with the highest revision (status and revision aside). Exits 0 when every output matches."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "One replay's --out directory.")
    Path left;

    @Parameters(index = "1", paramLabel = "DIR", description = "Another replay's --out directory.")
    Path right;

    private static final List<String> RESULTS = List.of(OutputFiles.FUSED, OutputFiles.AGGREGATES,
            OutputFiles.QUESTION_STATS, OutputFiles.SESSIONS, OutputFiles.MASTERY);

    @Override
    public Integer call() throws Exception {
        int differing = 0;
        for (String file : RESULTS) {
            Path a = left.resolve(file);
            Path b = right.resolve(file);
            if (!Files.exists(a) || !Files.exists(b)) {
                System.out.printf(Locale.ROOT, "%-22s missing in %s%n", file, Files.exists(a) ? right : left);
                differing++;
                continue;
            }
            Map<String, String> x = LatestFinals.of(a);
            Map<String, String> y = LatestFinals.of(b);
            long diff = x.entrySet().stream().filter(e -> !e.getValue().equals(y.get(e.getKey()))).count()
                    + y.keySet().stream().filter(k -> !x.containsKey(k)).count();
            System.out.printf(Locale.ROOT, "%-22s %,9d keys | %,9d keys | %s%n", file, x.size(), y.size(),
                    diff == 0 ? "identical" : diff + " keys differ");
            if (diff > 0) {
                differing++;
                x.entrySet().stream().filter(e -> !e.getValue().equals(y.get(e.getKey()))).limit(3).forEach(e ->
                        System.out.printf("    %s%n      < %s%n      > %s%n", e.getKey(), e.getValue(), y.get(e.getKey())));
            }
        }
        return differing == 0 ? 0 : 1;
    }
}
