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
    private static func readRequirementRule(_ item: YAMLValue, id: String, allowed: [String]) -> RequirementRule? {
        readRepositoryRule(item, id: id, list: "require") { name in
            allowed.contains(name)
                ? nil : "unknown requirement \(name) (expected one of: \(allowed.joined(separator: ", ")))"
        }.map { RequirementRule(id: $0.id, repositories: $0.repositories, require: $0.values) }
    }

    private static func readSignatureRule(_ item: YAMLValue, index: Int) -> SignatureRule? {
        readRepositoryRule(item, id: "signatures[\(index)]", list: "keys") { path in
            path.hasPrefix("/") ? nil : "expected an absolute path to a PEM public key"
        }.map { SignatureRule(id: $0.id, repositories: $0.repositories, keys: $0.values) }
    }

    /// `{id, repositories, LIST}`: at least one repository pattern and one entry of `list`, each
    /// entry accepted by `problem` (which names what is wrong, or nil).
    private static func readRepositoryRule(
        _ item: YAMLValue, id defaultID: String, list: String, problem: (String) -> String?
    ) -> (id: String, repositories: [String], values: [String])? {
        item.mapping { entry -> (String, [String], [String])? in
            let id = entry.optional("id")?.string() ?? defaultID
            let repositories = entry.required("repositories")?.stringOrSequence()?.compactMap { $0.string() }
            let values = entry.required(list)?.stringOrSequence()?.compactMap { value -> String? in
                guard let text = value.string() else { return nil }
                if let message = problem(text) {
                    value.report(message)
                    return nil
                }
                return text
            }
            guard let repositories, let values else { return nil }
            guard !repositories.isEmpty, !values.isEmpty else {
                item.report("a rule needs at least one repository pattern and at least one entry in \(list)")
                return nil
            }
            return (id, repositories, values)
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
