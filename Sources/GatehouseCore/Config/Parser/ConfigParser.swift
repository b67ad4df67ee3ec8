/// Reads `gatehouse.yaml` text into a ``GatehouseConfig``.
///
/// Validation is strict: every mapping is closed (unknown keys are errors, with a suggestion),
/// types are checked (under the YAML 1.2 core schema: quote a value to make it a string),
/// secrets must be references, and every problem is reported with its line and key path, not
/// just the first. An optional key set to null (`key:` or `key: ~`) is the same as leaving it
/// out. Pure: no file or environment access; the caller reads the file.
public enum ConfigParser {
    /// The only format version this Gatehouse reads.
    static let supportedVersion = 1

    /// Parses and validates a configuration; collects every problem (it does not stop at the
    /// first) and throws them all.
    ///
    /// - Parameters:
    ///   - text: The contents of the configuration file.
    ///   - file: The file name used in diagnostics.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> GatehouseConfig {
        let log = ConfigDiagnosticLog(file: file)
        var config = GatehouseConfig()
        if let root = YAMLDocument.load(text, log: log) {
            config = readDocument(root)
        }
        guard log.isEmpty else { throw log.error }
        return config
    }

    private static func readDocument(_ root: YAMLValue) -> GatehouseConfig {
        var config = GatehouseConfig()
        guard root.isMapping else {
            root.report("the top level must be a mapping, found \(root.summary)")
            return config
        }
        root.mapping { document in
            guard readVersion(&document) else {
                _ = document.takeAll()  // another version's keys are not this version's to judge
                return
            }
            if let value = document.optional("server") { config.server = readServer(value) }
            if let value = document.optional("store") { config.store = readStore(value) }
            if let value = document.optional("audit") { config.audit = readAudit(value) }
            if let value = document.optional("logging") { config.logging = readLogging(value) }
            if let value = document.optional("telemetry") { config.telemetry = readTelemetry(value) }
            if let value = document.optional("bootstrap") {
                config.bootstrap = readBootstrap(value)
            }
            if let value = document.optional("identity") { config.identity = readIdentity(value) }
            if let value = document.optional("sandbox") { config.sandbox = readSandbox(value) }
            if let value = document.optional("registry") { config.registry = readRegistry(value) }
            if let value = document.optional("mcp") { config.mcp = readMCP(value) }
            if let value = document.optional("scan") { config.scan = readScan(value) }
            // Limit ids and rule ids name what decided, so they share one namespace.
            var ruleIDs = RuleIDs()
            if let value = document.optional("inference") {
                config.inference = readInference(value, ids: &ruleIDs)
            }
            if let value = document.optional("groups") { config.groups = readGroups(value, ids: &ruleIDs) }
        }
        return config
    }

    /// Checks `version`; false when the file is of another version (and must not be read on).
    /// A missing or mistyped version is reported, and the rest read as version 1.
    private static func readVersion(_ document: inout YAMLMapping) -> Bool {
        guard let value = document.required("version"), let version = value.integer() else {
            return true
        }
        guard version == supportedVersion else {
            value.report(
                "unsupported version \(version) (this Gatehouse reads version \(supportedVersion))")
            return false
        }
        return true
    }
}
