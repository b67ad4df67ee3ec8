import Foundation
import GatehouseCore
import GatehouseIdentity
import HTTPTypes
import Hummingbird
import Logging

extension SCIMRoutes {
    /// `POST /Bulk`: the client authenticates once; each operation is decided and recorded on
    /// its own, as if it had been sent alone.
    func bulk(_ request: Request) async throws -> Response {
        let caller = try await authenticate(request, resource: "scim:Bulk")
        let base = try PublicURL.base(request, config: spine.config.loaded.config) + Self.prefix
        let bulk = try SCIMBulk(try Self.json(try await Self.body(request)))
        let traceparent = request.headers[HTTPField.Name("traceparent")!]
        let logger = spine.logger
        let response = await bulk.run(
            perform: { operation in
                do {
                    let (type, kind, resource) = try Self.classify(operation)
                    var spineRequest = Spine.Request(
                        authorization: nil, traceparent: traceparent, action: Action(kind, resource: resource))
                    if let data = operation.data, let bytes = try? JSONEncoder().encode(data) {
                        spineRequest.payload = PayloadDigest(bytes: bytes)
                    }
                    return try await spine.authorize(caller, spineRequest) { _, _ in
                        try await perform(operation, type: type, base: base)
                    }
                } catch {
                    let (status, shown) = ErrorMiddleware<BasicRequestContext>.public(error, logger: logger)
                    return SCIMResponse.error(shown, status: status)
                }
            },
            failure: { error in
                let (status, shown) = ErrorMiddleware<BasicRequestContext>.public(error, logger: logger)
                return SCIMResponse.error(shown, status: status)
            })
        return SCIMResponse.make(SCIMResult(status: 200, body: response))
    }

    /// The resource type, action and audited resource of one bulk operation.
    static func classify(_ operation: SCIMBulk.Operation) throws -> (SCIMResourceType, ActionKind, String) {
        let parts = operation.path.split(separator: "/").map(String.init)
        guard let collection = parts.first, let type = SCIMDirectory.type(named: collection), parts.count <= 2 else {
            throw GatehouseError(.invalidPath, "bulk path \"\(operation.path.prefix(120))\" is not /Users or /Groups")
        }
        let resource = "scim:" + parts.joined(separator: "/")
        switch operation.method {
        case "DELETE": return (type, .userDeprovision, resource)
        case "PUT", "PATCH": return (type, SCIMDirectory.changeAction(type, body: operation.data), resource)
        default: return (type, .userProvision, resource)
        }
    }

    private func perform(_ operation: SCIMBulk.Operation, type: SCIMResourceType, base: String) async throws
        -> SCIMResult
    {
        let parts = operation.path.split(separator: "/").map(String.init)
        let preconditions = SCIMPreconditions(ifMatch: operation.version)
        let data = operation.data ?? .null
        switch (operation.method, parts.count) {
        case ("POST", 1):
            return try await directory.create(type, data, base: base)
        case ("PUT", 2):
            return try await directory.replace(type, id: parts[1], body: data, preconditions: preconditions, base: base)
        case ("PATCH", 2):
            return try await directory.patch(type, id: parts[1], body: data, preconditions: preconditions, base: base)
        case ("DELETE", 2):
            var result = try await directory.delete(type, id: parts[1], preconditions: preconditions)
            result.location = base + operation.path
            return result
        default:
            throw GatehouseError(.invalidPath, "\(operation.method) is not allowed on \(operation.path.prefix(120))")
        }
    }
}
