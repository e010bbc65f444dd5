package dev.ariadne.spark;

import dev.ariadne.checker.split.EventKeys;
import dev.ariadne.checker.split.SplitPlan;
import dev.ariadne.history.HistoryError;
import dev.ariadne.history.HistoryException;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A task's lines with their events, read a batch at a time as the task asks for them (never the
 * whole partition at once); blank lines are skipped. A batch the reader rejects is skipped and its
 * errors, located in the file, are kept in {@link #errors()} (the first pass reports them and the
 * check stops there, so the second pass never meets one).
 */
final class RoutedLines implements Iterator<Tuple2<EventKeys.Routed, String>> {
    private final Iterator<Tuple2<String, Long>> lines;
    private final EventKeys keys;
    private final List<String> batch = new ArrayList<>(SplitPlan.BATCH);
    private final long[] indexes = new long[SplitPlan.BATCH];
    private List<EventKeys.Routed> routed = List.of();
    /** For each routed event, its line's place in the batch. */
    private int[] place = new int[0];
    private int next;
    private final List<HistoryError> errors = new ArrayList<>();

    RoutedLines(Iterator<Tuple2<String, Long>> lines, EventKeys keys) {
        this.lines = lines;
        this.keys = keys;
    }

    @Override
    public boolean hasNext() {
        while (next >= routed.size()) {
            batch.clear();
            while (batch.size() < SplitPlan.BATCH && lines.hasNext()) {
                Tuple2<String, Long> t = lines.next();
                String line = keys.unwrap(t._1());
                if (line.isBlank()) continue;
                indexes[batch.size()] = t._2();
                batch.add(line);
            }
            if (batch.isEmpty()) return false;
            next = 0;
            try {
                routed = keys.route(batch, indexes);
                place = new int[routed.size()];
                for (int i = 0, j = 0; i < routed.size(); i++) {
                    while (indexes[j] != routed.get(i).index()) j++;
                    place[i] = j;
                }
            } catch (HistoryException e) {
                routed = List.of();
                for (HistoryError err : e.errors()) if (errors.size() < HistoryException.MAX_ERRORS) errors.add(err);
            }
        }
        return true;
    }

    /** The errors of the batches skipped so far, located in the file. */
    List<HistoryError> errors() {
        return errors;
    }

    @Override
    public Tuple2<EventKeys.Routed, String> next() {
        if (!hasNext()) throw new NoSuchElementException();
        int i = next++;
        return new Tuple2<>(routed.get(i), batch.get(place[i]));
    }
}
