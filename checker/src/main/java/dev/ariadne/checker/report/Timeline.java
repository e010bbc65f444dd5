package dev.ariadne.checker.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An ASCII timeline of a few operations: one lane per process, time running left to right in
 * history order, each operation drawn as {@code [label---]} from its invocation to its completion
 * (an open end {@code >} for one that never completed or ended with info).
 */
public final class Timeline {
    private Timeline() {}

    public static String render(List<OpView> ops) {
        if (ops.isEmpty()) return "";
        TreeSet<Integer> points = new TreeSet<>();
        for (OpView o : ops) {
            points.add(o.invokePosition());
            if (o.completePosition() >= 0 && o.outcome().equals("ok")) points.add(o.completePosition());
        }
        Integer[] sorted = points.toArray(new Integer[0]);
        Map<Integer, Integer> x = new LinkedHashMap<>();
        int open = 0;
        for (OpView o : ops) if (!closed(o)) open = Math.max(open, label(o).length() + 3);
        int cursor = 0;
        for (Integer p : sorted) {
            int at = cursor;
            for (OpView o : ops) {
                if (closed(o) && o.completePosition() == p) {
                    // A history of completions only has each operation begin and end at one point.
                    Integer begin = x.get(o.invokePosition());
                    at = Math.max(at, (begin == null ? at : begin) + label(o).length() + 3);
                }
            }
            x.put(p, at);
            cursor = at + 2;
        }
        int width = cursor + open + 2;
        Map<String, char[]> lanes = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (OpView o : ops) {
            if (!lanes.containsKey(o.process())) {
                char[] lane = new char[width];
                Arrays.fill(lane, ' ');
                lanes.put(o.process(), lane);
                order.add(o.process());
            }
        }
        order.sort((a, b) -> compareProcesses(a, b));
        for (OpView o : ops) {
            char[] lane = lanes.get(o.process());
            int from = x.get(o.invokePosition());
            String label = label(o);
            int to = closed(o) ? x.get(o.completePosition()) : from + label.length() + 2;
            lane[from] = '[';
            for (int i = from + 1; i < to; i++) lane[i] = '-';
            for (int i = 0; i < label.length() && from + 1 + i < to; i++) lane[from + 1 + i] = label.charAt(i);
            lane[to] = closed(o) ? ']' : '>';
        }
        int pad = 0;
        for (String p : order) pad = Math.max(pad, p.length() + 1);
        StringBuilder sb = new StringBuilder();
        for (String p : order) {
            String name = "p" + p;
            sb.append(name).append(" ".repeat(pad + 2 - name.length())).append(new String(lanes.get(p)).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static boolean closed(OpView o) {
        return o.completePosition() >= 0 && o.outcome().equals("ok");
    }

    private static String label(OpView o) {
        return "#" + o.index() + " " + Abbreviation.shorten(o.description());
    }

    private static int compareProcesses(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
