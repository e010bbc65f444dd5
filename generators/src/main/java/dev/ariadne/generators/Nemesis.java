package dev.ariadne.generators;

/**
 * A user's fault hooks, as Jepsen's nemesis: the {@link Runner} calls {@link #start} and
 * {@link #stop} on a {@link FaultSchedule}'s seeded timetable while the clients run, and records
 * each call in the history as a {@code nemesis} operation ({@code :type :info}, {@code :f
 * :start-pause} and so on), so a report can be read against the faults.
 */
public interface Nemesis {
    /** Begins a fault, named as the schedule names it (for example {@code pause}, {@code partition}, {@code crash}). */
    void start(String fault) throws Exception;

    /** Ends it (resume, heal, restart). */
    void stop(String fault) throws Exception;
}
