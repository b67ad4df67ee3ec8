import Foundation
import GatehouseCore
import Testing

@testable import GatehouseSandbox

/// No sandbox sees Gatehouse's own data directory or sandbox state, however the path is put.
@Suite struct PrivatePathsTests {
    @Test func pathsThatShowTheDataDirectoryAreRefused() throws {
        let base = NSTemporaryDirectory() + "gatehouse-private-" + UUID().uuidString
        let data = base + "/srv/data"
        try FileManager.default.createDirectory(atPath: data + "/mcp/images/abc", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: base + "/work", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: base + "/link", withDestinationPath: data)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let privatePaths = [SandboxSpec.resolved(data)]

        func refused(_ configure: (inout SandboxSpec) -> Void) -> String? {
            var spec = SandboxSpec(command: ["/bin/true"])
            configure(&spec)
            do {
                try spec.checkNotExposing(privatePaths)
                return nil
            } catch { return error.message }
        }
        #expect(refused { $0.workspace = data }?.contains("the workspace") == true)
        #expect(refused { $0.workspace = data + "/mcp" } != nil)  // inside
        #expect(refused { $0.readOnlyPaths = [base + "/srv"] }?.contains("the read-only path") == true)  // holds it
        #expect(refused { $0.readOnlyPaths = [base + "/link"] } != nil)  // through a symlink
        #expect(refused { $0.readOnlyPaths = [data + "/../data/."] } != nil)  // dot segments
        #expect(refused { $0.readOnlyPaths = ["/"] } != nil)
        #expect(refused { $0.root = .image(base) }?.contains("the image root") == true)
        // Elsewhere is fine, and so is an image Gatehouse unpacked inside its data directory.
        #expect(refused { $0.workspace = base + "/work" } == nil)
        #expect(refused { $0.root = .image(data + "/mcp/images/abc") } == nil)
        #expect(refused { $0.readOnlyPaths = [base + "/srv/data-other"] } == nil)
    }

    @Test func theManagerRefusesBeforeAnythingStarts() async throws {
        let backend = try await SandboxHarness.namespaces()
        let data = NSTemporaryDirectory() + "gatehouse-private-data-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let manager = SandboxManager(
            backends: [backend], reports: [], stateRoot: SandboxHarness.stateRoot, privatePaths: [data])
        for workspace in [data, SandboxHarness.stateRoot] {
            let error = await #expect(throws: GatehouseError.self) {
                _ = try await manager.start(
                    SandboxSpec(command: ["/bin/true"], workspace: workspace), on: backend, owner: "a#b"
                ) { _ in EgressDecision(allowed: false, reason: "") }
            }
            #expect(error?.code == .badRequest)
        }
        #expect(await manager.list(owner: nil).isEmpty)
    }
}
