import Foundation
import GatehouseCore
import GatehouseSandbox
import GatehouseStore
import HTTPTypes
import Hummingbird
import NIOCore

/// Sandboxes over the API, for agents and `gatehouse sandbox`: start (output streamed as JSON
/// lines), list, stop, and the backends this node has. Starting is `sandbox.start` on the
/// backend's name, so the record names the backend actually used; each egress connection is
/// `egress.connect` on `host:port`, recorded under the same trace id.
struct SandboxRoutes: Sendable {
    let spine: Spine
    let manager: SandboxManager
    let secrets: SecretResolver

    func register(on router: Router<some RequestContext>) {
        let sandboxes = router.group("/api/v1/sandboxes")
        sandboxes.get("backends") { request, _ -> Response in
            try await spine.handle(AdminRoutes.spineRequest(request, .sandboxList, resource: "backends")) { _, _ in
                JSONBody.response(BackendList(await manager.reports))
            }
        }
        sandboxes.get { request, _ -> Response in
            try await spine.handle(AdminRoutes.spineRequest(request, .sandboxList, resource: "self")) { caller, _ in
                JSONBody.response(SandboxList(await manager.list(owner: caller.principal.key)))
            }
        }
        sandboxes.delete(":id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            var spineRequest = AdminRoutes.spineRequest(request, .sandboxStop, resource: "self")
            spineRequest.payload = PayloadDigest(parameters: ["id": id])
            return try await spine.handle(spineRequest) { caller, _ in
                guard await manager.remove(id, owner: caller.principal.key) else {
                    throw GatehouseError(.notFound, "you have no running sandbox \(id.prefix(40))")
                }
                return Response(status: .noContent)
            }
        }
        sandboxes.post { request, _ -> Response in try await start(request) }
    }

    private func start(_ request: Request) async throws -> Response {
        var body = request
        let buffer: ByteBuffer
        do {
            buffer = try await body.collectBody(upTo: 256 * 1024)
        } catch {
            throw GatehouseError(.badRequest, "the request body must be JSON of at most 256 KiB")
        }
        let wanted: SandboxRequest
        do {
            wanted = try JSONDecoder().decode(SandboxRequest.self, from: Data(buffer.readableBytesView))
        } catch {
            throw GatehouseError(.badRequest, "the body must be a sandbox request: {\"command\": [...], ...}")
        }
        // The backend is chosen before the decision, so the policy decides on, and the record
        // names, the backend that will run it.
        let backendName = try await manager.choose(wanted.backend, minimum: nil).name
        let traceID = TraceID.from(traceparent: request.headers[HTTPField.Name("traceparent")!]) ?? TraceID.random()
        var spineRequest = AdminRoutes.spineRequest(request, .sandboxStart, resource: backendName)
        spineRequest.payload = PayloadDigest(bytes: buffer.readableBytesView)
        spineRequest.traceparent = "00-\(traceID)-0000000000000001-01"
        let config = spine.config.loaded.config
        return try await spine.handle(spineRequest) { caller, decision in
            let minimum = try Self.minimumIsolation(decision)
            let backend = try await manager.choose(wanted.backend, minimum: minimum)
            let spec = try wanted.spec(
                workspaceRoots: config.sandbox.workspaceRoots, imageRoots: config.sandbox.imageRoots)
            let egress = EgressGate(
                spine: spine, caller: caller, traceID: traceID, credentials: config.sandbox.egressCredentials,
                secrets: secrets)
            let started = try await spine.telemetry.span("sandbox.launch") { note in
                note.set("gatehouse.sandbox.backend", backend.name)
                return try await manager.start(
                    spec, on: backend, owner: caller.principal.key, egress: { await egress.decide($0) })
            }
            return Response(
                status: .ok, headers: [.contentType: "application/x-ndjson"],
                body: ResponseBody { writer in try await Self.stream(started, to: &writer) })
        }
    }

    /// Writes the sandbox's output as JSON lines, then its result; a client that goes away
    /// stops the sandbox.
    static func stream(_ started: SandboxManager.Started, to writer: inout any ResponseBodyWriter) async throws {
        do {
            try await writer.write(line(["sandbox": started.id, "backend": started.backend]))
            for await chunk in started.output {
                switch chunk {
                case .stdout(let data): try await writer.write(line(["stdout": data.base64EncodedString()]))
                case .stderr(let data): try await writer.write(line(["stderr": data.base64EncodedString()]))
                }
            }
            let result = try await started.result.value
            try await writer.write(line(ResultLine(result)))
            try await writer.finish(nil)
        } catch {
            started.result.cancel()
            _ = try? await started.result.value
            throw error
        }
    }

    /// The isolation level the decision's `min_isolation` obligation demands, if any.
    static func minimumIsolation(_ decision: Decision) throws(GatehouseError) -> IsolationLevel? {
        try decision.obligations["min_isolation"].map { text throws(GatehouseError) in
            guard let level = IsolationLevel(rawValue: text) else {
                throw GatehouseError(.invalidConfig, "the policy's min_isolation \(text) is not a known level")
            }
            return level
        }
    }

    static func line(_ value: some Encodable) -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        data.append(0x0A)
        return ByteBuffer(bytes: data)
    }
}
