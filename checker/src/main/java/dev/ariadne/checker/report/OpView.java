package dev.ariadne.checker.report;

/**
 * An operation as a report shows it.
 *
 * @param index            the invocation's {@code index} in the history
 * @param process          the process as the history names it
 * @param description      e.g. {@code write 3} or {@code read → 4}
 * @param outcome          {@code ok}, {@code info} or {@code fail}
 * @param invokePosition   the invocation's position among the history's events
 * @param completePosition the completion's position, or -1 when it never completed
 */
public record OpView(long index, String process, String description, String outcome, int invokePosition, int completePosition) {

    /** The view of an operation of a history, with the datatype's description of it. */
    public static OpView of(dev.ariadne.history.History h, dev.ariadne.history.Operation o, String description) {
        com.fasterxml.jackson.databind.JsonNode name = h.processName(o.process());
        String process = name == null ? "?" + o.process() : dev.ariadne.history.Values.show(name);
        return new OpView(o.index(), process, description, o.outcome().jepsenName(), o.invokePosition(), o.completePosition());
    }

    /** For text: long descriptions shortened ({@link Abbreviation}); {@code description} itself stays whole. */
    @Override
    public String toString() {
        return "op " + index + " (p" + process + " " + Abbreviation.shorten(description) + (outcome.equals("ok") ? "" : ", " + outcome) + ")";
    }
}
