/// Reading the `sandbox` section.
extension ConfigParser {
    static func readSandbox(_ value: YAMLValue) -> SandboxConfig {
        var sandbox = SandboxConfig()
        value.mapping { section in
            if let roots = section.optional("workspace_roots") { sandbox.workspaceRoots = readRoots(roots) }
            if let roots = section.optional("image_roots") { sandbox.imageRoots = readRoots(roots) }
            if let credentials = section.optional("egress_credentials")?.sequence() {
                sandbox.egressCredentials = credentials.compactMap { item in
                    item.mapping { entry -> EgressCredential? in
                        let host = entry.required("host")?.string()
                        let header = entry.required("header")?.string()
                        let secret = entry.required("value")?.secretRef()
                        var caFile: String?
                        if let file = entry.optional("ca_file") {
                            caFile = file.string()
                            if let path = caFile, !path.hasPrefix("/") {
                                file.report("expected an absolute path to a PEM file")
                                caFile = nil
                            }
                        }
                        guard let host, let header, let secret else { return nil }
                        return EgressCredential(host: host.lowercased(), header: header, value: secret, caFile: caFile)
                    } ?? nil
                }
            }
        }
        return sandbox
    }

    /// Absolute directories other than `/`, without `..`.
    static func readRoots(_ value: YAMLValue) -> [String] {
        (value.stringOrSequence() ?? []).compactMap { root in
            guard let text = root.string() else { return nil }
            guard text.hasPrefix("/"), text != "/", !text.contains("..") else {
                root.report("expected an absolute directory other than /, without ..")
                return nil
            }
            return text.hasSuffix("/") ? String(text.dropLast()) : text
        }
    }
}
