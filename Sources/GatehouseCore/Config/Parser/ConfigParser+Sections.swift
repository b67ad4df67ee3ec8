/// Reading the sections other than `groups`.
extension ConfigParser {
    /// `server`: host, port, data directory.
    static func readServer(_ value: YAMLValue) -> ServerConfig {
        var server = ServerConfig()
        value.mapping { section in
            if let host = section.optional("host")?.string() { server.host = host }
            if let port = section.optional("port")?.integer(in: 1...65535) { server.port = port }
            server.dataDir = section.optional("data_dir")?.string()
            if let url = section.optional("public_url"), let text = url.string() {
                if let problem = publicURLProblem(text) {
                    url.report(problem)
                } else {
                    server.publicURL = text.hasSuffix("/") ? String(text.dropLast()) : text
                }
            }
        }
        return server
    }

    /// `store`: URL (never with a password in it), password reference, pool size.
    static func readStore(_ value: YAMLValue) -> StoreConfig {
        var store = StoreConfig()
        value.mapping { section in
            if var url = section.optional("url") {
                url.isRedacted = true  // a URL may carry credentials
                if let text = url.string() {
                    if let problem = StoreConfig.problem(withURL: text) {
                        url.report(problem)
                    } else {
                        store.url = text
                    }
                }
            }
            store.password = section.optional("password")?.secretRef()
            if let count = section.optional("max_connections")?.integer(in: 1...200) {
                store.maxConnections = count
            }
        }
        return store
    }

    /// `audit`: checkpoint interval and batch size.
    static func readAudit(_ value: YAMLValue) -> AuditConfig {
        var audit = AuditConfig()
        value.mapping { section in
            if let every = section.optional("checkpoint_every")?.integer(in: 1...1_000_000) {
                audit.checkpointEvery = every
            }
            if let batch = section.optional("batch_max")?.integer(in: 1...10_000) {
                audit.batchMax = batch
            }
            audit.exportFile = section.optional("export_file")?.string()
            if let size = section.optional("export_max_bytes")?.integer(in: 1024...(1 << 40)) {
                audit.exportMaxBytes = size
            }
            if let keep = section.optional("export_keep")?.integer(in: 1...100) { audit.exportKeep = keep }
        }
        return audit
    }

    /// `logging`: level and format.
    static func readLogging(_ value: YAMLValue) -> LoggingConfig {
        var logging = LoggingConfig()
        value.mapping { section in
            if let level = section.optional("level")?.choice(LogLevel.allCases) {
                logging.level = level
            }
            if let format = section.optional("format")?.choice(LogFormat.allCases) {
                logging.format = format
            }
        }
        return logging
    }

    /// `bootstrap`: the administrator token reference and groups.
    static func readBootstrap(_ value: YAMLValue) -> BootstrapConfig {
        var bootstrap = BootstrapConfig()
        value.mapping { section in
            bootstrap.adminToken = section.optional("admin_token")?.secretRef()
            if let groups = section.optional("admin_groups")?.stringOrSequence() {
                bootstrap.adminGroups = groups.compactMap(readGroupName)
            }
        }
        return bootstrap
    }

    /// A group name (`[A-Za-z0-9][A-Za-z0-9._-]{0,127}`), or nil after reporting.
    static func readGroupName(_ value: YAMLValue) -> String? {
        guard let name = value.string() else { return nil }
        guard isGroupName(name) else {
            value.report(invalidGroupNameMessage)
            return nil
        }
        return name
    }

    /// Reported for a group name that is not `[A-Za-z0-9][A-Za-z0-9._-]{0,127}`.
    static let invalidGroupNameMessage =
        "invalid group name (use up to 128 letters, digits, \".\", \"_\" and \"-\", starting with a letter or digit)"

    /// Whether `name` matches `[A-Za-z0-9][A-Za-z0-9._-]{0,127}`.
    static func isGroupName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar)
        }
        guard let first = scalars.first, scalars.count <= 128, isAlphanumeric(first) else {
            return false
        }
        return scalars.allSatisfy { isAlphanumeric($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }
}

extension ConfigParser {
    /// `public_url` must be an absolute http(s) URL without query or fragment.
    static func publicURLProblem(_ text: String) -> String? {
        absoluteURLProblem(
            text, expected: "expected an absolute URL such as https://gatehouse.example.com", what: "the public URL")
    }

    /// `expected` unless `text` is an absolute http(s) URL; a problem naming `what` if it has a
    /// query, fragment or spaces; nil when it is fine.
    static func absoluteURLProblem(_ text: String, expected: String, what: String) -> String? {
        guard text.hasPrefix("https://") || text.hasPrefix("http://"), text.count > 8 else { return expected }
        guard !text.contains("?"), !text.contains("#"), !text.contains(" ") else {
            return "\(what) must not have a query, fragment or spaces"
        }
        return nil
    }
}
