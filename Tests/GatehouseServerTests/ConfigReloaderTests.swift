import Crypto
import Foundation
import GatehouseCore
import GatehouseStore
import Logging
import Testing

@testable import GatehouseServer

@Suite struct ConfigReloaderTests {
    static let good = """
        version: 1
        groups:
          developers:
            rules:
              - {id: dev-models, effect: allow, actions: [model.use]}
        """

    static let better = """
        version: 1
        groups:
          developers:
            rules:
              - {id: dev-tools, effect: allow, actions: [tool.call]}
        """

    static let bad = """
        version: 1
        groups:
          developers:
            rulez:
              - {id: dev-tools, effect: allow, actions: [tool.call]}
        """

    @Test func validFileTakesEffectAndBadFileIsRejected() async throws {
        let directory = NSTemporaryDirectory() + "gatehouse-reload-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/gatehouse.yaml"
        try Self.good.write(toFile: path, atomically: true, encoding: .utf8)
        let holder = ConfigHolder(try ConfigParser.parse(Self.good, file: path), path: path)
        let store = try await SQLiteStore.open(path: directory + "/gatehouse.db", logger: ServerHarness.logger)
        try await store.migrate()
        let audit = AuditLog(
            store: store, sealer: AuditSealer(checkpointEvery: 100, signingKey: .init()), batchMax: 16,
            dataDir: nil, logger: ServerHarness.logger)
        let reloader = ConfigReloader(holder: holder, audit: audit, logger: ServerHarness.logger)
        let developer = Principal(issuer: "i", subject: "s", groups: ["developers"], authMethod: .accessToken)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await audit.run() }
            #expect(holder.policy.decide(developer, Action(.modelUse)).isAllowed)

            try Self.better.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(await reloader.reload())
            #expect(!holder.policy.decide(developer, Action(.modelUse)).isAllowed)
            #expect(holder.policy.decide(developer, Action(.toolCall)).rule == "dev-tools")

            try Self.bad.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(await !reloader.reload())
            #expect(holder.policy.decide(developer, Action(.toolCall)).rule == "dev-tools")
            group.cancelAll()
        }
        let records = try await store.queryAudit(AuditQuery(action: "policy.change"))
        #expect(records.map(\.event.outcome) == ["error:invalid_config", "ok"])
        #expect(records.allSatisfy { $0.event.subject == "system" && $0.event.resource == path })
        await store.shutdown()
    }
}
