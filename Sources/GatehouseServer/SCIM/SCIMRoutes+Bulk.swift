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
                    let (kind, resource) = try Self.classify(operation)
                    var spineRequest = Spine.Request(
                        authorization: nil, traceparent: traceparent, action: Action(kind, resource: resource))
                    if let data = operation.data, let bytes = try? JSONEncoder().encode(data) {
                        spineRequest.payload = PayloadDigest(bytes: bytes)
                    }
                    return try await spine.authorize(caller, spineRequest) { _, _ in
                        try await perform(operation, base: base)
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

    /// The action and audited resource of one bulk operation.
    static func classify(_ operation: SCIMBulk.Operation) throws -> (ActionKind, String) {
        let parts = operation.path.split(separator: "/").map(String.init)
        guard let collection = parts.first, ["Users", "Groups"].contains(collection), parts.count <= 2 else {
            throw GatehouseError(.invalidPath, "bulk path \"\(operation.path.prefix(120))\" is not /Users or /Groups")
        }
        let resource = "scim:" + parts.joined(separator: "/")
        switch operation.method {
        case "DELETE": return (.userDeprovision, resource)
        case "PUT", "PATCH":
            let deactivates = collection == "Users" && operation.data.map(SCIMDirectory.deactivates) == true
            return (deactivates ? .userDeprovision : .userProvision, resource)
        default: return (.userProvision, resource)
        }
    }

    private func perform(_ operation: SCIMBulk.Operation, base: String) async throws -> SCIMResult {
        let parts = operation.path.split(separator: "/").map(String.init)
        let users = parts[0] == "Users"
        let preconditions = SCIMPreconditions(ifMatch: operation.version)
        let data = operation.data ?? .null
        switch (operation.method, parts.count) {
        case ("POST", 1):
            return users
                ? try await directory.createUser(data, base: base) : try await directory.createGroup(data, base: base)
        case ("PUT", 2):
            return users
                ? try await directory.replaceUser(id: parts[1], body: data, preconditions: preconditions, base: base)
                : try await directory.replaceGroup(id: parts[1], body: data, preconditions: preconditions, base: base)
        case ("PATCH", 2):
            return users
                ? try await directory.patchUser(id: parts[1], body: data, preconditions: preconditions, base: base)
                : try await directory.patchGroup(id: parts[1], body: data, preconditions: preconditions, base: base)
        case ("DELETE", 2):
            var result =
                users
                ? try await directory.deleteUser(id: parts[1], preconditions: preconditions)
                : try await directory.deleteGroup(id: parts[1], preconditions: preconditions)
            result.location = base + operation.path
            return result
        default:
            throw GatehouseError(.invalidPath, "\(operation.method) is not allowed on \(operation.path.prefix(120))")
        }
    }
}
