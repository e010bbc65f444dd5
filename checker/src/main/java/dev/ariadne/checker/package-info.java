/**
 * Ariadne's front door: {@link dev.ariadne.checker.Ariadne#check} and {@link dev.ariadne.checker.Ariadne#checkAll}.
 *
 * <p>The API a user needs is this package, {@code model} ({@code CheckRequest}, {@code Limits},
 * {@code ConsistencyModel}, {@code UnsupportedCheck}), {@code datatype} (the {@code Datatype}
 * interface, {@code BuiltinDatatype}, {@code DatatypeOptions}, {@code DatatypeMismatch}), {@code report}
 * (the results and their text and JSON renderings), {@code search.Cancellation} and {@code assertj}.
 * The algorithm families ({@code linearizable}, {@code weak}, {@code txn}, {@code certify}) and
 * {@code search}'s other types are public only because the packages call each other; they are not
 * API and change without notice.
 */
package dev.ariadne.checker;
