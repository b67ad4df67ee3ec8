import GatehouseCore
import GatehouseIdentity
import Hummingbird

extension SCIMRoutes {
    func registerUsers(on scim: RouterGroup<some RequestContext>) {
        scim.get("Users") { request, _ -> Response in
            try await run(request, .userRead, resource: "scim:Users") { base in
                try await directory.listUsers(
                    try SCIMListQuery(parameters: Self.parameters(request), type: .user), base: base)
            }
        }
        scim.post("Users/.search") { request, _ -> Response in
            let body = try await Self.body(request)
            return try await run(request, .userRead, resource: "scim:Users", body: body) { base in
                try await directory.listUsers(try SCIMListQuery(search: try Self.json(body), type: .user), base: base)
            }
        }
        scim.post("Users") { request, _ -> Response in
            let body = try await Self.body(request)
            return try await run(request, .userProvision, resource: "scim:Users", body: body) { base in
                try await directory.createUser(try Self.json(body), base: base)
            }
        }
        scim.get("Users/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            return try await run(request, .userRead, resource: "scim:Users/\(id)") { base in
                let parameters = Self.parameters(request)
                let projection = try SCIMProjection(
                    attributes: parameters["attributes"], excluded: parameters["excludedAttributes"], type: .user)
                return try await directory.user(
                    id: id, projection: projection, preconditions: Self.preconditions(request), base: base)
            }
        }
        scim.put("Users/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            let body = try await Self.body(request)
            return try await run(request, Self.userChange(body), resource: "scim:Users/\(id)", body: body) { base in
                try await directory.replaceUser(
                    id: id, body: try Self.json(body), preconditions: Self.preconditions(request), base: base)
            }
        }
        scim.patch("Users/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            let body = try await Self.body(request)
            return try await run(request, Self.userChange(body), resource: "scim:Users/\(id)", body: body) { base in
                try await directory.patchUser(
                    id: id, body: try Self.json(body), preconditions: Self.preconditions(request), base: base)
            }
        }
        scim.delete("Users/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            return try await run(request, .userDeprovision, resource: "scim:Users/\(id)") { _ in
                try await directory.deleteUser(id: id, preconditions: Self.preconditions(request))
            }
        }
    }

    func registerGroups(on scim: RouterGroup<some RequestContext>) {
        scim.get("Groups") { request, _ -> Response in
            try await run(request, .userRead, resource: "scim:Groups") { base in
                try await directory.listGroups(
                    try SCIMListQuery(parameters: Self.parameters(request), type: .group), base: base)
            }
        }
        scim.post("Groups/.search") { request, _ -> Response in
            let body = try await Self.body(request)
            return try await run(request, .userRead, resource: "scim:Groups", body: body) { base in
                try await directory.listGroups(try SCIMListQuery(search: try Self.json(body), type: .group), base: base)
            }
        }
        scim.post("Groups") { request, _ -> Response in
            let body = try await Self.body(request)
            return try await run(request, .userProvision, resource: "scim:Groups", body: body) { base in
                try await directory.createGroup(try Self.json(body), base: base)
            }
        }
        scim.get("Groups/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            return try await run(request, .userRead, resource: "scim:Groups/\(id)") { base in
                let parameters = Self.parameters(request)
                let projection = try SCIMProjection(
                    attributes: parameters["attributes"], excluded: parameters["excludedAttributes"], type: .group)
                return try await directory.group(
                    id: id, projection: projection, preconditions: Self.preconditions(request), base: base)
            }
        }
        scim.put("Groups/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            let body = try await Self.body(request)
            return try await run(request, .userProvision, resource: "scim:Groups/\(id)", body: body) { base in
                try await directory.replaceGroup(
                    id: id, body: try Self.json(body), preconditions: Self.preconditions(request), base: base)
            }
        }
        scim.patch("Groups/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            let body = try await Self.body(request)
            return try await run(request, .userProvision, resource: "scim:Groups/\(id)", body: body) { base in
                try await directory.patchGroup(
                    id: id, body: try Self.json(body), preconditions: Self.preconditions(request), base: base)
            }
        }
        scim.delete("Groups/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            return try await run(request, .userDeprovision, resource: "scim:Groups/\(id)") { _ in
                try await directory.deleteGroup(id: id, preconditions: Self.preconditions(request))
            }
        }
    }

    /// A change that deactivates the user is a deprovisioning, decided and recorded as such.
    static func userChange(_ body: ByteBuffer) -> ActionKind {
        guard let json = try? json(body) else { return .userProvision }
        return SCIMDirectory.deactivates(json) ? .userDeprovision : .userProvision
    }
}
