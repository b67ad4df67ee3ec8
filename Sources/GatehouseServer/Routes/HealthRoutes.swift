import GatehouseCore
import GatehouseStore
import Hummingbird
import Prometheus

/// Unauthenticated probes: liveness, readiness (the store answers) and Prometheus metrics.
struct HealthRoutes: Sendable {
    let store: any GatehouseStore
    let registry: PrometheusCollectorRegistry

    func register(on router: Router<some RequestContext>) {
        router.get("/healthz") { _, _ in
            JSONBody.response(["status": "ok"])
        }
        router.get("/readyz") { _, _ -> Response in
            try await store.ping()
            return JSONBody.response(["status": "ready", "store": store.driverName])
        }
        router.get("/metrics") { _, _ -> Response in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(16_384)
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
