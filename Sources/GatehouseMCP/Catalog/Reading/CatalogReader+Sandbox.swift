import GatehouseCore

/// Reading what confines a server Gatehouse runs: network, mounts, limits, pool, isolation.
extension CatalogReader {
    /// Reads the sandbox keys into `server` (a remote server has none; see ``sandboxKeys``).
    func readSandbox(_ fields: CatalogFields, into server: inout CatalogServer) throws(CatalogError) {
        server.disableNetwork = try fields["disableNetwork"]?.boolean() ?? false
        server.longLived = try fields["longLived"]?.boolean() ?? false
        server.allowHosts = try fields["allowHosts"]?.strings(CatalogChecks.hostProblem) ?? []
        if let node = fields["volumes"] {
            if case .command = server.kind, fields.isSet("volumes") {
                throw node.error("not used by a command server (type: command); bind host paths with paths")
            }
            for element in try node.sequence() {
                let volume = try element.string()
                if let problem = CatalogChecks.volumeProblem(volume) {
                    throw element.error(problem.message, unsupported: problem.isUnsupported)
                }
                server.volumes.append(volume)
            }
        }
        if let node = fields["paths"] {
            for element in try node.sequence() {
                let path = try element.string()
                if let problem = CatalogChecks.absolutePathProblem(path) { throw element.error(problem) }
                guard !server.paths.contains(path) else { throw element.error("the path is listed twice") }
                server.paths.append(path)
            }
        }
        if let node = fields["workdir"] {
            let workdir = try node.string()
            if let problem = CatalogChecks.absolutePathProblem(workdir) { throw node.error(problem) }
            server.workdir = workdir
        }
        server.limits = try fields["limits"].map { node throws(CatalogError) in try readLimits(node) }
        if let node = fields["pool"] {
            let pool = try node.fields(["max", "idle_seconds"])
            server.pool = CatalogServer.PoolSettings(
                max: try pool["max"]?.integer(in: 1...64) ?? 1,
                idleSeconds: try pool["idle_seconds"]?.integer(in: 0...86_400))
        }
        if let node = fields["isolation"] {
            let text = try node.string()
            guard let isolation = CatalogServer.Isolation(rawValue: text) else {
                throw node.error(
                    "invalid isolation \(ConfigEcho.quoted(text)) (expected "
                        + CatalogServer.Isolation.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            server.isolation = isolation
        }
    }

    /// `limits: {memory, pids, cpus, cpu_seconds, call_timeout_seconds}`.
    private func readLimits(_ node: CatalogNode) throws(CatalogError) -> CatalogServer.Limits {
        let fields = try node.fields(["memory", "pids", "cpus", "cpu_seconds", "call_timeout_seconds"])
        var limits = CatalogServer.Limits()
        if let memory = fields["memory"] {
            let text = try memory.scalarText()
            guard let bytes = CatalogChecks.memoryBytes(text), bytes >= 1 << 20, bytes <= 1 << 40 else {
                throw memory.error(
                    "invalid memory limit \(ConfigEcho.quoted(text)) (expected bytes or a size such as 512M or 2G, "
                        + "from 1M to 1T)")
            }
            limits.memoryBytes = bytes
        }
        limits.pids = try fields["pids"]?.integer(in: 1...65_536)
        limits.cpus = try fields["cpus"]?.number(in: 0.01...1024)
        limits.cpuSeconds = try fields["cpu_seconds"]?.integer(in: 1...604_800)
        limits.callTimeoutSeconds = try fields["call_timeout_seconds"]?.integer(in: 1...86_400)
        return limits
    }
}
