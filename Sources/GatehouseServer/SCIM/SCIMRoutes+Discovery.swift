import GatehouseCore
import GatehouseIdentity
import HTTPTypes
import Hummingbird

extension SCIMRoutes {
    func registerDiscovery(on scim: RouterGroup<some RequestContext>) {
        // The discovery endpoints are read-only.
        for path in ["ServiceProviderConfig", "ResourceTypes", "ResourceTypes/:name", "Schemas", "Schemas/:id"] {
            for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
                scim.on(RouterPath(path), method: method) { request, _ -> Response in
                    try await run(request, .userRead, resource: "scim:\(path.split(separator: "/")[0])") { _ in
                        throw GatehouseError(.methodNotAllowed, "\(path.split(separator: "/")[0]) is read-only")
                    }
                }
            }
        }
        scim.get("ServiceProviderConfig") { request, _ -> Response in
            try await run(request, .userRead, resource: "scim:ServiceProviderConfig") { base in
                SCIMResult(status: 200, body: SCIMDiscovery.serviceProviderConfig(base: base))
            }
        }
        scim.get("ResourceTypes") { request, _ -> Response in
            try await run(request, .userRead, resource: "scim:ResourceTypes") { base in
                SCIMResult(
                    status: 200,
                    body: SCIMDiscovery.list(
                        SCIMDiscovery.resourceTypes.map { SCIMDiscovery.resourceType($0, base: base) }))
            }
        }
        scim.get("ResourceTypes/:name") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            return try await run(request, .userRead, resource: "scim:ResourceTypes") { base in
                guard let type = SCIMDiscovery.resourceTypes.first(where: { $0.name == name }) else {
                    throw GatehouseError(.notFound, "no resource type \"\(name.prefix(80))\"")
                }
                return SCIMResult(status: 200, body: SCIMDiscovery.resourceType(type, base: base))
            }
        }
        scim.get("Schemas") { request, _ -> Response in
            try await run(request, .userRead, resource: "scim:Schemas") { base in
                SCIMResult(
                    status: 200,
                    body: SCIMDiscovery.list(SCIMDiscovery.schemas.map { SCIMDiscovery.schema($0, base: base) }))
            }
        }
        scim.get("Schemas/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            return try await run(request, .userRead, resource: "scim:Schemas") { base in
                guard let schema = SCIMDiscovery.schemas.first(where: { $0.id.lowercased() == id.lowercased() }) else {
                    throw GatehouseError(.notFound, "no schema \"\(id.prefix(120))\"")
                }
                return SCIMResult(status: 200, body: SCIMDiscovery.schema(schema, base: base))
            }
        }
    }
}
