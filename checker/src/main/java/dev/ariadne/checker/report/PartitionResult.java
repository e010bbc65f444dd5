package dev.ariadne.checker.report;

/**
 * The outcome for one independently checked part of a history (a key, or the whole history).
 *
 * @param partition  the key, or {@code "*"}
 * @param operations operations in it (fails excluded)
 * @param verdict    its verdict
 * @param detail     why it is UNKNOWN, or null
 * @param nanos      time spent on it
 * @param explored   configurations the search visited
 */
public record PartitionResult(String partition, int operations, Verdict verdict, String detail, long nanos, long explored) {}
