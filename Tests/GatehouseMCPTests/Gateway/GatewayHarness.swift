import Foundation
import GatehouseCore
import GatehouseSandbox
import Logging
import Testing

@testable import GatehouseMCP

/// A gateway over real PyPI MCP servers (installed by scripts/mcp-servers.sh), run in real
/// sandboxes; a machine without them makes the test report itself skipped, with the reason.
enum GatewayHarness {
    static let stateRoot = NSTemporaryDirectory() + "gatehouse-mcp-tests"

    /// One sandbox manager for the test run.
    static let manager = Task { await SandboxManager.probed(stateRoot: stateRoot, microVM: false) }

    /// The venv of a test server, or a skip naming the variable.
    static func venv(_ variable: String) throws -> String {
        guard let path = ProcessInfo.processInfo.environment[variable], FileManager.default.fileExists(atPath: path)
        else {
            try Test.cancel("\(variable) is not set: run scripts/test-deps.sh (it installs the MCP test servers)")
        }
        return path
    }

    /// A catalog with the time server (and others given), as YAML in Gatehouse's format.
    static func catalog(extra: String = "", timePool: Int = 2, timeZone: String = "UTC") throws -> MCPCatalog {
        let time = try venv("GATEHOUSE_TEST_MCP_TIME_VENV")
        let yaml = """
            registry:
              time:
                type: command
                command: [\(time)/bin/mcp-server-time, --local-timezone, "\(timeZone)"]
                paths: [\(time)]
                pool: {max: \(timePool), idle_seconds: 60}
            \(extra)
            """
        return try MCPCatalog.parse(yaml: yaml, file: "test-catalog.yaml")
    }

    /// A catalog with the fixture server (scripts/mcp/fixture_server.py on the SDK).
    /// `marker`, an argument the script ignores, tells this catalog's processes from others'.
    static func fixtureCatalog(callTimeoutSeconds: Int = 60, marker: String = "fixture") throws -> MCPCatalog {
        let python = try venv("GATEHOUSE_TEST_MCP_CLIENT")
        let venv = URL(fileURLWithPath: python).deletingLastPathComponent().deletingLastPathComponent().path
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../scripts/mcp/fixture_server.py"
        ).standardizedFileURL.path
        let yaml = """
            registry:
              fixture:
                type: command
                command: [\(python), \(script), \(marker)]
                paths: [\(venv), \((script as NSString).deletingLastPathComponent)]
                limits: {call_timeout_seconds: \(callTimeoutSeconds)}
            """
        return try MCPCatalog.parse(yaml: yaml, file: "fixture-catalog.yaml")
    }

    /// A gateway over `catalog` with one profile, `dev`, of all its servers.
    static func gateway(
        _ catalog: MCPCatalog, resultScan: GatewaySettings.ResultScan = .redact, toolListLimit: Int = 64,
        interceptors: [InterceptorSpec] = [], pool: PoolSettings = PoolSettings()
    ) async throws -> (MCPGateway, MCPCaller) {
        let manager = await manager.value
        _ = try await manager.choose("namespaces", minimum: nil)
        let logger = Logger(label: "test")
        let launcher = SandboxLauncher(
            manager: manager, secrets: { _ in [:] },
            egress: { _ in { _ in EgressDecision(allowed: false, reason: "no network in tests") } }, logger: logger)
        let profile = MCPProfile(name: "dev", servers: catalog.servers.map(\.name))
        let settings = GatewaySettings(
            catalog: catalog, profiles: [profile], pool: pool, resultScan: resultScan, toolListLimit: toolListLimit,
            interceptors: interceptors)
        let gateway = MCPGateway(
            settings: settings, launcher: launcher, interceptors: InterceptorRunner(manager: manager, http: nil),
            logger: logger)
        return (gateway, MCPCaller(profile: profile, mayCall: { _ in true }))
    }
}
