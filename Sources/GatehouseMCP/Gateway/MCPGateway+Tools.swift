public import GatehouseCore
import Logging

/// Tool aggregation: the tools of the caller's profile, each under its exposed name, only those
/// the profile and the policy allow.
extension MCPGateway {
    /// The tools `caller` may call, in profile order, and the servers that could not be listed
    /// (with why). Servers are listed concurrently; one that fails does not hide the others.
    public func tools(for caller: MCPCaller) async -> (tools: [ExposedTool], unavailable: [String: String]) {
        let servers = caller.profile.servers.compactMap { settings.server($0) }
        var listed: [String: ServerListing] = [:]
        var unavailable: [String: String] = [:]
        await withTaskGroup(of: (String, Result<ServerListing, RPCError>).self) { group in
            for server in servers {
                group.addTask {
                    // One return of a tuple built once: returning it from both arms of a
                    // do/catch is miscompiled by Swift 6.3.1 at -O (a crash or a wrong value;
                    // reproduced outside Gatehouse).
                    let result: Result<ServerListing, RPCError>
                    do throws(RPCError) {
                        result = .success(try await self.listing(of: server))
                    } catch {
                        result = .failure(error)
                    }
                    return (server.name, result)
                }
            }
            for await (name, result) in group {
                switch result {
                case .success(let listing): listed[name] = listing
                case .failure(let error): unavailable[name] = error.message
                }
            }
        }
        for (name, reason) in unavailable {
            logger.warning("an MCP server could not be listed", metadata: ["server": "\(name)", "reason": "\(reason)"])
        }
        var tools: [ExposedTool] = []
        for server in servers {
            for definition in listed[server.name]?.tools ?? [] {
                guard let name = definition["name"]?.stringValue else { continue }
                let exposed = ExposedTool.name(server: server, tool: name)
                guard caller.profile.allows(server: server.name, tool: name, exposedName: exposed),
                    caller.mayCall(server.name + "/" + name)
                else { continue }
                var renamed = definition
                renamed["name"] = .string(exposed)
                tools.append(ExposedTool(server: server.name, tool: name, exposedName: exposed, definition: renamed))
            }
        }
        return (tools, unavailable)
    }

    /// The `tools/list` answer for `caller`: the tools, or, when there are more than the
    /// limit, the search meta-tool and the call meta-tool in their place.
    public func listedTools(for caller: MCPCaller) async -> [JSONValue] {
        let tools = await tools(for: caller).tools
        if tools.count > settings.toolListLimit { return MetaTools.definitions }
        return tools.map(\.definition)
    }

    /// The tool `exposedName` for `caller`, or an error: unknown tools are invalid parameters
    /// (as MCP says), tools the profile leaves out are refusals by the profile's rule.
    public func resolveTool(_ exposedName: String, for caller: MCPCaller) async throws -> ExposedTool {
        let candidates = caller.profile.servers.compactMap { settings.server($0) }.filter {
            exposedName.hasPrefix(($0.prefix ?? $0.name) + ExposedTool.separator)
        }
        for server in candidates {
            let tool = String(exposedName.dropFirst((server.prefix ?? server.name).count + ExposedTool.separator.count))
            let listing = try await listing(of: server)
            guard let definition = listing.tools.first(where: { $0["name"]?.stringValue == tool }) else { continue }
            guard caller.profile.allows(server: server.name, tool: tool, exposedName: exposedName) else {
                throw ToolRefusal(
                    rule: "profile:" + caller.profile.name,
                    reason: "the \(caller.profile.name) profile does not offer \(server.name)/\(tool)",
                    error: .forbidden("the \(caller.profile.name) profile does not offer the tool \(exposedName)"))
            }
            var renamed = definition
            renamed["name"] = .string(exposedName)
            return ExposedTool(server: server.name, tool: tool, exposedName: exposedName, definition: renamed)
        }
        throw RPCError.invalidParams("Unknown tool: \(exposedName)")
    }
}
