import Metrics
public import Prometheus
import Synchronization

/// One Prometheus registry per process, installed as the swift-metrics backend on first use.
public enum MetricsSetup {
    private static let installed = Mutex<PrometheusCollectorRegistry?>(nil)

    /// The process's registry; the first call bootstraps swift-metrics with it.
    public static func registry() -> PrometheusCollectorRegistry {
        installed.withLock { current in
            if let current { return current }
            let registry = PrometheusCollectorRegistry()
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.defaultDurationHistogramBuckets = [
                .microseconds(500), .milliseconds(1), .milliseconds(5), .milliseconds(25),
                .milliseconds(100), .milliseconds(500), .seconds(2), .seconds(10),
            ]
            MetricsSystem.bootstrap(factory)
            current = registry
            return registry
        }
    }
}
