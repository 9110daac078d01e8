package org.churnrisk.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] Spark session for every test of the JVM: starting Spark costs seconds. */
final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = ChurnSparkJob.configure(SparkSession.builder().master("local[2]").appName("churn-spark-test")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")).getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }
}
