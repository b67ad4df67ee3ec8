import AsyncHTTPClient
import Foundation
import GatehouseCore
import GatehouseServer
import GatehouseStore
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// `gatehouse-bench-telemetry`: requests/s through the whole spine (HTTP, authenticate,
/// policy.decide, the action, audit.append with its durable commit) of a live Gatehouse with
/// telemetry off (the baseline, measured in the same run) against the same server with every
/// trace exported to a local OTLP/HTTP sink, and with traces on but none sampled.
@main
struct TelemetryBench {
    static let logger: Logger = {
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        return logger
    }()

    static let token = "gth_bench-admin-token-0123456789abcdefghijkl"

    static func main() async throws {
        let arguments = CommandLine.arguments
        func option(_ name: String, _ fallback: Int) -> Int {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
            return Int(arguments[index + 1]) ?? fallback
        }
        let requests = option("--requests", 4000)
        let rounds = option("--rounds", 3)
        let sink = OTLPSink()
        try await sink.run { endpoint in
            let variants: [(String, String)] = [
                ("telemetry off (baseline)", ""),
                ("traces on, all sampled and exported", Self.telemetry(endpoint, ratio: "1.0")),
                ("traces on, none sampled", Self.telemetry(endpoint, ratio: "0.0")),
            ]
            var results: [String: [Measurement]] = [:]
            try await withServers(variants.map(\.1)) { ports in
                for concurrency in [1, 16] {
                    for port in ports {
                        _ = try await Load.run(port: port, token: token, requests: 200, concurrency: 4)
                    }
                    for _ in 0..<rounds {
                        for (index, port) in ports.enumerated() {
                            let measured = try await Load.run(
                                port: port, token: token, requests: requests, concurrency: concurrency)
                            results["\(variants[index].0)|\(concurrency)", default: []].append(measured)
                        }
                    }
                }
            }
            print("| concurrency | configuration | requests/s (best of \(rounds)) | p50 latency | ratio to off |")
            print("|---:|---|---:|---:|---:|")
            for concurrency in [1, 16] {
                let baseline = results["\(variants[0].0)|\(concurrency)"]?.map(\.perSecond).max() ?? 1
                for (name, _) in variants {
                    let runs = results["\(name)|\(concurrency)"] ?? []
                    let best = runs.max { $0.perSecond < $1.perSecond }
                    let perSecond = best?.perSecond ?? 0
                    print(
                        "| \(concurrency) | \(name) | \(Int(perSecond)) | "
                            + String(format: "%.2f ms", (best?.p50 ?? 0) * 1000) + " | "
                            + String(format: "%.2f", perSecond / baseline) + " |")
                }
            }
            print("the sink received \(sink.exports.requests) trace exports, \(sink.exports.bytes) bytes")
        }
    }

    static func telemetry(_ endpoint: String, ratio: String) -> String {
        """

        telemetry:
          otlp_endpoint: \(endpoint)
          sample_ratio: \(ratio)
          export_interval: 1s
        """
    }

    static let config = """
        version: 1
        store: {url: "sqlite:gatehouse.db"}
        bootstrap: {admin_token: env:BENCH_ADMIN_TOKEN, admin_groups: [admins]}
        groups:
          admins:
            rules:
              - {id: admins-all, effect: allow, actions: ["*"]}
        """

    /// Runs one server per config extra, each in its own data directory, for `body`.
    static func withServers(_ extras: [String], _ body: ([Int]) async throws -> Void) async throws {
        let root = NSTemporaryDirectory() + "gatehouse-bench-telemetry-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        var groups: [ServiceGroup] = []
        var ports: [Int] = []
        for (index, extra) in extras.enumerated() {
            let dataDir = root + "/\(index)"
            try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
            let text = config + extra
            let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
            var options = GatehouseServer.Options(host: "127.0.0.1", port: 0, dataDir: dataDir, configPath: nil)
            options.probeMicroVM = false
            let app = try await GatehouseServer.build(
                config: try ConfigParser.parse(text, file: "bench.yaml"), options: options,
                secrets: SecretResolver(environment: ["BENCH_ADMIN_TOKEN": token]), logger: logger,
                announceAdminToken: { _ in }, onServerRunning: { continuation.yield($0) })
            groups.append(ServiceGroup(services: [app], logger: logger))
            ports.append(0)
            let group = groups[index]
            Task { try await group.run() }
            for await port in stream {
                ports[index] = port
                break
            }
        }
        try await body(ports)
        for group in groups { await group.triggerGracefulShutdown() }
    }
}

/// One measured run.
struct Measurement: Sendable {
    var perSecond: Double
    var p50: Double
}

/// Requests `GET /api/v1/whoami` (one authenticated, decided and audited action) with a fixed
/// number of workers.
enum Load {
    static func run(port: Int, token: String, requests: Int, concurrency: Int) async throws -> Measurement {
        let clock = ContinuousClock()
        let started = clock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var mine: [Double] = []
                    for _ in stride(from: worker, to: requests, by: concurrency) {
                        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/whoami")
                        request.headers.add(name: "Authorization", value: "Bearer " + token)
                        let start = clock.now
                        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                        _ = try await response.body.collect(upTo: 1 << 20)
                        guard response.status == .ok else {
                            throw GatehouseError(.internal, "status \(response.status)")
                        }
                        let elapsed = clock.now - start
                        mine.append(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let seconds = clock.now - started
        let total = Double(seconds.components.seconds) + Double(seconds.components.attoseconds) / 1e18
        let sorted = latencies.sorted()
        return Measurement(perSecond: Double(requests) / total, p50: sorted[sorted.count / 2])
    }
}

/// An OTLP/HTTP collector that accepts and counts what it is sent.
final class OTLPSink: Sendable {
    private let received = Mutex((0, 0))

    /// Export requests and their bytes so far.
    var exports: (requests: Int, bytes: Int) { received.withLock { (requests: $0.0, bytes: $0.1) } }

    func run(_ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("/v1/traces") { request, _ -> Response in
            var request = request
            let buffer = try await request.collectBody(upTo: 64 << 20)
            self.received.withLock { $0 = ($0.0 + 1, $0.1 + buffer.readableBytes) }
            return Response(status: .ok)
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) })
        let group = ServiceGroup(services: [server], logger: TelemetryBench.logger)
        Task { try await group.run() }
        var port = 0
        for await value in stream {
            port = value
            break
        }
        try await body("http://127.0.0.1:\(port)")
        await group.triggerGracefulShutdown()
    }
}
