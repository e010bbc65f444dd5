package dev.ariadne.checker.datatype;

/**
 * What an {@code ok} read that returns {@code nil} means. Both conventions are in real use:
 * etcd's and Porcupine's say the register held nil ({@link #ABSENT}); Knossos's say the read
 * observed nothing, so it is always legal ({@link #UNKNOWN}).
 */
public enum NilRead {
    ABSENT, UNKNOWN;

    public static NilRead parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "absent" -> ABSENT;
            case "unknown" -> UNKNOWN;
            default -> throw new IllegalArgumentException("--nil-read takes absent or unknown, not " + s);
        };
    }
}
