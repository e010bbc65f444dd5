package dev.ariadne.spark;

import org.apache.spark.sql.SparkSession;

/** One Spark session in local mode for all the module's tests (starting one takes seconds). */
final class LocalSpark {
    private LocalSpark() {}

    private static SparkSession session;

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder().appName("ariadne-test").master("local[2]")
                    .config("spark.ui.enabled", "false")
                    // As SparkMain sets it: the values that cross a shuffle must be ones Kryo can make (not records).
                    .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    // Tasks that fail are not retried: a test sees the first failure.
                    .config("spark.task.maxFailures", "1")
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
        }
        return session;
    }
}
