import Foundation
import GatehouseCore
import Testing

@testable import GatehouseSandbox

/// Runs real sandboxes on the backends this machine has; a backend it lacks makes the test
/// report itself skipped, with the probe's reason.
enum SandboxHarness {
    static let stateRoot = NSTemporaryDirectory() + "gatehouse-sandbox-tests"

    /// The probe, run once for the whole test run.
    static let probe = Task { await SandboxProbe.run(stateRoot: stateRoot) }

    /// The namespace backend, or a skip naming why the machine has none.
    static func namespaces() async throws -> NamespacesBackend {
        let (backends, reports) = await probe.value
        guard let backend = backends.compactMap({ $0 as? NamespacesBackend }).first else {
            let reason = reports.first { $0.name == "namespaces" }?.reason ?? "not probed"
            try Test.cancel("the namespace backend is unavailable here: \(reason)")
        }
        return backend
    }

    /// A fresh workspace directory.
    static func workspace() throws -> String {
        let path = NSTemporaryDirectory() + "gatehouse-ws-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `script` under `/bin/sh -c` in a sandbox; returns the result and the output.
    static func run(
        _ script: String, backend: any SandboxBackend, workspace: String? = nil, proxySocket: String? = nil,
        id: String = "t-" + UUID().uuidString.prefix(12).lowercased(), configure: (inout SandboxSpec) -> Void = { _ in }
    ) async throws -> (SandboxResult, OutputCollector) {
        var spec = SandboxSpec(command: ["/bin/sh", "-c", script], workspace: workspace)
        spec.limits.wallSeconds = 60
        configure(&spec)
        let output = OutputCollector()
        let result = try await backend.run(
            SandboxRun(
                id: id, spec: spec, proxySocket: proxySocket,
                output: output.collect))
        return (result, output)
    }

    /// Whether `condition` holds within `seconds`, checked every 20 ms: for what teardown makes
    /// true a moment after the event a test waited for.
    static func eventually(seconds: Double = 10, _ condition: () async -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while await !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}
