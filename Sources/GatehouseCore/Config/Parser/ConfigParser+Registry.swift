/// Reading the `registry` section.
extension ConfigParser {
    static func readRegistry(_ value: YAMLValue) -> RegistryConfig {
        var registry = RegistryConfig()
        value.mapping { section in
            if let upstreams = section.optional("upstreams")?.sequence() {
                registry.upstreams = upstreams.compactMap(readUpstream)
            }
            if let directory = section.optional("cache_dir") {
                if let text = directory.string() {
                    if text.hasPrefix("/") {
                        registry.cacheDir = text
                    } else {
                        directory.report("expected an absolute directory")
                    }
                }
            }
            if let bytes = section.optional("cache_max_bytes")?.integer(in: (64 << 20)...(1 << 50)) {
                registry.cacheMaxBytes = Int64(bytes)
            }
            if let seconds = section.optional("tag_ttl_seconds")?.integer(in: 0...86_400) {
                registry.tagTTLSeconds = seconds
            }
            if let seconds = section.optional("token_ttl_seconds")?.integer(in: 30...3600) {
                registry.tokenTTLSeconds = seconds
            }
            if let classes = section.optional("classes")?.sequence() {
                var seen: Set<String> = []
                for item in classes {
                    guard let imageClass = readImageClass(item) else { continue }
                    guard seen.insert(imageClass.name).inserted else {
                        item.report("the class \(imageClass.name) is defined twice")
                        continue
                    }
                    registry.classes.append(imageClass)
                }
            }
            if let rules = section.optional("attestations")?.sequence() {
                registry.attestations = rules.enumerated().compactMap { index, rule in
                    readAttestationRule(rule, index: index)
                }
            }
            if let rules = section.optional("hardened")?.sequence() {
                registry.hardened = rules.enumerated().compactMap { index, rule in readHardeningRule(rule, index: index)
                }
            }
            if let rules = section.optional("signatures")?.sequence() {
                registry.signatures = rules.enumerated().compactMap { index, rule in
                    readSignatureRule(rule, index: index)
                }
            }
        }
        return registry
    }

    private static func readHardeningRule(_ item: YAMLValue, index: Int) -> HardeningRule? {
        readRequirementRule(item, id: "hardened[\(index)]", allowed: RegistryConfig.hardeningFacts)
    }

    private static func readAttestationRule(_ item: YAMLValue, index: Int) -> AttestationRule? {
        readRequirementRule(item, id: "attestations[\(index)]", allowed: RegistryConfig.attestationKinds)
    }

    /// `{id, repositories, require}` with `require` drawn from `allowed`.
    private static func readRequirementRule(_ item: YAMLValue, id defaultID: String, allowed: [String])
        -> RequirementRule?
    {
        item.mapping { entry -> RequirementRule? in
            let id = entry.optional("id")?.string() ?? defaultID
            let repositories = entry.required("repositories")?.stringOrSequence()?.compactMap { $0.string() }
            let require = entry.required("require")?.stringOrSequence()?.compactMap { value -> String? in
                guard let name = value.string() else { return nil }
                guard allowed.contains(name) else {
                    value.report("unknown requirement \(name) (expected one of: \(allowed.joined(separator: ", ")))")
                    return nil
                }
                return name
            }
            guard let repositories, let require else { return nil }
            guard !repositories.isEmpty, !require.isEmpty else {
                item.report("a rule needs at least one repository pattern and one requirement")
                return nil
            }
            return RequirementRule(id: id, repositories: repositories, require: require)
        } ?? nil
    }

    private static func readImageClass(_ item: YAMLValue) -> ImageClass? {
        item.mapping { entry -> ImageClass? in
            let name = entry.required("name")?.string()
            let repositories = entry.required("repositories")?.stringOrSequence()?.compactMap { $0.string() }
            guard let name, let repositories else { return nil }
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }),
                !repositories.isEmpty
            else {
                item.report("a class needs a name of letters, digits, - _ . and at least one repository pattern")
                return nil
            }
            return ImageClass(name: name, repositories: repositories)
        } ?? nil
    }

    private static func readSignatureRule(_ item: YAMLValue, index: Int) -> SignatureRule? {
        item.mapping { entry -> SignatureRule? in
            let id = entry.optional("id")?.string() ?? "signatures[\(index)]"
            let repositories = entry.required("repositories")?.stringOrSequence()?.compactMap { $0.string() }
            let keyValues = entry.required("keys")?.stringOrSequence()
            let keys = keyValues?.compactMap { value -> String? in
                guard let path = value.string() else { return nil }
                guard path.hasPrefix("/") else {
                    value.report("expected an absolute path to a PEM public key")
                    return nil
                }
                return path
            }
            guard let repositories, let keys else { return nil }
            guard !repositories.isEmpty, !keys.isEmpty else {
                item.report("a signature rule needs at least one repository pattern and one key")
                return nil
            }
            return SignatureRule(id: id, repositories: repositories, keys: keys)
        } ?? nil
    }

    private static func readUpstream(_ item: YAMLValue) -> RegistryUpstream? {
        item.mapping { entry -> RegistryUpstream? in
            let host = entry.required("host")?.string()
            let plainHTTP = entry.optional("plain_http")?.boolean() ?? false
            let username = entry.optional("username")?.string()
            let password = entry.optional("password")?.secretRef()
            guard let host else { return nil }
            if (username == nil) != (password == nil) {
                item.report("username and password go together")
                return nil
            }
            return RegistryUpstream(
                host: host.lowercased(), plainHTTP: plainHTTP, username: username, password: password)
        } ?? nil
    }
}
