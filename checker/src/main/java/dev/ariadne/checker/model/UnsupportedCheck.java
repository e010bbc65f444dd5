package dev.ariadne.checker.model;

/** A check Ariadne cannot run as asked: a model with no checker yet, or one that does not fit the datatype (exit 64). */
public final class UnsupportedCheck extends RuntimeException {
    public UnsupportedCheck(String message) {
        super(message);
    }
}
