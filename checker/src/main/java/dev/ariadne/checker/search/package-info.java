/**
 * What the searches share: budgets (time, memo bytes, cancellation), the memo, relaxation and
 * shrinking. {@link dev.ariadne.checker.search.Cancellation} is API; the rest is internal.
 */
package dev.ariadne.checker.search;
