import Foundation
import GatehouseCore
import GatehouseServer
import GatehouseStore
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Builds the real server (SQLite store in a temporary data directory, real audit writer)
/// and runs it live on 127.0.0.1 for one test.
enum ServerHarness {
    static let adminToken = "gth_test-admin-token-0123456789abcdefghijkl"

    static let config = config(store: "sqlite:gatehouse.db")

    static func config(store: String) -> String {
        """
        version: 1
        store:
          url: "\(store)"
        audit:
          checkpoint_every: 5
        bootstrap:
          admin_token: env:GATEHOUSE_ADMIN_TOKEN
          admin_groups: [admins]
        groups:
          admins:
            rules:
              - id: admins-all
                effect: allow
                actions: ["*"]
          authenticated:
            rules:
              - id: everyone-whoami
                effect: allow
                actions: [identity.whoami, identity.logout]
              - id: own-tokens
                effect: allow
                actions: [token.create, token.list, token.revoke]
                resources: [self]
          auditors:
            rules:
              - id: auditors-read
                effect: allow
                actions: [audit.read]
              - id: auditors-no-verify
                effect: deny
                actions: [audit.verify]
                reason: auditors read; verification is for admins
        """
    }

    static let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }()

    struct Context: Sendable {
        let dataDir: String
        let configPath: String
        let client: any TestClientProtocol
    }

    static func withServer(
        config text: String = config, adminToken: String? = adminToken, environment extra: [String: String] = [:],
        _ body: @escaping @Sendable (Context) async throws -> Void
    ) async throws {
        let dataDir = NSTemporaryDirectory() + "gatehouse-server-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let configPath = dataDir + "/gatehouse.yaml"
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
        let config = try ConfigParser.parse(text, file: configPath)
        // The process environment (the test provider's client secret) plus the admin token.
        var environment = ProcessInfo.processInfo.environment
        environment["GATEHOUSE_ADMIN_TOKEN"] = adminToken
        environment.merge(extra) { _, new in new }
        var options = GatehouseServer.Options(host: "127.0.0.1", port: 0, dataDir: dataDir, configPath: configPath)
        options.probeMicroVM = false  // the sandbox suites probe it once
        let start = StartWatch()
        let app = try await GatehouseServer.build(
            config: config, options: options,
            secrets: SecretResolver(environment: environment), logger: logger, announceAdminToken: { _ in },
            onStartFailed: { start.failed($0) })
        // HummingbirdTesting waits for the server's port without end when the server does not
        // start (its start-up check failed), and not even a time limit ends that wait: the test
        // is failed with the start-up's error instead, and the stuck wait is left behind.
        let run = Task {
            try await app.test(.live) { client in
                try await body(Context(dataDir: dataDir, configPath: configPath, client: client))
            }
        }
        try await withTaskCancellationHandler {
            try await start.race(run)
        } onCancel: {
            run.cancel()
        }
    }

    static func bearer(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)"]
    }

    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            let code: String
            let message: String
        }
        let error: Detail
    }

    static func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    }
}
