/**
 * Broadcast and mailbox histories: integrity, FIFO, causal and total order of deliveries, each
 * violation with the operations that show it. Not API: reached through
 * {@link dev.ariadne.checker.Ariadne} with the {@code fifo-order}, {@code causal-order} and
 * {@code total-order} models.
 */
package dev.ariadne.checker.broadcast;
