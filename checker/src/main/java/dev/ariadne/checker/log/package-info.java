/**
 * Kafka-like logs: Jepsen's Kafka workload read as it is, the analyses of Jepsen's Kafka checker,
 * each error with the operations that prove it, and the independent check behind a VALID verdict.
 * Not API: reached through {@link dev.ariadne.checker.Ariadne} with the {@code log} model.
 */
package dev.ariadne.checker.log;
