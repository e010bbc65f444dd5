package dev.ariadne.checker.split;

import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.Limits;
import dev.ariadne.history.HistoryError;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.OpType;
import dev.ariadne.history.io.HistoryFormat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A history checked part by part on one machine, holding one part at a time: the per-key and
 * per-component checks of {@link SplitPlan} without Apache Spark. One pass reads the file a batch of
 * lines at a time, names each event's keys ({@link EventKeys}; a completion without keys takes its
 * invocation's, found in the file's order) and appends the line to one of a few spill files under a
 * temporary directory, chosen by its key. When operations join keys, the spill files are dealt again
 * by component of keys ({@link KeyComponents}). Then each spill file is read back, its components are
 * checked by the library ({@link ComponentOutcome}) a few at a time and dropped, and the file deleted.
 * Memory holds a spill file's lines and the components being checked, not the history; disk holds a
 * copy of the history's event lines until they are checked.
 */
public final class SpillCheck {
    private SpillCheck() {}

    /** Where the parts are checked, as the report says. */
    public static final String WHERE = "on this machine, part by part";
    /** Spill files at most: each is open while the history is dealt. */
    static final int MAX_FILES = 256;

    /**
     * What to check.
     *
     * @param model       the model's name, or null for serializable on transactions and linearizable otherwise
     * @param datatype    the datatype's name, or null to infer it from the first lines
     * @param format      JSONL, EDN or LOG, or null to detect it from the first lines
     * @param independent values are Jepsen's independent {@code [k v]} tuples
     * @param options     the datatype's initial value and the meaning of a nil read
     * @param limits      time for the whole check (each part gets what is left), memo memory per part, and parts checked at once (0: one per core)
     * @param directory   where the temporary spill directory is made, or null for the system's temporary directory
     * @param fileBytes   about how many bytes of lines each spill file holds (its lines are held at once while its parts are checked)
     */
    public record Request(String model, String datatype, HistoryFormat format, boolean independent, DatatypeOptions options,
                          Limits limits, Path directory, long fileBytes) {
        public static final long DEFAULT_FILE_BYTES = 64L << 20;

        public static Request of(String model) {
            return new Request(model, null, null, false, DatatypeOptions.DEFAULT, Limits.DEFAULT, null, DEFAULT_FILE_BYTES);
        }
    }

    /** The spill directory could not be written (a full disk, say): a budget that ran out, not a verdict. */
    public static final class SpillFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SpillFailure(String message, IOException cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }

    /**
     * Checks the history in {@code file}. Throws {@link HistoryException} when it cannot be read
     * (located by line), {@link dev.ariadne.checker.model.UnsupportedCheck} when the model does not
     * decompose, and {@link SpillFailure} when the spill files cannot be written.
     */
    public static SplitResult check(Path file, Request request) throws HistoryException {
        long t0 = System.nanoTime();
        long deadline = request.limits().timeoutMillis() > 0 ? System.currentTimeMillis() + request.limits().timeoutMillis() : 0;
        String source = file.toString();
        SplitPlan plan = SplitPlan.of(source, head(file), request.format(), request.independent(), request.datatype(), request.model());
        long size = size(file);
        int files = (int) Math.max(1, Math.min(MAX_FILES, size / Math.max(1, request.fileBytes()) + 1));
        Path dir;
        try {
            dir = Files.createTempDirectory(request.directory() != null ? request.directory() : Path.of(System.getProperty("java.io.tmpdir")), "ariadne-split");
        } catch (IOException e) {
            throw new SpillFailure("cannot make a spill directory", e);
        }
        try {
            Spill spill = Spill.deal(file, plan.eventKeys(source), dir, files);
            KeyComponents components = KeyComponents.of(spill.pairs());
            List<Path> parts = components.shared() > 0 ? spill.regroup(components) : spill.paths;
            List<ComponentOutcome> outcomes = checkParts(parts, components, plan, source, request, deadline);
            return SplitResult.of(source, plan.model().cliName(), plan.datatype(), plan.inferred(), outcomes, spill.events,
                    components.shared(), System.nanoTime() - t0, WHERE);
        } finally {
            delete(dir);
        }
    }

    /** The history's lines dealt into spill files, and what the dealing learned. */
    private static final class Spill {
        final List<Path> paths = new ArrayList<>();
        final Set<List<String>> pairs = new HashSet<>();
        long events;

        List<String[]> pairs() {
            List<String[]> out = new ArrayList<>(pairs.size());
            for (List<String> p : pairs) out.add(p.toArray(new String[0]));
            return out;
        }

        /** Reads the file a batch at a time and appends each event's line, as {@code line TAB key TAB text}, to the file of its first key. */
        static Spill deal(Path file, EventKeys keys, Path dir, int files) throws HistoryException {
            Spill s = new Spill();
            List<HistoryError> errors = new ArrayList<>();
            int errorCount = 0;
            long anonymous = 0;
            Map<String, String[]> pending = new HashMap<>();
            BufferedWriter[] out = new BufferedWriter[files];
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (int i = 0; i < files; i++) {
                    s.paths.add(dir.resolve("part-" + i));
                    out[i] = Files.newBufferedWriter(s.paths.get(i), StandardCharsets.UTF_8);
                }
                List<String> batch = new ArrayList<>(SplitPlan.BATCH);
                long[] indexes = new long[SplitPlan.BATCH];
                long index = 0;
                for (boolean more = true; more; ) {
                    batch.clear();
                    String line;
                    while (batch.size() < SplitPlan.BATCH && (line = readLine(in, file)) != null) {
                        String l = keys.unwrap(line);
                        if (!l.isBlank()) {
                            indexes[batch.size()] = index;
                            batch.add(l);
                        }
                        index++;
                    }
                    more = batch.size() == SplitPlan.BATCH;
                    if (batch.isEmpty()) break;
                    List<EventKeys.Routed> routed;
                    try {
                        routed = keys.route(batch, indexes);
                    } catch (HistoryException e) {
                        for (HistoryError err : e.errors()) if (errors.size() < HistoryException.MAX_ERRORS) errors.add(err);
                        errorCount += e.total();
                        continue;
                    }
                    for (int i = 0, j = 0; i < routed.size(); i++) {
                        EventKeys.Routed r = routed.get(i);
                        while (indexes[j] != r.index()) j++;
                        s.events++;
                        if (r.process().isEmpty()) anonymous++;
                        String[] k = r.keys();
                        if (r.clientProcess()) {
                            // In the file's order, a completion follows its invocation: one without keys takes the invocation's.
                            if (r.type() == OpType.INVOKE) pending.put(r.process(), k);
                            else {
                                String[] invoked = pending.remove(r.process());
                                if (k.length == 0 && invoked != null) k = invoked;
                            }
                        }
                        for (int m = 1; m < k.length; m++) if (!k[m].equals(k[0])) s.pairs.add(List.of(k[0], k[m]));
                        String key = k.length == 0 ? SplitPlan.KEYLESS : k[0];
                        BufferedWriter w = out[Math.floorMod(key.hashCode(), files)];
                        w.write(Long.toString(r.index()));
                        w.write('\t');
                        w.write(key);
                        w.write('\t');
                        w.write(batch.get(j));
                        w.write('\n');
                    }
                }
                for (BufferedWriter w : out) w.close();
            } catch (IOException e) {
                throw new SpillFailure("cannot write the spill files in " + dir, e);
            } finally {
                closeQuietly(out);
            }
            if (!errors.isEmpty()) {
                errors.sort(Comparator.comparingInt(HistoryError::line));
                throw new HistoryException(errors, Math.max(errorCount, errors.size()));
            }
            if (anonymous > 0) {
                throw new HistoryException(new HistoryError(file.toString(), 0, 0, -1, anonymous + " events name no process: a split check pairs"
                        + " invocations with completions per process, so every event needs one (check this file without --split)"));
            }
            return s;
        }

        /** The spill files dealt again by component, when operations join keys: a component's lines then lie in one file. */
        List<Path> regroup(KeyComponents components) {
            Path dir = paths.get(0).getParent();
            List<Path> again = new ArrayList<>(paths.size());
            BufferedWriter[] out = new BufferedWriter[paths.size()];
            try {
                for (int i = 0; i < out.length; i++) {
                    again.add(dir.resolve("component-" + i));
                    out[i] = Files.newBufferedWriter(again.get(i), StandardCharsets.UTF_8);
                }
                for (Path p : paths) {
                    try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            int a = line.indexOf('\t'), b = line.indexOf('\t', a + 1);
                            String key = line.substring(a + 1, b);
                            String c = key.equals(SplitPlan.KEYLESS) ? key : components.of(key);
                            BufferedWriter w = out[Math.floorMod(c.hashCode(), out.length)];
                            w.write(line);
                            w.write('\n');
                        }
                    }
                    Files.delete(p);
                }
                for (BufferedWriter w : out) w.close();
            } catch (IOException e) {
                throw new SpillFailure("cannot write the spill files in " + dir, e);
            } finally {
                closeQuietly(out);
            }
            return again;
        }
    }

    /**
     * Reads each spill file back, groups its lines by component (each group in the file's order, as
     * the file was written in it) and checks the components on a pool, one file at a time.
     */
    private static List<ComponentOutcome> checkParts(List<Path> parts, KeyComponents components, SplitPlan plan, String source,
                                                     Request request, long deadline) {
        int threads = request.limits().threads() > 0 ? request.limits().threads() : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ariadne-split");
            t.setDaemon(true);
            return t;
        });
        List<ComponentOutcome> outcomes = new ArrayList<>();
        try {
            for (Path p : parts) {
                Map<String, Part> byComponent = new LinkedHashMap<>();
                try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        int a = line.indexOf('\t'), b = line.indexOf('\t', a + 1);
                        String key = line.substring(a + 1, b);
                        String c = key.equals(SplitPlan.KEYLESS) ? key : components.of(key);
                        byComponent.computeIfAbsent(c, x -> new Part()).add(Long.parseLong(line, 0, a, 10), line.substring(b + 1));
                    }
                    Files.delete(p);
                } catch (IOException e) {
                    throw new SpillFailure("cannot read the spill file " + p, e);
                }
                List<Future<ComponentOutcome>> running = new ArrayList<>(byComponent.size());
                for (Map.Entry<String, Part> e : byComponent.entrySet()) {
                    String c = e.getKey();
                    Part part = e.getValue();
                    int keys = c.equals(SplitPlan.KEYLESS) ? 0 : components.keys(c);
                    running.add(pool.submit(() -> part.check(source, plan, c, keys, componentRequest(plan, request, deadline))));
                }
                byComponent = null;
                for (Future<ComponentOutcome> f : running) {
                    ComponentOutcome o = await(f);
                    if (o != null) outcomes.add(o);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }

    /** One component's request: the plan's model and datatype, the time left, one thread (the pool runs the parts side by side). */
    private static CheckRequest componentRequest(SplitPlan plan, Request request, long deadline) {
        long left = deadline == 0 ? 0 : Math.max(1, deadline - System.currentTimeMillis());
        return CheckRequest.of(plan.model()).withDatatype(plan.datatype()).withOptions(request.options())
                .withLimits(new Limits(left, request.limits().memoryBytes(), 1));
    }

    /**
     * A component's lines with their 0-based lines in the file. They arrive in the file's order from
     * a file dealt once; from files dealt again by component, in that order within each first file only.
     */
    private static final class Part {
        final List<String> lines = new ArrayList<>();
        long[] indexes = new long[8];
        boolean sorted = true;

        void add(long index, String line) {
            int n = lines.size();
            if (n == indexes.length) indexes = java.util.Arrays.copyOf(indexes, n * 2);
            if (n > 0 && indexes[n - 1] > index) sorted = false;
            indexes[n] = index;
            lines.add(line);
        }

        /** The lines in the file's order, as one text, and their lines in the file. */
        ComponentOutcome check(String source, SplitPlan plan, String component, int keys, CheckRequest request) {
            int n = lines.size();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            if (!sorted) java.util.Arrays.sort(order, Comparator.comparingLong(i -> indexes[i]));
            StringBuilder text = new StringBuilder();
            long[] at = new long[n];
            for (int i = 0; i < n; i++) {
                at[i] = indexes[order[i]];
                text.append(lines.get(order[i])).append('\n');
            }
            lines.clear();
            return ComponentOutcome.check(source, plan.readOptions(), component, keys, text.toString(), at, request);
        }
    }

    private static ComponentOutcome await(Future<ComponentOutcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the parts were checked", e);
        } catch (ExecutionException e) {
            // What a component's check threw is thrown here as it was: out of memory stays out of memory.
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The file's first lines, to tell its format and datatype. */
    private static List<String> head(Path file) throws HistoryException {
        List<String> head = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String l = readLine(in, file); l != null && head.size() < SplitPlan.SAMPLE_LINES; l = readLine(in, file)) head.add(l);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return head;
    }

    private static String readLine(BufferedReader in, Path file) throws HistoryException {
        try {
            return in.readLine();
        } catch (java.nio.charset.MalformedInputException e) {
            throw new HistoryException(new HistoryError(file.toString(), 0, 0, -1, "not UTF-8 text (" + e.getMessage() + ")"));
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static long size(Path file) throws HistoryException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static HistoryException unreadable(Path file, IOException e) {
        return new HistoryException(new HistoryError(file.toString(), 0, 0, -1, "cannot read the file: " + e.getMessage()));
    }

    private static void closeQuietly(BufferedWriter[] out) {
        for (BufferedWriter w : out) {
            if (w == null) continue;
            try {
                w.close();
            } catch (IOException ignored) {
                // The first failure is the one reported.
            }
        }
    }

    /** The spill directory and what is left in it. */
    private static void delete(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) Files.deleteIfExists(p);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // A spill directory that cannot be emptied is left behind in the temporary directory; the verdict stands.
        }
    }
}
