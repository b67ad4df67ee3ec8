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
        }
        return registry
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
