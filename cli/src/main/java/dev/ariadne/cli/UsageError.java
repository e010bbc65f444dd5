package dev.ariadne.cli;

import java.util.function.Supplier;

/**
 * An option the user gave that cannot be used as given (exit 64). The library's own
 * {@code IllegalArgumentException}s are not usage errors: escaping a check they are internal errors.
 */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }

    /** Reads an option's text with a library parser, its refusal as a usage error. */
    static <T> T parsing(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
