import GatehouseCore
import GatehouseIdentity
import Hummingbird
import NIOCore

extension SCIMRoutes {
    /// `/Users` and `/Groups`: the same routes for each resource type.
    func registerResources(on scim: RouterGroup<some RequestContext>) {
        for type in SCIMDiscovery.resourceTypes {
            let name = String(type.endpoint.dropFirst())
            let collection = "scim:" + name
            scim.get(RouterPath(name)) { request, _ -> Response in
                try await run(request, .userRead, resource: collection) { base in
                    try await directory.list(
                        type, try SCIMListQuery(parameters: Self.parameters(request), type: type), base: base)
                }
            }
            scim.post(RouterPath(name + "/.search")) { request, _ -> Response in
                let body = try await Self.body(request)
                return try await run(request, .userRead, resource: collection, body: body) { base in
                    try await directory.list(
                        type, try SCIMListQuery(search: try Self.json(body), type: type), base: base)
                }
            }
            scim.post(RouterPath(name)) { request, _ -> Response in
                let body = try await Self.body(request)
                return try await run(request, .userProvision, resource: collection, body: body) { base in
                    try await directory.create(type, try Self.json(body), base: base)
                }
            }
            scim.get(RouterPath(name + "/:id")) { request, context -> Response in
                let id = context.parameters.get("id") ?? ""
                return try await run(request, .userRead, resource: "\(collection)/\(id)") { base in
                    let parameters = Self.parameters(request)
                    let projection = try SCIMProjection(
                        attributes: parameters["attributes"], excluded: parameters["excludedAttributes"], type: type)
                    return try await directory.get(
                        type, id: id, projection: projection, preconditions: Self.preconditions(request), base: base)
                }
            }
            scim.put(RouterPath(name + "/:id")) { request, context -> Response in
                let id = context.parameters.get("id") ?? ""
                let body = try await Self.body(request)
                let action = SCIMDirectory.changeAction(type, body: try? Self.json(body))
                return try await run(request, action, resource: "\(collection)/\(id)", body: body) { base in
                    try await directory.replace(
                        type, id: id, body: try Self.json(body), preconditions: Self.preconditions(request), base: base)
                }
            }
            scim.patch(RouterPath(name + "/:id")) { request, context -> Response in
                let id = context.parameters.get("id") ?? ""
                let body = try await Self.body(request)
                let action = SCIMDirectory.changeAction(type, body: try? Self.json(body))
                return try await run(request, action, resource: "\(collection)/\(id)", body: body) { base in
                    try await directory.patch(
                        type, id: id, body: try Self.json(body), preconditions: Self.preconditions(request), base: base)
                }
            }
            scim.delete(RouterPath(name + "/:id")) { request, context -> Response in
                let id = context.parameters.get("id") ?? ""
                return try await run(request, .userDeprovision, resource: "\(collection)/\(id)") { _ in
                    try await directory.delete(type, id: id, preconditions: Self.preconditions(request))
                }
            }
        }
    }
}
